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

// TestQuality clusters the labelled data sets of ../shared/data with the
// default options, in file order, and checks the project's targets. It is
// skipped when the data is absent (it is never copied into the repository).
//
//	go test ./cluster -run TestQuality -v
func TestQuality(t *testing.T) {
	targets := []struct {
		file      string
		nmi, bcF1 float64
	}{
		{"googlenews-ts.jsonl", 0.95, 0.90},
		{"uci-headlines.jsonl", 0.92, 0.85},
	}
	dir := dataset.Dir()
	for _, tc := range targets {
		path := filepath.Join(dir, tc.file)
		if _, err := os.Stat(path); dir == "" || err != nil {
			t.Skipf("%s not found: set STORYLINE_DATA to the shared data directory", tc.file)
		}
		set, err := dataset.Load(path)
		if err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		pred := dataset.Run(set, cluster.Options{})
		took := time.Since(start)
		r := eval.Clusters(pred, set.Truth)
		t.Logf("%s: %d documents, %d stories (true %d), NMI %.4f, ARI %.4f, BCubed P %.4f R %.4f F1 %.4f, clustered in %v",
			tc.file, r.Items, r.Predicted, r.True, r.NMI, r.ARI, r.BCubed.Precision, r.BCubed.Recall, r.BCubed.F1, took.Round(time.Millisecond))
		if r.NMI < tc.nmi || r.BCubed.F1 < tc.bcF1 {
			t.Errorf("%s: NMI %.4f, BCubed F1 %.4f; want at least %.2f and %.2f", tc.file, r.NMI, r.BCubed.F1, tc.nmi, tc.bcF1)
		}
	}
}
