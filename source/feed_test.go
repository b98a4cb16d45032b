package source

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/fetch"
)

func TestIsFeed(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{`<?xml version="1.0"?><rss version="2.0"><channel/></rss>`, true},
		{"\ufeff<?xml version=\"1.0\"?>\n<!-- c -->\n<!DOCTYPE rss>\n<?xml-stylesheet href=\"x.xsl\"?>\n<rss>", true},
		{`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">`, true},
		{`<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title></feed>`, true},
		{"{\n  \"version\": \"https://jsonfeed.org/version/1.1\",\n  \"items\": []\n}", true},
		{`{"items":[],"version":"https://jsonfeed.org/version/1"}`, true},
		{`<feed><title>not Atom</title></feed>`, false},
		{`<!DOCTYPE html><html><body><rss>in a page</rss></body></html>`, false},
		{`{"id":"1","title":"a JSON line","version":"2"}`, false},
		{`[{"version":"https://jsonfeed.org/version/1"}]`, false},
		{"plain text about rss feeds", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := IsFeed([]byte(tt.in)); got != tt.want {
			t.Errorf("IsFeed(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

// readItems reads the paths and returns the articles and the failures.
func readItems(t *testing.T, paths []string, opts Options) (arts []*storyline.Article, failures []string) {
	t.Helper()
	err := Read(context.Background(), paths, opts, func(it Item) error {
		if it.Err != nil {
			failures = append(failures, it.Origin+": "+it.Err.Error())
		} else {
			arts = append(arts, it.Article)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return arts, failures
}

// TestReadFeedFiles reads feed files whatever their names say, each entry
// as an article under its own key: an RDF feed is not one garbage page.
func TestReadFeedFiles(t *testing.T) {
	arts, failures := readItems(t, []string{"testdata/feeds"}, Options{})
	titles := map[string]*storyline.Article{}
	keys := map[string]bool{}
	for _, a := range arts {
		titles[a.Title] = a
		keys[a.Key()] = true
	}
	for _, want := range []string{"Dredging begins", "Pier repairs delayed", "Sheep farmers protest feed prices",
		"Moor fire under control", "Ferry timetable changes", "Ferry fares rise"} {
		if titles[want] == nil {
			t.Errorf("no article %q in %d read", want, len(arts))
		}
	}
	if len(keys) != len(arts) || len(arts) != 7 {
		t.Errorf("%d articles under %d keys, want 7 (6 titled, 1 description only)", len(arts), len(keys))
	}
	if a := titles["Dredging begins"]; a != nil && (a.URL != "https://estuary-times.example/news/dredging" ||
		a.Source != "estuary-times.example" || !a.Published.Equal(time.Date(2025, 10, 9, 8, 0, 0, 0, time.UTC))) {
		t.Errorf("Atom entry: %+v", a)
	}
	if a := titles[""]; a != nil && a.Source != "Moorland Herald" {
		t.Errorf("an entry without link is labelled with the feed's title, got %q", a.Source)
	}
	if len(failures) != 1 || !strings.Contains(failures[0], "moorland.xml[") || !strings.Contains(failures[0], "only a link") {
		t.Errorf("failures = %q, want one for the link-only entry", failures)
	}
}

func TestReadFeedFromStdin(t *testing.T) {
	data, err := os.ReadFile("testdata/feeds/saltmarsh.json")
	if err != nil {
		t.Fatal(err)
	}
	arts, failures := readItems(t, []string{"-"}, Options{Stdin: strings.NewReader(string(data)), Source: "Saltmarsh Bulletin"})
	if len(arts) != 2 || len(failures) != 0 || arts[0].Source != "Saltmarsh Bulletin" || arts[0].Key() == arts[1].Key() {
		t.Errorf("JSON Feed on stdin: %d articles, failures %q", len(arts), failures)
	}
}

// TestReadFeedURL ingests a feed URL served from loopback: its entries, not
// the feed document as a page.
func TestReadFeedURL(t *testing.T) {
	rdf, err := os.ReadFile("testdata/feeds/moorland.xml")
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/rss":
			w.Header().Set("Content-Type", "application/xml") // says XML, not which kind
			w.Write(rdf)
		case "/atom":
			w.Header().Set("Content-Type", "application/atom+xml")
			w.Write([]byte(`<feed xmlns="http://www.w3.org/2005/Atom"><title>Loop</title>
				<entry><id>e1</id><title>Loopback entry</title><link href="/e1"/><summary>Text.</summary></entry></feed>`))
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	opts := Options{Fetcher: fetch.New(fetch.Options{AllowPrivate: true, IgnoreRobots: true, HostInterval: time.Millisecond})}
	arts, failures := readItems(t, []string{srv.URL + "/rss", srv.URL + "/atom"}, opts)
	if len(arts) != 4 || len(failures) != 1 {
		t.Fatalf("%d articles, failures %q", len(arts), failures)
	}
	if last := arts[3]; last.Title != "Loopback entry" || last.URL != srv.URL+"/e1" || last.ExternalID != "e1" {
		t.Errorf("Atom entry from a URL: %+v", last)
	}
}
