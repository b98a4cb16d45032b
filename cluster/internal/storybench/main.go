// Command storybench clusters the labelled data sets in ../shared/data with
// the default options and prints the quality and time.
//
//	go run ./cluster/internal/storybench [-data DIR] [FILE ...]
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/storyline-news/storyline/cluster"
	"github.com/storyline-news/storyline/cluster/internal/dataset"
	"github.com/storyline-news/storyline/eval"
)

func main() {
	dir := flag.String("data", dataset.Dir(), "directory of the data sets")
	var opts cluster.Options
	flag.Float64Var(&opts.Threshold, "threshold", 0, "join threshold (0: default)")
	flag.Float64Var(&opts.MergeThreshold, "merge", 0, "merge threshold (0: default)")
	flag.Float64Var(&opts.DocThreshold, "doc", 0, "member threshold (0: default)")
	flag.IntVar(&opts.MinMerge, "minmerge", 0, "min merge size (0: default)")
	flag.IntVar(&opts.Candidates, "cands", 0, "candidates (0: default)")
	flag.IntVar(&opts.MaxTerms, "maxterms", 0, "centroid cap (0: default)")
	flag.DurationVar(&opts.Grace, "grace", 0, "")
	flag.DurationVar(&opts.HalfLife, "halflife", 0, "")
	flag.Float64Var(&opts.SingleThreshold, "single", 0, "")
	flag.Float64Var(&opts.Burst, "burst", 0, "")
	flag.DurationVar(&opts.BurstHalfLife, "bursthalf", 0, "")
	flag.Parse()
	files := flag.Args()
	if len(files) == 0 {
		files = []string{"googlenews-ts.jsonl", "uci-headlines.jsonl"}
	}
	for _, name := range files {
		path := name
		if !filepath.IsAbs(path) && *dir != "" {
			path = filepath.Join(*dir, name)
		}
		t0 := time.Now()
		set, err := dataset.Load(path)
		if err != nil {
			fmt.Fprintln(os.Stderr, "storybench:", err)
			os.Exit(1)
		}
		load := time.Since(t0)
		t0 = time.Now()
		pred := dataset.Run(set, opts)
		took := time.Since(t0)
		r := eval.Clusters(pred, set.Truth)
		fmt.Printf("%-22s docs %5d  stories %4d/%-4d  NMI %.4f  ARI %.4f  pairF1 %.4f  BCubed P %.4f R %.4f F1 %.4f  cluster %v (terms %v)\n",
			set.Name, r.Items, r.Predicted, r.True, r.NMI, r.ARI, r.Pairwise.F1,
			r.BCubed.Precision, r.BCubed.Recall, r.BCubed.F1, took.Round(time.Millisecond), load.Round(time.Millisecond))
	}
}
