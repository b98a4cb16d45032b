package reconcile

import (
	"github.com/storyline-news/storyline"
	"testing"

	"github.com/storyline-news/storyline/analyze/document"
)

// TestSimilarityCases checks pairs of clauses that are, or are not, one
// claim: attribution frames, counted nouns with disagreeing figures, a
// shared figure, and a figure referred back to.
func TestSimilarityCases(t *testing.T) {
	pairs := []struct {
		a, b string
		same bool
	}{
		{"About 3,500 people spent the night in evacuation centres.", "About 3,500 people sheltered overnight in evacuation centres.", true},
		{"About 48,000 homes and businesses in the region were without power on Friday, the electricity distributor said.", "The electricity distributor said 48,000 customers had lost power.", true},
		{"About 48,000 homes and businesses in the region were without power on Friday, the electricity distributor said.", "About 40 homes lost their roofs in the region.", false},
		{"Power had been restored to about 26,000 of the 48,000 homes and businesses that lost supply.", "About 40 homes lost their roofs in the storm.", false},
		{"Power had been restored to about 26,000 of the 48,000 homes and businesses that lost supply.", "About 48,000 homes and businesses were without power on Friday.", false},
		{"The state's emergency services minister, Rhys Kettering, said evacuation centres would open in Mackay at 6pm.", "No deaths had been reported, state emergency services minister Rhys Kettering told reporters.", false},
		{"Queensland authorities said no deaths had been reported.", "No deaths were reported, according to Queensland authorities.", true},
	}
	var all []member
	facts := make([][2]*document.Fact, len(pairs))
	for i, p := range pairs {
		for k, s := range []string{p.a, p.b} {
			fs := factsOf(s)
			if len(fs) != 1 {
				t.Fatalf("%q: %d facts", s, len(fs))
			}
			facts[i][k] = &fs[0]
			all = append(all, member{f: &fs[0]})
		}
	}
	w := weights(all)
	for i, p := range pairs {
		if got := similarity(facts[i][0], facts[i][1], w) > 0; got != p.same {
			t.Errorf("%q / %q: same claim %v, want %v", p.a, p.b, got, p.same)
		}
	}
}

// factsOf analyses one sentence and returns its facts.
func factsOf(s string) []document.Fact {
	return document.Analyze(&storyline.Article{Body: s}).Facts
}
