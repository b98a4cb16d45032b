// Package language tells the language of a report from its text.
package language

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/RadhiFadlillah/whatlanggo"

	"github.com/storyline-news/storyline/analyze"
)

// sampleBytes is how much of a text Detect reads: the trigram profile of a
// few thousand characters already names the language, and a long report
// would otherwise cost time for nothing.
const sampleBytes = 2500

// Detect returns the ISO 639-1 code of the language of a report's title and
// body ("en", "de", "zh"), found from the text itself. declared, the
// language the page or feed says it is in (a code or tag such as "en-GB"),
// only breaks a tie: it is returned when the text does not tell. The result
// is "" when neither tells.
//
// Character trigrams (whatlanggo) name the language; in Latin script, where
// trigram profiles of neighbouring languages are close and a headline or a
// list of keywords often looks Danish or French to them, the text's
// function words must agree: a text whose English function words are as
// many as those of the language the trigrams name is English, and one with
// no function words of either is believed only when long and reliably
// classified.
func Detect(title, body, declared string) string {
	declared = Code(declared)
	text := sample(title, body)
	latin := mostlyLatin(text)
	var words int
	var counts map[string]int
	if latin {
		words, counts = functionWords(text)
		if isEnglish(words, counts, false) {
			return "en" // the common case, without the cost of trigrams
		}
		if len(counts) == 0 && letters(text) < minUnbackedLetters {
			// Names or keywords without a function word: too short
			// for trigrams to be believed (see below), and trying
			// them would cost a report's whole detection again.
			return declared
		}
	}
	info := whatlanggo.DetectWithOptions(text, detectOptions)
	code := info.Lang.Iso6391()
	switch {
	case code == "":
		return declared
	case code == "en" || !latin || info.Script != unicode.Latin:
		if !info.IsReliable() && declared != "" {
			return declared
		}
		return code
	}
	n := letters(text)
	own := counts[code]
	best, most := "", 0 // the listed language with most function words
	for _, l := range latinLists {
		if l != "en" && counts[l] > most {
			best, most = l, counts[l]
		}
	}
	switch {
	case isEnglish(words, counts, analyze.HasStopwords(code)):
		return "en"
	case !analyze.HasStopwords(code) && !info.IsReliable() && most >= minFunctionWords && most*minOwnShare >= words:
		// Trigrams torn between neighbours (German read as Afrikaans):
		// the function words decide.
		return best
	case own >= minFunctionWords && (own*minOwnShare >= words || info.IsReliable() && own*minFunctionShare >= words):
		return code
	case code == "tr" && info.IsReliable() && own > counts["en"] && n >= minBackedLetters:
		// Few but some function words of its own, more than of
		// English: Turkish, which agglutinates most of them.
		return code
	case info.IsReliable() && n >= minUnbackedLetters:
		return code
	}
	return declared
}

// isEnglish reports whether a Latin-script text of words words, with
// counts function words of each of latinLists, is English: it has English
// function words, at least as many as of any other language, and, unless
// the trigrams named a listed language (rival), one word in
// minFunctionShare is one.
func isEnglish(words int, counts map[string]int, rival bool) bool {
	en := counts["en"]
	for _, l := range latinLists {
		if counts[l] > en {
			return false
		}
	}
	return en > 0 && (rival || en*minFunctionShare >= words)
}

// mostlyLatin reports whether most letters of text are Latin.
func mostlyLatin(text string) bool {
	latin, other := 0, 0
	for _, r := range text {
		switch {
		case r < 0x80 && ('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'), unicode.Is(unicode.Latin, r):
			latin++
		case unicode.IsLetter(r):
			other++
		}
	}
	return latin > other
}

// detectOptions limit trigram detection to the languages of news that
// storyline is likely to meet, which makes it three times faster than
// trying all 84 and keeps rare neighbours (Afrikaans for German, Scots
// for English) from winning on a short text.
var detectOptions = whatlanggo.Options{Whitelist: map[whatlanggo.Lang]bool{}}

