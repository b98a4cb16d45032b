package main

import (
	"context"
	"fmt"
	"github.com/storyline-news/storyline/analyze/document"
	"io"
	"os"
	"runtime/debug"
	"time"

	"golang.org/x/term"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/analyze/ner"
	"github.com/storyline-news/storyline/extract"
	"github.com/storyline-news/storyline/fetch"
	"github.com/storyline-news/storyline/ingest"
	"github.com/storyline-news/storyline/source"
)

// ingestSummary is the --json output of ingest.
type ingestSummary struct {
	Read       int     `json:"read"`
	Added      int     `json:"added"`
	Unchanged  int     `json:"unchanged"`
	Revised    int     `json:"revised"`
	Duplicates int     `json:"duplicates"`
	Failed     int     `json:"failed"`
	Stories    int     `json:"stories"`
	Seconds    float64 `json:"seconds"`
}

// ingestMemoryLimit is the soft memory limit of an ingest without
// --analyze, unless GOMEMLIMIT sets one. The state kept between articles
// is bounded (ingest.MaxCopySignatures, ingest.MaxIdleArticles; about
// 130 MB at most for headlines), and the limit makes the collector keep
// the heap near it rather than let it grow to twice the live heap, so
// that a stream of a million JSON lines peaks under 300 MB of resident
// memory (scripts/bench-jsonl-memory.sh, docs/BENCHMARKS.md). Ordinary
// ingests stay far below it and never feel it.
const ingestMemoryLimit = 200 << 20

func runIngest(ctx context.Context, e *env, args []string) error {
	fs := e.flags("ingest", "PATH|URL|- ...")
	src := fs.String("source", "", "outlet `name` for inputs that do not give one")
	published := fs.String("published", "", "publication `time` (RFC 3339 or YYYY-MM-DD) for inputs that do not give one")
	allowPrivate := fs.Bool("allow-private", false, "allow fetching URLs on loopback and private networks")
	asJSON := fs.Bool("json", false, "print the summary as JSON")
	quiet := fs.Bool("quiet", false, "no progress line")
	analyse := fs.Bool("analyze", false, "also analyse each article for its story card (entities, quotes, claims) while ingesting, on the idle cores, unless its text was stored and analysed before; by default the first read of a card does it")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), `Usage: storyline ingest [flags] PATH|URL|- ...

Reads .txt (a short first line is the title), .html, .json, .jsonl files,
RSS, Atom, RDF and JSON Feed documents (every entry an article, told by its
content whatever the file's name), each also gzip-compressed
(page.html.gz), folders (recursively), http(s) page and feed URLs and -
(standard input). Re-ingesting
the same input adds nothing; a known URL or id with changed text becomes a
new version of that article.

Limits: one document (file, page or JSON line) may be at most %d MB, once
uncompressed, whatever kind of file it comes from (a named pipe or device
given by name is read up to that limit); HTML nested deeper than extract's
limit is refused. In folders, links to files are followed; named pipes,
devices and links to folders are reported and skipped. Ctrl-C (or SIGTERM)
stops at once, keeping what was stored. A bad input is reported on
one line and the rest of the batch goes on; exit status 1 then.

Flags:
`, extract.MaxDocumentBytes>>20)
		fs.PrintDefaults()
	}
	paths, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		return usagef("nothing to ingest: give files, folders, URLs or -")
	}
	opts := source.Options{Source: *src, Stdin: e.stdin, Fetcher: fetch.New(fetch.Options{AllowPrivate: *allowPrivate, IgnoreRobots: true})}
	if *published != "" {
		t, err := parseTime(*published)
		if err != nil {
			return usagef("--published: %v", err)
		}
		opts.Published = t
	}
	if !*analyse && os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(ingestMemoryLimit)
	}
	if *analyse {
		// Load the tagger's model on a spare core while the store opens,
		// rather than in the first worker that needs it.
		go ner.Default()
		// The analysis keeps every core busy, so collecting garbage
		// delays the ingest (without it, the collector runs on the core
		// the sequential stage leaves idle): a heap goal of three times
		// the live heap instead of two halves the collections, for
		// 70-80 MB more memory on the 924 PolNeAR texts
		// (docs/BENCHMARKS.md). GOGC, when set, decides instead.
		if os.Getenv("GOGC") == "" {
			debug.SetGCPercent(200)
		}
	}
	db, p, err := e.openPipeline(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	var cards storyline.Store
	if *analyse {
		cards = db
	}
	sum, err := ingestAll(ctx, e, p, paths, opts, cards, !*quiet && isTerminal(e.stderr))
	if err != nil {
		return err
	}
	stories, err := db.Stories(ctx, storyline.Filter{})
	if err != nil {
		return err
	}
	sum.Stories = len(stories)
	if *asJSON {
		err = writeJSON(e.stdout, sum)
	} else {
		fmt.Fprintf(e.stdout, "%d read: %d added (%s), %d unchanged, %d revised, %d failed; %s; %.1fs\n",
			sum.Read, sum.Added, count(sum.Duplicates, "copy", "copies"), sum.Unchanged, sum.Revised, sum.Failed, count(sum.Stories, "story", "stories"), sum.Seconds)
	}
	if err == nil && sum.Failed > 0 {
		return partialError{sum.Failed}
	}
	return err
}

// ingestAll runs every input through the pipeline (ingest.Run), printing
// one line per failure and a progress line on terminals.
//
// With a card cache, each article's analysis for its story card (entities,
// quotes, claims: the costly part of a card) is made on the parallel
// workers too and cached when the article is stored, so that cards are
// ready when read.
func ingestAll(ctx context.Context, e *env, p *ingest.Pipeline, paths []string, opts source.Options, cards storyline.Store, progress bool) (ingestSummary, error) {
	start := time.Now()
	bar := newProgress(e.stderr, progress)
	if progress {
		bar.total = inputSize(paths, opts.Stdin)
		opts.Progress = bar.read
	}
	read := 0
	analyse := func(a *storyline.Article) ([]byte, error) { return document.Analyze(a).Marshal() }
	run, err := p.Run(ctx, paths, ingest.RunOptions{Source: opts, Cards: cards, Analyze: analyse, Each: func(r ingest.Report) error {
		read++
		if r.Err != nil {
			bar.clear()
			fmt.Fprintf(e.stderr, "storyline: %s: %s\n", terminal(r.Origin), message(r.Err))
		}
		bar.update(read, start)
		return nil
	}})
	bar.clear()
	sum := ingestSummary{Read: run.Read, Added: run.Added, Unchanged: run.Unchanged, Revised: run.Revised,
		Duplicates: run.Duplicates, Failed: run.Failed, Seconds: time.Since(start).Seconds()}
	return sum, err
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// parseTime reads RFC 3339 times and plain dates.
func parseTime(s string) (time.Time, error) {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("cannot read %q as a time (use RFC 3339 or YYYY-MM-DD)", s)
}
