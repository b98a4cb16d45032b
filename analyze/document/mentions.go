package document

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/analyze"
	wordkeys "github.com/storyline-news/storyline/analyze/lexicon"
	"github.com/storyline-news/storyline/analyze/ner"
)

// eventHeads are the words that make a name a weather event, not a person:
// "Storm Berenice", "Tropical Cyclone Tamsin", "Hurricane Ida".
var eventHeads = wordSet(`storm cyclone hurricane typhoon tornado`)

// cleanMentions corrects the recogniser where the text itself tells
// better: a named storm is an event (OTHER), and so are its other
// mentions by the bare name; a capitalised word that only starts a quote
// or a stretch of speech ("Disobey Trump", "Free Palestine") is not part of
// a name unless the text uses it elsewhere; a name of several words headed
// by a word that names a body ("Shetland Islands Council", "Dakar Centre
// for Ocean Policy") is an organisation. quotes are the direct quotes
// found in text; offs is analyze.RuneOffsets(text), or nil.
func cleanMentions(text string, offs []int, ms []storyline.Mention, quotes []storyline.QuoteSpan) []storyline.Mention {
	rs := newRuneText(text, offs)
	events := map[string]bool{}
	isEvent := make([]bool, len(ms))
	for i, m := range ms {
		if name, ok := eventName(rs, m); ok {
			events[name], isEvent[i] = true, true
		}
	}
	places := datelinePlaces(rs, ms)
	modifiers := personModifiers(ms)
	out := make([]storyline.Mention, 0, len(ms))
	for i, m := range ms {
		if modifiers != nil && m.Type != storyline.Person {
			if first, rest := splitFirst(m.Text); modifiers[first] && strings.Contains(rest, " ") && modifiers[rest] {
				// "the Obama National Security Council": a person's name
				// before the name of a body also named alone.
				m.Start += utf8.RuneCountInString(m.Text) - utf8.RuneCountInString(rest)
				m.Text = rest
			}
		}
		switch {
		case places != nil && places[strings.ToLower(m.Text)]:
			m.Type = storyline.Place
		case m.Type != storyline.Org && m.Type != storyline.Other && headedByBody(m.Text):
			m.Type = storyline.Org
		case m.Type != storyline.Place && headedByPlace(m.Text):
			m.Type = storyline.Place
		case m.Type == storyline.Org && !strings.Contains(m.Text, " ") && listedWithPlace(rs, ms, i):
			m.Type = storyline.Place
		case m.Type == storyline.Org && holdsLower(placePrepositions, wordBefore(rs, m.Start)) && ner.Default().PlaceName(m.Text):
			// "flights to Bristol": a place the gazetteer knows, where a
			// place stands.
			m.Type = storyline.Place
		}
		if commonAtStart(rs, m, quotes) {
			continue
		}
		if isEvent[i] || events[m.Text] {
			m.Type = storyline.Other
			out = append(out, m)
			continue
		}
		if m.Type != storyline.Other && speechStart(rs, m.Start, quotes) {
			first, rest := splitFirst(m.Text)
			switch {
			case usedElsewhere(rs, first, m, quotes):
			case rest != "" && usedElsewhere(rs, rest, m, quotes):
				// "Disobey Trump": the verb is not part of the name.
				m.Start += utf8.RuneCountInString(m.Text) - utf8.RuneCountInString(rest)
				m.Text = rest
			default:
				continue
			}
		}
		out = append(out, m)
	}
	return out
}

// personModifiers returns the last words of the people's names among ms
// and the other names of several words (nil when there are none): a
// mention made of such a last word and such a name is the name, with a
// person's name before it as a modifier ("the Obama National Security
// Council" where the text also names the National Security Council alone).
func personModifiers(ms []storyline.Mention) map[string]bool {
	var set map[string]bool
	add := func(k string) {
		if set == nil {
			set = map[string]bool{}
		}
		set[k] = true
	}
	for _, m := range ms {
		switch {
		case m.Type == storyline.Person:
			if i := strings.LastIndexByte(m.Text, ' '); i >= 0 {
				add(m.Text[i+1:])
			} else {
				add(m.Text)
			}
		case strings.Contains(m.Text, " "):
			add(m.Text)
		}
	}
	return set
}

