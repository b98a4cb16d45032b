// Command storybench clusters the labelled data sets in file order and
// prints the quality (NMI, ARI, pairwise and BCubed F1) and the time; flags
// override the clusterer's options, for exploring them. The sets are the
// short-text streams of ../shared/data and the labelled full-length
// articles of dataset.LongSets (demo-stories, extraction-stories). With
// -pairs it scores the labelled pair sets (dataset.PairSets) instead. With
// -write DIR it writes the full-length sets and the pair sets as JSON lines
// for `storyline eval clusters` and `storyline eval pairs`. With -articles
// it clusters unlabelled full-length articles (PolNeAR) and lists the
// stories of more than one article, for a look.
//
//	go run ./cluster/internal/storybench [-data DIR] [-repeat N] [option flags] [SET ...]
//	go run ./cluster/internal/storybench -pairs
//	go run ./cluster/internal/storybench -write /tmp/storyline-sets
//	go run ./cluster/internal/storybench -articles polnear
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"syscall"
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
	flag.IntVar(&opts.Candidates, "cands", 0, "candidates (0: default)")
	flag.IntVar(&opts.MaxTerms, "maxterms", 0, "centroid cap (0: default)")
	flag.DurationVar(&opts.Grace, "grace", 0, "time gap without decay (0: default)")
	flag.DurationVar(&opts.HalfLife, "halflife", 0, "decay half-life (0: default)")
	flag.Float64Var(&opts.SingleThreshold, "single", 0, "threshold to join a one-document story (0: default)")
	flag.Float64Var(&opts.Burst, "burst", 0, "burst bonus, negative for none (0: default)")
	flag.DurationVar(&opts.BurstHalfLife, "bursthalf", 0, "burst half-life (0: default)")
	repeat := flag.Int("repeat", 1, "cluster each set this many times and report the fastest run")
	articles := flag.String("articles", "", "cluster the unlabelled articles of this directory (e.g. polnear) and list the stories")
	pairs := flag.Bool("pairs", false, "score the labelled pair sets")
	write := flag.String("write", "", "write the full-length sets and the pair sets as JSON lines into this `directory`")
	flag.Parse()
	switch {
	case *articles != "":
		listStories(*articles, opts)
		return
	case *pairs:
		scorePairSets(*dir)
		return
	case *write != "":
		if err := writeSets(*write, *dir); err != nil {
			fmt.Fprintln(os.Stderr, "storybench:", err)
			os.Exit(1)
		}
		return
	}
	files := flag.Args()
	if len(files) == 0 {
		files = append([]string{"googlenews-ts.jsonl", "uci-headlines.jsonl"}, dataset.LongSets...)
	}
	for _, name := range files {
		t0 := time.Now()
		set, err := load(name, *dir)
		if err != nil {
			fmt.Fprintln(os.Stderr, "storybench:", err)
			os.Exit(1)
		}
		load := time.Since(t0)
		var pred map[string]string
		var took, cpu time.Duration
		for i := range max(*repeat, 1) {
			t0 = time.Now()
			cpu0 := cpuTime()
			pred = dataset.Run(set, opts)
			if t, c := time.Since(t0), cpuTime()-cpu0; i == 0 || t < took {
				took, cpu = t, c
			}
		}
		r := eval.Clusters(pred, set.Truth)
		fmt.Printf("%-22s docs %5d  stories %4d/%-4d  NMI %.4f  ARI %.4f  pairF1 %.4f  BCubed P %.4f R %.4f F1 %.4f  cluster %v (cpu %v; terms %v)\n",
			set.Name, r.Items, r.Predicted, r.True, r.NMI, r.ARI, r.Pairwise.F1,
			r.BCubed.Precision, r.BCubed.Recall, r.BCubed.F1, took.Round(time.Millisecond), cpu.Round(time.Millisecond), load.Round(time.Millisecond))
	}
}

// load loads a set by name: a set of full-length articles
// (dataset.LongSets), or a file, relative to dir unless absolute.
func load(name, dir string) (*dataset.Set, error) {
	if slices.Contains(dataset.LongSets, name) {
		data, err := dataset.LongJSONL(name, dir)
		if err != nil {
			return nil, err
		}
		return dataset.Read(name, data)
	}
	if !filepath.IsAbs(name) && dir != "" {
		name = filepath.Join(dir, name)
	}
	return dataset.Load(name)
}

// scorePairSets prints the quality of pairwise scores on every pair set.
func scorePairSets(dir string) {
	for _, name := range dataset.PairSets {
		pairs, err := dataset.LoadPairs(name, dir)
		if err != nil {
			fmt.Fprintln(os.Stderr, "storybench:", err)
			continue
		}
		fmt.Printf("%-12s %v\n", name, dataset.EvaluatePairs(pairs))
	}
}

// writeSets writes <set>.jsonl for the full-length sets and <set>-pairs.jsonl
// for the pair sets into out.
func writeSets(out, dir string) error {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	for _, name := range dataset.LongSets {
		data, err := dataset.LongJSONL(name, dir)
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(out, name+".jsonl"), data, 0o644); err != nil {
			return err
		}
	}
	for _, name := range dataset.PairSets {
		pairs, err := dataset.LoadPairs(name, dir)
		if err != nil {
			return err
		}
		if err := dataset.WritePairs(filepath.Join(out, name+"-pairs.jsonl"), pairs); err != nil {
			return err
		}
	}
	return nil
}

// listStories clusters unlabelled full-length articles and prints the
// stories of more than one article with their titles, for a look.
func listStories(dir string, opts cluster.Options) {
	if !filepath.IsAbs(dir) {
		dir = filepath.Join(dataset.Dir(), dir)
	}
	set, err := dataset.LoadArticles(dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, "storybench:", err)
		os.Exit(1)
	}
	c := cluster.New(opts)
	t0 := time.Now()
	members := map[int64][]int{}
	var order []int64
	for i, d := range set.Docs {
		dec := c.Assign(d)
		for _, m := range dec.Merged {
			members[dec.Story] = append(members[dec.Story], members[m]...)
			delete(members, m)
		}
		if len(members[dec.Story]) == 0 {
			order = append(order, dec.Story)
		}
		members[dec.Story] = append(members[dec.Story], i)
		if !dec.New && os.Getenv("REASONS") != "" {
			fmt.Printf("%s: %s\n", set.IDs[i], dec.Reason)
		}
	}
	took := time.Since(t0)
	multi := 0
	for _, id := range order {
		m := members[id]
		if len(m) < 2 {
			continue
		}
		multi++
		fmt.Printf("story %d (%d articles)\n", id, len(m))
		for _, i := range m {
			fmt.Printf("    %s  %s\n", set.Docs[i].Published.Format("2006-01-02"), set.IDs[i])
		}
	}
	fmt.Printf("%s: %d articles, %d stories, %d with more than one article, clustered in %v\n",
		set.Name, len(set.Docs), len(members), multi, took.Round(time.Millisecond))
}

// cpuTime returns the CPU time the process has used, user and system: on a
// busy machine it tells the cost of clustering better than the wall clock.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
