package reconcile

import (
	"strings"
	"unicode"

	"github.com/storyline-news/storyline"
)

// eventHeads are the words that make a name a weather event, not a person:
// "Storm Berenice", "Tropical Cyclone Tamsin", "Hurricane Ida".
var eventHeads = wordSet(`storm cyclone hurricane typhoon tornado`)

// cleanMentions corrects the recogniser where the text itself tells
// better: a named storm is an event (OTHER), and so are its other
// mentions by the bare name; a capitalised word that only starts a quote
// or a stretch of speech ("Disobey Trump", "Free Palestine") is not part of
// a name unless the text uses it elsewhere. quotes are the direct quotes
// found in text.
func cleanMentions(text string, ms []storyline.Mention, quotes []storyline.QuoteSpan) []storyline.Mention {
	rs := []rune(text)
	events := map[string]bool{}
	for _, m := range ms {
		if name, ok := eventName(rs, m); ok {
			events[name] = true
		}
	}
	out := make([]storyline.Mention, 0, len(ms))
	for _, m := range ms {
		if _, ok := eventName(rs, m); ok || events[m.Text] {
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
				m.Start += len([]rune(m.Text)) - len([]rune(rest))
				m.Text = rest
			default:
				continue
			}
		}
		out = append(out, m)
	}
	return out
}

// eventName returns the name of the storm a mention names ("Berenice" of
// "Storm Berenice", or of "Berenice" after "Cyclone"), if it does.
func eventName(rs []rune, m storyline.Mention) (string, bool) {
	first, rest := splitFirst(m.Text)
	if eventHeads[strings.ToLower(first)] && rest != "" {
		return rest, true
	}
	if w := wordBefore(rs, m.Start); eventHeads[strings.ToLower(w)] {
		return m.Text, true
	}
	return "", false
}

// splitFirst splits a name into its first word and the rest.
func splitFirst(name string) (string, string) {
	first, rest, _ := strings.Cut(name, " ")
	return first, strings.TrimSpace(rest)
}

// wordBefore returns the word that ends just before rune offset pos
// (spaces between), or "".
func wordBefore(rs []rune, pos int) string {
	i := pos - 1
	for i >= 0 && rs[i] == ' ' {
		i--
	}
	end := i + 1
	for i >= 0 && (unicode.IsLetter(rs[i]) || rs[i] == '-') {
		i--
	}
	return string(rs[i+1 : end])
}

// opening quotation marks.
const openQuotes = "“\"‘«'„"

// speechStart reports whether rune offset pos starts a quote or a stretch
// of speech: right after an opening quotation mark, after a speech verb
// and a comma or colon ("He stated, Disobey ..."), or at the start of a
// sentence inside a quote.
func speechStart(rs []rune, pos int, quotes []storyline.QuoteSpan) bool {
	i := pos - 1
	for i >= 0 && unicode.IsSpace(rs[i]) {
		i--
	}
	if i < 0 {
		return false
	}
	switch c := rs[i]; {
	case strings.ContainsRune(openQuotes, c):
		return true
	case c == ',' || c == ':':
		return speechVerbs[strings.ToLower(wordBefore(rs, i))]
	case c == '.' || c == '!' || c == '?':
		for _, q := range quotes {
			if q.Start < pos && pos < q.End {
				return true
			}
		}
	}
	return false
}

// usedElsewhere reports whether the text uses word (or words) outside
// mention m and other than at the start of speech or of a sentence, as a
// whole word with the same capitals.
func usedElsewhere(rs []rune, word string, m storyline.Mention, quotes []storyline.QuoteSpan) bool {
	w := []rune(word)
	if len(w) == 0 {
		return false
	}
	for i := 0; i+len(w) <= len(rs); i++ {
		if rs[i] != w[0] || string(rs[i:i+len(w)]) != word {
			continue
		}
		if i >= m.Start && i < m.End || i > 0 && unicode.IsLetter(rs[i-1]) || i+len(w) < len(rs) && unicode.IsLetter(rs[i+len(w)]) {
			continue
		}
		if !speechStart(rs, i, quotes) && !sentenceStart(rs, i) {
			return true
		}
	}
	return false
}

// sentenceStart reports whether rune offset pos starts a sentence or the
// text, where any word is capitalised.
func sentenceStart(rs []rune, pos int) bool {
	i := pos - 1
	for i >= 0 && unicode.IsSpace(rs[i]) {
		i--
	}
	return i < 0 || strings.ContainsRune(".!?", rs[i])
}
