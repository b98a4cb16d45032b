package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/cluster"
	"github.com/storyline-news/storyline/eval"
	"github.com/storyline-news/storyline/ingest"
	"github.com/storyline-news/storyline/reconcile"
	"github.com/storyline-news/storyline/source"
)

// report is one side of a comparison.
type report struct {
	ID        string    `json:"id"`
	Title     string    `json:"title,omitempty"`
	Text      string    `json:"text,omitempty"`
	Body      string    `json:"body,omitempty"`
	Content   string    `json:"content,omitempty"`
	Source    string    `json:"source,omitempty"`
	Published time.Time `json:"published,omitzero"`
	// Language is the labelled language of a report in an evaluation
	// file; storyline detects its own (see `eval language`).
	Language string `json:"language,omitempty"`
}

func (r report) article() *storyline.Article {
	body := r.Text
	if body == "" {
		body = r.Body
	}
	if body == "" {
		body = r.Content
	}
	return &storyline.Article{ExternalID: r.ID, Title: r.Title, Body: body, Source: r.Source, Published: r.Published}
}

// pair is one line of a --pairs file; Similarity and SameStory are labels
// read by `eval pairs`.
type pair struct {
	ID         string   `json:"id"`
	A          report   `json:"a"`
	B          report   `json:"b"`
	Similarity *float64 `json:"similarity,omitempty"`
	SameStory  *bool    `json:"same_story,omitempty"`
	// Lang names the languages of the pair ("de-de", "de-en"), and
	// Overall is a rating from 1 (same story) to 4 (unrelated), as in
	// SemEval-2022 Task 8; it stands for Similarity when that is missing.
	Lang    string   `json:"lang,omitempty"`
	Overall *float64 `json:"overall,omitempty"`
}

// similarity returns the labelled similarity of a pair, from Similarity or
// else from Overall mapped onto 0..1, or nil without either.
func (p pair) similarity() *float64 {
	if p.Similarity != nil || p.Overall == nil {
		return p.Similarity
	}
	s := (4 - *p.Overall) / 3
	return &s
}

// pairResult is one line of `compare --pairs` output.
type pairResult struct {
	ID        string  `json:"id"`
	Score     float64 `json:"score"`
	SameStory bool    `json:"same_story"`
}

// comparison is the output of `compare A B`.
type comparison struct {
	Score     float64  `json:"score"`
	SameStory bool     `json:"same_story"`
	Threshold float64  `json:"threshold"`
	A         string   `json:"a"`
	B         string   `json:"b"`
	Shared    []string `json:"shared_terms"`
	// Reconciliation sets the two reports side by side: shared and
	// differing entities, quotes and claims, and their conflicts.
	Reconciliation *reconcile.Comparison `json:"reconciliation"`
}

func runCompare(ctx context.Context, e *env, args []string) error {
	fs := e.flags("compare", "A B | --pairs FILE.jsonl | --claims A B | --claims --pairs FILE.jsonl")
	pairsFile := fs.String("pairs", "", "score every pair of a JSON lines `file` ({\"id\",\"a\":{\"id\",\"text\"},\"b\":{...}})")
	claims := fs.Bool("claims", false, "compare two sentences or short passages: do they state the same fact?")
	text := fs.Bool("text", false, "with --claims: A and B are the passages themselves, not files")
	asJSON := fs.Bool("json", false, "print JSON")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if *claims {
		return compareClaims(e, *pairsFile, pos, *text, *asJSON)
	}
	if *pairsFile != "" {
		pairs, err := readPairs(*pairsFile)
		if err != nil {
			return err
		}
		for _, r := range scorePairs(pairs) {
			if err := jsonLine(e.stdout, r); err != nil {
				return err
			}
		}
		return nil
	}
	if len(pos) != 2 {
		return usagef("give two reports (files, URLs or -), or --pairs FILE.jsonl")
	}
	var arts []*storyline.Article
	err = source.Read(ctx, pos, source.Options{Stdin: e.stdin}, func(it source.Item) error {
		if it.Err != nil {
			return fmt.Errorf("%s: %w", it.Origin, it.Err)
		}
		arts = append(arts, it.Article)
		return nil
	})
	if err != nil {
		return err
	}
	if len(arts) != 2 {
		return usagef("the inputs hold %d reports, want 2", len(arts))
	}
	c := cluster.New(cluster.Options{})
	restoreBackground(ctx, e, c)
	a, b := doc(arts[0]), doc(arts[1])
	c.Observe(a)
	c.Observe(b)
	score := c.Score(a, b)
	out := comparison{Score: score, SameStory: c.SameStory(score), Threshold: c.Threshold(), A: arts[0].Title, B: arts[1].Title, Shared: c.SharedTerms(a, b, 12),
		Reconciliation: reconcile.Compare(arts[0], arts[1])}
	if *asJSON {
		return writeJSON(e.stdout, out)
	}
	verdict := "different stories"
	if out.SameStory {
		verdict = "the same story"
	}
	fmt.Fprintf(e.stdout, "score %.3f (threshold %.3f): %s\n  A: %s\n  B: %s\n  shared: %v\n", out.Score, out.Threshold, verdict, terminal(out.A), terminal(out.B), terminal(fmt.Sprint(out.Shared)))
	fmt.Fprint(e.stdout, terminalText(reconcile.CompareText(out.Reconciliation)))
	return nil
}

