package demo

import (
	"bufio"
	"encoding/json"
	"net/url"
	"strings"
	"testing"
	"time"
)

type article struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	Text      string `json:"text"`
	URL       string `json:"url"`
	Source    string `json:"source"`
	Published string `json:"published"`
	Author    string `json:"author"`
}

func readArticles(t *testing.T) []article {
	t.Helper()
	var out []article
	sc := bufio.NewScanner(Articles())
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for n := 1; sc.Scan(); n++ {
		var a article
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			t.Fatalf("line %d: %v", n, err)
		}
		out = append(out, a)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestCorpus(t *testing.T) {
	arts := readArticles(t)
	if len(arts) < 64 {
		t.Errorf("%d articles, want at least 64", len(arts))
	}
	ids := map[string]bool{}
	sources := map[string]bool{}
	days := map[string]bool{}
	var prev time.Time
	for _, a := range arts {
		if a.ID == "" || a.Title == "" || a.Text == "" || a.URL == "" || a.Source == "" || a.Published == "" {
			t.Errorf("%q: missing a required field", a.ID)
			continue
		}
		if ids[a.ID] {
			t.Errorf("duplicate id %q", a.ID)
		}
		ids[a.ID] = true
		sources[a.Source] = true
		p, err := time.Parse(time.RFC3339, a.Published)
		if err != nil {
			t.Errorf("%s: published: %v", a.ID, err)
			continue
		}
		if p.Before(prev) {
			t.Errorf("%s: not sorted by published", a.ID)
		}
		prev = p
		days[p.UTC().Format(time.DateOnly)] = true
		if u, err := url.Parse(a.URL); err != nil || !strings.HasSuffix(u.Hostname(), ".example") {
			t.Errorf("%s: url %q is not on a .example host", a.ID, a.URL)
		}
		if n := len(strings.Fields(a.Text)); n < 120 || n > 400 {
			t.Errorf("%s: %d words, want 120-400", a.ID, n)
		}
	}
	if len(sources) < 8 {
		t.Errorf("%d sources, want at least 8", len(sources))
	}
	if len(days) < 5 {
		t.Errorf("%d days, want at least 5", len(days))
	}

	labels := Labels()
	stories := map[string]bool{}
	for id, s := range labels {
		if !ids[id] {
			t.Errorf("label for unknown id %q", id)
		}
		if s == "" {
			t.Errorf("%s: empty story label", id)
		}
		stories[s] = true
	}
	for id := range ids {
		if _, ok := labels[id]; !ok {
			t.Errorf("%s: no label", id)
		}
	}
	if len(stories) < 11 {
		t.Errorf("%d stories, want at least 11", len(stories))
	}
}
