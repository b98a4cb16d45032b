package server

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/storyline-news/storyline"
)

// slowBuilds makes every view build of f wait until the returned function
// is called.
func slowBuilds(f *fixture) (release func()) {
	gate := make(chan struct{})
	f.srv.views.build = func(ctx context.Context, db storyline.Store, s *storyline.Story) (*storyView, error) {
		<-gate
		return buildView(ctx, db, s)
	}
	return func() { close(gate) }
}

// getWithin fetches a page and fails the test when it takes longer than d.
func getWithin(t *testing.T, f *fixture, path string, d time.Duration) string {
	t.Helper()
	start := time.Now()
	body := f.get(t, path, 200)
	if took := time.Since(start); took > d {
		t.Fatalf("GET %s took %s, over %s", path, took.Round(time.Millisecond), d)
	}
	return body
}

// A reader does not wait for a slow story card: the first view comes
// without it, later ones with the previous card, until the build is done.
func TestStoryPageDoesNotWaitForItsCard(t *testing.T) {
	f := newFixture(t, true, nil)
	id := f.firstStory(t)
	path := storyPath(id)
	const preparing = "is being put together"

	release := slowBuilds(f)
	page := getWithin(t, f, path, 2*time.Second)
	if !strings.Contains(page, preparing) || !strings.Contains(page, `<table class="articles"`) {
		t.Fatalf("first view while the card is built:\n%.2000s", page)
	}
	release()
	waitFor(t, func() bool { return !strings.Contains(f.get(t, path, 200), preparing) })
	full := f.get(t, path, 200)
	if !strings.Contains(full, `<ul class="summary">`) {
		t.Fatalf("the built card is not shown:\n%.2000s", full)
	}

	// A new report: the previous card is shown while the new one is built.
	release = slowBuilds(f)
	var st storyline.Article
	base, err := f.db.Articles(context.Background(), storyline.Filter{Story: id})
	if err != nil {
		t.Fatal(err)
	}
	st = *base[0]
	st.ID, st.ExternalID, st.URL, st.Source = 0, "late-1", "https://late.example/1", "Late Courier"
	st.Title = "Late report: " + st.Title
	st.Body = st.Body + "\n\nA late paragraph."
	if _, err := f.srv.Ingest(context.Background(), &st); err != nil {
		t.Fatal(err)
	}
	page = getWithin(t, f, path, 2*time.Second)
	if strings.Contains(page, preparing) || !strings.Contains(page, `<ul class="summary">`) {
		t.Fatalf("while the new card is built, the previous one should show:\n%.2000s", page)
	}
	release()
	waitFor(t, func() bool { return strings.Contains(f.get(t, path, 200), "Late report: ") })
}

// The API waits for the card: it never answers with an empty one.
func TestStoryAPIWaitsForTheCard(t *testing.T) {
	f := newFixture(t, true, nil)
	id := f.firstStory(t)
	release := slowBuilds(f)
	go func() {
		time.Sleep(storyPageWait + 300*time.Millisecond)
		release()
	}()
	var card storyline.Card
	decode(t, f.get(t, fmt.Sprintf("/api/stories/%d", id), 200), &card)
	if len(card.Articles) == 0 {
		t.Errorf("API card without articles: %+v", card)
	}
}

// The front page does not wait for slow cards either.
func TestFrontPageDoesNotWaitForCards(t *testing.T) {
	f := newFixture(t, true, nil)
	release := slowBuilds(f)
	defer release()
	page := getWithin(t, f, "/", 2*time.Second)
	if !strings.Contains(page, `href="/stories/`) {
		t.Fatalf("front page without stories:\n%.2000s", page)
	}
}

// An entity page waits for the cards of its stories at most as long as a
// story page does, whatever the number of stories, and lists them on their
// text match while their cards are being built.
func TestEntityPageDoesNotWaitForCards(t *testing.T) {
	f := newFixture(t, true, nil)
	release := slowBuilds(f)
	defer release()
	page := getWithin(t, f, "/entities/"+url.PathEscape("Galicia"), 2*time.Second)
	if !strings.Contains(page, `href="/stories/`) {
		t.Fatalf("entity page without stories:\n%.2000s", page)
	}
}