// restoreBackground lets the database's articles, when there is one, inform
// the term weights of a comparison.
func restoreBackground(ctx context.Context, e *env, c *cluster.Clusterer) {
	if _, err := os.Stat(e.db); err != nil {
		return
	}
	db, err := e.open(ctx)
	if err != nil {
		return
	}
	defer db.Close()
	_ = db.Features(ctx, time.Time{}, func(f storyline.Features) error {
		c.Observe(cluster.Doc{Title: f.Title, Body: f.Body, Entities: f.Entities})
		return nil
	})
}

// doc describes an article for the clusterer.
func doc(a *storyline.Article) cluster.Doc {
	f := ingest.Describe(a)
	return cluster.Doc{Source: a.Source, Published: a.Published, Title: f.Title, Body: f.Body, Entities: f.Entities}
}

// scorePairs scores each pair, with term weights from the texts of the
// batch, each counted once however many pairs it is in.
func scorePairs(pairs []pair) []pairResult {
	c := cluster.New(cluster.Options{})
	docs := make([][2]cluster.Doc, len(pairs))
	seen := map[string]bool{}
	for i, p := range pairs {
		for j, r := range [2]report{p.A, p.B} {
			a := r.article()
			docs[i][j] = doc(a)
			if key := ingest.Hash(a); !seen[key] {
				seen[key] = true
				c.Observe(docs[i][j])
			}
		}
	}
	out := make([]pairResult, len(pairs))
	for i, p := range pairs {
		s := c.Score(docs[i][0], docs[i][1])
		out[i] = pairResult{ID: p.ID, Score: s, SameStory: c.SameStory(s)}
	}
	return out
}

func readPairs(path string) ([]pair, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var pairs []pair
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for n := 1; sc.Scan(); n++ {
		var p pair
		if err := json.Unmarshal(sc.Bytes(), &p); err != nil {
			return nil, fmt.Errorf("%s:%d: %v", path, n, err)
		}
		pairs = append(pairs, p)
	}
	return pairs, sc.Err()
}

// pairsEval is the output of `eval pairs`.
type pairsEval struct {
	File string `json:"file"`
	pairsFigures
	// ByLang holds the figures of each language pair ("de-de", "de-en")
	// when the file labels them; WithinNonEnglish those of the pairs of
	// two reports in one language other than English, and Across those
	// of the pairs of two languages.
	ByLang           map[string]pairsFigures `json:"by_lang,omitempty"`
	WithinNonEnglish *pairsFigures           `json:"within_non_english,omitempty"`
	Across           *pairsFigures           `json:"across,omitempty"`
}

// pairsFigures are the figures of a set of labelled pairs.
type pairsFigures struct {
	Pairs   int      `json:"pairs"`
	Pearson *float64 `json:"pearson,omitempty"`
	eval.PRF
}

func evalPairs(_ context.Context, e *env, args []string) error {
	fs := e.flags("eval pairs", "FILE.jsonl")
	lang := fs.String("lang", "", "only the pairs whose \"lang\" is this (\"de-de\", \"de-en\"), or whose both sides are in this language (\"de\")")
	jsonOnly(fs, "JSON")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("give a labelled pairs file (lines with \"a\", \"b\", \"similarity\" (or \"overall\") and/or \"same_story\")")
	}
	pairs, err := readPairs(pos[0])
	if err != nil {
		return err
	}
	if *lang != "" {
		pairs = pairsInLang(pairs, *lang)
	}
	res := scorePairs(pairs)
	out := pairsEval{File: pos[0], pairsFigures: figures(pairs, res, func(pair) bool { return true })}
	for _, p := range pairs {
		if p.Lang == "" {
			continue
		}
		if out.ByLang == nil {
			out.ByLang = map[string]pairsFigures{}
		}
		if _, ok := out.ByLang[p.Lang]; !ok {
			l := p.Lang
			out.ByLang[l] = figures(pairs, res, func(q pair) bool { return q.Lang == l })
		}
	}
	if out.ByLang != nil {
		within := figures(pairs, res, func(q pair) bool { a, b, ok := strings.Cut(q.Lang, "-"); return ok && a == b && a != "en" })
		across := figures(pairs, res, func(q pair) bool { a, b, ok := strings.Cut(q.Lang, "-"); return ok && a != b })
		out.WithinNonEnglish, out.Across = &within, &across
	}
	return writeJSON(e.stdout, out)
}

// pairsInLang keeps the pairs labelled lang, or, for a bare code, the
// pairs with both sides in that language.
func pairsInLang(pairs []pair, lang string) []pair {
	var kept []pair
	for _, p := range pairs {
		if p.Lang == lang || p.Lang == lang+"-"+lang {
			kept = append(kept, p)
		}
	}
	return kept
}

// figures measures the scores res of the pairs that keep selects.
func figures(pairs []pair, res []pairResult, keep func(pair) bool) pairsFigures {
	var scores, sims []float64
	var pred, truth []bool
	n := 0
	for i, p := range pairs {
		if !keep(p) {
			continue
		}
		n++
		if sim := p.similarity(); sim != nil {
			scores = append(scores, res[i].Score)
			sims = append(sims, *sim)
		}
		if p.SameStory != nil {
			pred = append(pred, res[i].SameStory)
			truth = append(truth, *p.SameStory)
		}
	}
	f := pairsFigures{Pairs: n, PRF: eval.BinaryF1(pred, truth)}
	if len(sims) > 1 {
		r := eval.Pearson(scores, sims)
		f.Pearson = &r
	}
	return f
}
