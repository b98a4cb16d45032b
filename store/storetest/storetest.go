// Package storetest is the conformance suite of storyline.Store: what every
// backend (store/sqlite, store/postgres) must do, tested through the
// interface alone. A backend's tests call Run with a function that opens an
// empty store.
package storetest

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/storyline-news/storyline"
)

// Open returns a new, empty store for one test; the suite closes it.
type Open func(t *testing.T) storyline.Store

// Run runs every conformance test against stores that open returns.
func Run(t *testing.T, open Open) {
	tests := []struct {
		name string
		fn   func(t *testing.T, st storyline.Store)
	}{
		{"SaveOutcomes", testSaveOutcomes},
		{"FailedSaveWritesNothing", testFailedSave},
		{"StoryIdentity", testStoryIdentity},
		{"MergeAndResolve", testMergeAndResolve},
		{"Listings", testListings},
		{"Features", testFeatures},
		{"Search", testSearch},
		{"CardCache", testCardCache},
		{"Feeds", testFeeds},
		{"ClaimDueFeeds", testClaimDueFeeds},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := open(t)
			defer func() {
				if err := st.Close(); err != nil {
					t.Errorf("Close: %v", err)
				}
			}()
			tt.fn(t, st)
		})
	}
}

// t0 is the publication time the fixtures count from.
var t0 = time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)

// report returns an article of an outlet, published hours after t0.
func report(source, id string, hours int, title, body string) *storyline.Article {
	return &storyline.Article{ExternalID: id, Source: source, Title: title, Body: body,
		Language: "en", Published: t0.Add(time.Duration(hours) * time.Hour)}
}

// joinNew returns a decider that puts the article into a new story.
func joinNew() storyline.Decider {
	return func(s storyline.SaveState) (*storyline.StoryChange, error) {
		return change(s.NextStory), nil
	}
}

// join returns a decider that puts the article into story, merging merged.
func join(story int64, merged ...int64) storyline.Decider {
	return func(storyline.SaveState) (*storyline.StoryChange, error) {
		c := change(story)
		c.Merged = merged
		return c, nil
	}
}

func change(story int64) *storyline.StoryChange {
	return &storyline.StoryChange{
		Assignment: storyline.Assignment{Story: story, Score: 0.5, Reason: "test", Terms: []string{"ferri"}},
		Features: storyline.Features{Title: []string{"ferri", "strike"}, Body: []string{"harbour", "worker"},
			Entities: []string{"place:harbour town"}, Signature: []uint32{1, 2, 4000000000}},
	}
}

// save stores an article and fails the test on error.
func save(t *testing.T, st storyline.Store, a *storyline.Article, hash string, decide storyline.Decider) storyline.Outcome {
	t.Helper()
	out, err := st.SaveArticle(context.Background(), a, hash, decide)
	if err != nil {
		t.Fatalf("save %s: %v", a.ExternalID, err)
	}
	return out
}

func testSaveOutcomes(t *testing.T, st storyline.Store) {
	ctx := context.Background()
	if _, _, err := st.Lookup(ctx, "url:https://example.com/none"); storyline.ErrorCode(err) != storyline.ENOTFOUND {
		t.Errorf("Lookup of an unknown key: %v, want ENOTFOUND", err)
	}
	if _, err := st.Article(ctx, 404); storyline.ErrorCode(err) != storyline.ENOTFOUND {
		t.Errorf("Article(404): %v, want ENOTFOUND", err)
	}
	a := report("Port Courier", "p1", 0, "Ferry strike", "Ferry workers walked out.")
	a.URL = "https://courier.example/ferry"
	if out := save(t, st, a, "h1", joinNew()); out != storyline.Added || a.ID == 0 || a.Version != 1 || a.Story == 0 {
		t.Fatalf("first save: %v, article %+v", out, a)
	}
	called := false
	again := report("Port Courier", "p1", 0, "Ferry strike", "Ferry workers walked out.")
	again.URL = a.URL
	out := save(t, st, again, "h1", func(storyline.SaveState) (*storyline.StoryChange, error) {
		called = true
		return nil, nil
	})
	if out != storyline.Unchanged || called || again.ID != a.ID || again.Story != a.Story {
		t.Errorf("same key and hash: %v (decider called: %v), article %+v", out, called, again)
	}
	rev := report("Port Courier", "p1", 1, "Ferry strike ends", "Ferry workers went back.")
	rev.URL = a.URL
	var state storyline.SaveState
	out = save(t, st, rev, "h2", func(s storyline.SaveState) (*storyline.StoryChange, error) {
		state = s
		return nil, nil
	})
	if out != storyline.Revised || rev.ID != a.ID || rev.Version != 2 || rev.Story != a.Story || !state.Revision || state.Article != a.ID {
		t.Errorf("new text under a known key: %v, article %+v, state %+v", out, rev, state)
	}
	if err := st.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	got, hash, err := st.Lookup(ctx, a.Key())
	if err != nil || hash != "h2" || got.Title != "Ferry strike ends" || got.Version != 2 {
		t.Errorf("Lookup = %+v, %q, %v", got, hash, err)
	}
	if h, analysed, err := st.Committed(ctx, a.Key()); err != nil || h != "h2" || analysed {
		t.Errorf("Committed = %q, %v, %v; want h2, not analysed", h, analysed, err)
	}
	if h, _, err := st.Committed(ctx, "url:https://example.com/none"); err != nil || h != "" {
		t.Errorf("Committed of an unknown key = %q, %v; want none, no error", h, err)
	}
	bad := report("Port Courier", "p2", 0, "No story", "Text.")
	_, err = st.SaveArticle(ctx, bad, "h", func(storyline.SaveState) (*storyline.StoryChange, error) {
		return &storyline.StoryChange{}, nil
	})
	if storyline.ErrorCode(err) != storyline.EINVALID {
		t.Errorf("a change without a story: %v, want EINVALID", err)
	}
}