// datelinePlaces returns, lower-cased, the names that open a dateline: a
// capitalised name at the start of the text or of a line, written in
// capitals and followed by a comma, a parenthesis or a dash ("BRISBANE,
// March 13 (MPA) -", "GENEVA (Reuters) —"). A dateline names the place a
// report was filed from, whatever the tagger made of it.
func datelinePlaces(rs *runeText, ms []storyline.Mention) map[string]bool {
	var places map[string]bool
	for _, m := range ms {
		if m.Start > 0 && rs.at(m.Start-1) != '\n' || m.End >= rs.n || !allCaps(m.Text) {
			continue
		}
		if !opensDateline(rs.text[rs.byteAt(m.End):]) {
			continue
		}
		if places == nil {
			places = map[string]bool{}
		}
		places[strings.ToLower(m.Text)] = true
	}
	return places
}

// opensDateline reports whether what follows a name in capitals at the
// start of a line makes it a dateline: a dash, an agency in parentheses,
// or a comma and a capitalised word (a state, a country, a date: "Iowa,
// Aug. 10"), not a comma and running text ("MSNBC, for one, ...").
func opensDateline(rest string) bool {
	for _, dash := range []string{" -", " —", " –", " ("} {
		if strings.HasPrefix(rest, dash) {
			return true
		}
	}
	after, ok := strings.CutPrefix(rest, ", ")
	if !ok {
		return false
	}
	c, _ := utf8.DecodeRuneInString(after)
	return unicode.IsUpper(c)
}

// allCaps reports whether a name has letters and none in lower case.
func allCaps(s string) bool {
	letters := 0
	for _, c := range s {
		switch {
		case unicode.IsLower(c):
			return false
		case unicode.IsLetter(c):
			letters++
		}
	}
	return letters >= 2
}

// commonAtStart reports whether mention m is a lone common word that the
// tagger took for a name because it starts a sentence ("Power had been
// restored"): one word that the word table knows as almost always written
// in lower case, and that the text never capitalises elsewhere.
func commonAtStart(rs *runeText, m storyline.Mention, quotes []storyline.QuoteSpan) bool {
	if strings.ContainsAny(m.Text, " -") || !sentenceStart(rs, m.Start) || allCaps(m.Text) {
		return false
	}
	return ner.Default().CommonWord(m.Text) && !usedElsewhere(rs, m.Text, m, quotes)
}

// eventName returns the name of the storm a mention names ("Berenice" of
// "Storm Berenice", or of "Berenice" after "Cyclone"), if it does.
func eventName(rs *runeText, m storyline.Mention) (string, bool) {
	first, rest := splitFirst(m.Text)
	if rest != "" && holdsLower(eventHeads, first) {
		return rest, true
	}
	if w := wordBefore(rs, m.Start); holdsLower(eventHeads, w) {
		return m.Text, true
	}
	return "", false
}

// bodyHeads are nouns that make a name of several words the name of an
// organisation when they end it, or precede its "of" or "for": "Islands
// Council", "Centre for Ocean Policy", "Ministry of Fisheries". Words that
// also end place names ("West Bank", "Soviet Union", "Earls Court", "Oval
// Office") are left out, and a dateline's place stays a place ("NEWPORT
// NEWS").
var bodyHeads = wordSet(`council councils association associations centre center committee
	ministry department agency authority commission party company corporation corp inc ltd plc
	institute institution university college school hospital foundation society federation
	confederation league alliance coalition organisation organization network group holdings
	securities motors airlines airways gazette times herald tribune chronicle courier
	observer journal news press police army navy brigade parliament assembly senate congress
	board bureau service services trust fund club team coastguard`)

// headedByBody reports whether a name of several words is headed by a
// bodyHeads word: its last word, or the word before an inner "of" or
// "for".
func headedByBody(name string) bool {
	words := strings.Fields(name)
	if len(words) < 2 {
		return false
	}
	if holdsLower(bodyHeads, words[len(words)-1]) {
		return true
	}
	for i := 1; i+1 < len(words); i++ {
		if (words[i] == "of" || words[i] == "for") && holdsLower(bodyHeads, words[i-1]) {
			return true
		}
	}
	return false
}

// placeHeads are nouns that make a name a place when they end it or open
// it before "of": "Bay of Biscay", "Mandeo River", "Shetland Islands".
var placeHeads = wordSet(`bay gulf strait straits sea ocean river lake island islands isle peninsula
	coast valley mountains mount cape canal channel estuary delta desert province region county district
	archipelago plain plains plateau basin`)

