package reconcile

import (
	"github.com/storyline-news/storyline/analyze/document"
	"slices"
	"strings"
	"testing"

	"github.com/storyline-news/storyline"
)

// quoteLabel is one line of testdata/quotegroups.jsonl: the quotes of a
// demo story's articles that report one statement, each given as the
// article's external id and a distinctive substring of the quote, with
// the person who made it ("" when the text does not name one).
type quoteLabel struct {
	Story   string      `json:"story"`
	Group   string      `json:"group"`
	Speaker string      `json:"speaker"`
	Items   [][2]string `json:"items"`
}

// Floors for TestQuoteGroupingQuality, just under the measured figures
// (docs/QUALITY.md), so that a regression in quote grouping fails.
const (
	quoteFloorP       = 0.99
	quoteFloorR       = 0.99
	quoteFloorF1      = 0.99
	quoteFloorStatus  = 0.99
	quoteFloorSpeaker = 0.92
)

// TestQuoteGroupingQuality scores quote groups on hand-labelled quotes of
// four demo stories (testdata/quotegroups.jsonl): over every pair of
// labelled quotes from different articles, "same group" on the card
// against "same statement" in the labels. The positives are a statement
// in two translations and a wire quote in the wire's copies and an
// independent report; groups of one quote are hard negatives: another
// statement, often by the same speaker, in another article. Each labelled
// group's status is checked against its independent outlets (a copy
// counts for the outlet it copies), and each quote's speaker against the
// label.
func TestQuoteGroupingQuality(t *testing.T) {
	if testing.Short() {
		t.Skip("ingests the demo corpus")
	}
	var items []labelled
	var statusOK, statusN, speakerOK, speakerN int
	for _, l := range readLabels[quoteLabel](t, "testdata/quotegroups.jsonl") {
		c := demoCard(t, l.Story)
		outlets := map[string]bool{}
		var preds []int
		for _, it := range l.Items {
			pred := cardQuote(t, c, it[0], it[1])
			if pred < 0 {
				t.Logf("not a quote on the card: %s %q", it[0], it[1])
			}
			items = append(items, labelled{l.Story, it[0], it[1], l.Story + "/" + l.Group, pred})
			outlets[outletOf(c, it[0])] = true
			if pred >= 0 && !slices.Contains(preds, pred) {
				preds = append(preds, pred)
			}
		}
		if len(preds) > 0 {
			want := storyline.SingleSource
			if len(outlets) > 1 {
				want = storyline.Corroborated
			}
			statusN++
			q := c.Quotes[preds[0]]
			if q.Status == want && len(preds) == 1 {
				statusOK++
			} else {
				t.Logf("status of %s/%s: %s from %d independent outlets in %d card groups, want %s", l.Story, l.Group, q.Status, len(outlets), len(preds), want)
			}
			if l.Speaker != "" {
				speakerN++
				if document.NameKey(q.Speaker) == document.NameKey(l.Speaker) {
					speakerOK++
				} else {
					t.Logf("speaker of %s/%s: %q, want %q", l.Story, l.Group, q.Speaker, l.Speaker)
				}
			}
		}
	}
	sc := scorePairs(t, items)
	tp, fp, fn, pairs, p, r, f1 := sc.tp, sc.fp, sc.fn, sc.pairs, sc.p, sc.r, sc.f1
	status := float64(statusOK) / float64(max(statusN, 1))
	speaker := float64(speakerOK) / float64(max(speakerN, 1))
	t.Logf("quote grouping: %d labelled quotes, %d cross-article pairs (%d same-statement); P %.3f R %.3f F1 %.3f (tp %d fp %d fn %d); status %d/%d; speaker %d/%d",
		len(items), pairs, tp+fn, p, r, f1, tp, fp, fn, statusOK, statusN, speakerOK, speakerN)
	if p < quoteFloorP || r < quoteFloorR || f1 < quoteFloorF1 {
		t.Errorf("quote grouping below the floor (P %.2f R %.2f F1 %.2f)", quoteFloorP, quoteFloorR, quoteFloorF1)
	}
	if status < quoteFloorStatus {
		t.Errorf("quote status right for %.3f of groups, below the floor %.2f", status, quoteFloorStatus)
	}
	if speaker < quoteFloorSpeaker {
		t.Errorf("quote speaker right for %.3f of groups, below the floor %.2f", speaker, quoteFloorSpeaker)
	}
}

// cardQuote returns the index of the card's quote group that holds the
// quote of article id containing text, or -1.
func cardQuote(t *testing.T, c *storyline.Card, id, text string) int {
	t.Helper()
	pred := -1
	for qi, q := range c.Quotes {
		for _, v := range q.Variants {
			if v.Article == id && strings.Contains(v.Text, text) {
				if pred >= 0 && pred != qi {
					t.Errorf("%s %q is in two quote groups", id, text)
				}
				pred = qi
			}
		}
	}
	if pred >= 0 {
		return pred
	}
	// The card keeps one variant of quotes written alike: the quote is in
	// the group that holds its text and counts its outlet (a copy's, the
	// outlet it copies).
	src := outletOf(c, id)
	for qi, q := range c.Quotes {
		for _, v := range q.Variants {
			if strings.Contains(v.Text, text) && slices.Contains(q.Sources, src) {
				pred = qi
			}
		}
	}
	return pred
}

// outletOf returns the independent outlet an article of the card counts
// for: its own, or for a copy the outlet of the article it copies.
func outletOf(c *storyline.Card, id string) string {
	for range c.Articles {
		for _, a := range c.Articles {
			if a.ID == id {
				if a.DuplicateOf == "" {
					return a.Source
				}
				id = a.DuplicateOf
			}
		}
	}
	return ""
}
