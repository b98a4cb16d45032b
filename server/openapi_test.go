package server

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"
)

// contract is server/openapi.json made strict for a test: an object with
// documented properties refuses any other, so that a field the server sends
// and the document lacks fails as surely as a field of the wrong type.
type contract struct {
	doc    *openapi3.T
	router routers.Router
	seen   map[string]bool // "GET /api/stories/{id}" once a response was checked
}

// loadContract parses and validates the document the server serves.
func loadContract(t *testing.T) *contract {
	t.Helper()
	ctx := context.Background()
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(openAPI)
	if err != nil {
		t.Fatalf("load openapi.json: %v", err)
	}
	if err := doc.Validate(ctx); err != nil {
		t.Fatalf("openapi.json is not a valid OpenAPI document: %v", err)
	}
	closed := map[*openapi3.Schema]bool{}
	for _, s := range doc.Components.Schemas {
		closeObjects(s, closed)
	}
	for _, item := range doc.Paths.Map() {
		for _, op := range item.Operations() {
			for _, resp := range op.Responses.Map() {
				for _, media := range resp.Value.Content {
					closeObjects(media.Schema, closed)
				}
			}
		}
	}
	// The document's one server is "/": the test server's host and port
	// are whatever httptest chose, so routes match on the path alone.
	doc.Servers = nil
	router, err := legacy.NewRouter(doc)
	if err != nil {
		t.Fatalf("route openapi.json: %v", err)
	}
	return &contract{doc: doc, router: router, seen: map[string]bool{}}
}

// closeObjects forbids undocumented properties in every object schema under
// ref that lists its properties.
func closeObjects(ref *openapi3.SchemaRef, done map[*openapi3.Schema]bool) {
	if ref == nil || ref.Value == nil || done[ref.Value] {
		return
	}
	s := ref.Value
	done[s] = true
	if len(s.Properties) > 0 && s.AdditionalProperties.Has == nil && s.AdditionalProperties.Schema == nil {
		no := false
		s.AdditionalProperties.Has = &no
	}
	for _, p := range s.Properties {
		closeObjects(p, done)
	}
	closeObjects(s.Items, done)
	for _, list := range [][]*openapi3.SchemaRef{s.OneOf, s.AnyOf, s.AllOf} {
		for _, sub := range list {
			closeObjects(sub, done)
		}
	}
}

// exchange is one request of the contract test and the status it expects.
type exchange struct {
	method, path, token, ctype, body string
	want                             int
}

// check sends x, fails unless the status is x.want, and validates the
// response (status, content type, body) against the document; a request
// that should succeed is validated too, so its parameters must be
// documented. It returns the response body.
func (c *contract) check(t *testing.T, f *fixture, x exchange) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, x.method, f.http.URL+x.path, strings.NewReader(x.body))
	if err != nil {
		t.Fatal(err)
	}
	if x.token != "" {
		req.Header.Set("Authorization", "Bearer "+x.token)
	}
	if x.ctype != "" {
		req.Header.Set("Content-Type", x.ctype)
	}
	resp, err := f.http.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body []byte
	if !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/event-stream") {
		if body, err = io.ReadAll(resp.Body); err != nil {
			t.Fatal(err)
		}
	}
	name := x.method + " " + x.path
	if resp.StatusCode != x.want {
		t.Errorf("%s: status %d, want %d\n%s", name, resp.StatusCode, x.want, body)
		return string(body)
	}

	// The router matches the request as sent, with its body again.
	req.Body = io.NopCloser(strings.NewReader(x.body))
	route, params, err := c.router.FindRoute(req)
	if err != nil {
		t.Errorf("%s: not in openapi.json: %v", name, err)
		return string(body)
	}
	c.seen[x.method+" "+route.Path] = true
	opts := &openapi3filter.Options{
		IncludeResponseStatus: true,
		MultiError:            true,
		AuthenticationFunc:    openapi3filter.NoopAuthenticationFunc,
	}
	in := &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route, Options: opts}
	if x.want < 400 {
		if err := openapi3filter.ValidateRequest(ctx, in); err != nil {
			t.Errorf("%s: request does not match openapi.json: %v", name, err)
		}
	}
	out := &openapi3filter.ResponseValidationInput{RequestValidationInput: in, Status: resp.StatusCode, Header: resp.Header, Options: opts}
	out.SetBodyBytes(body)
	if err := openapi3filter.ValidateResponse(ctx, out); err != nil {
		t.Errorf("%s: %d response does not match openapi.json: %v\n%.600s", name, resp.StatusCode, err, body)
	}
	return string(body)
}

// unchecked lists the operations of the document no response was checked for.
func (c *contract) unchecked() []string {
	var missing []string
	for path, item := range c.doc.Paths.Map() {
		for method := range item.Operations() {
			if !c.seen[method+" "+path] {
				missing = append(missing, method+" "+path)
			}
		}
	}
	sort.Strings(missing)
	return missing
}

