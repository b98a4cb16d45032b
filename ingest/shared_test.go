package ingest

import (
	"context"
	"math/rand/v2"
	"path/filepath"
	"sync"
	"testing"
)

// Two pipelines on one SQLite file, each with its own connections as two
// processes have (a server and a command-line ingest), taking articles in
// turns at random: the stories are exactly those one pipeline makes, ids
// included, however the turns fall (issue 15).
func TestTwoWritersGiveOneWritersStories(t *testing.T) {
	ctx := context.Background()
	arts := synthetic(240, 11)
	dir := t.TempDir()
	one, p := open(t, filepath.Join(dir, "one.db"))
	for _, a := range synthetic(240, 11) {
		if _, err := p.Add(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	want := stories(t, one)
	one.Close()

	path := filepath.Join(dir, "two.db")
	dbA, pa := open(t, path)
	defer dbA.Close()
	dbB, pb := open(t, path)
	defer dbB.Close()
	r := rand.New(rand.NewPCG(3, 4))
	for i := 0; i < len(arts); {
		// A run of a few articles, then the other writer's turn; a writer
		// flushes at the end of its run, as a request or an ingest does.
		p := []*Pipeline{pa, pb}[r.IntN(2)]
		for end := min(i+1+r.IntN(8), len(arts)); i < end; i++ {
			if _, err := p.Add(ctx, arts[i]); err != nil {
				t.Fatal(err)
			}
		}
		if err := p.Flush(ctx); err != nil {
			t.Fatal(err)
		}
	}
	got := stories(t, dbA)
	for id, s := range want {
		if got[id] != s {
			t.Errorf("article %s: story %d with two writers, %d with one", id, got[id], s)
		}
	}
}

// Two pipelines adding at the same time, each its own share of events:
// whatever the interleaving, events never share a story, every article is
// stored once, and each event's reports end up together.
func TestTwoWritersAtOnce(t *testing.T) {
	ctx := context.Background()
	arts := synthetic(120, 5)
	path := filepath.Join(t.TempDir(), "two.db")
	dbA, pa := open(t, path)
	defer dbA.Close()
	dbB, pb := open(t, path)
	defer dbB.Close()
	var wg sync.WaitGroup
	errs := make(chan error, 2)
	for w, p := range []*Pipeline{pa, pb} {
		wg.Go(func() {
			// synthetic gives six reports an event, in order: writer w
			// takes the events of its parity.
			for i, a := range arts {
				if (i/6)%2 != w {
					continue
				}
				if _, err := p.Add(ctx, a); err != nil {
					errs <- err
					return
				}
			}
			errs <- p.Flush(ctx)
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	got := stories(t, dbA)
	if len(got) != len(arts) {
		t.Fatalf("%d articles stored, want %d", len(got), len(arts))
	}
	event := map[int64]int{}
	for i, a := range arts {
		s := got[a.ExternalID]
		if e, ok := event[s]; ok && e != i/6 {
			t.Errorf("story %d holds events %d and %d", s, e, i/6)
		}
		event[s] = i / 6
	}
}
