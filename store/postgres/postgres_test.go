package postgres

import (
	"context"
	"fmt"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/store/postgres/pgtest"
	"github.com/storyline-news/storyline/store/storetest"
)

// openFresh opens a store in a fresh schema.
func openFresh(t *testing.T) storyline.Store {
	t.Helper()
	db, err := Open(context.Background(), pgtest.Schema(t))
	if err != nil {
		t.Fatal(err)
	}
	return db
}

// TestConformance runs the suite every storyline.Store must pass, each
// test on a fresh schema.
func TestConformance(t *testing.T) {
	pgtest.URL(t)
	storetest.Run(t, openFresh)
}

// TestConformanceShared runs the suite of shared stores on two DBs open
// on one schema, as two processes hold it.
func TestConformanceShared(t *testing.T) {
	pgtest.URL(t)
	storetest.RunShared(t, func(t *testing.T) (storyline.Store, storyline.Store) {
		u := pgtest.Schema(t)
		a, err := Open(context.Background(), u)
		if err != nil {
			t.Fatal(err)
		}
		b, err := Open(context.Background(), u)
		if err != nil {
			a.Close()
			t.Fatal(err)
		}
		return a, b
	})
}

// Several processes starting at once on an empty database take turns at
// the migrations: every one opens, and each migration is applied once.
func TestConcurrentMigration(t *testing.T) {
	u := pgtest.Schema(t)
	ctx := context.Background()
	const n = 6
	var wg sync.WaitGroup
	dbs := make([]*DB, n)
	errs := make([]error, n)
	for i := range n {
		wg.Go(func() { dbs[i], errs[i] = Open(ctx, u) })
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("open %d of %d at once: %v", i+1, n, err)
		}
		defer dbs[i].Close()
	}
	var applied, distinct int
	if err := dbs[0].pool.QueryRow(ctx, `SELECT count(*), count(DISTINCT name) FROM migrations`).Scan(&applied, &distinct); err != nil {
		t.Fatal(err)
	}
	names, _ := migrationFS.ReadDir("migrations")
	if applied != len(names) || distinct != len(names) {
		t.Errorf("%d migrations recorded (%d distinct), want each of %d once", applied, distinct, len(names))
	}
	// Every handle works on the migrated schema.
	for i, db := range dbs {
		if _, err := db.StoryVersion(ctx); err != nil {
			t.Errorf("handle %d: %v", i, err)
		}
	}
}

