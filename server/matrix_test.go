package server

import (
	"testing"

	"github.com/storyline-news/storyline"
)

func TestMatrixFiguresDecideDiffers(t *testing.T) {
	card := &storyline.Card{Claims: []storyline.Claim{{
		Text: "At least 17 people were killed in the strikes", Status: storyline.Conflicting,
		Sources: []string{"A", "B", "C"},
		Variants: []storyline.ClaimVariant{
			{Text: "At least 17 people were killed in the strikes", Source: "A"},
			{Text: "The strikes killed 17", Source: "B"},
			{Text: "The strikes killed 14 people", Source: "C"},
		},
	}}}
	m := newMatrix(card, []string{"A", "B", "C", "D"})
	want := []string{cellReports, cellReports, cellDiffers, cellSilent}
	for i, c := range m.Rows[0].Cells {
		if c.State != want[i] {
			t.Errorf("%s: %s, want %s", c.Outlet, c.State, want[i])
		}
	}
	for in, want := range map[string]string{"48,000 homes and 3.5 m": "48000 3.5", "no figure": "", "1,2": "12"} {
		if got := figures(in); got != want {
			t.Errorf("figures(%q) = %q, want %q", in, got, want)
		}
	}
}
