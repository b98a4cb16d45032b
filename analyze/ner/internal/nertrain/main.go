// Command nertrain trains the named-entity tagger on CoNLL files and writes
// the model that package ner embeds; it is what `storyline train ner` runs.
//
// The shipped model was made, from the repository root, with:
//
//	go run ./analyze/ner/internal/nertrain \
//	    -train ../shared/data/conll/conllpp_train.txt \
//	    -dev ../shared/data/conll/conllpp_dev.txt \
//	    -o analyze/ner/data/model.bin
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"

	"github.com/storyline-news/storyline/analyze/ner"
	"github.com/storyline-news/storyline/eval"
)

func main() {
	var opts ner.TrainOptions
	train := flag.String("train", "", "CoNLL training file")
	dev := flag.String("dev", "", "CoNLL dev file (selects the epoch)")
	out := flag.String("o", "model.bin", "model file to write (gzip-compressed when it ends in .gz)")
	flag.IntVar(&opts.Epochs, "epochs", 0, "epochs (0: default)")
	flag.Uint64Var(&opts.Seed, "seed", 0, "shuffling seed (0: default)")
	flag.IntVar(&opts.MinCount, "min-count", 0, "drop features seen fewer times (0: default)")
	flag.Float64Var(&opts.TitleShare, "title-share", 0, "share of sentences also trained as Title Case (0: default, <0: none)")
	flag.IntVar(&opts.Beam, "beam", 0, "beam width (0: default)")
	flag.Float64Var(&opts.UpperShare, "upper-share", 0, "share of sentences also trained in capitals (0: default, <0: none)")
	flag.Float64Var(&opts.PruneBelow, "prune", 0, "drop weight rows below this magnitude when saving")
	flag.BoolVar(&opts.NoGazetteer, "no-gazetteer", false, "train without gazetteer features")
	flag.BoolVar(&opts.NoWordClasses, "no-word-classes", false, "train without word-class features")
	flag.Parse()
	if *train == "" {
		fmt.Fprintln(os.Stderr, "nertrain: -train is required")
		os.Exit(2)
	}
	opts.Log = os.Stderr
	rep, err := ner.TrainFromFiles(*train, *dev, *out, opts)
	if err != nil {
		fmt.Fprintln(os.Stderr, "nertrain:", err)
		os.Exit(1)
	}
	b, _ := json.MarshalIndent(rep, "", "  ")
	fmt.Println(string(b))
	if *dev == "" {
		return
	}
	// Score the saved (quantised) model, as it will ship.
	f, err := os.Open(*out)
	if err != nil {
		fmt.Fprintln(os.Stderr, "nertrain:", err)
		os.Exit(1)
	}
	defer f.Close()
	t, err := ner.Load(f)
	if err != nil {
		fmt.Fprintln(os.Stderr, "nertrain:", err)
		os.Exit(1)
	}
	score, err := eval.NER(t, *dev)
	if err != nil {
		fmt.Fprintln(os.Stderr, "nertrain:", err)
		os.Exit(1)
	}
	b, _ = json.MarshalIndent(score, "", "  ")
	fmt.Println(string(b))
}
