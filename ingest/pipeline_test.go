package ingest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/store/sqlite"
)

// synthetic returns n invented articles about n/6 events: each event has
// its own place, people and topic words, and articles of one event share
// most of them, as reports of one event do.
func synthetic(n int, seed uint64) []*storyline.Article {
	r := rand.New(rand.NewPCG(seed, 1))
	word := func() string {
		const syl = "ka lo mi ne ru ta vo se dan bel kor mar tin ves gal"
		parts := strings.Fields(syl)
		var b strings.Builder
		for range 2 + r.IntN(2) {
			b.WriteString(parts[r.IntN(len(parts))])
		}
		return b.String()
	}
	common := strings.Fields("the council said on monday that the plan would be reviewed by officials after residents complained about costs and delays in the region")
	type event struct {
		place, person string
		topic         []string
	}
	events := make([]event, n/6+1)
	for i := range events {
		ev := event{place: title(word()), person: title(word()) + " " + title(word())}
		for range 12 {
			ev.topic = append(ev.topic, word())
		}
		events[i] = ev
	}
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	arts := make([]*storyline.Article, n)
	for i := range n {
		e := i / 6
		ev := events[e]
		var body []string
		for s := range 12 {
			words := []string{ev.place, ev.person}
			for range 8 {
				words = append(words, ev.topic[r.IntN(len(ev.topic))])
			}
			for range 6 {
				words = append(words, common[r.IntN(len(common))])
			}
			r.Shuffle(len(words), func(a, b int) { words[a], words[b] = words[b], words[a] })
			body = append(body, fmt.Sprintf("In %s, %s.", ev.place, strings.Join(words, " ")))
			_ = s
		}
		arts[i] = &storyline.Article{
			ExternalID: fmt.Sprintf("a%06d", i),
			Source:     fmt.Sprintf("Outlet %d", i%9),
			Title:      fmt.Sprintf("%s: %s %s %s", ev.place, ev.topic[0], ev.topic[1], ev.topic[2]),
			Body:       strings.Join(body, " "),
			Published:  t0.Add(time.Duration(e)*2*time.Hour + time.Duration(i%6)*20*time.Minute),
		}
	}
	return arts
}

func open(tb testing.TB, path string) (*sqlite.DB, *Pipeline) {
	tb.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		tb.Fatal(err)
	}
	p, err := New(ctx, db)
	if err != nil {
		tb.Fatal(err)
	}
	return db, p
}

