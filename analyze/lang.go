package analyze

import (
	"iter"
	"maps"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/arabic"
	"github.com/blevesearch/snowballstem/german"
	"github.com/blevesearch/snowballstem/italian"
	"github.com/blevesearch/snowballstem/turkish"
	"github.com/kljensen/snowball/french"
	"github.com/kljensen/snowball/russian"
	"github.com/kljensen/snowball/spanish"

	"github.com/storyline-news/storyline/internal/memo"
)

// termLanguage is what Terms knows of one language: its stop words, its
// stemmer and how it writes words.
type termLanguage struct {
	code  string
	stop  map[string]bool
	stem  func(lower string) string
	cache *memo.Strings
	// elision: a short word before an apostrophe is an elided article or
	// preposition (French l'armée, Italian dell'Europa), and the word is
	// what follows it; otherwise what follows is a suffix (Petro's,
	// Turkish Ankara'da) and the word is what comes before.
	elision bool
	// keepMarks keeps combining marks (Arabic vowel signs) inside words.
	keepMarks bool
	// turkish lower-cases I as dotless ı and İ as i.
	turkish bool
}

// termLanguages are the languages TermsIn reads with their own stop words
// and stems, by ISO 639-1 code. Chinese ("zh") is read by chineseTerms.
var termLanguages = map[string]*termLanguage{"en": englishTerms}

func init() {
	snowballStem := func(stem func(*snowballstem.Env) bool) func(string) string {
		return func(w string) string {
			env := snowballstem.NewEnv(w)
			stem(env)
			return env.Current()
		}
	}
	for _, l := range []*termLanguage{
		{code: "de", stem: snowballStem(german.Stem)},
		{code: "es", stem: func(w string) string { return spanish.Stem(w, true) }},
		{code: "fr", stem: func(w string) string { return french.Stem(w, true) }, elision: true},
		{code: "it", stem: snowballStem(italian.Stem), elision: true},
		{code: "pl", stem: stemPolish},
		{code: "ru", stem: func(w string) string { return russian.Stem(w, true) }},
		{code: "tr", stem: snowballStem(turkish.Stem), turkish: true},
		{code: "ar", stem: snowballStem(arabic.Stem), keepMarks: true},
	} {
		l.stop = wordSet(stopwordLists[l.code])
		l.cache = new(memo.Strings)
		termLanguages[l.code] = l
	}
}

// TermLanguages returns the ISO 639-1 codes of the languages whose words
// TermsIn stems and whose stop words it knows, besides English.
func TermLanguages() []string {
	return []string{"ar", "de", "es", "fr", "it", "pl", "ru", "tr", "zh"}
}

// TermsIn returns the terms of text written in the language lang (an ISO
// 639-1 code, as language.Detect gives): lower-cased words without that
// language's stop words, stemmed by its stemmer, numbers as written; for
// Chinese, which does not separate words, the pairs of adjacent Han
// characters (see chineseTerms). Text in English or in a language without
// resources of its own is read as Terms reads it.
func TermsIn(lang, text string) []string {
	return AppendTermsIn(nil, lang, text)
}

// AppendTermsIn appends the terms of text in the language lang to dst (see
// TermsIn) and returns it.
func AppendTermsIn(dst []string, lang, text string) []string {
	if lang == "zh" {
		return appendChineseTerms(dst, text)
	}
	if l := termLanguages[lang]; l != nil {
		return l.appendTerms(dst, text)
	}
	return englishTerms.appendTerms(dst, text)
}

// stemBytes stems a word held in a byte slice, from the cache when it can.
func (l *termLanguage) stemBytes(lower []byte) string {
	if s, ok := l.cache.LoadBytes(lower); ok {
		return s
	}
	return l.stemNew(string(lower))
}

// stemNew stems a word that is not in the cache yet and caches it.
func (l *termLanguage) stemNew(lower string) string {
	s := l.stem(lower)
	// Copies: the word may be a slice of a whole text (see Tokenize),
	// which the cache would otherwise keep.
	s = strings.Clone(s)
	l.cache.Store(strings.Clone(lower), s)
	return s
}

// cutApostrophe returns the word of w, whose first apostrophe is at i: the
// part after an elided article in a language that elides (l'armée →
// armée), otherwise the part before the apostrophe (petro's → petro).
func (l *termLanguage) cutApostrophe(w []byte, i int) []byte {
	if l.elision && utf8.RuneCount(w[:i]) <= maxElided {
		rest := w[i+1:]
		if w[i] != '\'' {
			rest = w[i+len(rightQuote):]
		}
		if len(rest) >= 2 {
			return rest
		}
	}
	return w[:i]
}

// maxElided is the longest elided word before an apostrophe, in letters:
// French jusqu', lorsqu', puisqu', Italian quell', dell', sull'.
const maxElided = 7

// lower lower-cases a letter.
func (l *termLanguage) lower(c rune) rune {
	if l.turkish {
		return unicode.TurkishCase.ToLower(c)
	}
	return unicode.ToLower(c)
}

// wordSet makes a set of the space-separated words of list.
func wordSet(list string) map[string]bool {
	set := map[string]bool{}
	for _, w := range strings.Fields(list) {
		set[w] = true
	}
	return set
}

// IsStopwordIn reports whether the lower-cased word is a function word of
// the language lang (an ISO 639-1 code); for a language without a list of
// its own, whether it is an English one.
func IsStopwordIn(lang, lower string) bool {
	if l := termLanguages[lang]; l != nil {
		return l.stop[lower]
	}
	return stopwords[lower]
}

// HasStopwords reports whether TermsIn knows the function words of lang.
func HasStopwords(lang string) bool {
	return termLanguages[lang] != nil
}

// StopwordsIn returns the function words of lang that IsStopwordIn knows,
// in no order (English's for a language without a list of its own).
func StopwordsIn(lang string) iter.Seq[string] {
	if l := termLanguages[lang]; l != nil {
		return maps.Keys(l.stop)
	}
	return maps.Keys(stopwords)
}
