package server

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/storyline-news/storyline"
)

const testRSS = `<?xml version="1.0"?><rss version="2.0"><channel><title>Loopback Ledger</title><link>http://HOST/</link>
<item><title>Reservoir levels fall to record low</title><link>http://HOST/a1</link><guid>ll-1</guid>
<pubDate>Wed, 08 Oct 2025 07:00:00 +0000</pubDate><description>Water in the upland reservoirs fell to the lowest level on record, the utility said on Wednesday.</description></item>
<item><title>Hosepipe ban considered</title><link>http://HOST/a2</link><guid>ll-2</guid>
<pubDate>Wed, 08 Oct 2025 09:00:00 +0000</pubDate><description>The utility said it was considering a hosepipe ban as reservoir levels fell.</description></item>
</channel></rss>`

func TestFeedsInThroughAPI(t *testing.T) {
	var hits atomic.Int32
	feedSrv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/rss.xml":
			hits.Add(1)
			w.Header().Set("Content-Type", "application/rss+xml")
			io.WriteString(w, strings.ReplaceAll(testRSS, "HOST", r.Host))
		case "/broken.xml":
			http.Error(w, "down for maintenance", http.StatusServiceUnavailable)
		default:
			// Linked pages refuse: the feed's own text must be used.
			http.Error(w, "subscribers only", http.StatusForbidden)
		}
	}))
	defer feedSrv.Close()
	f := newFixture(t, false, func(o *Options) { o.FetchPages = true })

	resp, body := f.do(t, "POST", "/api/feeds", testToken, "application/json", fmt.Sprintf(`{"url":%q,"source":"Loopback Ledger"}`, feedSrv.URL+"/rss.xml"))
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("add feed: %d %s", resp.StatusCode, body)
	}
	var fi feedItem
	decode(t, body, &fi)
	if resp, _ := f.do(t, "POST", "/api/feeds", testToken, "application/json", fmt.Sprintf(`{"url":%q}`, feedSrv.URL+"/rss.xml")); resp.StatusCode != http.StatusConflict {
		t.Errorf("same feed twice: %d", resp.StatusCode)
	}
	if resp, _ := f.do(t, "POST", "/api/feeds", testToken, "application/json", `{"url":"file:///etc/passwd"}`); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("file URL: %d", resp.StatusCode)
	}
	resp, body = f.do(t, "POST", fmt.Sprintf("/api/feeds/%d/refresh", fi.ID), testToken, "", "")
	decode(t, body, &fi)
	if resp.StatusCode != 200 || fi.Status != storyline.FeedOK || fi.Articles != 2 || fi.Title != "Loopback Ledger" {
		t.Fatalf("refresh: %d %s", resp.StatusCode, body)
	}
	var hitsJSON []searchItem
	decode(t, f.get(t, "/api/search?q=hosepipe", 200), &hitsJSON)
	if len(hitsJSON) != 1 || hitsJSON[0].Source != "Loopback Ledger" {
		t.Fatalf("feed article not searchable: %+v", hitsJSON)
	}

	resp, body = f.do(t, "POST", "/api/feeds", testToken, "application/json", fmt.Sprintf(`{"url":%q}`, feedSrv.URL+"/broken.xml"))
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("add broken feed: %d %s", resp.StatusCode, body)
	}
	decode(t, body, &fi)
	_, body = f.do(t, "POST", fmt.Sprintf("/api/feeds/%d/refresh", fi.ID), testToken, "", "")
	decode(t, body, &fi)
	if fi.Status != storyline.FeedFailing || !strings.Contains(fi.LastError, "503") || fi.Failures != 1 || fi.NextFetch.IsZero() {
		t.Fatalf("broken feed: %s", body)
	}
	page := f.get(t, "/feeds", 200)
	if !strings.Contains(page, "503 Service Unavailable") || !strings.Contains(page, "failing") {
		t.Error("feeds page does not show the failure")
	}
	opml := f.get(t, "/api/feeds.opml", 200)
	if !strings.Contains(opml, `xmlUrl="`+feedSrv.URL+`/rss.xml"`) {
		t.Errorf("OPML export: %s", opml)
	}
	// Import into a second server: both feeds come over.
	g := newFixture(t, false, nil)
	resp, body = g.do(t, "POST", "/api/feeds.opml", testToken, "text/x-opml", opml)
	var rep importReply
	decode(t, body, &rep)
	if resp.StatusCode != 200 || rep.Added != 2 {
		t.Fatalf("OPML import: %d %s", resp.StatusCode, body)
	}
	if resp, _ := f.do(t, "DELETE", fmt.Sprintf("/api/feeds/%d", fi.ID), testToken, "", ""); resp.StatusCode != http.StatusNoContent {
		t.Errorf("delete: %d", resp.StatusCode)
	}
	f.get(t, fmt.Sprintf("/api/feeds/%d", fi.ID), 404)
}

