package analyze

import (
	"sort"
	"strings"
	"unicode"
)

// NameKeys returns the lower-cased capitalised words of text that are not
// sentence-initial and not function words, sorted and without repeats: a
// cheap stand-in for named entities that works on any text the tagger has
// not seen, used to tell stories apart ("Petro", "Bogotá", "Senate").
func NameKeys(text string) []string {
	seen := map[string]bool{}
	var keys []string
	initial := true // at the start of a sentence
	var word []rune
	flush := func(next rune) {
		if len(word) == 0 {
			return
		}
		w := word
		word = word[:0]
		wasInitial := initial
		initial = false
		if wasInitial || !unicode.IsUpper(w[0]) || len(w) < 2 {
			return
		}
		if allUpper(w) && len(w) > 5 { // SHOUTED HEADLINE words, not acronyms
			return
		}
		k := strings.TrimRight(strings.ToLower(string(w)), "'’")
		k = strings.TrimSuffix(strings.TrimSuffix(k, "'s"), "’s")
		if stopwords[k] || seen[k] {
			return
		}
		seen[k] = true
		keys = append(keys, k)
	}
	for _, c := range text {
		switch {
		case unicode.IsLetter(c) || unicode.IsDigit(c) || ((c == '\'' || c == '-' || c == '’') && len(word) > 0):
			word = append(word, c)
		default:
			flush(c)
			switch c {
			case '.', '!', '?', '\n', '“', '"', ':':
				initial = true
			}
		}
	}
	flush(0)
	sort.Strings(keys)
	return keys
}

func allUpper(w []rune) bool {
	for _, c := range w {
		if unicode.IsLower(c) {
			return false
		}
	}
	return true
}
