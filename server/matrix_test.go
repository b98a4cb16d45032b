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

// TestMatrixFoldsSingleSourceByOutlet checks that the table has a row for
// each corroborated or disputed claim only, and lists each outlet's
// single-source claims under it, folded on the short page.
func TestMatrixFoldsSingleSourceByOutlet(t *testing.T) {
	card := &storyline.Card{Claims: []storyline.Claim{
		{Text: "The bridge was closed", Status: storyline.Corroborated, Sources: []string{"A", "B"}},
		{Text: "Engineers found cracks", Status: storyline.SingleSource, Sources: []string{"B"}},
		{Text: "The mayor apologised", Status: storyline.SingleSource, Sources: []string{"A"}},
		{Text: "Buses will replace the ferry", Status: storyline.SingleSource, Sources: []string{"B"}},
	}}
	m := newMatrix(card, []string{"A", "B"})
	if len(m.Rows) != 1 || m.Rows[0].Claim.Text != "The bridge was closed" {
		t.Fatalf("rows %+v, want the corroborated claim only", m.Rows)
	}
	if len(m.Single) != 2 || m.Single[0].Outlet != "B" || len(m.Single[0].Claims) != 2 || m.Single[1].Outlet != "A" {
		t.Fatalf("single-source claims %+v, want B's two, then A's one", m.Single)
	}
	folded, _, _ := foldMatrix(m, 25, 20, 1)
	if o := folded.Single[0]; len(o.Claims) != 1 || o.Hidden != 1 {
		t.Errorf("folded to one a outlet: %+v, want one shown and one hidden", o)
	}
}
