package reconcile

import (
	"context"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/demo"
	"github.com/storyline-news/storyline/ingest"
	"github.com/storyline-news/storyline/source"
	"github.com/storyline-news/storyline/store/sqlite"
)

// demoStories ingests the demo corpus (cleaning, dedup and all) into a
// temporary store and returns its articles grouped by their ground-truth
// story label, so that the cards are tested apart from clustering.
func demoStories(t testing.TB) map[string][]*storyline.Article {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	p, err := ingest.New(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	path, _ := filepath.Abs("../demo/corpus/articles.jsonl")
	err = source.Read(ctx, []string{path}, source.Options{}, func(it source.Item) error {
		if it.Err != nil {
			return it.Err
		}
		_, err := p.Add(ctx, it.Article)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	arts, err := db.Articles(ctx, storyline.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	labels := demo.Labels()
	out := map[string][]*storyline.Article{}
	for _, a := range arts {
		out[labels[a.ExternalID]] = append(out[labels[a.ExternalID]], a)
	}
	return out
}

var (
	demoOnce  sync.Once
	demoCards map[string]*storyline.Card
)

// demoCard returns the card of a labelled demo story, built once.
func demoCard(t *testing.T, label string) *storyline.Card {
	t.Helper()
	demoOnce.Do(func() {
		demoCards = map[string]*storyline.Card{}
		stories := demoStories(t)
		labels := make([]string, 0, len(stories))
		for l := range stories {
			labels = append(labels, l)
		}
		sort.Strings(labels)
		for i, l := range labels {
			arts := stories[l]
			demoCards[l] = Card(&storyline.Story{ID: int64(i + 1), Title: arts[0].Title}, arts)
		}
	})
	c := demoCards[label]
	if c == nil {
		t.Fatalf("no demo story %q", label)
	}
	return c
}

// TestDemoCards checks the phenomena the demo corpus was written to show
// (demo/README.md), story by story.
func TestDemoCards(t *testing.T) {
	if testing.Short() {
		t.Skip("ingests the demo corpus")
	}
	flag := func(c *storyline.Card, kind storyline.FlagKind, words ...string) *storyline.Flag {
		for i, f := range c.Flags {
			if f.Kind == kind && containsAll(f.Text, words) {
				return &c.Flags[i]
			}
		}
		return nil
	}
	quote := func(c *storyline.Card, words ...string) *storyline.QuoteGroup {
		for i, q := range c.Quotes {
			if containsAll(q.Text, words) {
				return &c.Quotes[i]
			}
		}
		return nil
	}

	c := demoCard(t, "ghana-interior-minister-censure")
	if f := flag(c, storyline.NameConflict, "Bekoe-Lamptey", "Adwoa Kesse"); f == nil || len(f.Sources) != 1 || f.Sources[0] != "The Monsoon Herald" {
		t.Errorf("misnamed minister: flags %+v", c.Flags)
	}

	c = demoCard(t, "storm-berenice-spain")
	if flag(c, storyline.NumberConflict, "12", "ine") == nil {
		t.Errorf("disputed toll: flags %+v", c.Flags)
	}

	c = demoCard(t, "senegal-gambia-fishing-row")
	if q := quote(c, "fishermen", "home"); q == nil || q.Status != storyline.Corroborated || len(q.Variants) != 2 || q.Speaker != "Khadim Faye" {
		t.Errorf("translated quote: %+v", q)
	}
	if q := quote(c, "dignité"); q == nil || q.Status != storyline.SingleSource {
		t.Errorf("French quote: %+v", q)
	}

	c = demoCard(t, "halvard-van-recall")
	if c.Sources != 3 {
		t.Errorf("halvard sources = %d, want 3 (copies count once)", c.Sources)
	}
	if q := quote(c, "Safety is not an area"); q == nil || len(q.Sources) != 2 || q.Status != storyline.Corroborated {
		t.Errorf("wire quote repeated by an independent outlet: %+v", q)
	}
	recall := false
	for _, cl := range c.Claims {
		recall = recall || strings.Contains(cl.Text, "240,000") && cl.Status == storyline.Corroborated
	}
	if !recall {
		t.Errorf("the recall of 240,000 vans is not corroborated: %+v", c.Claims)
	}

	c = demoCard(t, "cyclone-tamsin-queensland")
	for _, cl := range c.Claims {
		if strings.Contains(cl.Text, "NOT over") && cl.Post == "" {
			t.Errorf("the mayor's post counted as reporting: %+v", cl)
		}
		if strings.Contains(cl.Text, "Evacuation centres overflow") {
			t.Errorf("a sub-heading became a claim: %+v", cl)
		}
	}
}
