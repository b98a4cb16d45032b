package server

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/storyline-news/storyline"
)

func TestAPIReads(t *testing.T) {
	f := newFixture(t, true, nil)
	var items []storyItem
	decode(t, f.get(t, "/api/stories", 200), &items)
	if len(items) < 5 {
		t.Fatalf("%d stories from the demo corpus", len(items))
	}
	for i := 1; i < len(items); i++ {
		if items[i].Score > items[i-1].Score {
			t.Fatalf("stories not ranked: %v then %v", items[i-1].Score, items[i].Score)
		}
	}
	var latest []storyItem
	decode(t, f.get(t, "/api/stories?sort=latest&limit=3", 200), &latest)
	if len(latest) != 3 || latest[0].Updated.Before(latest[1].Updated) {
		t.Fatalf("sort=latest&limit=3 gave %+v", latest)
	}

	id := items[0].ID
	var card storyline.Card
	decode(t, f.get(t, fmt.Sprintf("/api/stories/%d", id), 200), &card)
	if card.ID != id || len(card.Articles) == 0 || card.Sources != items[0].Sources {
		t.Fatalf("card %d: %+v", id, card)
	}
	body := f.get(t, "/api/stories/999999", 404)
	if !strings.Contains(body, `"code":"not_found"`) {
		t.Errorf("unknown story: %s", body)
	}
	f.get(t, "/api/stories/abc", 400)
	f.get(t, "/api/stories?limit=0", 400)
	f.get(t, "/api/nothing-here", 404)

	var hits []searchItem
	word := strings.Fields(card.Articles[0].Title)[0]
	decode(t, f.get(t, "/api/search?q="+word, 200), &hits)
	if len(hits) == 0 || hits[0].ArticleID == 0 || strings.ContainsAny(hits[0].Snippet, markStart+markEnd) {
		t.Fatalf("search %q: %+v", word, hits)
	}
	f.get(t, "/api/search", 400)

	var art articleItem
	decode(t, f.get(t, fmt.Sprintf("/api/articles/%d", hits[0].ArticleID), 200), &art)
	if art.ArticleID != hits[0].ArticleID || art.Title == "" || art.Body == "" {
		t.Fatalf("article: %+v", art)
	}
	var doc map[string]any
	decode(t, f.get(t, "/api/openapi.json", 200), &doc)
	if doc["openapi"] != "3.1.0" {
		t.Errorf("openapi.json: %v", doc["openapi"])
	}
	f.get(t, "/healthz", 200)
}

func TestAPIWritesNeedToken(t *testing.T) {
	f := newFixture(t, false, nil)
	article := `{"id":"t1","title":"Harbour ferry strike ends","text":"Ferry crews at the north quay returned to work on Thursday after a deal on rosters.","source":"Test Gazette","published":"2025-10-09T08:00:00Z"}`
	for _, tok := range []string{"", "wrong"} {
		resp, body := f.do(t, "POST", "/api/articles", tok, "application/json", article)
		if resp.StatusCode != http.StatusUnauthorized || !strings.Contains(body, `"unauthorized"`) ||
			resp.Header.Get("WWW-Authenticate") == "" {
			t.Fatalf("POST with token %q: %d %s", tok, resp.StatusCode, body)
		}
	}
	resp, body := f.do(t, "POST", "/api/articles", testToken, "application/json", article)
	if resp.StatusCode != 200 {
		t.Fatalf("POST: %d %s", resp.StatusCode, body)
	}
	var rep ingestReply
	decode(t, body, &rep)
	if rep.Added != 1 || len(rep.Articles) != 1 || rep.Articles[0].Story == 0 {
		t.Fatalf("reply %+v", rep)
	}
	// The same again is unchanged; JSON lines with a bad line report it.
	lines := article + "\n" + `{"id":"t2","title":"","text":""}` + "\n" +
		`{"id":"t3","title":"Council thanks ferry crews","text":"The harbour council thanked ferry crews after the strike ended on Thursday.","source":"Other Post"}` + "\n"
	resp, body = f.do(t, "POST", "/api/articles", testToken, "application/x-ndjson", lines)
	decode(t, body, &rep)
	if resp.StatusCode != 200 || rep.Read != 3 || rep.Unchanged != 1 || rep.Added != 1 || rep.Failed != 1 || rep.Errors[0].At != "body:2" {
		t.Fatalf("JSON lines: %d %+v", resp.StatusCode, rep)
	}
	// A pretty-printed single object is one article.
	pretty := "{\n  \"id\": \"t4\",\n  \"title\": \"Ferries run again\",\n  \"text\": \"Ferries ran on time on Friday.\"\n}\n"
	resp, body = f.do(t, "POST", "/api/articles?source=Pretty+Post", testToken, "application/json", pretty)
	decode(t, body, &rep)
	if resp.StatusCode != 200 || rep.Added != 1 {
		t.Fatalf("pretty JSON: %d %s", resp.StatusCode, body)
	}
	resp, body = f.do(t, "POST", "/api/articles", testToken, "application/json", `{"id":"x","title":"","text":""}`)
	if resp.StatusCode != 400 {
		t.Fatalf("all refused: %d %s", resp.StatusCode, body)
	}
}

func TestAPIBodyLimit(t *testing.T) {
	f := newFixture(t, false, func(o *Options) { o.MaxBody = 1000 })
	big := `{"id":"big","title":"Big","text":"` + strings.Repeat("word ", 400) + `"}`
	resp, body := f.do(t, "POST", "/api/articles", testToken, "application/json", big)
	if resp.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(body, "too_large") {
		t.Fatalf("oversized body: %d %s", resp.StatusCode, body)
	}
}

func TestReadToken(t *testing.T) {
	f := newFixture(t, false, func(o *Options) { o.ReadToken = "reader" })
	if resp, _ := f.do(t, "GET", "/api/stories", "", "", ""); resp.StatusCode != 401 {
		t.Fatalf("read without token: %d", resp.StatusCode)
	}
	for _, tok := range []string{"reader", testToken} {
		if resp, _ := f.do(t, "GET", "/api/stories", tok, "", ""); resp.StatusCode != 200 {
			t.Fatalf("read with %q: %d", tok, resp.StatusCode)
		}
	}
	if resp, _ := f.do(t, "POST", "/api/feeds", "reader", "application/json", `{"url":"https://example.org/rss"}`); resp.StatusCode != 401 {
		t.Fatalf("write with the read token: %d", resp.StatusCode)
	}
	// Pages redirect to the sign-in page.
	client := f.http.Client()
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err := client.Get(f.http.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/login") {
		t.Fatalf("front page without token: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	f.get(t, "/healthz", 200)
}
