package ingest

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/internal/ordered"
	"github.com/storyline-news/storyline/source"
)

// Summary counts what Run did with its inputs.
type Summary struct {
	// Read counts the inputs read, failed ones included.
	Read int `json:"read"`
	// Added, Unchanged and Revised count the stored articles by outcome.
	Added     int `json:"added"`
	Unchanged int `json:"unchanged"`
	Revised   int `json:"revised"`
	// Duplicates counts the added articles that copy an earlier one.
	Duplicates int `json:"duplicates"`
	// Failed counts the inputs refused: unreadable, invalid or not stored.
	Failed int `json:"failed"`
}

// Count records one stored article's outcome.
func (s *Summary) Count(res Result) {
	switch res.Outcome {
	case storyline.Added:
		s.Added++
		if res.Article.DuplicateOf != 0 {
			s.Duplicates++
		}
	case storyline.Unchanged:
		s.Unchanged++
	case storyline.Revised:
		s.Revised++
	}
}

// Report tells Run's caller what became of one input, in input order.
type Report struct {
	// Origin names the input ("path", "path:line", a URL).
	Origin string
	// Result is what the pipeline did; its Article is nil when Err is set.
	Result Result
	// Err is why the input was refused: never an internal error, which
	// stops Run instead.
	Err error
	// Elapsed is how long clustering and storing took.
	Elapsed time.Duration
}

// RunOptions configure Run.
type RunOptions struct {
	// Source says how inputs are read (default outlet and time, standard
	// input, the fetcher for URLs).
	Source source.Options
	// Cards, when set with Analyze, receives each new or revised
	// article's analysis for its story card (entities, quotes, claims),
	// made by Analyze on the parallel workers, unless the store holds
	// that text analysed already.
	Cards storyline.Store
	// Analyze returns an article's encoded analysis for Cards (the
	// reconcile stage's; this package does not reach down the pipeline).
	Analyze func(*storyline.Article) ([]byte, error)
	// Each, when set, is called with every input's report in input order;
	// an error from it stops Run and is returned.
	Each func(Report) error
}

// Run reads every input at paths (source.Read) and adds its articles to
// the pipeline: reading, extraction and analysis run on every core,
// clustering and storing take articles one at a time in input order. A
// refused input is counted and reported, and the rest go on; an internal
// error (the store failing) stops Run and is returned with the input's
// origin. Everything stored is flushed before Run returns, so that it is
// durable and visible to other processes. The command line's ingest and
// the server's POST /api/articles both run it.
func (p *Pipeline) Run(ctx context.Context, paths []string, opts RunOptions) (Summary, error) {
	var sum Summary
	type prepared struct {
		source.Item
		Prepared
		analysis []byte
	}
	cards := opts.Cards
	if opts.Analyze == nil {
		cards = nil
	}
	var analyses []storyline.AnalysisRecord
	saveAnalyses := func() error {
		if len(analyses) == 0 {
			return nil
		}
		err := cards.SaveAnalyses(ctx, analyses)
		analyses = analyses[:0]
		return err
	}
	// A store that held no article when the run began has analysed none:
	// the workers need not ask it.
	askStore := cards != nil && holdsArticles(ctx, cards)
	report := func(r Report) error {
		if r.Err != nil {
			sum.Failed++
		} else {
			sum.Count(r.Result)
		}
		if opts.Each != nil {
			return opts.Each(r)
		}
		return nil
	}
	err := ordered.Map(0, func(emit func(source.Item) bool) error {
		return source.Read(ctx, paths, opts.Source, func(it source.Item) error {
			if !emit(it) {
				return errStopped
			}
			return nil
		})
	}, func(it source.Item) prepared {
		if it.Err != nil {
			return prepared{Item: it}
		}
		pr := prepared{Item: it, Prepared: Prepare(it.Article)}
		if cards != nil && pr.err == nil && !(askStore && analysedAlready(ctx, cards, pr.Prepared)) {
			pr.analysis, _ = opts.Analyze(it.Article)
		}
		return pr
	}, func(pr prepared) error {
		sum.Read++
		if pr.Item.Err != nil {
			return report(Report{Origin: pr.Origin, Err: pr.Item.Err})
		}
		if pr.err != nil {
			return report(Report{Origin: pr.Origin, Err: pr.err})
		}
		start := time.Now()
		res, err := p.AddPrepared(ctx, pr.Prepared)
		if err != nil {
			if storyline.ErrorCode(err) == storyline.EINTERNAL {
				return fmt.Errorf("%s: %w", pr.Origin, err)
			}
			return report(Report{Origin: pr.Origin, Err: err, Elapsed: time.Since(start)})
		}
		if pr.analysis != nil { // new, revised, or stored before without an analysis
			analyses = append(analyses, storyline.AnalysisRecord{Article: res.Article.ID, Version: res.Article.Version, Data: pr.analysis})
			if len(analyses) >= 64 {
				if err := saveAnalyses(); err != nil {
					return err
				}
			}
		}
		return report(Report{Origin: pr.Origin, Result: res, Elapsed: time.Since(start)})
	})
	if errors.Is(err, errStopped) {
		err = nil // the consumer's error, already returned by Map, wins
	}
	if err == nil && cards != nil {
		err = saveAnalyses()
	}
	if ferr := p.Flush(ctx); err == nil {
		err = ferr
	}
	return sum, err
}

// errStopped ends reading when the consumer has stopped.
var errStopped = errors.New("stopped")

// analysedAlready reports whether the store holds the prepared article's
// text already, as committed, with its analysis, so that an ingest run
// again over the same input does not analyse it again.
func analysedAlready(ctx context.Context, st storyline.Store, pr Prepared) bool {
	h, analysed, err := st.Committed(ctx, pr.Article.Key())
	return err == nil && analysed && h == pr.Hash()
}

// holdsArticles reports whether the store holds any article; on an error
// it says yes.
func holdsArticles(ctx context.Context, st storyline.Store) bool {
	last, err := st.LastArticle(ctx)
	return err != nil || last > 0
}
