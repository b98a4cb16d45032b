package cluster_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/storyline-news/storyline/cluster"
	"github.com/storyline-news/storyline/cluster/internal/dataset"
	"github.com/storyline-news/storyline/eval"
)

// TestQuality clusters the labelled data sets with the default options, in
// file order, read and deduplicated as `storyline eval clusters` does it,
// and checks the project's targets on the two short-text streams of
// ../shared/data, and floors on full-length articles (the demo corpus, and
// the hand-labelled English pages of the extraction benchmark). Sets whose
// data is absent are skipped (the shared data is never copied into the
// repository).
//
//	go test ./cluster -run TestQuality -v
func TestQuality(t *testing.T) {
	targets := []struct {
		name      string
		nmi, bcF1 float64
	}{
		{"googlenews-ts.jsonl", 0.95, 0.90},
		{"uci-headlines.jsonl", 0.92, 0.85},
		{"demo-stories", 0.99, 0.99}, // every report of the sample corpus in its story
		// Undated full-length pages: held to the undated bars (issue 14),
		// BCubed F1 0.943 before them, 0.883 with them (docs/QUALITY.md).
		{"extraction-stories", 0.96, 0.88},
	}
	dir := dataset.Dir()
	for _, tc := range targets {
		set, err := loadSet(tc.name, dir)
		if err != nil {
			t.Logf("%s skipped: %v (set STORYLINE_DATA to the shared data directory)", tc.name, err)
			continue
		}
		start := time.Now()
		pred := dataset.Run(set, cluster.Options{})
		took := time.Since(start)
		r := eval.Clusters(pred, set.Truth)
		t.Logf("%s: %d documents, %d stories (true %d), NMI %.4f, ARI %.4f, BCubed P %.4f R %.4f F1 %.4f, clustered in %v",
			tc.name, r.Items, r.Predicted, r.True, r.NMI, r.ARI, r.BCubed.Precision, r.BCubed.Recall, r.BCubed.F1, took.Round(time.Millisecond))
		if r.NMI < tc.nmi || r.BCubed.F1 < tc.bcF1 {
			t.Errorf("%s: NMI %.4f, BCubed F1 %.4f; want at least %.2f and %.2f", tc.name, r.NMI, r.BCubed.F1, tc.nmi, tc.bcF1)
		}
	}
}

// loadSet loads a file of the shared data directory, or a set of
// full-length articles by name (dataset.LongSets).
func loadSet(name, dir string) (*dataset.Set, error) {
	for _, long := range dataset.LongSets {
		if name == long {
			data, err := dataset.LongJSONL(name, dir)
			if err != nil {
				return nil, err
			}
			return dataset.Read(name, data)
		}
	}
	path := filepath.Join(dir, name)
	if _, err := os.Stat(path); err != nil {
		return nil, err
	}
	return dataset.Load(path)
}

// TestPairQuality scores the labelled pair sets (see dataset.PairSets) as
// `storyline eval pairs` does and checks floors a little under the figures
// in docs/QUALITY.md, so that a change that loses ground shows. The target
// itself (Pearson and F1 of 0.85 on unseen pairs rated by people) is
// measured elsewhere; these sets are for development.
//
//	go test ./cluster -run TestPairQuality -v
func TestPairQuality(t *testing.T) {
	floors := map[string]struct{ pearson, f1 float64 }{
		"demo":       {0.88, 0.92},
		"polnear":    {0.68, 0.78},
		"extraction": {0.85, 0.72},
	}
	for _, name := range dataset.PairSets {
		pairs, err := dataset.LoadPairs(name, dataset.Dir())
		if err != nil {
			t.Logf("%s skipped: %v", name, err)
			continue
		}
		r := dataset.EvaluatePairs(pairs)
		t.Logf("%s: %v", name, r)
		if f := floors[name]; r.Pearson < f.pearson || r.F1 < f.f1 {
			t.Errorf("%s: Pearson %.3f, F1 %.3f; want at least %.2f and %.2f", name, r.Pearson, r.F1, f.pearson, f.f1)
		}
	}
}
