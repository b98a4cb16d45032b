package reconcile

import (
	"strings"

	wordkeys "github.com/storyline-news/storyline/analyze/lexicon"
)

// wordSet makes a set of the words of a blank-separated list.
func wordSet(list string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(list) {
		m[w] = true
	}
	return m
}

// appendOnce appends s to list unless list holds it.
func appendOnce(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// termKey returns the comparable key of a lower-cased word (see
// wordkeys.Key).
func termKey(w string) string { return wordkeys.Key(w) }
