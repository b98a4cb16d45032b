package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/storyline-news/storyline"
)

// openTest opens a fresh database in a temporary directory, closed when the
// test ends.
func openTest(tb testing.TB) *DB {
	tb.Helper()
	db, err := Open(context.Background(), filepath.Join(tb.TempDir(), "storyline.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		if err := db.Close(); err != nil {
			tb.Error(err)
		}
	})
	return db
}

// t0 is the publication time of the first test article.
var t0 = time.Date(2025, 9, 26, 14, 0, 0, 0, time.UTC)

// report returns a short invented report from an outlet, hours after t0.
func report(source, id string, hours int, title, body string) *storyline.Article {
	return &storyline.Article{
		ExternalID: id,
		Source:     source,
		Title:      title,
		Body:       body,
		Language:   "en",
		Published:  t0.Add(time.Duration(hours) * time.Hour),
	}
}

// reserveStories creates empty stories 1 to n, so that a test may put
// articles into stories by number without going through NextStory.
func reserveStories(tb testing.TB, db *DB, n int64) {
	tb.Helper()
	for id := int64(1); id <= n; id++ {
		if _, err := db.write.Exec(`INSERT INTO stories (id) VALUES (?)`, id); err != nil {
			tb.Fatal(err)
		}
	}
}

// join returns a change that puts an article into story, merging merged.
func join(story int64, reason string, merged ...int64) *storyline.StoryChange {
	return &storyline.StoryChange{
		Assignment: storyline.Assignment{Story: story, Score: 0.5, Reason: reason, Terms: []string{"harbour", "ferri"}},
		Merged:     merged,
		Features: storyline.Features{
			Title:     []string{"ferri", "strike"},
			Body:      []string{"harbour", "worker", "strike"},
			Entities:  []string{"place:harbour town"},
			Signature: []uint32{1, 2, 3, 4000000000},
		},
	}
}

// save stores a and fails the test on error.
func save(tb testing.TB, db *DB, a *storyline.Article, hash string, change *storyline.StoryChange) storyline.Outcome {
	tb.Helper()
	out, err := db.SaveArticle(context.Background(), a, hash, decided(change))
	if err != nil {
		tb.Fatal(err)
	}
	return out
}

func TestOpenCreatesDirsAndMigratesOnce(t *testing.T) {
	ctx := context.Background()
	// Characters that mean something in a URI must not break the DSN.
	path := filepath.Join(t.TempDir(), "a dir?x=1#frag", "nested", "s%20l.db")
	for range 2 {
		db, err := Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		rows, err := db.read.QueryContext(ctx, `SELECT name FROM migrations ORDER BY name`)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var n string
			rows.Scan(&n)
			names = append(names, n)
		}
		rows.Close()
		if len(names) == 0 || names[0] != "migration/0001_init.sql" {
			t.Fatalf("migrations = %v", names)
		}
		var mode string
		db.write.QueryRowContext(ctx, `PRAGMA journal_mode`).Scan(&mode)
		if mode != "wal" {
			t.Errorf("journal_mode = %q, want wal", mode)
		}
		var fk int
		db.read.QueryRowContext(ctx, `PRAGMA foreign_keys`).Scan(&fk)
		if fk != 1 {
			t.Errorf("foreign_keys = %d on a reader", fk)
		}
		if err := db.Close(); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(ctx, ""); storyline.ErrorCode(err) != storyline.EINVALID {
		t.Errorf("Open(\"\") = %v, want EINVALID", err)
	}
}

