package reconcile

import "strings"

// More words that reports use for one another, added to paraphrases (see
// terms.go).
func init() {
	for key, list := range map[string]string{
		"night": "night nights overnight",
	} {
		for _, w := range strings.Fields(list) {
			paraphrases[w] = key
		}
	}
}
