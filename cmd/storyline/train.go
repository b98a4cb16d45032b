package main

import (
	"context"
	"fmt"

	"github.com/storyline-news/storyline/analyze/ner"
)

// runTrain reproduces the models shipped in the binary.
func runTrain(_ context.Context, e *env, args []string) error {
	if len(args) > 0 && args[0] == "claims" {
		return trainClaims(e, args[1:])
	}
	if len(args) == 0 || args[0] != "ner" {
		return usagef("give what to train: ner | claims")
	}
	fs := e.flags("train ner", "")
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