func testFailedSave(t *testing.T, st storyline.Store) {
	ctx := context.Background()
	a := report("Port Courier", "p1", 0, "Ferry strike", "Ferry workers walked out.")
	boom := errors.New("clusterer failed")
	_, err := st.SaveArticle(ctx, a, "h", func(storyline.SaveState) (*storyline.StoryChange, error) { return nil, boom })
	if !errors.Is(err, boom) {
		t.Fatalf("SaveArticle with a failing decider: %v, want its error", err)
	}
	if a.ID != 0 || a.Story != 0 {
		t.Errorf("a failed save changed the article: %+v", a)
	}
	if _, _, err := st.Lookup(ctx, a.Key()); storyline.ErrorCode(err) != storyline.ENOTFOUND {
		t.Errorf("a failed save left the article: %v", err)
	}
	if last, err := st.LastArticle(ctx); err != nil || last != 0 {
		t.Errorf("LastArticle after a failed save = %d, %v", last, err)
	}
}

func testStoryIdentity(t *testing.T, st storyline.Store) {
	ctx := context.Background()
	v0, err := st.StoryVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var states []storyline.SaveState
	record := func(d storyline.Decider) storyline.Decider {
		return func(s storyline.SaveState) (*storyline.StoryChange, error) {
			states = append(states, s)
			return d(s)
		}
	}
	a := report("A", "a", 0, "Ferry strike", "Ferry workers walked out.")
	save(t, st, a, "a", record(joinNew()))
	b := report("B", "b", 1, "Ferry strike goes on", "Ferry workers stayed out.")
	save(t, st, b, "b", record(join(a.Story)))
	c := report("C", "c", 2, "Library opens", "The new library opened.")
	save(t, st, c, "c", record(joinNew()))
	if states[0].NextStory != a.Story || states[1].NextStory != a.Story+1 || c.Story != a.Story+1 || b.Story != a.Story {
		t.Errorf("stories %d, %d, %d from states %+v: the store must give the next id", a.Story, b.Story, c.Story, states)
	}
	for i, s := range states {
		if s.Version != v0+int64(i) || s.Revision {
			t.Errorf("save %d saw version %d, want %d", i, s.Version, v0+int64(i))
		}
	}
	if v, err := st.StoryVersion(ctx); err != nil || v != v0+3 {
		t.Errorf("StoryVersion after 3 changes = %d, %v; want %d", v, err, v0+3)
	}
	// An id the store did not give is a decision on a stale view.
	d := report("D", "d", 3, "Other", "Text.")
	_, err = st.SaveArticle(ctx, d, "d", join(c.Story+5))
	if !errors.Is(err, storyline.ErrStaleView) || storyline.ErrorCode(err) != storyline.ECONFLICT {
		t.Errorf("a change to story %d, never given: %v, want ErrStaleView", c.Story+5, err)
	}
	if v, _ := st.StoryVersion(ctx); v != v0+3 {
		t.Errorf("a refused change moved the version to %d", v)
	}
}

