package feed

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/fetch"
	"github.com/storyline-news/storyline/store/sqlite"
)

// sink collects the articles a poller adds, by key.
type sink struct {
	mu   sync.Mutex
	keys map[string]*storyline.Article
}

func (s *sink) add(_ context.Context, a *storyline.Article) (storyline.Outcome, error) {
	if strings.TrimSpace(a.Title) == "" && strings.TrimSpace(a.Body) == "" {
		return 0, storyline.Errorf(storyline.EINVALID, "no text") // as the pipeline does
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.keys[a.Key()] != nil {
		return storyline.Unchanged, nil
	}
	s.keys[a.Key()] = a
	return storyline.Added, nil
}

func (s *sink) known(_ context.Context, key string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.keys[key] != nil
}

// byURL returns the article added with the URL, whatever its key.
func (s *sink) byURL(url string) *storyline.Article {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, a := range s.keys {
		if a.URL == url {
			return a
		}
	}
	return nil
}

// pollerFixture is a poller over a fresh database, allowed to fetch from
// the loopback servers the tests start.
func pollerFixture(t *testing.T, allowPrivate bool, page bool) (*Poller, *sqlite.DB, *sink) {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "feeds.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	client := fetch.New(fetch.Options{AllowPrivate: allowPrivate, HostInterval: time.Millisecond, Timeout: 5 * time.Second, Retries: -1})
	s := &sink{keys: map[string]*storyline.Article{}}
	opts := Options{Client: client, Feeds: db, Add: s.add, Known: s.known, Interval: time.Hour}
	if page {
		opts.Page = PageReader(client)
	}
	return NewPoller(opts), db, s
}

func addFeed(t *testing.T, db *sqlite.DB, url string) *storyline.Feed {
	t.Helper()
	f := &storyline.Feed{URL: url}
	if err := db.AddFeed(context.Background(), f); err != nil {
		t.Fatal(err)
	}
	return f
}

func TestPollConditionalGetAndPages(t *testing.T) {
	var feedHits, notModified atomic.Int32
	rss := string(readTestdata(t, "rss.xml"))
	mux := http.NewServeMux()
	mux.HandleFunc("/robots.txt", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("User-agent: *\nDisallow: /news/council-meets\n"))
	})
	mux.HandleFunc("/feed.xml", func(w http.ResponseWriter, r *http.Request) {
		feedHits.Add(1)
		if r.Header.Get("If-None-Match") == `"v1"` {
			notModified.Add(1)
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"v1"`)
		w.Header().Set("Content-Type", "application/rss+xml")
		// Point the entries at this server.
		w.Write([]byte(strings.ReplaceAll(rss, "https://gazette.example", "http://"+r.Host)))
	})
	mux.HandleFunc("/news/ferry-strike", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte(`<html><head><title>Ferry workers walk out at dawn</title></head><body><article>
		<h1>Ferry workers walk out at dawn</h1>
		<p>Ferry crews at the north quay stopped work at dawn on Tuesday, the union said, in a dispute over rosters.</p>
		<p>About 40 sailings were cancelled and passengers were sent to replacement buses along the coast road.</p>
		<p>The operator said it regretted the disruption and called for talks to resume on Wednesday morning.</p>
		</article></body></html>`))
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	p, db, got := pollerFixture(t, true, true)
	f := addFeed(t, db, srv.URL+"/feed.xml")
	ctx := context.Background()
	st, err := p.PollNow(ctx, f.ID)
	if err != nil {
		t.Fatal(err)
	}
	if st.Status() != storyline.FeedOK || st.Articles != 2 || st.Title != "Harbour Gazette — Latest" || st.LastError != "" {
		t.Fatalf("after first poll: %+v", st)
	}
	if d := time.Until(st.NextFetch); d < 59*time.Minute || d > time.Hour {
		t.Errorf("next fetch in %v, want the 1h interval", d)
	}
	ferry := got.byURL(srv.URL + "/news/ferry-strike")
	if ferry == nil || !strings.Contains(ferry.Body, "rosters") {
		t.Errorf("ferry entry should carry the linked page's text, got %+v", ferry)
	}
	if ferry != nil && (ferry.Source != "127.0.0.1" || ferry.Author != "Mira Castell") {
		t.Errorf("ferry entry source %q author %q", ferry.Source, ferry.Author)
	}
	// robots.txt refuses the council page: the feed's summary is used.
	council := got.byURL(srv.URL + "/news/council-meets")
	if council == nil || council.Body != "The council will hold an emergency session at noon." {
		t.Errorf("council entry should fall back to the feed's content, got %+v", council)
	}

	if _, err := p.PollNow(ctx, f.ID); err != nil {
		t.Fatal(err)
	}
	if feedHits.Load() != 2 || notModified.Load() != 1 {
		t.Errorf("second poll: %d requests, %d not modified; want a conditional GET answered 304", feedHits.Load(), notModified.Load())
	}
}

func TestPollFailureBacksOff(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/gone.xml" {
			http.Error(w, "gone", http.StatusGone)
			return
		}
		w.Write([]byte("<html><body>not a feed</body></html>"))
	}))
	defer srv.Close()
	p, db, _ := pollerFixture(t, true, false)
	ctx := context.Background()

	gone := addFeed(t, db, srv.URL+"/gone.xml")
	var last time.Duration
	for i := 1; i <= 3; i++ {
		st, err := p.PollNow(ctx, gone.ID)
		if err != nil {
			t.Fatal(err)
		}
		if st.Status() != storyline.FeedFailing || st.Failures != i || !strings.Contains(st.LastError, "410") {
			t.Fatalf("poll %d: %+v", i, st)
		}
		d := time.Until(st.NextFetch)
		if d <= last {
			t.Errorf("poll %d: next fetch in %v, not later than %v", i, d, last)
		}
		last = d
	}
	html := addFeed(t, db, srv.URL+"/page.html")
	st, err := p.PollNow(ctx, html.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(st.LastError, "not a feed") {
		t.Errorf("HTML page as feed: last error %q", st.LastError)
	}
}

func TestPollRefusesPrivateAddresses(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hits.Add(1) }))
	defer srv.Close()
	p, db, _ := pollerFixture(t, false, false)
	f := addFeed(t, db, srv.URL+"/feed.xml")
	st, err := p.PollNow(context.Background(), f.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(st.LastError, "non-public address") || hits.Load() != 0 {
		t.Errorf("loopback feed without allow-private: error %q, %d requests reached the server", st.LastError, hits.Load())
	}
}

func TestRunPollsDueFeedsAndStops(t *testing.T) {
	feedJSON := readTestdata(t, "feed.json")
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/feed.json" {
			w.Write(feedJSON)
			return
		}
		http.NotFound(w, r)
	}))
	defer srv.Close()
	p, db, got := pollerFixture(t, true, false)
	addFeed(t, db, srv.URL+"/feed.json")
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- p.Run(ctx) }()
	deadline := time.Now().Add(10 * time.Second)
	for got.byURL("https://coastline.example/storm") == nil {
		if time.Now().After(deadline) {
			t.Fatal("Run did not poll the due feed")
		}
		time.Sleep(20 * time.Millisecond)
	}
	cancel()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Run did not return after cancel")
	}
}

func TestBackoff(t *testing.T) {
	for _, tt := range []struct {
		failures int
		want     time.Duration
	}{{0, time.Minute}, {1, 2 * time.Minute}, {3, 8 * time.Minute}, {30, time.Hour}} {
		if got := Backoff(time.Minute, tt.failures, time.Hour); got != tt.want {
			t.Errorf("Backoff(1m, %d, 1h) = %v, want %v", tt.failures, got, tt.want)
		}
	}
}

// TestPollKeepsEveryEntry polls feeds whose entries were once lost: entries
// with only a link (their pages give the text), entries sharing one link,
// entries with only a description. Every entry is added.
func TestPollKeepsEveryEntry(t *testing.T) {
	files := map[string]string{
		"/links.xml":  "rss-link-only.xml",
		"/live.xml":   "rss-shared-link.xml",
		"/notes.xml":  "rss-description-only.xml",
		"/titles.xml": "rss-same-title.xml",
	}
	mux := http.NewServeMux()
	for path, name := range files {
		data := string(readTestdata(t, name))
		mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/rss+xml")
			w.Write([]byte(strings.ReplaceAll(data, "https://quarrypost.example", "http://"+r.Host)))
		})
	}
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte(`<html><head><title>Page ` + r.URL.Path + `</title></head><body><article>
		<h1>Page ` + r.URL.Path + `</h1>
		<p>The quarry company presented its plans to the parish council on Tuesday evening, residents said.</p>
		<p>A decision on the application is expected before the end of the year, the council's planning officer said.</p>
		</article></body></html>`))
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	p, db, got := pollerFixture(t, true, true)
	want := 0
	for path, name := range files {
		f := addFeed(t, db, srv.URL+path)
		st, err := p.PollNow(context.Background(), f.ID)
		if err != nil {
			t.Fatal(err)
		}
		n := strings.Count(string(readTestdata(t, name)), "<item>")
		if st.Articles != n || st.LastError != "" {
			t.Errorf("%s: %d of %d entries added (error %q)", name, st.Articles, n, st.LastError)
		}
		want += n
	}
	if len(got.keys) != want {
		t.Errorf("%d articles stored, want %d", len(got.keys), want)
	}
}

// TestPollUsesHTTPCharset serves feeds that do not declare their encoding:
// one whose HTTP response names it, one that names it nowhere (Latin-1).
func TestPollUsesHTTPCharset(t *testing.T) {
	koi8 := readTestdata(t, "koi8r-undeclared.xml")
	latin1 := readTestdata(t, "latin1-undeclared.xml")
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/koi8.xml":
			w.Header().Set("Content-Type", "application/rss+xml; charset=KOI8-R")
			w.Write(koi8)
		case "/latin1.xml":
			w.Header().Set("Content-Type", "application/rss+xml")
			w.Write(latin1)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	p, db, got := pollerFixture(t, true, false)
	for path, title := range map[string]string{"/koi8.xml": "Вестник Заречья", "/latin1.xml": "Gazette de la Côte"} {
		f := addFeed(t, db, srv.URL+path)
		st, err := p.PollNow(context.Background(), f.ID)
		if err != nil {
			t.Fatal(err)
		}
		if st.LastError != "" || st.Title != title {
			t.Errorf("%s: title %q, error %q", path, st.Title, st.LastError)
		}
	}
	if a := got.byURL("https://zarechye.example/most"); a == nil || a.Title != "Мост открыт после ремонта" {
		t.Errorf("KOI8-R entry: %+v", a)
	}
	if a := got.byURL("https://gazette-cote.example/election"); a == nil || a.Body != "Le maire sortant a été réélu dès le premier tour." {
		t.Errorf("Latin-1 entry: %+v", a)
	}
}
