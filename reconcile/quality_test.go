package reconcile

import (
	"bufio"
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"
)

// claimLabel is one line of testdata/claims.jsonl: the clauses of a demo
// story's articles that state one fact, each given as the article's
// external id and a distinctive substring of the clause.
type claimLabel struct {
	Story string      `json:"story"`
	Claim string      `json:"claim"`
	Items [][2]string `json:"items"`
}

// Floors for TestClaimGroupingQuality, just under the measured figures
// (docs/QUALITY.md), so that a regression in claim grouping fails.
const (
	claimFloorP  = 0.88
	claimFloorR  = 0.66
	claimFloorF1 = 0.76
)

// TestClaimGroupingQuality scores claim grouping on hand-labelled clauses
// of four demo stories (testdata/claims.jsonl): over every pair of
// labelled clauses from different articles, "same claim" on the card
// against "same claim" in the labels. Claims with one clause are there as
// hard negatives: they share words or figures with a claim but state
// another fact.
func TestClaimGroupingQuality(t *testing.T) {
	if testing.Short() {
		t.Skip("ingests the demo corpus")
	}
	var items []labelled
	for _, l := range readLabels[claimLabel](t, "testdata/claims.jsonl") {
		c := demoCard(t, l.Story)
		for _, it := range l.Items {
			pred := -1
			for ci, cl := range c.Claims {
				for _, v := range cl.Variants {
					if v.Article == it[0] && strings.Contains(v.Text, it[1]) {
						if pred >= 0 && pred != ci {
							t.Errorf("%s %q is in two claims", it[0], it[1])
						}
						pred = ci
					}
				}
			}
			if pred < 0 {
				// The card keeps one variant of clauses written alike:
				// the clause is in the claim that holds its text and
				// counts its outlet.
				src := ""
				for _, a := range c.Articles {
					if a.ID == it[0] {
						src = a.Source
					}
				}
				for ci, cl := range c.Claims {
					for _, v := range cl.Variants {
						if strings.Contains(v.Text, it[1]) && slices.Contains(cl.Sources, src) {
							pred = ci
						}
					}
				}
			}
			if pred < 0 {
				t.Logf("not a claim on the card: %s %q", it[0], it[1])
			}
			items = append(items, labelled{l.Story, it[0], it[1], l.Story + "/" + l.Claim, pred})
		}
	}
	sc := scorePairs(t, items)
	tp, fp, fn, pairs, p, r, f1 := sc.tp, sc.fp, sc.fn, sc.pairs, sc.p, sc.r, sc.f1
	t.Logf("claim grouping: %d labelled clauses, %d cross-article pairs (%d same-claim); P %.3f R %.3f F1 %.3f (tp %d fp %d fn %d)",
		len(items), pairs, tp+fn, p, r, f1, tp, fp, fn)
	if p < claimFloorP || r < claimFloorR || f1 < claimFloorF1 {
		t.Errorf("claim grouping below the floor (P %.2f R %.2f F1 %.2f)", claimFloorP, claimFloorR, claimFloorF1)
	}
}

// readLabels reads a file of JSON lines, one label a line, skipping blank
// lines.
func readLabels[L any](t *testing.T, path string) []L {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []L
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var l L
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		out = append(out, l)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// labelled is one labelled clause or quote: where it is, the group the
// label puts it in, and the group the card puts it in (-1: not found).
type labelled struct {
	story, article, text, gold string
	pred                       int
}

// pairScore is the pairwise agreement of a card's groups with labelled
// groups.
type pairScore struct {
	tp, fp, fn, pairs int
	p, r, f1          float64
}

// scorePairs compares, over every pair of labelled items from different
// articles of one story, "same group" on the card with "same group" in
// the labels, logging each wrong grouping and each miss.
func scorePairs(t *testing.T, items []labelled) pairScore {
	var s pairScore
	for i := range items {
		for j := i + 1; j < len(items); j++ {
			a, b := items[i], items[j]
			if a.story != b.story || a.article == b.article {
				continue
			}
			s.pairs++
			gold := a.gold == b.gold
			pred := a.pred >= 0 && a.pred == b.pred
			switch {
			case gold && pred:
				s.tp++
			case pred:
				s.fp++
				t.Logf("wrongly grouped: %s %q + %s %q", a.article, a.text, b.article, b.text)
			case gold:
				s.fn++
				t.Logf("missed: %s %q + %s %q", a.article, a.text, b.article, b.text)
			}
		}
	}
	s.p = float64(s.tp) / float64(max(s.tp+s.fp, 1))
	s.r = float64(s.tp) / float64(max(s.tp+s.fn, 1))
	if s.p+s.r > 0 {
		s.f1 = 2 * s.p * s.r / (s.p + s.r)
	}
	return s
}