// placePrepositions are the words before a name that put it where a place
// stands ("to Bristol", "near Vigo").
var placePrepositions = wordSet(`in to from near at across outside around towards toward into through via`)

// headedByPlace reports whether a name of several words is headed by a
// placeHeads word: its last word, or its first before "of". A name that
// a body's word heads is not ("Gulf Cooperation Council").
func headedByPlace(name string) bool {
	words := strings.Fields(name)
	if len(words) < 2 || headedByBody(name) {
		return false
	}
	return holdsLower(placeHeads, words[len(words)-1]) || words[1] == "of" && holdsLower(placeHeads, words[0])
}

// listedWithPlace reports whether mention i stands in a list with a place
// next to it, joined by a comma, "and" or "or": "the ports of A Coruña,
// Ferrol and Vigo" lists three places, whatever the tagger made of the
// last two.
func listedWithPlace(rs *runeText, ms []storyline.Mention, i int) bool {
	joined := func(a, b storyline.Mention) bool {
		if a.End > b.Start || b.Start-a.End > 6 {
			return false
		}
		switch strings.TrimSpace(rs.text[rs.byteAt(a.End):rs.byteAt(b.Start)]) {
		case ",", "and", ", and", "or", ", or":
			return true
		}
		return false
	}
	for k := i - 1; k >= 0; k-- {
		if !joined(ms[k], ms[k+1]) {
			break
		}
		if ms[k].Type == storyline.Place {
			return true
		}
	}
	for k := i + 1; k < len(ms); k++ {
		if !joined(ms[k-1], ms[k]) {
			break
		}
		if ms[k].Type == storyline.Place {
			return true
		}
	}
	return false
}

// splitFirst splits a name into its first word and the rest.
func splitFirst(name string) (string, string) {
	first, rest, _ := strings.Cut(name, " ")
	return first, strings.TrimSpace(rest)
}

// wordBefore returns the word that ends just before rune offset pos
// (spaces between), or "".
func wordBefore(rs *runeText, pos int) string {
	i := pos - 1
	for i >= 0 && rs.at(i) == ' ' {
		i--
	}
	end := i + 1
	for i >= 0 && (unicode.IsLetter(rs.at(i)) || rs.at(i) == '-') {
		i--
	}
	// Letters and hyphens are whole runes of the text: their bytes are
	// what string(runes) would make.
	return rs.text[rs.byteAt(i+1):rs.byteAt(end)]
}

