package reconcile

import (
	"strings"
	"testing"

	"github.com/storyline-news/storyline/analyze"
)

// TestClassify checks that a token's classes say what the word lists and
// the figure tests would.
func TestClassify(t *testing.T) {
	toks := analyze.Tokenize("Officials said nine people may have died in March, with 2.1bn and 10km; 3 million, 4 m.")
	low := lowerTokens(nil, toks)
	cls := classify(toks, low)
	for i, w := range low {
		for class, set := range map[wordClass]map[string]bool{
			reportingWord: reporting, possibleWord: possibleWords, monthWord: months, auxiliaryWord: auxiliaries,
		} {
			if cls[i].has(class) != set[w] {
				t.Errorf("%q: class %b is %v, want %v", w, class, cls[i].has(class), set[w])
			}
		}
		figure := map[string]bool{"nine": true, "2.1bn": true, "10km": true, "3": true, "million": true, "4": true}[w]
		if cls[i].has(figureToken) != figure {
			t.Errorf("%q: figure token %v, want %v", w, cls[i].has(figureToken), figure)
		}
	}
}

// TestLowerTokens checks that tokens are lowered as strings.ToLower would.
func TestLowerTokens(t *testing.T) {
	toks := analyze.Tokenize("The U.S. and ÉLYSÉE officials met on Monday in São Paulo; iPhone sales rose 3%. \xffBad")
	low := lowerTokens(nil, toks)
	for i, tk := range toks {
		if want := strings.ToLower(tk.Text); low[i] != want {
			t.Errorf("token %q lowered to %q, want %q", tk.Text, low[i], want)
		}
	}
}