func TestFeedsRefusePrivateAddressesByDefault(t *testing.T) {
	feedSrv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, testRSS)
	}))
	defer feedSrv.Close()
	f := newFixture(t, false, func(o *Options) { o.Fetch = nil })
	srv, err := New(Options{DB: f.db, Pipeline: f.srv.opts.Pipeline, Token: testToken, Fetch: newDefaultClient()})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv.Handler())
	defer hs.Close()
	g := &fixture{srv: srv, db: f.db, http: hs}
	_, body := g.do(t, "POST", "/api/feeds", testToken, "application/json", fmt.Sprintf(`{"url":%q}`, feedSrv.URL+"/rss.xml"))
	var fi feedItem
	decode(t, body, &fi)
	_, body = g.do(t, "POST", fmt.Sprintf("/api/feeds/%d/refresh", fi.ID), testToken, "", "")
	decode(t, body, &fi)
	if fi.Status != storyline.FeedFailing || !strings.Contains(fi.LastError, "non-public address") {
		t.Fatalf("loopback feed without allow-private: %s", body)
	}
}

func TestEventsStreamNewArticles(t *testing.T) {
	f := newFixture(t, false, nil)
	resp, err := http.Get(f.http.URL + "/events")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("content type %q", ct)
	}
	lines := bufio.NewScanner(resp.Body)
	// Wait for the greeting so that the subscription exists.
	for lines.Scan() && lines.Text() != ": connected" {
	}
	f.do(t, "POST", "/api/articles", testToken, "application/json", `{"id":"e1","title":"Live report","text":"Something happened just now.","source":"Wire"}`)
	deadline := time.AfterFunc(5*time.Second, func() { resp.Body.Close() })
	defer deadline.Stop()
	for lines.Scan() {
		if data, ok := strings.CutPrefix(lines.Text(), "data: "); ok {
			var e Event
			if err := json.Unmarshal([]byte(data), &e); err != nil {
				t.Fatal(err)
			}
			if e.Type != "article" || e.Title != "Live report" || e.Story == 0 || e.Articles != 1 {
				t.Fatalf("event %+v", e)
			}
			return
		}
	}
	t.Fatal("no event arrived")
}

// slowBody yields JSON lines in small pieces.
type slowBody struct {
	data []byte
}

func (b *slowBody) Read(p []byte) (int, error) {
	if len(b.data) == 0 {
		return 0, io.EOF
	}
	time.Sleep(5 * time.Millisecond)
	n := copy(p[:min(len(p), 200)], b.data)
	b.data = b.data[n:]
	return n, nil
}

func TestShutdownKeepsAcceptedArticles(t *testing.T) {
	f := newFixture(t, false, nil)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	// The request is accepted once a handler has it.
	accepted := make(chan struct{})
	inner := f.srv.handler
	f.srv.handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/api/articles" {
			close(accepted)
		}
		inner.ServeHTTP(w, r)
	})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- f.srv.Run(ctx, ln) }()

	const n = 40
	var lines strings.Builder
	for i := range n {
		fmt.Fprintf(&lines, `{"id":"s%d","title":"Report %d on the harbour works","text":"Crews worked on section %d of the harbour wall overnight.","source":"Outlet %d"}`+"\n", i, i, i, i%5)
	}
	body := &slowBody{data: []byte(lines.String())}
	req, _ := http.NewRequest("POST", "http://"+ln.Addr().String()+"/api/articles", body)
	req.Header.Set("Authorization", "Bearer "+testToken)
	req.ContentLength = int64(len(body.data))
	type result struct {
		code int
		rep  ingestReply
		err  error
	}
	res := make(chan result, 1)
	go func() {
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			res <- result{err: err}
			return
		}
		defer resp.Body.Close()
		var r result
		r.code = resp.StatusCode
		r.err = json.NewDecoder(resp.Body).Decode(&r.rep)
		res <- r
	}()
	<-accepted
	cancel() // shut down while the body is still arriving
	r := <-res
	if r.err != nil || r.code != 200 || r.rep.Added != n {
		t.Fatalf("request during shutdown: %d %+v %v", r.code, r.rep, r.err)
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	st, err := f.db.Stats(context.Background())
	if err != nil || st.Articles != n {
		t.Fatalf("after shutdown: %d articles stored (%v), want %d", st.Articles, err, n)
	}
}
