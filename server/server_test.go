package server

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/storyline-news/storyline/demo"
	"github.com/storyline-news/storyline/fetch"
	"github.com/storyline-news/storyline/ingest"
	"github.com/storyline-news/storyline/source"
	"github.com/storyline-news/storyline/store/sqlite"
)

// testToken is the write token of test servers.
const testToken = "test-write-token"

// fixture is a server over a fresh database, reachable on loopback.
type fixture struct {
	srv  *Server
	db   *sqlite.DB
	http *httptest.Server
}

// newFixture starts a server; with withDemo the sample corpus is loaded.
func newFixture(t testing.TB, withDemo bool, configure func(*Options)) *fixture {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "serve.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	p, err := ingest.New(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	if withDemo {
		loadDemo(t, p)
	}
	opts := Options{DB: db, Pipeline: p, Token: testToken,
		Fetch: fetch.New(fetch.Options{AllowPrivate: true, HostInterval: 1, Retries: -1})}
	if configure != nil {
		configure(&opts)
	}
	srv, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(func() {
		srv.shutdownStreams() // end event streams a browser holds open
		hs.Close()
		srv.views.running.Wait() // story cards built in the background read the store
	})
	return &fixture{srv: srv, db: db, http: hs}
}

// demoOnce caches nothing across tests (each has its own database), but
// keeps the corpus reading in one place.
var demoMu sync.Mutex

// loadDemo ingests the sample corpus.
func loadDemo(t testing.TB, p *ingest.Pipeline) {
	t.Helper()
	demoMu.Lock()
	defer demoMu.Unlock()
	ctx := context.Background()
	err := source.Read(ctx, []string{"-"}, source.Options{Stdin: demo.Articles()}, func(it source.Item) error {
		if it.Err != nil {
			return it.Err
		}
		_, err := p.Add(ctx, it.Article)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// do sends a request and returns the response with its body read.
func (f *fixture) do(t testing.TB, method, path, token, ctype, body string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(method, f.http.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	resp, err := f.http.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(b)
}

// get fetches a path and fails the test unless the status is want.
func (f *fixture) get(t testing.TB, path string, want int) string {
	t.Helper()
	resp, body := f.do(t, "GET", path, "", "", "")
	if resp.StatusCode != want {
		t.Fatalf("GET %s: status %d, want %d\n%s", path, resp.StatusCode, want, body)
	}
	return body
}

// decode parses JSON into v and fails the test on error.
func decode(t testing.TB, body string, v any) {
	t.Helper()
	if err := json.Unmarshal([]byte(body), v); err != nil {
		t.Fatalf("decode %q: %v", body, err)
	}
}

// firstStory returns the id of the top story.
func (f *fixture) firstStory(t testing.TB) int64 {
	t.Helper()
	var items []storyItem
	decode(t, f.get(t, "/api/stories", 200), &items)
	if len(items) == 0 {
		t.Fatal("no stories")
	}
	return items[0].ID
}

// newDefaultClient is a fetch client with the production defaults: no
// private addresses.
func newDefaultClient() *fetch.Client {
	return fetch.New(fetch.Options{Retries: -1})
}