func testMergeAndResolve(t *testing.T, st storyline.Store) {
	ctx := context.Background()
	a := report("A", "a", 0, "Dam breach upstream", "Water rose.")
	b := report("B", "b", 1, "Flooding in the valley", "Homes flooded.")
	c := report("C", "c", 2, "Dam breach floods valley", "The dam broke.")
	save(t, st, a, "a", joinNew())
	save(t, st, b, "b", joinNew())
	save(t, st, c, "c", join(a.Story, b.Story))
	if _, err := st.Story(ctx, b.Story); storyline.ErrorCode(err) != storyline.ENOTFOUND {
		t.Errorf("Story of a merged story: %v, want ENOTFOUND", err)
	}
	if id, err := st.Resolve(ctx, b.Story); err != nil || id != a.Story {
		t.Errorf("Resolve(%d) = %d, %v; want %d", b.Story, id, err, a.Story)
	}
	if id, err := st.Resolve(ctx, a.Story); err != nil || id != a.Story {
		t.Errorf("Resolve of a live story = %d, %v", id, err)
	}
	if _, err := st.Resolve(ctx, 404); storyline.ErrorCode(err) != storyline.ENOTFOUND {
		t.Errorf("Resolve(404) = %v, want ENOTFOUND", err)
	}
	s, err := st.Story(ctx, a.Story)
	if err != nil || s.Articles != 3 || s.Sources != 3 || !s.Created.Equal(t0) || !s.Updated.Equal(t0.Add(2*time.Hour)) {
		t.Errorf("merged story = %+v, %v", s, err)
	}
	if got, err := st.Article(ctx, b.ID); err != nil || got.Story != a.Story {
		t.Errorf("article of the merged story: %+v, %v", got, err)
	}
	// A merged story takes no articles, and its id is never given again.
	d := report("D", "d", 3, "Other", "Text.")
	if _, err := st.SaveArticle(ctx, d, "d", join(b.Story)); !errors.Is(err, storyline.ErrStaleView) {
		t.Errorf("a change to merged story %d: %v, want ErrStaleView", b.Story, err)
	}
	save(t, st, d, "d", joinNew())
	if d.Story == a.Story || d.Story == b.Story {
		t.Errorf("a new story got id %d, already given", d.Story)
	}
	if list, err := st.Stories(ctx, storyline.Filter{Story: b.Story}); err != nil || len(list) != 1 || list[0].ID != a.Story {
		t.Errorf("Stories{Story: merged} = %+v, %v", list, err)
	}
}

func testListings(t *testing.T, st storyline.Store) {
	ctx := context.Background()
	var arts []*storyline.Article
	for i := range 6 {
		a := report(fmt.Sprint("Outlet ", i%2), fmt.Sprint(i), i, fmt.Sprint("Report ", i), "Body.")
		decide := joinNew()
		if i >= 3 {
			decide = join(arts[i-3].Story)
		}
		save(t, st, a, "h", decide)
		arts = append(arts, a)
	}
	if err := st.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	list, err := st.Stories(ctx, storyline.Filter{})
	if err != nil || len(list) != 3 {
		t.Fatalf("Stories = %d, %v; want 3", len(list), err)
	}
	for i, s := range list {
		if want := arts[5-i].Story; s.ID != want || s.Articles != 2 || s.Sources != 2 {
			t.Errorf("story %d of the list = %+v, want id %d with 2 articles from 2 outlets (newest first)", i, s, want)
		}
	}
	if page, _ := st.Stories(ctx, storyline.Filter{Limit: 1, Offset: 1}); len(page) != 1 || page[0].ID != list[1].ID {
		t.Errorf("page 2 of 1 = %+v", page)
	}
	of, err := st.Articles(ctx, storyline.Filter{Story: arts[0].Story})
	if err != nil || len(of) != 2 || of[0].ID != arts[0].ID || of[1].ID != arts[3].ID {
		t.Errorf("Articles of story %d = %d, %v", arts[0].Story, len(of), err)
	}
	var walked []int64
	err = st.EachArticle(ctx, func(a *storyline.Article) error {
		walked = append(walked, a.ID)
		return nil
	})
	want := []int64{}
	for _, a := range arts {
		want = append(want, a.ID)
	}
	if err != nil || !reflect.DeepEqual(walked, want) {
		t.Errorf("EachArticle = %v, %v; want %v", walked, err, want)
	}
	stop := errors.New("stop")
	if err := st.EachArticle(ctx, func(*storyline.Article) error { return stop }); err != stop {
		t.Errorf("EachArticle returned %v, want fn's error as is", err)
	}
	if last, err := st.LastArticle(ctx); err != nil || last != arts[5].ID {
		t.Errorf("LastArticle = %d, %v", last, err)
	}
	if as, err := st.Assignments(ctx, arts[0].Story); err != nil || len(as) != 2 || as[0].Article != arts[0].ID || as[0].Reason != "test" {
		t.Errorf("Assignments = %+v, %v", as, err)
	}
	if s, err := st.Stats(ctx); err != nil || s.Articles != 6 || s.Stories != 3 {
		t.Errorf("Stats = %+v, %v", s, err)
	}
}

