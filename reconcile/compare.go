package reconcile

import (
	"fmt"
	"strings"

	"github.com/storyline-news/storyline"
)

// Comparison is the side-by-side reconciliation of two reports: what they
// share, what only one of them has, and where they disagree.
type Comparison struct {
	A          string     `json:"a_source"`
	B          string     `json:"b_source"`
	Entities   SideBySide `json:"entities"`
	Quotes     SideBySide `json:"quotes"`
	Claims     SideBySide `json:"claims"`
	Conflicts  []string   `json:"conflicts"`
	Timeline   []string   `json:"developments,omitempty"`
	NameIssues []string   `json:"name_conflicts,omitempty"`
}

// SideBySide lists items both reports have and items only one has.
type SideBySide struct {
	Both  []string `json:"both"`
	OnlyA []string `json:"only_a"`
	OnlyB []string `json:"only_b"`
}

// Compare reconciles two reports as if they were one story of two outlets
// (named A and B when they do not name different outlets).
func Compare(a, b *storyline.Article) *Comparison {
	ca, cb := *a, *b
	ca.ID, cb.ID, ca.DuplicateOf, cb.DuplicateOf = 1, 2, 0, 0
	if ca.Source == "" || ca.Source == cb.Source {
		ca.Source, cb.Source = "A", "B"
	}
	c := Card(&storyline.Story{ID: 1, Title: ca.Title}, []*storyline.Article{&ca, &cb})
	out := &Comparison{A: ca.Source, B: cb.Source, Conflicts: []string{}}
	side := func(s *SideBySide, text string, sources []string) {
		inA, inB := contains(sources, ca.Source), contains(sources, cb.Source)
		switch {
		case inA && inB:
			s.Both = append(s.Both, text)
		case inA:
			s.OnlyA = append(s.OnlyA, text)
		case inB:
			s.OnlyB = append(s.OnlyB, text)
		}
	}
	for _, e := range c.Entities {
		side(&out.Entities, fmt.Sprintf("%s (%s)", e.Name, strings.ToLower(string(e.Type))), e.Sources)
	}
	for _, q := range c.Quotes {
		side(&out.Quotes, fmt.Sprintf("%s: “%s”", q.Speaker, q.Text), q.Sources)
	}
	for _, cl := range c.Claims {
		if cl.Post != "" {
			continue
		}
		if cl.Status == storyline.Conflicting {
			out.Conflicts = append(out.Conflicts, claimPair(cl))
			continue
		}
		side(&out.Claims, cl.Text, cl.Sources)
	}
	for _, f := range c.Flags {
		if f.Kind == storyline.NameConflict {
			out.NameIssues = append(out.NameIssues, f.Text)
		} else {
			out.Conflicts = append(out.Conflicts, f.Text)
		}
	}
	for _, d := range c.Timeline {
		if d.Kind == KindState || d.Kind == KindUpdate {
			out.Timeline = append(out.Timeline, fmt.Sprintf("%s (earlier: %s)", d.Text, d.Previous))
		}
	}
	return out
}

// claimPair describes a conflicting claim with each side's wording.
func claimPair(cl storyline.Claim) string {
	var parts []string
	for _, v := range cl.Variants {
		parts = append(parts, fmt.Sprintf("%s: %s", v.Source, v.Text))
	}
	return strings.Join(parts, " | ")
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// CompareText renders a comparison for a terminal.
func CompareText(c *Comparison) string {
	var b strings.Builder
	section := func(title string, s SideBySide) {
		fmt.Fprintf(&b, "\n%s\n", strings.ToUpper(title))
		for _, x := range s.Both {
			fmt.Fprintf(&b, "  both   %s\n", x)
		}
		for _, x := range s.OnlyA {
			fmt.Fprintf(&b, "  only %s %s\n", c.A, x)
		}
		for _, x := range s.OnlyB {
			fmt.Fprintf(&b, "  only %s %s\n", c.B, x)
		}
	}
	section("Entities", c.Entities)
	section("Quotes", c.Quotes)
	section("Claims", c.Claims)
	if len(c.Conflicts)+len(c.NameIssues) > 0 {
		b.WriteString("\nCONFLICTS\n")
		for _, x := range append(append([]string{}, c.NameIssues...), c.Conflicts...) {
			fmt.Fprintf(&b, "  %s\n", x)
		}
	}
	if len(c.Timeline) > 0 {
		b.WriteString("\nDEVELOPMENTS\n")
		for _, x := range c.Timeline {
			fmt.Fprintf(&b, "  %s\n", x)
		}
	}
	return b.String()
}
