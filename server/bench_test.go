package server

import (
	"fmt"
	"net/http/httptest"
	"testing"
)

// benchHandler measures one cached GET through the whole handler chain
// (middleware, auth, cache), without the network.
func benchHandler(b *testing.B, f *fixture, path string) {
	h := f.srv.Handler()
	req := httptest.NewRequest("GET", path, nil)
	h.ServeHTTP(httptest.NewRecorder(), req) // warm the cache
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		if w.Code != 200 {
			b.Fatalf("GET %s: %d", path, w.Code)
		}
	}
}

func BenchmarkStoryPageCached(b *testing.B) {
	f := newFixture(b, true, nil)
	benchHandler(b, f, fmt.Sprintf("/stories/%d", f.firstStory(b)))
}

func BenchmarkAPIStoriesCached(b *testing.B) {
	benchHandler(b, newFixture(b, true, nil), "/api/stories")
}

// BenchmarkStoryPageRender measures building a story page after the data
// changed: the view is checked against the store and the page rendered.
func BenchmarkStoryPageRender(b *testing.B) {
	f := newFixture(b, true, nil)
	h := f.srv.Handler()
	req := httptest.NewRequest("GET", fmt.Sprintf("/stories/%d", f.firstStory(b)), nil)
	b.ReportAllocs()
	for b.Loop() {
		f.srv.views.invalidate()
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		if w.Code != 200 {
			b.Fatal(w.Code)
		}
	}
}

// BenchmarkFrontPageRender measures ranking and rendering the front page.
func BenchmarkFrontPageRender(b *testing.B) {
	f := newFixture(b, true, nil)
	h := f.srv.Handler()
	req := httptest.NewRequest("GET", "/", nil)
	b.ReportAllocs()
	for b.Loop() {
		f.srv.views.invalidate()
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		if w.Code != 200 {
			b.Fatal(w.Code)
		}
	}
}

// BenchmarkAPIStoriesCachedParallel measures cached GETs from many
// goroutines at once: every hit takes the cache's lock to mark the entry
// recently used.
func BenchmarkAPIStoriesCachedParallel(b *testing.B) {
	f := newFixture(b, true, nil)
	h := f.srv.Handler()
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/api/stories", nil))
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		req := httptest.NewRequest("GET", "/api/stories", nil)
		for pb.Next() {
			w := httptest.NewRecorder()
			h.ServeHTTP(w, req)
			if w.Code != 200 {
				b.Errorf("GET /api/stories: %d", w.Code)
				return
			}
		}
	})
}

// BenchmarkAPIStoriesByOutlet measures the outlet filter after the data
// changed: each candidate story's articles are read for their outlets.
func BenchmarkAPIStoriesByOutlet(b *testing.B) {
	f := newFixture(b, true, nil)
	h := f.srv.Handler()
	req := httptest.NewRequest("GET", "/api/stories?outlet=The+Monsoon+Herald", nil)
	b.ReportAllocs()
	for b.Loop() {
		f.srv.views.invalidate()
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		if w.Code != 200 {
			b.Fatal(w.Code)
		}
	}
}
