package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/analyze/ner"
	"github.com/storyline-news/storyline/analyze/quote"
	"github.com/storyline-news/storyline/eval"
	"github.com/storyline-news/storyline/source"
)

func runEval(ctx context.Context, e *env, args []string) error {
	if len(args) > 0 && isHelp(args[0]) {
		fmt.Fprint(e.stdout, `Usage: storyline eval WHAT [flags] ARGS

Measures storyline's quality on labelled data and prints the figures as JSON:

  clusters FILE.jsonl   story clustering of labelled items ({"id",...,"story"})
  pairs FILE.jsonl      same-story scores of labelled pairs
  claims FILE.jsonl     same-claim decisions of labelled sentence pairs
  language FILE.jsonl   language detection of labelled reports (pairs files too)
  extraction DIR        article extraction (ground-truth.json and html/)
  quotes DIR            quotes and speakers (PolNeAR-style text/ and attributions/)
  ner FILE              named entities (CoNLL, IOB2 tags)

'storyline help eval WHAT' lists the flags of one evaluation.
`)
		return flag.ErrHelp
	}
	if len(args) == 0 {
		return usagef("give what to evaluate: clusters FILE.jsonl | pairs FILE.jsonl | claims FILE.jsonl | language FILE.jsonl | extraction DIR | quotes DIR | ner FILE")
	}
	switch args[0] {
	case "clusters":
		return evalClusters(ctx, e, args[1:])
	case "pairs":
		return evalPairs(ctx, e, args[1:])
	case "extraction":
		return evalExtraction(ctx, e, args[1:])
	case "quotes":
		return evalQuotes(ctx, e, args[1:])
	case "ner":
		return evalNER(ctx, e, args[1:])
	case "claims":
		return evalClaims(ctx, e, args[1:])
	case "language":
		return evalLanguage(ctx, e, args[1:])
	}
	return usagef("unknown evaluation %q (clusters, pairs, claims, language, extraction, quotes, ner)", args[0])
}

// clusterEval is the output of `eval clusters`.
type clusterEval struct {
	File    string `json:"file"`
	Items   int    `json:"items"`
	Stories int    `json:"stories"`
	eval.ClusterReport
	IngestSeconds  float64 `json:"ingest_seconds"`
	ArticlesPerSec float64 `json:"articles_per_second"`
}

// evalClusters ingests a labelled JSON lines file (each line with a "story"
// label) into a fresh database, in file order, and scores the stories found
// against the labels.
func evalClusters(ctx context.Context, e *env, args []string) error {
	fs := e.flags("eval clusters", "FILE.jsonl")
	jsonOnly(fs, "JSON")
	label := fs.String("label", "story", "JSON `field` holding the true story")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("give one labelled JSON lines file")
	}
	truth, err := readLabels(pos[0], *label)
	if err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "storyline-eval-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	e.db = filepath.Join(dir, "eval.db")
	db, p, err := e.openPipeline(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	sum, err := ingestAll(ctx, e, p, pos, source.Options{}, nil, false)
	if err != nil {
		return err
	}
	pred := map[string]string{}
	err = db.EachArticle(ctx, func(a *storyline.Article) error {
		pred[a.ExternalID] = strconv.FormatInt(a.Story, 10)
		return nil
	})
	if err != nil {
		return err
	}
	stories := map[string]bool{}
	for _, s := range pred {
		stories[s] = true
	}
	rep := clusterEval{File: pos[0], Items: len(truth), Stories: len(stories), ClusterReport: eval.Clusters(pred, truth),
		IngestSeconds: sum.Seconds, ArticlesPerSec: float64(sum.Added) / sum.Seconds}
	return writeJSON(e.stdout, rep)
}

// readLabels reads the id → label map of a JSON lines file.
func readLabels(path, field string) (map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	labels := map[string]string{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for n := 1; sc.Scan(); n++ {
		var row map[string]any
		if err := json.Unmarshal(sc.Bytes(), &row); err != nil {
			return nil, fmt.Errorf("%s:%d: %v", path, n, err)
		}
		id, lab := fmt.Sprint(row["id"]), row[field]
		if lab == nil {
			continue
		}
		labels[id] = fmt.Sprint(lab)
	}
	return labels, sc.Err()
}

func evalExtraction(_ context.Context, e *env, args []string) error {
	fs := e.flags("eval extraction", "DIR")
	jsonOnly(fs, "JSON")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("give the data set folder (with ground-truth.json and html/)")
	}
	rep, err := eval.Extraction(pos[0])
	if err != nil {
		return err
	}
	return writeJSON(e.stdout, rep)
}

func evalQuotes(_ context.Context, e *env, args []string) error {
	fs := e.flags("eval quotes", "DIR")
	jsonOnly(fs, "JSON")
	folds := fs.String("folds", "", "score only the articles of these `folds` of 5 (comma-separated, 0-4; by a hash of the article name), e.g. the folds a model was not trained on")
	model := fs.String("model", "", "quote model `file` written by `storyline train quotes` instead of the shipped one; \"rules\" for the hand rules alone")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("give a PolNeAR-style folder (text/*.txt and attributions/*.ann)")
	}
	texts, err := eval.ReadPolNeAR(pos[0])
	if err != nil {
		return err
	}
	if texts, err = selectFolds(texts, *folds); err != nil {
		return err
	}
	m := quote.DefaultModel()
	switch *model {
	case "":
	case "rules":
		m = nil
	default:
		data, err := os.ReadFile(*model)
		if err != nil {
			return err
		}
		if m, err = quote.ReadModel(data); err != nil {
			return err
		}
	}
	return writeJSON(e.stdout, eval.QuotesOf(texts, people, m))
}

// quoteFolds is the number of folds PolNeAR articles are split into for
// training and scoring quote models on articles not trained on.
const quoteFolds = 5

// selectFolds keeps the texts of the comma-separated folds of quoteFolds
// in list; an empty list keeps them all.
func selectFolds(texts []eval.AttributedText, list string) ([]eval.AttributedText, error) {
	if list == "" {
		return texts, nil
	}
	var folds []int
	for _, f := range strings.Split(list, ",") {
		k, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || k < 0 || k >= quoteFolds {
			return nil, usagef("--folds: %q is not a fold 0-%d", f, quoteFolds-1)
		}
		folds = append(folds, k)
	}
	return eval.InFolds(texts, quoteFolds, folds), nil
}

func evalNER(_ context.Context, e *env, args []string) error {
	fs := e.flags("eval ner", "FILE.conll")
	jsonOnly(fs, "JSON")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("give a CoNLL file with IOB2 tags")
	}
	rep, err := eval.NER(ner.Default(), pos[0])
	if err != nil {
		return err
	}
	return writeJSON(e.stdout, rep)
}
