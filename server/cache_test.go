package server

import (
	"fmt"
	"net/http/httptest"
	"testing"
)

// serve sends a GET through the whole handler chain and returns the status.
func (f *fixture) serve(path string) int {
	w := httptest.NewRecorder()
	f.srv.Handler().ServeHTTP(w, httptest.NewRequest("GET", path, nil))
	return w.Code
}

// Junk query parameters, and other spellings of the same request, are
// served from the one entry the request has: a reader cannot grow the
// cache by varying them.
func TestCacheIgnoresUnknownParameters(t *testing.T) {
	f := newFixture(t, true, nil)
	id := f.firstStory(t)
	routes := []string{fmt.Sprintf("/stories/%d", id), fmt.Sprintf("/api/stories/%d", id), "/", "/api/stories",
		"/feeds/stories.atom", fmt.Sprintf("/stories/%d/feed.json", id)}
	// Cards built in the background move the cache's generation when they
	// land (a loaded machine builds some slower than a page waits): let
	// them land first, so that the count below is of these requests only.
	for _, p := range routes {
		f.serve(p)
	}
	f.srv.views.running.Wait()
	for _, p := range routes {
		if code := f.serve(p); code != 200 {
			t.Fatalf("GET %s: %d", p, code)
		}
	}
	entries, _ := f.srv.responses.stats()
	if entries != len(routes) {
		t.Fatalf("%d entries after %d routes", entries, len(routes))
	}
	for i := range 300 {
		for _, p := range routes {
			if code := f.serve(fmt.Sprintf("%s?b=%d&utm_source=x%d", p, i, i)); code != 200 {
				t.Fatalf("GET %s: %d", p, code)
			}
		}
	}
	// The same parameters in another order or spelling.
	for _, p := range []string{fmt.Sprintf("/stories/0%d", id), fmt.Sprintf("/api/stories/00%d", id),
		"/?sort=rank&page=1", "/?page=1&sort=", "/api/stories?limit=50&offset=0", "/api/stories?offset=0&limit=50&page=1",
		"/feeds/stories.atom?sort=latest", "/feeds/stories.atom?limit=50"} {
		if code := f.serve(p); code != 200 {
			t.Fatalf("GET %s: %d", p, code)
		}
	}
	if n, _ := f.srv.responses.stats(); n != entries {
		t.Errorf("junk parameters made %d entries of %d", n-entries, n)
	}
}

// The cache holds no more bytes than its budget, however many distinct
// responses are asked for, and keeps serving.
func TestCacheStaysWithinBudget(t *testing.T) {
	const budget = 200 << 10
	f := newFixture(t, true, func(o *Options) { o.CacheBytes = budget })
	var items []storyItem
	decode(t, f.get(t, "/api/stories?limit=500", 200), &items)
	if len(items) < 10 {
		t.Fatalf("%d stories", len(items))
	}
	requests := 0
	for round := range 2 {
		for _, st := range items {
			for _, p := range []string{storyPath(st.ID), "/api/stories/" + itoa(st.ID), storyPath(st.ID) + "/feed.atom"} {
				if code := f.serve(p); code != 200 {
					t.Fatalf("GET %s: %d", p, code)
				}
				requests++
				if n, size := f.srv.responses.stats(); size > budget || n == 0 {
					t.Fatalf("round %d, %d requests: %d entries of %d bytes, budget %d", round, requests, n, size, budget)
				}
			}
		}
	}
	for limit := 1; limit <= 500; limit++ {
		f.serve(fmt.Sprintf("/api/stories?limit=%d", limit))
		if _, size := f.srv.responses.stats(); size > budget {
			t.Fatalf("limit=%d: %d bytes, budget %d", limit, size, budget)
		}
	}
	if n, _ := f.srv.responses.stats(); n >= requests {
		t.Errorf("%d entries after %d requests: nothing was evicted", n, requests)
	}
}

// The least recently used response goes first; one that is used stays.
func TestCacheEvictsLeastRecentlyUsed(t *testing.T) {
	c := responseCache{budget: 4 * (entryOverhead + 1100)}
	put := func(name string) {
		c.put(newCachedResponse(cacheKey{route: name}, 1, "text/plain", make([]byte, 1000)))
	}
	put("a")
	put("b")
	put("c")
	if c.get(cacheKey{route: "a"}, 1) == nil {
		t.Fatal("a missing")
	}
	put("d")
	put("e") // over budget: b, the least recently used, goes
	if c.get(cacheKey{route: "b"}, 1) != nil {
		t.Error("b kept")
	}
	for _, k := range []string{"a", "c", "d", "e"} {
		if c.get(cacheKey{route: k}, 1) == nil {
			t.Errorf("%s evicted", k)
		}
	}
	if c.get(cacheKey{route: "a"}, 2) != nil {
		t.Error("a served for a later generation")
	}
	c.put(newCachedResponse(cacheKey{route: "f"}, 2, "text/plain", nil))
	if n, _ := c.stats(); n != 1 {
		t.Errorf("%d entries after the generation moved, want 1", n)
	}
}
