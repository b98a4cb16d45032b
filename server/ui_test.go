package server

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/storyline-news/storyline"
)

func TestPages(t *testing.T) {
	f := newFixture(t, true, nil)
	resp, front := f.do(t, "GET", "/", "", "", "")
	if resp.StatusCode != 200 || !strings.Contains(resp.Header.Get("Content-Security-Policy"), "script-src 'self'") {
		t.Fatalf("front page: %d, CSP %q", resp.StatusCode, resp.Header.Get("Content-Security-Policy"))
	}
	for _, want := range []string{`<ol class="stories"`, `<svg class="spark"`, `independent source`, `data-live="all"`, `href="/feeds/stories.atom"`} {
		if !strings.Contains(front, want) {
			t.Errorf("front page lacks %s", want)
		}
	}
	f.get(t, "/?sort=latest&page=2", 200)
	id := f.firstStory(t)
	story := f.get(t, fmt.Sprintf("/stories/%d", id), 200)
	for _, want := range []string{`id="articles"`, `<h2 id="claims-h">Corroboration</h2>`, `<h2 id="quotes-h">Who said what</h2>`,
		`<h2 id="entities-h">Who and where</h2>`, `<figure class="chart">`, fmt.Sprintf(`data-live="story:%d"`, id)} {
		if !strings.Contains(story, want) {
			t.Errorf("story page lacks %s", want)
		}
	}
	f.get(t, "/stories/999999", 404)
	f.get(t, "/no/such/page", 404)
	f.get(t, "/search?q=minister", 200)
	f.get(t, "/search", 200)
	f.get(t, "/feeds", 200)
	f.get(t, "/login", 200)
	f.get(t, "/static/app.css", 200)
	f.get(t, "/static/app.js", 200)
}

func TestUntrustedTextIsInert(t *testing.T) {
	f := newFixture(t, true, nil)
	evil := map[string]string{
		"id": "evil-1", "source": `<b>Evil</b> "Outlet"`, "url": "javascript:alert(3)",
		"title": `<script>alert(1)</script> Harbour ferry strike`,
		"text":  `Ferry crews walked out. <img src=x onerror="alert(2)"> The union said the strike would go on. </textarea><svg onload=alert(4)>`,
	}
	body, _ := json.Marshal(evil)
	if resp, out := f.do(t, "POST", "/api/articles", testToken, "application/json", string(body)); resp.StatusCode != 200 {
		t.Fatalf("POST: %d %s", resp.StatusCode, out)
	}
	var hits []searchItem
	decode(t, f.get(t, "/api/search?q=ferry", 200), &hits)
	var art, story int64
	for _, h := range hits {
		if h.Article == "evil-1" {
			art, story = h.ArticleID, h.Story
		}
	}
	if art == 0 {
		t.Fatal("evil article not found")
	}
	pages := []string{"/", "/?sort=latest", fmt.Sprintf("/stories/%d", story), fmt.Sprintf("/articles/%d", art),
		"/search?q=ferry", "/search?q=" + url.QueryEscape(`<script>alert(5)</script>`), "/entities/" + url.PathEscape("<script>x</script>"),
		"/feeds/stories.atom?q=ferry", fmt.Sprintf("/stories/%d/feed.atom", story)}
	for _, p := range pages {
		resp, out := f.do(t, "GET", p, "", "", "")
		for _, bad := range []string{"<script>alert", "<img src=x", "<svg onload", `href="javascript:`, "<b>Evil</b>"} {
			if strings.Contains(out, bad) {
				t.Errorf("GET %s (%d) contains %q", p, resp.StatusCode, bad)
			}
		}
	}
	page := f.get(t, fmt.Sprintf("/articles/%d", art), 200)
	if !strings.Contains(page, "&lt;script&gt;alert(1)&lt;/script&gt;") || !strings.Contains(page, "&lt;img src=x onerror=") {
		t.Error("article page should show the markup as text")
	}
}