func TestSaveArticleOutcomes(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	first := report("Harbour Gazette", "g1", 0, "Ferry workers strike", "Ferry workers walked out at dawn.")
	if out := save(t, db, first, "h1", nil); out != storyline.Added || first.ID == 0 || first.Version != 1 {
		t.Fatalf("first save: %v id=%d version=%d", out, first.ID, first.Version)
	}

	tests := []struct {
		name    string
		hash    string
		title   string
		want    storyline.Outcome
		version int
	}{
		{"same text", "h1", "Ferry workers strike", storyline.Unchanged, 1},
		{"new text", "h2", "Ferry strike spreads", storyline.Revised, 2},
		{"new text again", "h3", "Ferry strike ends", storyline.Revised, 3},
		{"latest text again", "h3", "Ferry strike ends", storyline.Unchanged, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := report("Harbour Gazette", "g1", 1, tt.title, "Text of "+tt.hash)
			if out := save(t, db, a, tt.hash, nil); out != tt.want {
				t.Errorf("outcome = %v, want %v", out, tt.want)
			}
			if a.ID != first.ID || a.Version != tt.version {
				t.Errorf("id, version = %d, %d; want %d, %d", a.ID, a.Version, first.ID, tt.version)
			}
			got, hash, err := db.Lookup(ctx, a.Key())
			if err != nil {
				t.Fatal(err)
			}
			if hash != tt.hash || got.Version != tt.version || got.Title != tt.title {
				t.Errorf("lookup = %q v%d %q", hash, got.Version, got.Title)
			}
		})
	}

	versions, err := db.ArticleVersions(ctx, first.ID)
	if err != nil {
		t.Fatal(err)
	}
	var titles []string
	for _, v := range versions {
		titles = append(titles, fmt.Sprintf("v%d %s", v.Version, v.Title))
	}
	if want := []string{"v1 Ferry workers strike", "v2 Ferry strike spreads"}; !reflect.DeepEqual(titles, want) {
		t.Errorf("versions = %q, want %q", titles, want)
	}
	// The search index follows the revisions.
	if hits, _ := db.Search(ctx, "spreads", 10); len(hits) != 0 {
		t.Errorf("old text still indexed: %+v", hits)
	}
	if hits, _ := db.Search(ctx, "ends", 10); len(hits) != 1 {
		t.Errorf("new text not indexed: %+v", hits)
	}
}

