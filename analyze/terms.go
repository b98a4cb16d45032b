package analyze

import (
	"bytes"
	"iter"
	"maps"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"

	"github.com/storyline-news/storyline/internal/memo"
)

// stopwords are English function words that carry no topic.
var stopwords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`a about above after again against all also am an and any are aren't as at
	be because been before being below between both but by can can't cannot could couldn't did didn't do does
	doesn't doing don't down during each few for from further had hadn't has hasn't have haven't having he he'd
	he'll he's her here here's hers herself him himself his how how's i i'd i'll i'm i've if in into is isn't it
	it's its itself let's me more most mustn't my myself no nor not of off on once only or other ought our ours
	ourselves out over own same shan't she she'd she'll she's should shouldn't so some such than that that's the
	their theirs them themselves then there there's these they they'd they'll they're they've this those through
	to too under until up very was wasn't we we'd we'll we're we've were weren't what what's when when's where
	where's which while who who's whom why why's with won't would wouldn't you you'd you'll you're you've your
	yours yourself yourselves s t will just now said says say told one two also new like get got may might
	must shall us mr mrs ms per via yet since among amid upon however would`) {
		stopwords[w] = true
	}
}

// IsStopword reports whether the lower-cased word is an English function word.
func IsStopword(lower string) bool {
	return stopwords[lower]
}

// Stopwords returns the stop words, in no order.
func Stopwords() iter.Seq[string] { return maps.Keys(stopwords) }

// stemCache remembers stems: news vocabulary repeats, and stemming is the
// costliest step of Terms.
var stemCache memo.Strings

// Stem returns the Snowball (Porter2) stem of the lower-cased word.
func Stem(lower string) string {
	if s, ok := stemCache.Load(lower); ok {
		return s
	}
	return englishTerms.stemNew(lower)
}

// englishTerms is how Terms reads English, and any language without
// resources of its own.
var englishTerms = &termLanguage{
	code:  "en",
	stop:  stopwords,
	stem:  func(w string) string { return english.Stem(w, true) },
	cache: &stemCache,
}

// Terms returns the stemmed content words of text, in order: lower-cased word
// tokens without stop words, possessives or one-letter words, with numbers
// kept as written. The text is read as English; TermsIn reads other
// languages.
func Terms(text string) []string {
	return AppendTerms(nil, text)
}

// AppendTerms appends the terms of text to dst (see Terms) and returns it.
// It scans the text once without building tokens, for speed: a word is
// gathered in a buffer, and a string is made only for a number or a word
// whose stem is not cached yet.
func AppendTerms(dst []string, text string) []string {
	return englishTerms.appendTerms(dst, text)
}

// appendTerms appends the terms of text in language l to dst.
func (l *termLanguage) appendTerms(dst []string, text string) []string {
	var buf [64]byte
	word := buf[:0]
	flush := func() {
		w := trimWordEdges(word)
		word = word[:0]
		if len(w) < 2 || l.stop[string(w)] {
			return
		}
		if i := indexApostrophe(w); i > 0 {
			w = l.cutApostrophe(w, i) // petro's → petro, don't was dropped above
			if len(w) < 2 || l.stop[string(w)] {
				return
			}
		}
		if isDigitBytes(w) {
			dst = append(dst, string(w))
			return
		}
		dst = append(dst, l.stemBytes(w))
	}
	for _, c := range text {
		switch {
		case c < utf8.RuneSelf && ('a' <= c && c <= 'z' || '0' <= c && c <= '9'):
			word = append(word, byte(c))
		case c < utf8.RuneSelf && 'A' <= c && c <= 'Z' && !l.turkish:
			word = append(word, byte(c)+'a'-'A')
		case unicode.IsLetter(c) || unicode.IsDigit(c):
			word = utf8.AppendRune(word, l.lower(c))
		case (c == '-' || c == '\'' || c == '’') && len(word) > 0:
			word = utf8.AppendRune(word, c)
		case l.keepMarks && len(word) > 0 && unicode.Is(unicode.Mn, c):
			word = utf8.AppendRune(word, c) // Arabic vowel signs
		default:
			if len(word) > 0 {
				flush()
			}
		}
	}
	if len(word) > 0 {
		flush()
	}
	return dst
}

// trimWordEdges drops hyphens and apostrophes (' and ’) from both ends of
// a word.
func trimWordEdges(w []byte) []byte {
	for len(w) > 0 {
		switch {
		case w[0] == '-' || w[0] == '\'':
			w = w[1:]
		case bytes.HasPrefix(w, rightQuote):
			w = w[len(rightQuote):]
		default:
			goto end
		}
	}
end:
	for len(w) > 0 {
		switch {
		case w[len(w)-1] == '-' || w[len(w)-1] == '\'':
			w = w[:len(w)-1]
		case bytes.HasSuffix(w, rightQuote):
			w = w[:len(w)-len(rightQuote)]
		default:
			return w
		}
	}
	return w
}

var rightQuote = []byte("’")

// indexApostrophe returns the index of the first ' or ’ in w, or -1.
func indexApostrophe(w []byte) int {
	i := bytes.IndexByte(w, '\'')
	if j := bytes.Index(w, rightQuote); j >= 0 && (i < 0 || j < i) {
		i = j
	}
	return i
}

func isDigitBytes(w []byte) bool {
	for _, c := range w {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
