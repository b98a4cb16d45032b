package document

import (
	"testing"

	"github.com/storyline-news/storyline"
)

// TestStepsSwitchOff checks that each step can run alone: a step switched
// off leaves its part of the analysis empty, and the others still work.
func TestStepsSwitchOff(t *testing.T) {
	a := &storyline.Article{ID: 1, Version: 1, Body: "Mayor Lena Varga closed the Kessel bridge on Friday after engineers found a crack. " +
		"\"Nobody crosses until it is safe,\" Varga told reporters."}
	all := Analyze(a)
	if len(all.Entities) == 0 || len(all.Quotes) != 1 || len(all.Facts) == 0 {
		t.Fatalf("all steps: %d entities, %d quotes, %d facts", len(all.Entities), len(all.Quotes), len(all.Facts))
	}
	if all.Quotes[0].Speaker != "Lena Varga" {
		t.Errorf("speaker %q, want Lena Varga", all.Quotes[0].Speaker)
	}
	for _, tc := range []struct {
		steps                   Steps
		entities, quotes, facts bool
	}{
		{Steps{Entities: true}, true, false, false},
		{Steps{Quotes: true}, false, true, false},
		{Steps{Facts: true}, false, false, true},
	} {
		an := AnalyzeWith(a, tc.steps)
		if got := len(an.Entities) > 0; got != tc.entities {
			t.Errorf("%+v: entities %v, want %v", tc.steps, got, tc.entities)
		}
		if got := len(an.Quotes) > 0; got != tc.quotes {
			t.Errorf("%+v: quotes %v, want %v", tc.steps, got, tc.quotes)
		}
		if got := len(an.Facts) > 0; got != tc.facts {
			t.Errorf("%+v: facts %v, want %v", tc.steps, got, tc.facts)
		}
	}
}