func stories(tb testing.TB, db *sqlite.DB) map[string]int64 {
	tb.Helper()
	out := map[string]int64{}
	err := db.EachArticle(context.Background(), func(a *storyline.Article) error {
		out[a.ExternalID] = a.Story
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return out
}

// TestRestartGivesSameStories checks that stopping half-way and restarting
// (the clustering state restored from the store) gives the stories an
// uninterrupted ingest gives, and that those match the events.
func TestRestartGivesSameStories(t *testing.T) {
	ctx := context.Background()
	arts := synthetic(300, 7)
	dir := t.TempDir()

	db, p := open(t, filepath.Join(dir, "whole.db"))
	for _, a := range synthetic(300, 7) {
		if _, err := p.Add(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	whole := stories(t, db)
	db.Close()

	db, p = open(t, filepath.Join(dir, "halves.db"))
	for _, a := range arts[:150] {
		if _, err := p.Add(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	db, p = open(t, filepath.Join(dir, "halves.db"))
	defer db.Close()
	for _, a := range arts[150:] {
		if _, err := p.Add(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	halves := stories(t, db)
	for id, s := range whole {
		if halves[id] != s {
			t.Fatalf("article %s: story %d after a restart, %d without", id, halves[id], s)
		}
	}
	// Same event, same story; different events, different stories — for
	// nearly every neighbouring pair (random words may make two invented
	// events look alike).
	wrong := 0
	for i := 1; i < len(arts); i++ {
		same := i/6 == (i-1)/6
		if got := whole[arts[i].ExternalID] == whole[arts[i-1].ExternalID]; got != same {
			wrong++
		}
	}
	if wrong > len(arts)/50 {
		t.Errorf("%d of %d neighbouring pairs wrongly split or joined", wrong, len(arts)-1)
	}
}

func TestAddIsIdempotentAndVersions(t *testing.T) {
	ctx := context.Background()
	db, p := open(t, filepath.Join(t.TempDir(), "s.db"))
	defer db.Close()
	a := synthetic(1, 3)[0]
	a.URL = "https://news.example/a"
	if r, err := p.Add(ctx, a); err != nil || r.Outcome != storyline.Added {
		t.Fatalf("first Add: %v, %v", r.Outcome, err)
	}
	again := *a
	again.ID = 0
	if r, err := p.Add(ctx, &again); err != nil || r.Outcome != storyline.Unchanged {
		t.Fatalf("same text again: %v, %v", r.Outcome, err)
	}
	changed := *a
	changed.ID, changed.Body = 0, a.Body+" A correction was appended."
	if r, err := p.Add(ctx, &changed); err != nil || r.Outcome != storyline.Revised || r.Article.ID != a.ID {
		t.Fatalf("changed text: %v, %v", r.Outcome, err)
	}
	if _, err := p.Add(ctx, &storyline.Article{ExternalID: "x", Body: "  "}); storyline.ErrorCode(err) != storyline.EINVALID {
		t.Fatalf("empty article: err = %v, want EINVALID", err)
	}
}

// filled caches databases of n synthetic articles for the benchmarks.
var filled sync.Map

// BenchmarkAdd measures adding one article to a database that already
// holds 10k or 100k articles: how the cost grows with the stories kept.
//
//	go test -run '^$' -bench Add -benchtime 2000x ./ingest
func BenchmarkAdd(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		b.Run(fmt.Sprintf("stored=%dk", n/1000), func(b *testing.B) {
			path := fill(b, n)
			db, p := open(b, path)
			defer db.Close()
			more := synthetic(n+b.N+6, 99)[n:]
			for i := range more {
				more[i].ExternalID = fmt.Sprintf("bench-%d-%d", n, i)
			}
			ctx := context.Background()
			b.ResetTimer()
			for i := range b.N {
				if _, err := p.Add(ctx, more[i]); err != nil {
					b.Fatal(err)
				}
			}
			if err := p.Flush(ctx); err != nil {
				b.Fatal(err)
			}
		})
	}
}

// fill returns the path of a database holding n synthetic articles, made
// once per test binary run.
func fill(b *testing.B, n int) string {
	b.Helper()
	if p, ok := filled.Load(n); ok {
		return p.(string)
	}
	dir, err := filepathTemp()
	if err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(dir, fmt.Sprintf("filled-%d.db", n))
	db, p := open(b, path)
	ctx := context.Background()
	for _, a := range synthetic(n, 1) {
		if _, err := p.Add(ctx, a); err != nil {
			b.Fatal(err)
		}
	}
	db.Close()
	filled.Store(n, path)
	return path
}

// title capitalises an invented ASCII word.
func title(w string) string {
	return strings.ToUpper(w[:1]) + w[1:]
}

// A URL that is no web address is not stored: the article is, without it.
func TestPrepareDropsURLsThatAreNoWebAddress(t *testing.T) {
	for raw, want := range map[string]string{"javascript:alert(1)": "", "data:text/html,x": "", "/news/1": "",
		"https://news.example/1": "https://news.example/1"} {
		a := &storyline.Article{URL: raw, Source: "Gazette", ExternalID: "1", Title: "Bridge closes", Body: "The bridge closes."}
		if pr := Prepare(a); pr.Hash() == "" || a.URL != want {
			t.Errorf("URL %q: kept as %q (hash %q), want %q", raw, a.URL, pr.Hash(), want)
		}
	}
}
