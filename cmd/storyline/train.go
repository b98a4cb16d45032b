package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"

	"github.com/storyline-news/storyline/analyze/ner"
	"github.com/storyline-news/storyline/analyze/quote"
	"github.com/storyline-news/storyline/eval"
)

// runTrain reproduces the models shipped in the binary.
func runTrain(_ context.Context, e *env, args []string) error {
	if len(args) > 0 && isHelp(args[0]) {
		fmt.Fprint(e.stdout, `Usage: storyline train WHAT [flags]

Reproduces a model shipped in the binary from the shared labelled data and
prints the training report as JSON:

  ner      the entity tagger (CoNLL++ train and dev)
  claims   the claim matcher (MSRP pairs)
  quotes   the quote model (PolNeAR train)

'storyline help train WHAT' lists the flags of one.
`)
		return flag.ErrHelp
	}
	if len(args) > 0 && args[0] == "claims" {
		return trainClaims(e, args[1:])
	}
	if len(args) > 0 && args[0] == "quotes" {
		return trainQuotes(e, args[1:])
	}
	if len(args) == 0 || args[0] != "ner" {
		return usagef("give what to train: ner | claims | quotes")
	}
	fs := e.flags("train ner", "")
	jsonOnly(fs, "JSON")
	train := fs.String("train", "../shared/data/conll/conllpp_train.txt", "CoNLL training `file` (IOB2 tags)")
	dev := fs.String("dev", "../shared/data/conll/conllpp_dev.txt", "CoNLL dev `file` that selects the epoch (empty: keep the last)")
	out := fs.String("o", "analyze/ner/data/model.bin", "model `file` to write")
	quiet := fs.Bool("quiet", false, "no per-epoch log")
	if _, err := parse(fs, args[1:]); err != nil {
		return err
	}
	var opts ner.TrainOptions // the defaults made the shipped model
	if !*quiet {
		opts.Log = e.stderr
	}
	rep, err := ner.TrainFromFiles(*train, *dev, *out, opts)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "storyline train ner: wrote %s (best epoch %d, dev F1 %.4f, %s)\n", terminal(*out), rep.BestEpoch, rep.DevF1, rep.Duration.Round(1e9))
	return writeJSON(e.stdout, rep)
}

// trainQuotes trains the quote model on PolNeAR train (by default all its
// folds) and writes it where the binary embeds it.
func trainQuotes(e *env, args []string) error {
	fs := e.flags("train quotes", "[DIR]")
	jsonOnly(fs, "JSON")
	folds := fs.String("folds", "", "train only on the articles of these `folds` of 5 (comma-separated, 0-4), to score the others with `eval quotes --folds`")
	out := fs.String("o", "analyze/quote/data/keep.json", "model `file` to write")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	dir := "../shared/data/polnear/train"
	if len(pos) == 1 {
		dir = pos[0]
	} else if len(pos) > 1 {
		return usagef("give one PolNeAR-style folder")
	}
	texts, err := eval.ReadPolNeAR(dir)
	if err != nil {
		return err
	}
	if texts, err = selectFolds(texts, *folds); err != nil {
		return err
	}
	m, st := eval.TrainQuotes(texts, people, quote.TrainOptions{})
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(*out, append(data, '\n'), 0o644); err != nil {
		return fmt.Errorf("train quotes: %w", err)
	}
	fmt.Fprintf(e.stderr, "storyline train quotes: wrote %s from %d articles (%d candidates, %d quotes)\n", *out, st.Documents, st.Candidates, st.Quotes)
	return writeJSON(e.stdout, st)
}