func init() {
	news := map[string]bool{}
	for _, c := range strings.Fields(`en de es fr it pt nl pl tr ro hu cs sk sl hr sr bs sv da nb nn fi et lv lt id ms vi ca az uz
	ru uk bg mk be kk ar fa ur hi mr ne zh ja ko he el th ka hy bn ta te ml kn gu pa am`) {
		news[c] = true
	}
	for l := whatlanggo.Lang(0); l <= whatlanggo.Ydd; l++ {
		if news[l.Iso6391()] {
			detectOptions.Whitelist[l] = true
		}
	}
}

// latinLists are the Latin-script languages whose function words analyze
// lists.
var latinLists = []string{"en", "de", "es", "fr", "it", "pl", "tr"}

// minOwnShare: a text is in a language other than English when at least
// one word in minOwnShare is one of its function words, or one in
// minFunctionShare when the trigrams are sure of it (a list of English
// keywords meets a few function words of other languages by chance: German
// den, er; French par).
const minOwnShare = 5

// minBackedLetters is the fewest letters of a Latin-script text with a few
// function words of its language, none of English, whose detected language
// is believed.
const minBackedLetters = 100

// minFunctionWords is how many function words of its own language make a
// Latin-script text's detected language believed.
const minFunctionWords = 3

// minFunctionShare: running text has a function word in every two or three
// words, a list of names or keywords hardly any. A text is English when at
// least one word in minFunctionShare is an English function word (and no
// other listed language has more).
const minFunctionShare = 8

// minUnbackedLetters is the fewest letters of a Latin-script text without
// function words whose detected language is believed.
const minUnbackedLetters = 400

// functionWords counts the words of text, and among them the function
// words of each of latinLists.
func functionWords(text string) (words int, counts map[string]int) {
	counts = map[string]int{}
	var buf [32]byte
	for w := range strings.FieldsFuncSeq(text, func(r rune) bool {
		return !unicode.IsLetter(r) && r != '\'' && r != '’'
	}) {
		words++
		w = strings.Trim(w, "'’")
		if len(w) > len(buf) {
			continue // no function word is this long
		}
		mask := functionWordLangs[string(appendLower(buf[:0], w))]
		for i, l := range latinLists {
			if mask&(1<<i) != 0 {
				counts[l]++
			}
		}
	}
	return words, counts
}

// appendLower appends w lower-cased to dst.
func appendLower(dst []byte, w string) []byte {
	for _, r := range w {
		if r < utf8.RuneSelf {
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			dst = append(dst, byte(r))
			continue
		}
		dst = utf8.AppendRune(dst, unicode.ToLower(r))
	}
	return dst
}

// functionWordLangs gives each function word of latinLists the set of
// those languages it belongs to, one bit per language.
var functionWordLangs = map[string]uint8{}

func init() {
	for i, l := range latinLists {
		for w := range analyze.StopwordsIn(l) {
			functionWordLangs[w] |= 1 << i
		}
	}
}

// Code reduces a language tag ("en-GB", "pt_BR", " DE ") to its lower-case
// ISO 639-1 code ("en", "pt", "de").
func Code(tag string) string {
	tag = strings.ToLower(strings.TrimSpace(tag))
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		tag = tag[:i]
	}
	return tag
}

// sample joins title and body and cuts the result to about sampleBytes,
// at a rune boundary.
func sample(title, body string) string {
	text := title + "\n" + body
	if len(text) <= sampleBytes {
		return text
	}
	cut := sampleBytes
	for cut > 0 && !utf8.RuneStart(text[cut]) {
		cut--
	}
	return text[:cut]
}

// letters counts the letters of text, up to minUnbackedLetters.
func letters(text string) int {
	n := 0
	for _, r := range text {
		if unicode.IsLetter(r) {
			n++
			if n >= minUnbackedLetters {
				break
			}
		}
	}
	return n
}