func TestArticleRoundTrip(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	a := &storyline.Article{
		ExternalID: "x-1",
		URL:        "https://example.org/news/1?utm=a",
		Source:     "Example Post",
		Title:      "Bridge reopens",
		Author:     "A. Writer",
		Language:   "en",
		Published:  time.Date(2024, 2, 29, 23, 59, 59, 123456789, time.FixedZone("X", 3600)),
		Ingested:   time.Date(2024, 3, 1, 8, 0, 0, 0, time.UTC),
		Body:       "The bridge reopened.\n\nTraffic resumed.",
		Parts: []storyline.Part{
			{Kind: storyline.PartEmbeddedPost, Text: "We are open! pic.twitter.com/x", Author: "@bridge", Posted: "1 March 2024", Index: 1},
			{Kind: storyline.PartSubheading, Text: "What next", Index: 2},
		},
	}
	save(t, db, a, "h", nil)
	got, err := db.Article(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := *a
	want.Published = a.Published.UTC()
	if !reflect.DeepEqual(got, &want) {
		t.Errorf("got  %+v\nwant %+v", got, &want)
	}
	if _, err := db.Article(ctx, 999); storyline.ErrorCode(err) != storyline.ENOTFOUND {
		t.Errorf("Article(999) = %v, want ENOTFOUND", err)
	}
	if _, _, err := db.Lookup(ctx, "url:nowhere"); storyline.ErrorCode(err) != storyline.ENOTFOUND {
		t.Errorf("Lookup = %v, want ENOTFOUND", err)
	}
	// A date no unix-nanosecond count can hold is stored as unknown.
	b := report("Example Post", "x-2", 0, "Far future", "Text.")
	b.Published = time.Date(3000, 1, 1, 0, 0, 0, 0, time.UTC)
	save(t, db, b, "h", nil)
	if got, _ := db.Article(ctx, b.ID); !got.Published.IsZero() {
		t.Errorf("published = %v, want zero", got.Published)
	}
}

func TestStoryCounts(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	reserveStories(t, db, 7)
	wire := report("Wire Agency", "w1", 2, "Ferry workers strike over pay", "Ferry workers walked out.")
	save(t, db, wire, "w1", join(7, "new story"))
	copy1 := report("Town Daily", "t1", 3, "Ferry strike (wire)", "Ferry workers walked out.")
	copy1.DuplicateOf = wire.ID
	save(t, db, copy1, "t1", join(7, "copy"))
	// The change's features can carry the duplicate link too.
	copy2 := report("Valley News", "v1", 1, "Ferry strike", "Ferry workers walked out.")
	ch := join(7, "copy")
	ch.Features.DuplicateOf = wire.ID
	save(t, db, copy2, "v1", ch)
	own := report("Harbour Gazette", "g1", 5, "Strike halts ferries", "Our reporter saw empty piers.")
	save(t, db, own, "g1", join(7, "shares terms"))
	// Originals without a source name are of unknown outlet: they count
	// as no outlet at all (issue 14: a file name is not an outlet).
	anon1 := report("", "a1", 4, "Ferries idle", "Nothing sails.")
	anon2 := report("", "a2", 4, "Ferries idle again", "Nothing sails today.")
	save(t, db, anon1, "a1", join(7, "x"))
	save(t, db, anon2, "a2", join(7, "x"))

	s, err := db.Story(ctx, 7)
	if err != nil {
		t.Fatal(err)
	}
	want := &storyline.Story{ID: 7, Title: "Ferry workers strike over pay", Articles: 6, Sources: 2,
		Created: t0.Add(1 * time.Hour), Updated: t0.Add(5 * time.Hour)}
	if !reflect.DeepEqual(s, want) {
		t.Errorf("story = %+v\nwant    %+v", s, want)
	}
	if copy2.DuplicateOf != wire.ID {
		t.Errorf("copy2.DuplicateOf = %d", copy2.DuplicateOf)
	}
	as, err := db.Assignments(ctx, 7)
	if err != nil {
		t.Fatal(err)
	}
	if len(as) != 6 || as[0].Article != wire.ID || as[0].Reason != "new story" || !reflect.DeepEqual(as[0].Terms, []string{"harbour", "ferri"}) {
		t.Errorf("assignments = %+v", as)
	}
}

func TestStoryTitleFromFirstOriginal(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	reserveStories(t, db, 3)
	orig := report("Wire Agency", "w1", 0, "Original headline", "Text.")
	save(t, db, orig, "w1", nil)
	// The copy is clustered first; once the original joins, it names the story.
	dup := report("Town Daily", "t1", 1, "Copy headline", "Text.")
	dup.DuplicateOf = orig.ID
	save(t, db, dup, "t1", join(3, "x"))
	if s, _ := db.Story(ctx, 3); s.Title != "Copy headline" {
		t.Errorf("title = %q", s.Title)
	}
	orig.Ingested = time.Time{}
	save(t, db, orig, "w1-clustered", join(3, "x"))
	if s, _ := db.Story(ctx, 3); s.Title != "Original headline" {
		t.Errorf("title = %q", s.Title)
	}
}

func TestMerge(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	a := report("A", "a", 0, "Dam breach upstream", "Water rose.")
	b := report("B", "b", 1, "Flooding in the valley", "Homes flooded.")
	c := report("C", "c", 2, "Dam breach floods valley", "The dam broke and the valley flooded.")
	save(t, db, a, "a", join(1, "new"))
	save(t, db, b, "b", join(2, "new"))
	save(t, db, c, "c", join(1, "bridges both", 2))

	if _, err := db.Story(ctx, 2); storyline.ErrorCode(err) != storyline.ENOTFOUND {
		t.Errorf("Story(2) = %v, want ENOTFOUND", err)
	}
	if id, err := db.Resolve(ctx, 2); err != nil || id != 1 {
		t.Errorf("Resolve(2) = %d, %v", id, err)
	}
	s, _ := db.Story(ctx, 1)
	if s.Articles != 3 || s.Sources != 3 || !s.Updated.Equal(t0.Add(2*time.Hour)) {
		t.Errorf("story 1 = %+v", s)
	}
	list, _ := db.Articles(ctx, storyline.Filter{Story: 1})
	if len(list) != 3 || list[1].ID != b.ID || list[1].Story != 1 {
		t.Errorf("articles of 1 = %d", len(list))
	}
	if as, _ := db.Assignments(ctx, 1); len(as) != 3 {
		t.Errorf("assignments of 1 = %d", len(as))
	}
	stories := map[int64]int64{}
	db.Features(ctx, time.Time{}, func(f storyline.Features) error {
		stories[f.Article] = f.Story
		return nil
	})
	if want := map[int64]int64{a.ID: 1, b.ID: 1, c.ID: 1}; !reflect.DeepEqual(stories, want) {
		t.Errorf("feature stories = %v, want %v", stories, want)
	}

	// Merging 1 into 3 (a new story) re-points 2 as well.
	d := report("D", "d", 3, "Valley recovery", "Cleanup began.")
	save(t, db, d, "d", join(3, "merge", 1))
	if id, _ := db.Resolve(ctx, 2); id != 3 {
		t.Errorf("Resolve(2) = %d, want 3", id)
	}
	if list, _ := db.Stories(ctx, storyline.Filter{}); len(list) != 1 || list[0].ID != 3 || list[0].Articles != 4 {
		t.Errorf("stories = %+v", list)
	}
	if list, _ := db.Stories(ctx, storyline.Filter{Story: 2}); len(list) != 1 || list[0].ID != 3 {
		t.Errorf("stories{Story: 2} = %+v", list)
	}
	if _, err := db.Resolve(ctx, 404); storyline.ErrorCode(err) != storyline.ENOTFOUND {
		t.Errorf("Resolve(404) = %v", err)
	}
}

func TestRevisionMovesStory(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	a := report("A", "a", 0, "Early take", "Text one.")
	save(t, db, a, "1", join(1, "new"))
	// A revision without a change stays where it was.
	a2 := report("A", "a", 0, "Second take", "Text two.")
	if save(t, db, a2, "2", nil) != storyline.Revised || a2.Story != 1 {
		t.Fatalf("revision story = %d", a2.Story)
	}
	if s, _ := db.Story(ctx, 1); s.Title != "Second take" {
		t.Errorf("story title = %q", s.Title)
	}
	a3 := report("A", "a", 0, "Different event", "Text three.")
	save(t, db, a3, "3", join(2, "moved"))
	s1, _ := db.Story(ctx, 1)
	s2, _ := db.Story(ctx, 2)
	if s1.Articles != 0 || s2.Articles != 1 {
		t.Errorf("counts = %d, %d", s1.Articles, s2.Articles)
	}
	if list, _ := db.Stories(ctx, storyline.Filter{}); len(list) != 1 || list[0].ID != 2 {
		t.Errorf("stories = %+v", list)
	}
	if as, _ := db.Assignments(ctx, 2); len(as) != 1 || as[0].Reason != "moved" {
		t.Errorf("assignments = %+v", as)
	}
	if _, err := db.SaveArticle(ctx, a3, "4", decided(&storyline.StoryChange{})); storyline.ErrorCode(err) != storyline.EINVALID {
		t.Errorf("change without story: %v", err)
	}
}

func TestListingsPaging(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	reserveStories(t, db, 104)
	for i := range 10 {
		a := report("S", fmt.Sprint(i), 10-i, fmt.Sprint("Story ", i), "Body.")
		save(t, db, a, "h", join(int64(100+i%5), "x"))
	}
	tests := []struct {
		name string
		f    storyline.Filter
		want []string
	}{
		{"all", storyline.Filter{}, []string{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"}},
		{"limit", storyline.Filter{Limit: 3}, []string{"0", "1", "2"}},
		{"offset", storyline.Filter{Limit: 2, Offset: 8}, []string{"8", "9"}},
		{"offset only", storyline.Filter{Offset: 9}, []string{"9"}},
		{"story", storyline.Filter{Story: 102}, []string{"2", "7"}},
		{"unknown story", storyline.Filter{Story: 1}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			list, err := db.Articles(ctx, tt.f)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, a := range list {
				got = append(got, a.ExternalID)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
	// Story i%5 was last updated by article i%5 (published 10-i hours in).
	stories, _ := db.Stories(ctx, storyline.Filter{Limit: 2, Offset: 1})
	if len(stories) != 2 || stories[0].ID != 101 || stories[1].ID != 102 {
		t.Errorf("stories = %+v", stories)
	}
	n := 0
	db.EachArticle(ctx, func(*storyline.Article) error { n++; return nil })
	if n != 10 {
		t.Errorf("EachArticle saw %d", n)
	}
	stop := fmt.Errorf("stop")
	if err := db.EachArticle(ctx, func(*storyline.Article) error { return stop }); err != stop {
		t.Errorf("EachArticle error = %v", err)
	}
}

func TestSearch(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	long := strings.Repeat("Filler words about the harbour and its boats. ", 20)
	a := report("A", "a", 0, "Ferry workers strike", long+"The ferry workers' union called a strike on Monday. "+long)
	b := report("B", "b", 1, "Mayor visits the U.S.", "The mayor flew to the U.S. for talks on trade.")
	c := report("C", "c", 2, "Café reopens", "The café near the harbour reopened.")
	save(t, db, a, "a", join(1, "x"))
	save(t, db, b, "b", nil)
	save(t, db, c, "c", nil)

	tests := []struct {
		query string
		want  []int64
	}{
		{"strike", []int64{a.ID}},
		{"striking", []int64{a.ID}}, // porter stemming
		{"STRIKE union", []int64{a.ID}},
		{"strike mayor", nil},
		{"U.S.", []int64{b.ID}},
		{`"workers' union"`, []int64{a.ID}},
		{`"union workers"`, nil},
		{"harb*", []int64{a.ID, c.ID}},
		{"cafe", []int64{c.ID}}, // diacritics removed
		{"ferry's", nil},
		{"", nil},
		// Punctuation is never query syntax.
		{`"`, nil}, {`*`, nil}, {`(`, nil}, {`)`, nil}, {`-`, nil}, {`:`, nil}, {`^`, nil},
		{`AND OR NOT`, nil}, {`NEAR(strike`, nil}, {`title:strike`, nil}, {`"strike`, []int64{a.ID}},
		{`strike -union`, []int64{a.ID}}, {`{strike}`, []int64{a.ID}}, {`strike AND`, []int64{a.ID}}, {`'`, nil},
		{`a"b`, nil}, {"—", nil}, {"\x00", nil},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			hits, err := db.Search(ctx, tt.query, 10)
			if err != nil {
				t.Fatal(err)
			}
			var got []int64
			for _, h := range hits {
				got = append(got, h.Article)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("hits = %v, want %v", got, tt.want)
			}
		})
	}
	hits, _ := db.Search(ctx, "union", 0)
	if len(hits) != 1 || hits[0].Story != 1 || hits[0].Title != "Ferry workers strike" {
		t.Fatalf("hits = %+v", hits)
	}
	if s := storyline.PlainSnippet(hits[0].Snippet); !strings.HasPrefix(s, "…") || !strings.HasSuffix(s, "…") || !strings.Contains(s, "union") {
		t.Errorf("snippet = %q", s)
	}
	if s := hits[0].Snippet; !strings.Contains(s, storyline.SnippetMarkStart+"union"+storyline.SnippetMarkEnd) {
		t.Errorf("snippet = %q, want union marked", s)
	}
}

func TestFTSQuery(t *testing.T) {
	tests := []struct{ in, want string }{
		{"ferry strike", `"ferry" "strike"`},
		{`  "ferry strike"  pay`, `"ferry strike" "pay"`},
		{`harb*`, `"harb"*`},
		{`a"b`, `"a""b"`},
		{`"unclosed`, `"unclosed"`},
		{`- * ( )`, ``},
		{`NOT`, `"NOT"`},
	}
	for _, tt := range tests {
		if got := ftsQuery(tt.in); got != tt.want {
			t.Errorf("ftsQuery(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

// integrity checks the invariants that a crash must never break and fails
// the test with what it finds.
func integrity(t *testing.T, db *sql.DB) {
	t.Helper()
	checks := []struct{ name, query string }{
		{"foreign keys", `SELECT count(*) FROM pragma_foreign_key_check`},
		{"article without features", `SELECT count(*) FROM articles a WHERE story IS NOT NULL
			AND NOT EXISTS (SELECT 1 FROM features f WHERE f.article = a.id AND f.story = a.story)`},
		{"article without assignment", `SELECT count(*) FROM articles a WHERE story IS NOT NULL
			AND NOT EXISTS (SELECT 1 FROM assignments s WHERE s.article = a.id AND s.story = a.story)`},
		{"article in merged story", `SELECT count(*) FROM articles a JOIN stories s ON s.id = a.story
			WHERE s.merged_into IS NOT NULL`},
		{"version gap", `SELECT count(*) FROM articles a WHERE version - 1 !=
			(SELECT count(*) FROM article_versions v WHERE v.article = a.id)`},
	}
	var ok string
	if err := db.QueryRow(`PRAGMA integrity_check`).Scan(&ok); err != nil || ok != "ok" {
		t.Errorf("integrity_check = %q, %v", ok, err)
	}
	if _, err := db.Exec(`INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')`); err != nil {
		t.Errorf("fts integrity-check: %v", err)
	}
	checkStoryCounts(t, db)
	for _, c := range checks {
		var n int
		if err := db.QueryRow(c.query).Scan(&n); err != nil {
			t.Errorf("%s: %v", c.name, err)
		} else if n != 0 {
			t.Errorf("%s: %d rows", c.name, n)
		}
	}
}

func TestIntegrityAfterWrites(t *testing.T) {
	db := openTest(t)
	writeLoop(context.Background(), db, 0, 300, nil)
	integrity(t, db.write)
}

// checkStoryCounts recomputes every story's counts and title in Go, from
// the articles, and compares them with the stored ones.
func checkStoryCounts(t *testing.T, db *sql.DB) {
	t.Helper()
	type article struct {
		id, story, dup, at int64
		source, title      string
	}
	rows, err := db.Query(`SELECT id, coalesce(story, 0), coalesce(duplicate_of, 0),
		coalesce(published, ingested), source, title FROM articles ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	byStory := map[int64][]article{}
	for rows.Next() {
		var a article
		if err := rows.Scan(&a.id, &a.story, &a.dup, &a.at, &a.source, &a.title); err != nil {
			t.Fatal(err)
		}
		byStory[a.story] = append(byStory[a.story], a)
	}
	rows.Close()

	rows, err = db.Query(`SELECT id, title, articles, sources, coalesce(created, 0), coalesce(updated, 0)
		FROM stories`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var got, want struct {
			title             string
			articles, sources int
			created, updated  int64
		}
		var id int64
		if err := rows.Scan(&id, &got.title, &got.articles, &got.sources, &got.created, &got.updated); err != nil {
			t.Fatal(err)
		}
		outlets := map[string]bool{}
		var originalTitle, copyTitle string
		for i, a := range byStory[id] {
			want.articles++
			if i == 0 || a.at < want.created {
				want.created = a.at
			}
			if i == 0 || a.at > want.updated {
				want.updated = a.at
			}
			if a.dup == 0 {
				if a.source != "" { // an unknown outlet is no source
					outlets[a.source] = true
				}
				originalTitle = cmp.Or(originalTitle, a.title)
			} else {
				copyTitle = cmp.Or(copyTitle, a.title)
			}
		}
		// The first original's title, else the first copy's, else as it was.
		want.title = cmp.Or(originalTitle, copyTitle, got.title)
		want.sources = len(outlets)
		if got != want {
			t.Errorf("story %d: stored %+v, from its articles %+v", id, got, want)
		}
	}
}

// TestStoryCountsRandom saves a random mix of originals, copies, untitled
// and unsourced reports, revisions and merges, and checks every story
// against its articles along the way.
func TestStoryCountsRandom(t *testing.T) {
	db := openTest(t)
	reserveStories(t, db, 20)
	r := rand.New(rand.NewPCG(7, 8))
	var saved []*storyline.Article
	for i := range 600 {
		a := report([]string{"", "A", "B", "C", "D"}[r.IntN(5)], fmt.Sprint(i), r.IntN(100)-50,
			[]string{"", "Headline"}[r.IntN(2)]+fmt.Sprint(i%3), "Body.")
		if r.IntN(5) == 0 {
			a.Title = ""
		}
		hash := "h"
		if len(saved) > 0 && r.IntN(10) == 0 { // a new version of an earlier report
			old := saved[r.IntN(len(saved))]
			a.ExternalID, a.Source, hash = old.ExternalID, old.Source, fmt.Sprint("rev", i)
		}
		// An article joins a live story: the one a merged story went to.
		story, err := db.Resolve(context.Background(), int64(r.IntN(20)+1))
		if err != nil {
			t.Fatal(err)
		}
		change := join(story, "random")
		if len(saved) > 0 && hash == "h" && r.IntN(3) == 0 {
			a.DuplicateOf = saved[r.IntN(len(saved))].ID
		}
		if r.IntN(40) == 0 {
			change.Merged = []int64{int64(r.IntN(20) + 1)}
		}
		if r.IntN(10) == 0 {
			change = nil
		}
		if out := save(t, db, a, hash, change); out == storyline.Added {
			saved = append(saved, a)
		}
		if i%100 == 99 {
			checkStoryCounts(t, db.write)
		}
	}
	integrity(t, db.write)
}

func TestSaveArticleFailureLeavesNothing(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	a := report("A", "a", 0, "Title", "Body.")
	a.DuplicateOf = 999 // no such article: the foreign key refuses it
	if _, err := db.SaveArticle(ctx, a, "h", decided(join(1, "x"))); err == nil {
		t.Fatal("saved a copy of a missing article")
	}
	if a.ID != 0 || a.Story != 0 || !a.Ingested.IsZero() {
		t.Errorf("article changed by a failed save: %+v", a)
	}
	for _, table := range []string{"articles", "stories", "assignments", "features", "terms", "articles_fts"} {
		var n int
		db.read.QueryRow(`SELECT count(*) FROM ` + table).Scan(&n)
		if n != 0 {
			t.Errorf("%s: %d rows after a failed save", table, n)
		}
	}
	// The term cache must not remember ids of the rolled-back terms.
	a.DuplicateOf = 0
	save(t, db, a, "h", join(1, "x"))
	if got := allFeatures(t, db, time.Time{}); len(got) != 1 || got[0].Body[0] != "harbour" {
		t.Errorf("features = %+v", got)
	}
}

// decided returns a Decider that gives change, or nil for a nil change.
func decided(change *storyline.StoryChange) storyline.Decider {
	if change == nil {
		return nil
	}
	return func(storyline.SaveState) (*storyline.StoryChange, error) { return change, nil }
}