func TestFeedsOut(t *testing.T) {
	f := newFixture(t, true, nil)
	var atom struct {
		XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
		Title   string   `xml:"title"`
		Entries []struct {
			Title string `xml:"title"`
			ID    string `xml:"id"`
		} `xml:"entry"`
	}
	resp, body := f.do(t, "GET", "/feeds/stories.atom", "", "", "")
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/atom+xml") {
		t.Errorf("Atom content type %q", ct)
	}
	if err := xml.Unmarshal([]byte(body), &atom); err != nil {
		t.Fatal(err)
	}
	if len(atom.Entries) < 5 || !strings.HasPrefix(atom.Entries[0].ID, defaultBase+"/stories/") {
		t.Fatalf("Atom feed: %+v", atom)
	}
	var jf jsonFeed
	decode(t, f.get(t, "/feeds/stories.json", 200), &jf)
	if jf.Version != "https://jsonfeed.org/version/1.1" || len(jf.Items) != len(atom.Entries) {
		t.Fatalf("JSON Feed: %s, %d items", jf.Version, len(jf.Items))
	}
	// Filtered by a search: fewer stories, each matching.
	decode(t, f.get(t, "/feeds/stories.json?q=minister", 200), &jf)
	if len(jf.Items) == 0 || len(jf.Items) >= len(atom.Entries) {
		t.Errorf("q=minister gave %d of %d stories", len(jf.Items), len(atom.Entries))
	}
	id := f.firstStory(t)
	decode(t, f.get(t, fmt.Sprintf("/stories/%d/feed.json", id), 200), &jf)
	if len(jf.Items) == 0 {
		t.Error("story feed has no entries")
	}
	f.get(t, fmt.Sprintf("/stories/%d/feed.atom", id), 200)
	f.get(t, "/stories/999999/feed.atom", 404)
}

func TestEntityPages(t *testing.T) {
	f := newFixture(t, true, nil)
	id := f.firstStory(t)
	var card struct {
		Title    string `json:"title"`
		Entities []struct {
			Name string `json:"name"`
		} `json:"entities"`
	}
	decode(t, f.get(t, fmt.Sprintf("/api/stories/%d", id), 200), &card)
	// Until the card lists entities, a capitalised title word stands in.
	name := ""
	if len(card.Entities) > 0 {
		name = card.Entities[0].Name
	} else {
		for _, w := range strings.Fields(card.Title) {
			if w[0] >= 'A' && w[0] <= 'Z' && len(w) > 3 {
				name = strings.Trim(w, "'s,.")
				break
			}
		}
	}
	var ep entityPage
	decode(t, f.get(t, "/api/entities/"+url.PathEscape(name), 200), &ep)
	found := false
	for _, s := range ep.Stories {
		found = found || s.Story.ID == id
	}
	if !found {
		t.Errorf("entity %q: stories %+v lack story %d", name, ep.Stories, id)
	}
	page := f.get(t, "/entities/"+url.PathEscape(name), 200)
	if !strings.Contains(page, fmt.Sprintf(`href="/stories/%d"`, id)) {
		t.Errorf("entity page for %q does not link story %d", name, id)
	}
	f.get(t, "/api/entities/Nobody%20Anywhere%20Zzz", 404)
}

func TestMetricsAndHealth(t *testing.T) {
	f := newFixture(t, false, nil)
	f.do(t, "POST", "/api/articles", testToken, "application/json", `{"id":"m1","title":"Metrics test","text":"A short text for the metrics."}`)
	f.get(t, "/api/stories", 200)
	// The poller's hook, as a failed poll calls it.
	f.srv.metrics.feedPolled(&storyline.Feed{URL: "https://news.example/feed.xml"}, 0, errors.New("HTTP 503"))
	body := f.get(t, "/metrics", 200)
	// The client library sorts label names: code comes before route.
	for _, want := range []string{
		`storyline_articles_ingested_total{outcome="added"} 1`,
		`storyline_pipeline_seconds_count 1`,
		`storyline_stories 1`,
		`storyline_articles 1`,
		`storyline_http_requests_total{code="200",route="GET /api/stories"} 1`,
		`storyline_http_request_seconds_bucket{route="GET /api/stories",le="+Inf"} 1`,
		"# TYPE storyline_feed_fetch_errors_total counter",
		`storyline_feed_polls_total{feed="https://news.example/feed.xml"} 1`,
		`storyline_feed_fetch_errors_total{feed="https://news.example/feed.xml"} 1`,
		"storyline_event_streams 0",
		"# TYPE storyline_uptime_seconds gauge",
		"go_goroutines ",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %q", want)
		}
	}
}

