package reconcile

import "testing"

// TestAsSentence checks the capital and the full stop of a clause made a
// sentence, and that text with invalid UTF-8 reads as it did as runes.
func TestAsSentence(t *testing.T) {
	for _, tc := range []struct{ subject, s, want string }{
		{"", "the mayor spoke on Monday", "The mayor spoke on Monday."},
		{"Gustavo Petro", "urged soldiers to disobey", "Gustavo Petro urged soldiers to disobey."},
		{"", "élan, he said”", "Élan, he said”"},
		{"", "x", "X."},
		{"", "?", "?"},
		{"", "bad \xff byte", "Bad \uFFFD byte."},
	} {
		if got := asSentence(tc.subject, tc.s); got != tc.want {
			t.Errorf("asSentence(%q, %q) = %q, want %q", tc.subject, tc.s, got, tc.want)
		}
		if got, want := asSentence(tc.subject, tc.s), asSentenceRunes(tc.subject, tc.s); got != want {
			t.Errorf("asSentence(%q, %q) = %q, as runes %q", tc.subject, tc.s, got, want)
		}
	}
}