func testFeatures(t *testing.T, st storyline.Store) {
	ctx := context.Background()
	a := report("A", "a", 0, "Ferry strike", "Ferry workers walked out.")
	b := report("B", "b", 48, "Ferry strike", "Ferry workers walked out again.")
	save(t, st, a, "a", joinNew())
	save(t, st, b, "b", join(a.Story))
	var got []storyline.Features
	err := st.Features(ctx, t0.Add(24*time.Hour), func(f storyline.Features) error {
		got = append(got, f)
		return nil
	})
	if err != nil || len(got) != 1 {
		t.Fatalf("Features since a day later = %d, %v; want 1", len(got), err)
	}
	f, want := got[0], change(a.Story).Features
	if f.Article != b.ID || f.Story != a.Story || f.Source != "B" || !f.Published.Equal(b.Published) ||
		!reflect.DeepEqual(f.Title, want.Title) || !reflect.DeepEqual(f.Body, want.Body) ||
		!reflect.DeepEqual(f.Entities, want.Entities) || !reflect.DeepEqual(f.Signature, want.Signature) {
		t.Errorf("features = %+v", f)
	}
}

func testSearch(t *testing.T, st storyline.Store) {
	ctx := context.Background()
	save(t, st, report("A", "a", 0, "Ferry workers strike", "The ferry union called a strike over pay at the harbour."), "a", joinNew())
	save(t, st, report("B", "b", 1, "Library opens", "The harbour library opened its doors."), "b", joinNew())
	tests := []struct {
		query string
		hits  int
	}{
		{"ferry", 1},
		{"harbour", 2},
		{"harb*", 2},
		{`"union called"`, 1},
		{`"called union"`, 0},
		{"ferry library", 0},
		{`- * ( ) "`, 0},
		{"NOT AND OR", 0},
	}
	for _, tt := range tests {
		hits, err := st.Search(ctx, tt.query, 10)
		if err != nil || len(hits) != tt.hits {
			t.Errorf("Search(%q) = %d hits, %v; want %d", tt.query, len(hits), err, tt.hits)
		}
	}
	hits, _ := st.Search(ctx, "union", 0)
	if len(hits) != 1 || hits[0].Title != "Ferry workers strike" || hits[0].Story == 0 {
		t.Fatalf("Search(union) = %+v", hits)
	}
	if s := hits[0].Snippet; !strings.Contains(s, storyline.SnippetMarkStart+"union"+storyline.SnippetMarkEnd) {
		t.Errorf("snippet %q does not mark the match", s)
	}
}

func testCardCache(t *testing.T, st storyline.Store) {
	ctx := context.Background()
	a := report("A", "a", 0, "Ferry strike", "Ferry workers walked out.")
	save(t, st, a, "a", joinNew())
	if err := st.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	if m, err := st.Analyses(ctx, []int64{a.ID}); err != nil || len(m) != 0 {
		t.Errorf("Analyses before any = %v, %v", m, err)
	}
	rec := storyline.AnalysisRecord{Article: a.ID, Version: 1, Data: []byte(`{"x":1}`)}
	if err := st.SaveAnalyses(ctx, []storyline.AnalysisRecord{rec}); err != nil {
		t.Fatal(err)
	}
	if m, err := st.Analyses(ctx, []int64{a.ID, 404}); err != nil || len(m) != 1 || string(m[a.ID].Data) != `{"x":1}` {
		t.Errorf("Analyses = %v, %v", m, err)
	}
	if _, analysed, _ := st.Committed(ctx, a.Key()); !analysed {
		t.Error("Committed does not tell that the version is analysed")
	}
	if data, err := st.CachedCard(ctx, a.Story, "s1"); err != nil || data != nil {
		t.Errorf("CachedCard before any = %q, %v", data, err)
	}
	if err := st.SaveCard(ctx, a.Story, "s1", []byte("card")); err != nil {
		t.Fatal(err)
	}
	if data, err := st.CachedCard(ctx, a.Story, "s1"); err != nil || string(data) != "card" {
		t.Errorf("CachedCard = %q, %v", data, err)
	}
	if data, err := st.CachedCard(ctx, a.Story, "s2"); err != nil || data != nil {
		t.Errorf("CachedCard under another stamp = %q, %v", data, err)
	}
}

