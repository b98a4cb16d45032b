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
	claimFloorP  = 0.80
	claimFloorR  = 0.52
	claimFloorF1 = 0.64
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
	f, err := os.Open("testdata/claims.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	type item struct {
		story, article, text, gold string
		pred                       int // claim index on the card, -1 unfound
	}
	var items []item
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var l claimLabel
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			t.Fatal(err)
		}
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
			items = append(items, item{l.Story, it[0], it[1], l.Story + "/" + l.Claim, pred})
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	var tp, fp, fn, pairs int
	for i := range items {
		for j := i + 1; j < len(items); j++ {
			a, b := items[i], items[j]
			if a.story != b.story || a.article == b.article {
				continue
			}
			pairs++
			gold := a.gold == b.gold
			pred := a.pred >= 0 && a.pred == b.pred
			switch {
			case gold && pred:
				tp++
			case pred:
				fp++
				t.Logf("wrongly grouped: %s %q + %s %q", a.article, a.text, b.article, b.text)
			case gold:
				fn++
				t.Logf("missed: %s %q + %s %q", a.article, a.text, b.article, b.text)
			}
		}
	}
	p := float64(tp) / float64(max(tp+fp, 1))
	r := float64(tp) / float64(max(tp+fn, 1))
	f1 := 0.0
	if p+r > 0 {
		f1 = 2 * p * r / (p + r)
	}
	t.Logf("claim grouping: %d labelled clauses, %d cross-article pairs (%d same-claim); P %.3f R %.3f F1 %.3f (tp %d fp %d fn %d)",
		len(items), pairs, tp+fn, p, r, f1, tp, fp, fn)
	if p < claimFloorP || r < claimFloorR || f1 < claimFloorF1 {
		t.Errorf("claim grouping below the floor (P %.2f R %.2f F1 %.2f)", claimFloorP, claimFloorR, claimFloorF1)
	}
}
