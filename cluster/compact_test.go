package cluster

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/storyline-news/storyline"
)

// TestExpiredStoriesLeaveNoTrace streams many one-article stories through
// a clusterer that retires idle stories: what it keeps per story ever made
// (the by-id slices) stays bounded, and a document that repeats a recent
// one still joins its story.
func TestExpiredStoriesLeaveNoTrace(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 9))
	words := func(n int) []string {
		w := make([]string, n)
		for i := range w {
			w[i] = fmt.Sprintf("w%d", r.IntN(50000))
		}
		return w
	}
	c := New(Options{MaxIdle: 200})
	start := time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)
	var last Doc
	var lastStory int64
	const n = 20000
	for i := range n {
		d := Doc{Article: int64(i + 1), Source: fmt.Sprintf("Outlet %d", i%50), Published: start.Add(time.Duration(i) * time.Second),
			Title: words(4), Body: words(12)}
		dec := c.Assign(d)
		last, lastStory = d, dec.Story
	}
	if len(c.stories) > 4*200+2048 || len(c.norms) > len(c.stories) {
		t.Errorf("%d stories and %d norms held after %d one-article stories, most expired", len(c.stories), len(c.norms), n)
	}
	again := last
	again.Article, again.Source = n+1, "Another Outlet"
	if dec := c.Assign(again); dec.Story != lastStory {
		t.Errorf("a repeat of the last document opened or joined story %d, want %d", dec.Story, lastStory)
	}
	// A restored article of a story cut off comes back to life.
	c.Restore(storyline.Features{Article: n + 2, Story: 3, Source: "Old Outlet", Published: last.Published,
		Title: words(4), Body: words(12)})
	if st := c.story(3); !st.alive() {
		t.Errorf("restored story 3 not alive: %+v", st)
	}
}