// Writers on several handles saving at once get distinct, consecutive
// story ids and one story version step each: the lease orders them.
func TestConcurrentWriters(t *testing.T) {
	u := pgtest.Schema(t)
	ctx := context.Background()
	const writers, each = 4, 10
	var wg sync.WaitGroup
	errs := make(chan error, writers*each)
	stories := make(chan int64, writers*each)
	for w := range writers {
		db, err := Open(ctx, u)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		wg.Go(func() {
			for i := range each {
				a := &storyline.Article{ExternalID: strings.Repeat("x", w+1) + string(rune('a'+i)), Source: "S",
					Title: "Report", Body: "Text."}
				_, err := db.SaveArticle(ctx, a, "h", func(s storyline.SaveState) (*storyline.StoryChange, error) {
					return &storyline.StoryChange{Assignment: storyline.Assignment{Story: s.NextStory}}, nil
				})
				if err != nil {
					errs <- err
					return
				}
				stories <- a.Story
			}
		})
	}
	wg.Wait()
	close(errs)
	close(stories)
	for err := range errs {
		t.Fatal(err)
	}
	seen := map[int64]bool{}
	for s := range stories {
		if seen[s] {
			t.Errorf("story %d given twice", s)
		}
		seen[s] = true
	}
	for id := int64(1); id <= writers*each; id++ {
		if !seen[id] {
			t.Errorf("story %d never given: ids must be consecutive", id)
		}
	}
	db, err := Open(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if v, err := db.StoryVersion(ctx); err != nil || v != writers*each {
		t.Errorf("StoryVersion = %d, %v; want %d", v, err, writers*each)
	}
}

// A server that refuses connections is one line within seconds, without
// retrying, and never a file. This needs no PostgreSQL.
func TestOpenRefused(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close() // nothing listens there now
	start := time.Now()
	_, err = Open(context.Background(), "postgres://storyline@"+addr+"/news?sslmode=disable")
	if err == nil {
		t.Fatal("Open of a refusing server succeeded")
	}
	if msg := err.Error(); strings.Contains(msg, "\n") || !strings.Contains(msg, addr) {
		t.Errorf("error %q: want one line naming %s", msg, addr)
	}
	if d := time.Since(start); d > ConnectTimeout+time.Second {
		t.Errorf("Open took %v to fail", d)
	}
	if _, err := Open(context.Background(), "postgres://a b@:x/"); storyline.ErrorCode(err) != storyline.EINVALID || strings.Contains(err.Error(), "a b") {
		t.Errorf("a bad URL: %v, want EINVALID not quoting it", err)
	}
}

func TestTsQuery(t *testing.T) {
	tests := []struct {
		in, want string
		args     int
	}{
		{"ferry", "phraseto_tsquery('storyline', $1)", 1},
		{`harb* "union called"`, "to_tsquery('storyline', $1) && phraseto_tsquery('storyline', $2)", 2},
		{`- * ( ) "`, "", 0},
	}
	for _, tt := range tests {
		got, args := tsQuery(tt.in)
		if got != tt.want || len(args) != tt.args {
			t.Errorf("tsQuery(%q) = %q, %d args; want %q, %d", tt.in, got, len(args), tt.want, tt.args)
		}
	}
	if got := prefixQuery("o'neil*"); got != "'o' <-> 'neil':*" {
		t.Errorf("prefixQuery = %q", got)
	}
}

// A handle hears of the articles another handle (another process) stores
// as they commit, and not of its own.
func TestWatchArticles(t *testing.T) {
	u := pgtest.Schema(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var dbs [2]*DB
	for i := range dbs {
		db, err := Open(ctx, u)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		dbs[i] = db
	}
	heard := make(chan storyline.ArticleChange, 10)
	done := make(chan error, 1)
	go func() { done <- dbs[0].WatchArticles(ctx, func(c storyline.ArticleChange) { heard <- c }) }()
	newStory := func(s storyline.SaveState) (*storyline.StoryChange, error) {
		return &storyline.StoryChange{Assignment: storyline.Assignment{Story: s.NextStory}}, nil
	}
	// The listener may not be listening yet: save until it hears.
	var own, other *storyline.Article
	deadline := time.After(10 * time.Second)
	for i := 0; ; i++ {
		own = &storyline.Article{ExternalID: fmt.Sprint("own", i), Source: "S", Title: "Own", Body: "Text."}
		if _, err := dbs[0].SaveArticle(ctx, own, "h", newStory); err != nil {
			t.Fatal(err)
		}
		other = &storyline.Article{ExternalID: fmt.Sprint("other", i), Source: "S", Title: "Other", Body: "Text."}
		if _, err := dbs[1].SaveArticle(ctx, other, "h", newStory); err != nil {
			t.Fatal(err)
		}
		select {
		case c := <-heard:
			if c.Article != other.ID || c.Story != other.Story || c.Revised {
				t.Errorf("heard %+v; want article %d of story %d, added", c, other.ID, other.Story)
			}
			cancel()
			if err := <-done; err != context.Canceled {
				t.Errorf("WatchArticles returned %v after cancel", err)
			}
			return
		case <-time.After(200 * time.Millisecond):
		case <-deadline:
			t.Fatal("no notification of another handle's article within 10 s")
		}
	}
}

// PostgreSQL text holds no NUL byte; SQLite does, and inputs may carry one
// (a JSON "\u0000"): the article is stored without it, not refused.
func TestNULInText(t *testing.T) {
	db := openFresh(t)
	defer db.Close()
	ctx := context.Background()
	a := &storyline.Article{ExternalID: "n\x001", Source: "Desk", Title: "Nul\x00 title", Body: "A body with a \x00 byte.",
		Parts: []storyline.Part{{Kind: storyline.PartCaption, Text: "Photo\x00"}}}
	_, err := db.SaveArticle(ctx, a, "h", func(s storyline.SaveState) (*storyline.StoryChange, error) {
		return &storyline.StoryChange{Assignment: storyline.Assignment{Story: s.NextStory, Reason: "new\x00"},
			Features: storyline.Features{Title: []string{"nul\x00"}}}, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	got, hash, err := db.Lookup(ctx, a.Key())
	if err != nil || hash != "h" || got.Title != "Nul title" || got.Body != "A body with a  byte." || got.Parts[0].Text != "Photo" {
		t.Errorf("Lookup = %+v, %q, %v", got, hash, err)
	}
	if hits, err := db.Search(ctx, "title", 0); err != nil || len(hits) != 1 {
		t.Errorf("Search = %+v, %v", hits, err)
	}
}

// No query is an error: tsquery syntax and odd characters in a query are
// text.
func TestSearchQueriesAreText(t *testing.T) {
	db := openFresh(t)
	defer db.Close()
	ctx := context.Background()
	a := &storyline.Article{ExternalID: "o1", Source: "Desk", Title: "O'Neill's harbour plan",
		Body: "The covid-19 rules & the U.S. port: what changes (in 2026)?"}
	if _, err := db.SaveArticle(ctx, a, "h", nil); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		query string
		hits  int
	}{
		{`o'neill`, 1}, {`O'Neill's`, 1}, {`o'nei*`, 1}, {`covid-19`, 1}, {`"harbour plan"`, 1}, {`"plan harbour"`, 0},
		{`u.s.`, 1}, {`harbour & plan`, 1}, {`harbour | ferry`, 0}, {`!harbour`, 1}, {`harbour:*`, 1},
		{`a\b`, 0}, {`'`, 0}, {`\`, 0}, {`(2026)?`, 1}, {`<->`, 0}, {`*`, 0}, {`"`, 0}, {`""`, 0},
		{`plan:A`, 0}, {`harb* pl*`, 1}, {strings.Repeat("x", 3000), 0},
	}
	for _, tt := range tests {
		hits, err := db.Search(ctx, tt.query, 0)
		if err != nil || len(hits) != tt.hits {
			t.Errorf("Search(%q) = %d hits, %v; want %d", tt.query, len(hits), err, tt.hits)
		}
	}
}
