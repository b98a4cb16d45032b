package reconcile

import (
	"context"
	"fmt"
	"github.com/storyline-news/storyline/analyze/document"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/ingest"
	"github.com/storyline-news/storyline/source"
	"github.com/storyline-news/storyline/store/sqlite"
)

// longest returns the longest demo article and its story's articles.
func longest(b *testing.B) (*storyline.Article, []*storyline.Article) {
	var best *storyline.Article
	var story []*storyline.Article
	for _, arts := range demoStories(b) {
		for _, a := range arts {
			if best == nil || len(a.Body) > len(best.Body) {
				best, story = a, arts
			}
		}
	}
	return best, story
}

// BenchmarkAnalyze analyses the longest demo article (about 4 KB).
func BenchmarkAnalyze(b *testing.B) {
	a, _ := longest(b)
	b.SetBytes(int64(len(a.Body)))
	for b.Loop() {
		document.Analyze(a)
	}
}

// BenchmarkAnalyzeCorpus analyses every demo article once per iteration:
// the mix of lengths and kinds of text an ingest meets.
func BenchmarkAnalyzeCorpus(b *testing.B) {
	var arts []*storyline.Article
	size := 0
	for _, s := range demoStories(b) {
		for _, a := range s {
			arts = append(arts, a)
			size += len(a.Title) + len(a.Body)
		}
	}
	b.SetBytes(int64(size))
	for b.Loop() {
		for _, a := range arts {
			document.Analyze(a)
		}
	}
	b.ReportMetric(float64(b.N*len(arts))/b.Elapsed().Seconds(), "articles/s")
}

// BenchmarkAnalyzePolNeAR analyses the 924 full-length PolNeAR texts of
// ../shared/data (skipped without them), read as ingest reads them: the
// analysis that `ingest --analyze` adds to an ingest (docs/BENCHMARKS.md).
func BenchmarkAnalyzePolNeAR(b *testing.B) {
	const dir = "../../shared/data/polnear/"
	if _, err := os.Stat(dir); err != nil {
		b.Skip("no PolNeAR data in ../shared/data")
	}
	var arts []*storyline.Article
	err := source.Read(context.Background(), []string{dir + "train/text", dir + "dev/text"}, source.Options{}, func(it source.Item) error {
		if it.Article != nil {
			arts = append(arts, it.Article)
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	document.Analyze(arts[0]) // loads the tagger
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, a := range arts {
			document.Analyze(a)
		}
	}
	b.ReportMetric(float64(b.N*len(arts))/b.Elapsed().Seconds(), "articles/s")
}

// BenchmarkBuild builds the card of the largest demo story from its
// articles' analyses: what a card costs when an article joins, besides the
// new article's own analysis.
func BenchmarkBuild(b *testing.B) {
	var arts []*storyline.Article
	for _, s := range demoStories(b) {
		if len(s) > len(arts) {
			arts = s
		}
	}
	benchBuild(b, arts)
}

// BenchmarkBuildLargeStory builds one card from all 67 demo articles, as
// if they were one story: how card building grows with a story's size.
func BenchmarkBuildLargeStory(b *testing.B) {
	var arts []*storyline.Article
	for _, s := range demoStories(b) {
		arts = append(arts, s...)
	}
	benchBuild(b, arts)
}

// BenchmarkBuild500 builds one card from 536 reports: the demo's 67
// articles eight times over, each time under other outlets' names, as a
// story that dozens of outlets follow for weeks would be.
func BenchmarkBuild500(b *testing.B) {
	var base []*storyline.Article
	for _, s := range demoStories(b) {
		base = append(base, s...)
	}
	var arts []*storyline.Article
	for k := range 8 {
		for _, a := range base {
			c := *a
			c.ID = int64(len(arts) + 1)
			c.ExternalID = fmt.Sprintf("%s-%d", a.ExternalID, k)
			c.Source = fmt.Sprintf("%s %d", a.Source, k)
			c.Published = a.Published.Add(time.Duration(k) * 24 * time.Hour)
			arts = append(arts, &c)
		}
	}
	benchBuild(b, arts)
}

// ingestDemo ingests the demo corpus into a fresh store and, with cards,
// then loads the card of every story, as a reader opening each story once
// would (analyses made and cached, cards built and cached).
func ingestDemo(b *testing.B, cards, warm bool) {
	ctx := context.Background()
	path, _ := filepath.Abs("../demo/corpus/articles.jsonl")
	for b.Loop() {
		b.StopTimer()
		db, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "bench.db"))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		p, err := ingest.New(ctx, db)
		if err != nil {
			b.Fatal(err)
		}
		var w *Warmer
		if warm {
			w = NewWarmer(db, 0)
		}
		err = source.Read(ctx, []string{path}, source.Options{}, func(it source.Item) error {
			if it.Err != nil {
				return it.Err
			}
			res, err := p.Add(ctx, it.Article)
			if err == nil && w != nil && res.Outcome != storyline.Unchanged {
				w.Add(res.Article)
			}
			return err
		})
		if err == nil {
			err = p.Flush(ctx)
		}
		if w != nil {
			if werr := w.Close(); err == nil {
				err = werr
			}
		}
		if err == nil && cards {
			err = loadAll(ctx, db)
		}
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		db.Close()
		b.StartTimer()
	}
}

// loadAll loads (builds and caches) the card of every story.
func loadAll(ctx context.Context, db *sqlite.DB) error {
	stories, err := db.Stories(ctx, storyline.Filter{})
	if err != nil {
		return err
	}
	for _, s := range stories {
		arts, err := db.Articles(ctx, storyline.Filter{Story: s.ID})
		if err != nil {
			return err
		}
		if _, err := Load(ctx, db, s, arts); err != nil {
			return err
		}
	}
	return nil
}

// BenchmarkIngest is the foundation's ingest of the demo corpus (67
// articles) into a fresh store: extract, dedup, cluster, store.
func BenchmarkIngest(b *testing.B) { ingestDemo(b, false, false) }

// BenchmarkIngestWithCards is the same ingest followed by the card of every
// story, built from scratch (every article analysed once and cached).
func BenchmarkIngestWithCards(b *testing.B) { ingestDemo(b, true, false) }

// BenchmarkIngestWithCardsWarm analyses each article in the background as
// it is stored (Warmer), then builds every card from the cached analyses.
func BenchmarkIngestWithCardsWarm(b *testing.B) { ingestDemo(b, true, true) }

// benchBuild analyses the articles of one story, then times building its
// card from their analyses.
func benchBuild(b *testing.B, arts []*storyline.Article) {
	ans := make([]*document.Analysis, len(arts))
	for i, a := range arts {
		ans[i] = document.Analyze(a)
	}
	s := &storyline.Story{ID: 1, Title: arts[0].Title}
	for b.Loop() {
		Build(s, arts, ans)
	}
}
