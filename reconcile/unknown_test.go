package reconcile

import (
	"strings"
	"testing"

	"github.com/storyline-news/storyline"
)

// withoutOutlets returns the ferry fixture's articles with no outlet but
// keep (copies keep theirs, but follow their original), and ids that look
// like file names naming an outlet.
func withoutOutlets(t *testing.T, keep string) (*storyline.Story, []*storyline.Article) {
	s, arts := fixture(t, "ferry.json")
	for _, a := range arts {
		a.ExternalID = "harbourline_2031-05-06_" + a.ExternalID + ".txt"
		if a.Source != keep {
			a.Source = ""
		}
	}
	return s, arts
}

func TestUnknownOutletsCountForNothing(t *testing.T) {
	s, arts := fixture(t, "ferry.json")
	if c := Card(s, arts); claimsWith(c, storyline.Corroborated) == 0 {
		t.Fatal("the fixture has no corroborated claim to lose")
	}
	s, arts = withoutOutlets(t, "")
	c := Card(s, arts)
	if c.Sources != 0 || c.UnknownOutlet != len(arts) {
		t.Errorf("sources = %d, unknown_outlet = %d; want 0 and %d", c.Sources, c.UnknownOutlet, len(arts))
	}
	if n := claimsWith(c, storyline.Corroborated); n > 0 {
		t.Errorf("%d claims corroborated by reports of unknown outlet alone", n)
	}
	for _, cl := range c.Claims {
		if len(cl.Sources) > 0 && cl.Post == "" {
			t.Errorf("claim %q has sources %v", cl.Text, cl.Sources)
		}
	}
	for _, q := range c.Quotes {
		if q.Status == storyline.Corroborated || len(q.Sources) > 0 {
			t.Errorf("quote %q is %s by %v", q.Text, q.Status, q.Sources)
		}
	}
	out := Text(c)
	for _, want := range []string{"0 independent sources", "articles of no known outlet", "(no known outlet)"} {
		if !strings.Contains(out, want) {
			t.Errorf("text card lacks %q:\n%s", want, out)
		}
	}
	// A file name is not an outlet, even one that starts with an outlet's
	// name: it is never listed as a claim's or quote's source.
	for _, cl := range c.Claims {
		for _, src := range cl.Sources {
			if strings.Contains(src, "harbourline") {
				t.Errorf("claim source %q is a file name", src)
			}
		}
	}
}

func TestUnknownPlusKnownIsSingleSource(t *testing.T) {
	s, arts := withoutOutlets(t, "Harbour Line")
	c := Card(s, arts)
	if c.Sources != 1 {
		t.Errorf("sources = %d, want 1 (Harbour Line)", c.Sources)
	}
	if n := claimsWith(c, storyline.Corroborated); n > 0 {
		t.Errorf("%d claims corroborated by one outlet and reports of unknown outlet", n)
	}
	for _, q := range c.Quotes {
		if q.Status == storyline.Corroborated {
			t.Errorf("quote %q corroborated by %v", q.Text, q.Sources)
		}
		for _, src := range q.Sources {
			if src != "Harbour Line" {
				t.Errorf("quote %q has source %q", q.Text, src)
			}
		}
	}
	if c.UnknownOutlet == 0 || c.UnknownOutlet >= len(arts) {
		t.Errorf("unknown_outlet = %d of %d", c.UnknownOutlet, len(arts))
	}
}

// claimsWith counts the card's claims of a status.
func claimsWith(c *storyline.Card, st storyline.Status) int {
	n := 0
	for _, cl := range c.Claims {
		if cl.Status == st {
			n++
		}
	}
	return n
}