func TestSessionForms(t *testing.T) {
	f := newFixture(t, false, nil)
	client := f.http.Client()
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	post := func(path string, form url.Values, cookie *http.Cookie, origin string) *http.Response {
		req, _ := http.NewRequest("POST", f.http.URL+path, strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if origin != "" {
			req.Header.Set("Origin", origin)
		}
		if cookie != nil {
			req.AddCookie(cookie)
		}
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp
	}
	if resp := post("/login", url.Values{"token": {"nope"}}, nil, f.http.URL); resp.StatusCode != 401 {
		t.Fatalf("wrong token: %d", resp.StatusCode)
	}
	resp := post("/login", url.Values{"token": {testToken}, "next": {"//evil.example/"}}, nil, f.http.URL)
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/" || len(resp.Cookies()) != 1 {
		t.Fatalf("login: %d %q %v", resp.StatusCode, resp.Header.Get("Location"), resp.Cookies())
	}
	cookie := resp.Cookies()[0]
	if !cookie.HttpOnly || cookie.SameSite != http.SameSiteStrictMode {
		t.Errorf("session cookie %+v", cookie)
	}
	feed := url.Values{"url": {"https://news.example/rss"}}
	if resp := post("/feeds", feed, cookie, "https://evil.example"); resp.StatusCode != 401 {
		t.Fatalf("cross-site form: %d", resp.StatusCode)
	}
	if resp := post("/feeds", feed, nil, f.http.URL); resp.StatusCode != 401 {
		t.Fatalf("form without session: %d", resp.StatusCode)
	}
	resp = post("/feeds", feed, cookie, f.http.URL)
	if resp.StatusCode != http.StatusSeeOther || !strings.Contains(resp.Header.Get("Location"), "notice=") {
		t.Fatalf("add feed form: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	var feeds []feedItem
	decode(t, f.get(t, "/api/feeds", 200), &feeds)
	if len(feeds) != 1 || feeds[0].URL != "https://news.example/rss" {
		t.Fatalf("feeds after the form: %+v", feeds)
	}
	if resp := post("/feeds", feed, cookie, f.http.URL); !strings.Contains(resp.Header.Get("Location"), "problem=") {
		t.Errorf("duplicate feed should report a problem: %s", resp.Header.Get("Location"))
	}
	// OPML import through the upload form.
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, _ := mw.CreateFormFile("opml", "subs.opml")
	fw.Write([]byte(`<opml version="2.0"><body><outline text="A" xmlUrl="https://a.example/rss"/><outline text="dup" xmlUrl="https://news.example/rss"/></body></opml>`))
	mw.Close()
	req, _ := http.NewRequest("POST", f.http.URL+"/feeds/import", &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Origin", f.http.URL)
	req.AddCookie(cookie)
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if loc := resp.Header.Get("Location"); resp.StatusCode != http.StatusSeeOther || !strings.Contains(loc, "1+feed+added%2C+1+already+there") {
		t.Fatalf("OPML form: %d %s", resp.StatusCode, loc)
	}
	if page := f.get(t, "/feeds", 200); !strings.Contains(page, "https://a.example/rss") {
		t.Error("imported feed not listed")
	}
	if resp := post(fmt.Sprintf("/feeds/%d/delete", feeds[0].ID), nil, cookie, f.http.URL); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("delete form: %d", resp.StatusCode)
	}
	decode(t, f.get(t, "/api/feeds", 200), &feeds)
	if len(feeds) != 1 || feeds[0].URL != "https://a.example/rss" {
		t.Fatalf("after deleting one of two feeds: %+v", feeds)
	}
}
