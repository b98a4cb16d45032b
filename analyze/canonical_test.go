package analyze

import (
	"testing"

	"github.com/storyline-news/storyline"
)

func TestCanonicalize(t *testing.T) {
	ms := []storyline.Mention{
		{Text: "Ines Halloran", Type: storyline.Person},
		{Text: "Halloran", Type: storyline.Person},
		{Text: "United Nations", Type: storyline.Org},
		{Text: "UN", Type: storyline.Org},
		{Text: "U.S.", Type: storyline.Place},
		{Text: "United States", Type: storyline.Place},
		{Text: "Harbour", Type: storyline.Place},
		{Text: "Port Calder", Type: storyline.Place},
	}
	Canonicalize(ms)
	want := []string{"Ines Halloran", "Ines Halloran", "United Nations", "United Nations", "United States", "United States", "Harbour", "Port Calder"}
	for i, m := range ms {
		if m.Canonical != want[i] {
			t.Errorf("%q: canonical %q, want %q", m.Text, m.Canonical, want[i])
		}
	}
}
