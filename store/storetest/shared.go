package storetest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/storyline-news/storyline"
)

// OpenShared returns two handles on one new, empty database, as two
// processes (a server and a command-line ingest) hold; the suite closes
// them.
type OpenShared func(t *testing.T) (storyline.Store, storyline.Store)

// RunShared runs the conformance tests of stores that several writers
// share: story ids given by the store whichever handle asks, and the story
// version telling each writer what the other changed.
func RunShared(t *testing.T, open OpenShared) {
	t.Run("StoryIdentityAcrossWriters", func(t *testing.T) {
		a, b := open(t)
		defer func() {
			for _, st := range []storyline.Store{a, b} {
				if err := st.Close(); err != nil {
					t.Errorf("Close: %v", err)
				}
			}
		}()
		testSharedIdentity(t, a, b)
	})
	t.Run("FeedsClaimedOnce", func(t *testing.T) {
		a, b := open(t)
		defer func() {
			for _, st := range []storyline.Store{a, b} {
				if err := st.Close(); err != nil {
					t.Errorf("Close: %v", err)
				}
			}
		}()
		testFeedsClaimedOnce(t, a, b)
	})
}

// Two pollers claiming due feeds at once from two handles (two server
// processes) get every feed once between them.
func testFeedsClaimedOnce(t *testing.T, a, b storyline.Store) {
	ctx := context.Background()
	const n = 30
	for i := range n {
		if err := a.AddFeed(ctx, &storyline.Feed{URL: fmt.Sprintf("https://f%d.example/feed", i), Interval: time.Hour}); err != nil {
			t.Fatal(err)
		}
	}
	now := time.Now()
	var mu sync.Mutex
	var wg sync.WaitGroup
	claimed := map[int64]int{}
	for _, st := range []storyline.Store{a, b} {
		wg.Go(func() {
			for {
				got, err := st.ClaimDueFeeds(ctx, now, time.Hour, 3)
				if err != nil {
					t.Error(err)
					return
				}
				if len(got) == 0 {
					return
				}
				mu.Lock()
				for _, f := range got {
					claimed[f.ID]++
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if len(claimed) != n {
		t.Errorf("%d of %d feeds claimed", len(claimed), n)
	}
	for id, k := range claimed {
		if k != 1 {
			t.Errorf("feed %d claimed %d times", id, k)
		}
	}
}

func testSharedIdentity(t *testing.T, a, b storyline.Store) {
	ctx := context.Background()
	var seen storyline.SaveState
	remember := func(s storyline.SaveState) (*storyline.StoryChange, error) {
		seen = s
		return change(s.NextStory), nil
	}
	r1 := report("A", "1", 0, "Bridge closed", "A ship struck the bridge.")
	save(t, a, r1, "1", remember)
	if err := a.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	va := seen.Version
	r2 := report("B", "2", 1, "Record harvest", "Growers picked a record harvest.")
	save(t, b, r2, "2", remember)
	if err := b.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	if r2.Story == r1.Story || seen.Version != va+1 {
		t.Errorf("the second writer's new story is %d (the first's is %d), seen at version %d (want %d)",
			r2.Story, r1.Story, seen.Version, va+1)
	}
	// The first writer's next decision sees that the version moved on, and
	// may not reuse the id its own view would have given next.
	r3 := report("C", "3", 2, "Library opens", "The library opened.")
	save(t, a, r3, "3", remember)
	if seen.Version != va+2 || r3.Story == r2.Story || r3.Story == r1.Story {
		t.Errorf("the first writer saw version %d (want %d) and opened story %d beside %d and %d",
			seen.Version, va+2, r3.Story, r1.Story, r2.Story)
	}
	if err := a.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	r4 := report("D", "4", 3, "Other", "Text.")
	_, err := b.SaveArticle(ctx, r4, "4", join(r3.Story+2))
	if !errors.Is(err, storyline.ErrStaleView) {
		t.Errorf("a story id the store did not give, from the other writer: %v, want ErrStaleView", err)
	}
	for _, st := range []storyline.Store{a, b} {
		if v, err := st.StoryVersion(ctx); err != nil || v != va+3 {
			t.Errorf("StoryVersion = %d, %v; want %d from either handle", v, err, va+3)
		}
	}
}