func testFeeds(t *testing.T, st storyline.Store) {
	ctx := context.Background()
	f := &storyline.Feed{URL: "https://courier.example/feed.xml", Title: "Courier", Interval: 15 * time.Minute}
	if err := st.AddFeed(ctx, f); err != nil || f.ID == 0 || f.Created.IsZero() {
		t.Fatalf("AddFeed: %v, feed %+v", err, f)
	}
	if err := st.AddFeed(ctx, &storyline.Feed{URL: f.URL}); storyline.ErrorCode(err) != storyline.ECONFLICT {
		t.Errorf("AddFeed of a known URL: %v, want ECONFLICT", err)
	}
	if err := st.AddFeed(ctx, &storyline.Feed{}); storyline.ErrorCode(err) != storyline.EINVALID {
		t.Errorf("AddFeed without a URL: %v, want EINVALID", err)
	}
	f.LastError, f.Failures = "HTTP 503", 2
	if err := st.UpdateFeed(ctx, f); err != nil {
		t.Fatal(err)
	}
	if got, err := st.Feed(ctx, f.ID); err != nil || got.LastError != "HTTP 503" || got.Failures != 2 || got.Interval != f.Interval {
		t.Errorf("Feed = %+v, %v", got, err)
	}
	if list, err := st.Feeds(ctx); err != nil || len(list) != 1 {
		t.Errorf("Feeds = %d, %v", len(list), err)
	}
	if s, err := st.Stats(ctx); err != nil || s.Feeds != 1 {
		t.Errorf("Stats = %+v, %v", s, err)
	}
	if err := st.UpdateFeed(ctx, &storyline.Feed{ID: 404, URL: "https://x.example/"}); storyline.ErrorCode(err) != storyline.ENOTFOUND {
		t.Errorf("UpdateFeed of an unknown feed: %v, want ENOTFOUND", err)
	}
	if err := st.DeleteFeed(ctx, f.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Feed(ctx, f.ID); storyline.ErrorCode(err) != storyline.ENOTFOUND {
		t.Errorf("Feed after DeleteFeed: %v, want ENOTFOUND", err)
	}
	if err := st.DeleteFeed(ctx, f.ID); storyline.ErrorCode(err) != storyline.ENOTFOUND {
		t.Errorf("DeleteFeed again: %v, want ENOTFOUND", err)
	}
}

func testClaimDueFeeds(t *testing.T, st storyline.Store) {
	ctx := context.Background()
	now := time.Now().UTC().Truncate(time.Second)
	feeds := map[string]*storyline.Feed{
		"new":    {URL: "https://a.example/feed", Interval: time.Hour},
		"late":   {URL: "https://b.example/feed", Interval: time.Hour, NextFetch: now.Add(-time.Hour)},
		"later":  {URL: "https://c.example/feed", Interval: time.Hour, NextFetch: now.Add(-time.Minute)},
		"future": {URL: "https://d.example/feed", Interval: time.Hour, NextFetch: now.Add(time.Hour)},
	}
	for _, f := range feeds {
		if err := st.AddFeed(ctx, f); err != nil {
			t.Fatal(err)
		}
	}
	got, err := st.ClaimDueFeeds(ctx, now, 10*time.Minute, 2)
	if err != nil || len(got) != 2 || got[0].ID != feeds["new"].ID || got[1].ID != feeds["late"].ID ||
		!got[1].NextFetch.Equal(now.Add(-time.Hour)) {
		t.Fatalf("ClaimDueFeeds(limit 2) = %+v, %v; want the never polled feed and the most overdue, as they were", got, err)
	}
	got, err = st.ClaimDueFeeds(ctx, now, 10*time.Minute, 0)
	if err != nil || len(got) != 1 || got[0].ID != feeds["later"].ID {
		t.Fatalf("ClaimDueFeeds again = %+v, %v; want only the one not claimed yet", got, err)
	}
	if got, err := st.ClaimDueFeeds(ctx, now.Add(time.Minute), 10*time.Minute, 0); err != nil || len(got) != 0 {
		t.Errorf("ClaimDueFeeds while all are held = %d feeds, %v", len(got), err)
	}
	if f, err := st.Feed(ctx, feeds["new"].ID); err != nil || !f.NextFetch.Equal(now.Add(10*time.Minute)) {
		t.Errorf("a claimed feed: %+v, %v; want it due again after the hold", f, err)
	}
	// The holds run out: every feed but the future one is due again.
	if got, err := st.ClaimDueFeeds(ctx, now.Add(11*time.Minute), time.Minute, 0); err != nil || len(got) != 3 {
		t.Errorf("ClaimDueFeeds after the hold = %d feeds, %v; want 3", len(got), err)
	}
}