// TestOpenAPIMatchesResponses serves the demo corpus and validates every
// endpoint's real responses, errors included, against openapi.json: every
// operation of the document is exercised, every story's card is checked,
// and a field the server sends that the document does not list fails.
func TestOpenAPIMatchesResponses(t *testing.T) {
	feedSrv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		io.WriteString(w, strings.ReplaceAll(testRSS, "HOST", r.Host))
	}))
	defer feedSrv.Close()
	f := newFixture(t, true, nil)
	c := loadContract(t)
	get := func(path string, want int) string {
		t.Helper()
		return c.check(t, f, exchange{method: "GET", path: path, want: want})
	}

	var stories []storyItem
	decode(t, get("/api/stories", 200), &stories)
	if len(stories) == 0 {
		t.Fatal("no stories in the demo corpus")
	}
	get("/api/stories?sort=latest&limit=3&offset=1", 200)
	get("/api/stories?limit=0", 400)
	for _, s := range stories {
		get(fmt.Sprintf("/api/stories/%d", s.ID), 200)
	}
	get("/api/stories/999999", 404)
	get("/api/stories/abc", 400)

	var card struct {
		Entities []struct{ Name string }
		Articles []struct{ Title, Source string }
	}
	decode(t, get(fmt.Sprintf("/api/stories/%d", stories[0].ID), 200), &card)
	if len(card.Entities) == 0 || len(card.Articles) == 0 {
		t.Fatalf("top story's card has no entities or articles: %+v", card)
	}
	entity := url.PathEscape(card.Entities[0].Name)
	get("/api/stories?entity="+url.QueryEscape(card.Entities[0].Name), 200)
	get("/api/stories?outlet="+url.QueryEscape(card.Articles[0].Source)+"&from=2020-01-01&to=2030-12-31T00:00:00Z", 200)
	get("/api/stories?from=someday", 400)
	get("/api/entities/"+entity, 200)
	get("/api/entities/Nobody%20At%20All", 404)

	word := strings.Fields(card.Articles[0].Title)[0]
	var hits []searchItem
	decode(t, get("/api/search?q="+url.QueryEscape(word)+"&limit=5", 200), &hits)
	if len(hits) == 0 {
		t.Fatalf("no search hits for %q", word)
	}
	get("/api/search", 400)
	get(fmt.Sprintf("/api/articles/%d", hits[0].ArticleID), 200)
	get("/api/articles/999999", 404)

	article := `{"id":"oa1","title":"Harbour ferry strike ends","text":"Ferry crews at the north quay returned to work on Thursday after a deal on rosters.","source":"Test Gazette","published":"2025-10-09T08:00:00Z"}`
	c.check(t, f, exchange{method: "POST", path: "/api/articles", ctype: "application/json", body: article, want: 401})
	c.check(t, f, exchange{method: "POST", path: "/api/articles", token: testToken, ctype: "application/json", body: article, want: 200})
	c.check(t, f, exchange{method: "POST", path: "/api/articles", token: testToken, ctype: "application/json", body: `[{"id":"oa2"}]`, want: 400})

	var fi feedItem
	decode(t, c.check(t, f, exchange{method: "POST", path: "/api/feeds", token: testToken, ctype: "application/json",
		body: fmt.Sprintf(`{"url":%q,"source":"Loopback Ledger"}`, feedSrv.URL+"/rss.xml"), want: 201}), &fi)
	c.check(t, f, exchange{method: "POST", path: "/api/feeds", token: testToken, ctype: "application/json",
		body: fmt.Sprintf(`{"url":%q}`, feedSrv.URL+"/rss.xml"), want: 409})
	c.check(t, f, exchange{method: "POST", path: "/api/feeds", token: testToken, ctype: "application/json", body: `{"url":"file:///etc/passwd"}`, want: 400})
	c.check(t, f, exchange{method: "POST", path: fmt.Sprintf("/api/feeds/%d/refresh", fi.ID), token: testToken, want: 200})
	get("/api/feeds", 200)
	get(fmt.Sprintf("/api/feeds/%d", fi.ID), 200)
	opml := get("/api/feeds.opml", 200)
	c.check(t, f, exchange{method: "POST", path: "/api/feeds.opml", token: testToken, ctype: "text/x-opml", body: opml, want: 200})
	c.check(t, f, exchange{method: "DELETE", path: fmt.Sprintf("/api/feeds/%d", fi.ID), token: testToken, want: 204})
	get(fmt.Sprintf("/api/feeds/%d", fi.ID), 404)

	get("/feeds/stories.atom", 200)
	get("/feeds/stories.json", 200)
	get(fmt.Sprintf("/stories/%d/feed.atom", stories[0].ID), 200)
	get(fmt.Sprintf("/stories/%d/feed.json", stories[0].ID), 200)
	get("/events", 200)
	get("/metrics", 200)
	get("/healthz", 200)
	get("/api/openapi.json", 200)

	// A server with a read token refuses reads without it, in JSON.
	g := newFixture(t, false, func(o *Options) { o.ReadToken = "reader" })
	c.check(t, g, exchange{method: "GET", path: "/api/stories", want: 401})
	c.check(t, g, exchange{method: "GET", path: "/feeds/stories.atom", want: 401})
	c.check(t, g, exchange{method: "GET", path: "/api/stories", token: "reader", want: 200})

	if missing := c.unchecked(); len(missing) > 0 {
		t.Errorf("operations of openapi.json no response was checked for: %s", strings.Join(missing, ", "))
	}
}
