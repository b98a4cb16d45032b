package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/storyline-news/storyline"
)

// vocabulary is an invented list of stems for benchmark features.
var vocabulary = func() []string {
	words := make([]string, 5000)
	for i := range words {
		words[i] = fmt.Sprintf("stem%04x", i*2654435761%65521)
	}
	return words
}()

// benchChange returns a change with features of typical size: a headline,
// a body of bodyTerms stems, ten entities and a 64-value signature.
func benchChange(r *rand.Rand, story int64, bodyTerms int) *storyline.StoryChange {
	pick := func(n int) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = vocabulary[r.IntN(len(vocabulary))]
		}
		return out
	}
	sig := make([]uint32, 64)
	for i := range sig {
		sig[i] = r.Uint32()
	}
	return &storyline.StoryChange{
		Assignment: storyline.Assignment{Story: story, Score: 0.42, Reason: "shares 4 terms", Terms: pick(4)},
		Features:   storyline.Features{Title: pick(8), Body: pick(bodyTerms), Entities: pick(10), Signature: sig},
	}
}

// benchArticle returns short article number i.
func benchArticle(i int) *storyline.Article {
	return &storyline.Article{
		ExternalID: fmt.Sprint("b", i),
		Source:     fmt.Sprint("Outlet ", i%17),
		Title:      fmt.Sprintf("Council votes on budget item %d", i),
		Body:       fmt.Sprintf("The council voted on item %d of the budget. Members debated for an hour before the vote; the motion passed.", i),
		Published:  t0.Add(time.Duration(i) * time.Minute),
	}
}

// BenchmarkSaveArticle saves short new articles, each with its story
// change (five articles a story, a merge every 50), one transaction each.
func BenchmarkSaveArticle(b *testing.B) {
	ctx := context.Background()
	db := openTest(b)
	r := rand.New(rand.NewPCG(1, 2))
	changes := make([]*storyline.StoryChange, 1000)
	for i := range changes {
		changes[i] = benchChange(r, 0, 40)
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		change := *changes[i%len(changes)]
		change.Story = int64(i/5 + 1)
		if i%50 == 49 {
			change.Merged = []int64{change.Story - 1}
		}
		if _, err := db.SaveArticle(ctx, benchArticle(i), "h", decided(&change)); err != nil {
			b.Fatal(err)
		}
		i++
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}

// BenchmarkSaveArticleUnchanged re-saves a known article: the path of a
// repeated ingest.
func BenchmarkSaveArticleUnchanged(b *testing.B) {
	ctx := context.Background()
	db := openTest(b)
	a := benchArticle(1)
	save(b, db, a, "h", nil)
	for b.Loop() {
		if out, err := db.SaveArticle(ctx, benchArticle(1), "h", nil); err != nil || out != storyline.Unchanged {
			b.Fatal(out, err)
		}
	}
}

// fillFeatures stores n articles with features of bodyTerms stems, in one
// transaction through the same code as SaveArticle (to be quick).
func fillFeatures(b testing.TB, db *DB, n, bodyTerms int) {
	ctx := context.Background()
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer tx.Rollback()
	t := &saveTx{ctx: ctx, tx: tx, db: db, s: &db.stmt}
	r := rand.New(rand.NewPCG(3, 4))
	for i := range n {
		if _, err := t.saveArticle(benchArticle(i), "h", sql.NullString{}, decided(benchChange(r, int64(i/5+1), bodyTerms))); err != nil {
			b.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	db.terms.add(t.newTerms)
}

// BenchmarkFeatures streams the features of 100,000 articles (200 body
// stems each), as the clusterer does when it starts.
func BenchmarkFeatures(b *testing.B) {
	n := benchFeaturesN()
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(b.TempDir(), "features.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	start := time.Now()
	fillFeatures(b, db, n, 200)
	b.Logf("filled %d articles in %v", n, time.Since(start))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		count := 0
		if err := db.Features(ctx, time.Time{}, func(storyline.Features) error { count++; return nil }); err != nil {
			b.Fatal(err)
		}
		if count != n {
			b.Fatalf("streamed %d features", count)
		}
	}
	b.ReportMetric(float64(b.N*n)/b.Elapsed().Seconds(), "features/s")
}

// benchFeaturesN is the number of articles BenchmarkFeatures streams:
// 100,000, or STORYLINE_BENCH_FEATURES.
func benchFeaturesN() int {
	if n, err := strconv.Atoi(os.Getenv("STORYLINE_BENCH_FEATURES")); err == nil && n > 0 {
		return n
	}
	return 100_000
}
