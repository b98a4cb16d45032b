package analyze

import (
	"reflect"
	"strings"
	"testing"
)

func TestTermsEdges(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"", nil},
		{"a", nil},
		{"--'’x’'--", nil},              // one letter once the edges go
		{"Don't’s", []string{"don"}},    // cut at the first apostrophe
		{"ÉCOLE’s-", []string{"école"}}, // lower-cased beyond ASCII
		{"١٢٣ 123 12a", []string{"١٢٣", "123", "12a"}}, // numbers as written
		{"\xff\xfeab", []string{"ab"}},                 // invalid bytes split words
		{"x-y-z it's", []string{"x-y-z"}},              // inner hyphens stay; it's is a stop word
		{"Ministers resigned", []string{"minist", "resign"}},
	}
	for _, tc := range tests {
		if got := Terms(tc.text); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Terms(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// TestTermsNoAllocPerWord checks that cached words cost no allocation
// beyond the result slice.
func TestTermsNoAllocPerWord(t *testing.T) {
	text := strings.Repeat("The minister resigned after the vote on Tuesday. ", 20)
	dst := make([]string, 0, 200)
	Terms(text) // fills the stem cache
	if n := testing.AllocsPerRun(10, func() { AppendTerms(dst[:0], text) }); n > 0 {
		t.Errorf("AppendTerms allocated %.0f times on cached words", n)
	}
}
