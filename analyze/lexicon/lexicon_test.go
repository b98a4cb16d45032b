package lexicon

import (
	"strings"
	"testing"
)

// TestIrregularVerbKeys checks that the irregular forms of a verb have
// the key of its other forms.
func TestIrregularVerbKeys(t *testing.T) {
	for base, forms := range irregularVerbs {
		for _, w := range strings.Fields(forms) {
			if Key(w) != Key(base) {
				t.Errorf("%q: key %q, want %q (%s)", w, Key(w), Key(base), base)
			}
		}
	}
}

// TestKeyFoldsParaphrases checks that words news reports use for one
// another share a key, and that other words do not.
func TestKeyFoldsParaphrases(t *testing.T) {
	for _, c := range [][2]string{{"killed", "deaths"}, {"revoke", "revocation"}, {"suspension", "suspended"}, {"blaze", "fire"}} {
		if Key(c[0]) != Key(c[1]) {
			t.Errorf("Key(%q) = %q, Key(%q) = %q; want one key", c[0], Key(c[0]), c[1], Key(c[1]))
		}
	}
	if Key("killed") == Key("injured") {
		t.Errorf("killed and injured share the key %q", Key("killed"))
	}
}

// TestSpeechVerbForms checks that the verbs of saying are known in every
// inflection, regular and irregular.
func TestSpeechVerbForms(t *testing.T) {
	for _, w := range strings.Fields("said says saying told quipped quipping tweeted insisted admitted replies cried urges") {
		if !SpeechVerbs[w] {
			t.Errorf("%q is not a verb of saying", w)
		}
	}
	for _, w := range strings.Fields("quiped table minister") {
		if SpeechVerbs[w] {
			t.Errorf("%q is taken for a verb of saying", w)
		}
	}
	for w := range UnmarkedSpeechVerbs {
		if !SpeechVerbs[w] {
			t.Errorf("%q introduces unmarked speech but is no verb of saying", w)
		}
	}
}