// holdsLower reports whether set holds w in lower case, without making
// the lower-case string for a short ASCII word.
func holdsLower(set map[string]bool, w string) bool {
	var buf [24]byte
	if len(w) > len(buf) || !analyze.IsASCII(w) {
		return set[strings.ToLower(w)]
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return set[string(buf[:len(w)])]
}

// opening quotation marks.
const openQuotes = "“\"‘«'„"

// speechStart reports whether rune offset pos starts a quote or a stretch
// of speech: right after an opening quotation mark, after a speech verb
// and a comma or colon ("He stated, Disobey ..."), or at the start of a
// sentence inside a quote.
func speechStart(rs *runeText, pos int, quotes []storyline.QuoteSpan) bool {
	i := pos - 1
	for i >= 0 && unicode.IsSpace(rs.at(i)) {
		i--
	}
	if i < 0 {
		return false
	}
	switch c := rs.at(i); {
	case strings.ContainsRune(openQuotes, c):
		return true
	case c == ',' || c == ':':
		return holdsLower(wordkeys.UnmarkedSpeechVerbs, wordBefore(rs, i))
	case c == '.' || c == '!' || c == '?':
		for _, q := range quotes {
			for _, sp := range q.Pieces() {
				if sp[0] < pos && pos < sp[1] {
					return true
				}
			}
		}
	}
	return false
}

// usedElsewhere reports whether the text uses word (or words) outside
// mention m and other than at the start of speech or of a sentence, as a
// whole word with the same capitals.
func usedElsewhere(rs *runeText, word string, m storyline.Mention, quotes []storyline.QuoteSpan) bool {
	// The text's runes are valid (U+FFFD for a bad byte): a word that is
	// not valid UTF-8 is never among them.
	if word == "" || !utf8.ValidString(word) {
		return false
	}
	n := utf8.RuneCountInString(word)
	elsewhere := func(i int) bool {
		if i >= m.Start && i < m.End || i > 0 && unicode.IsLetter(rs.at(i-1)) || i+n < rs.n && unicode.IsLetter(rs.at(i+n)) {
			return false
		}
		return !speechStart(rs, i, quotes) && !sentenceStart(rs, i)
	}
	if rs.valid {
		// In valid UTF-8, the word's bytes occur where its runes do.
		for from := 0; ; {
			k := strings.Index(rs.text[from:], word)
			if k < 0 {
				return false
			}
			if elsewhere(rs.runeOf(from + k)) {
				return true
			}
			from += k + 1
		}
	}
	w0, _ := utf8.DecodeRuneInString(word)
	for i := 0; i+n <= rs.n; i++ {
		if rs.at(i) == w0 && rs.hasAt(i, word) && elsewhere(i) {
			return true
		}
	}
	return false
}

// sentenceStart reports whether rune offset pos starts a sentence or the
// text, where any word is capitalised.
func sentenceStart(rs *runeText, pos int) bool {
	i := pos - 1
	for i >= 0 && unicode.IsSpace(rs.at(i)) {
		i--
	}
	return i < 0 || strings.ContainsRune(".!?", rs.at(i))
}

// runeText reads a text by rune offset as []rune(text) would, without
// converting it: it keeps its place, so reading near the offset read last
// is cheap.
type runeText struct {
	text  string
	valid bool // text is valid UTF-8
	n     int  // runes
	r, b  int  // rune offset r is at byte offset b
	// offs, when not nil, is analyze.RuneOffsets(text): the byte offset
	// of every rune offset, read instead of walking the text.
	offs []int
}

// newRuneText starts reading text at its first rune; offs is
// analyze.RuneOffsets(text), or nil.
func newRuneText(text string, offs []int) *runeText {
	if offs != nil {
		return &runeText{text: text, valid: utf8.ValidString(text), n: len(offs) - 1, offs: offs}
	}
	return &runeText{text: text, valid: utf8.ValidString(text), n: utf8.RuneCountInString(text)}
}

// runeOf returns the rune offset of byte offset b, which starts a rune.
func (rs *runeText) runeOf(b int) int {
	if b >= rs.b {
		rs.r += utf8.RuneCountInString(rs.text[rs.b:b])
	} else {
		rs.r -= utf8.RuneCountInString(rs.text[b:rs.b])
	}
	rs.b = b
	return rs.r
}

// byteAt returns the byte offset of rune offset pos, 0 <= pos <= n.
func (rs *runeText) byteAt(pos int) int {
	if rs.offs != nil {
		rs.r, rs.b = pos, rs.offs[pos]
		return rs.b
	}
	if pos < rs.r-pos {
		rs.r, rs.b = 0, 0 // reading from the start is nearer
	}
	for rs.r < pos {
		size := 1
		if rs.text[rs.b] >= utf8.RuneSelf {
			_, size = utf8.DecodeRuneInString(rs.text[rs.b:])
		}
		rs.r, rs.b = rs.r+1, rs.b+size
	}
	// Backwards, a bad byte also reads as one U+FFFD: decoding from the
	// end finds the runes that decoding from the start does.
	for rs.r > pos {
		size := 1
		if rs.text[rs.b-1] >= utf8.RuneSelf {
			_, size = utf8.DecodeLastRuneInString(rs.text[:rs.b])
		}
		rs.r, rs.b = rs.r-1, rs.b-size
	}
	return rs.b
}

// at returns the rune at offset pos, 0 <= pos < n.
func (rs *runeText) at(pos int) rune {
	b := rs.byteAt(pos)
	if c := rs.text[b]; c < utf8.RuneSelf {
		return rune(c)
	}
	c, _ := utf8.DecodeRuneInString(rs.text[b:])
	return c
}

// hasAt reports whether the runes from offset pos on spell word (valid
// UTF-8).
func (rs *runeText) hasAt(pos int, word string) bool {
	b := rs.byteAt(pos)
	for _, c := range word {
		if b >= len(rs.text) {
			return false
		}
		got, size := utf8.DecodeRuneInString(rs.text[b:])
		if got != c {
			return false
		}
		b += size
	}
	return true
}
