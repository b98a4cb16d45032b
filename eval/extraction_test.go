package eval

import (
	"os"
	"path/filepath"
	"testing"
)

// benchmarkDir is the shared article extraction benchmark, outside the repo.
const benchmarkDir = "../../shared/data/extraction"

func TestExtractionBenchmark(t *testing.T) {
	if _, err := os.Stat(filepath.Join(benchmarkDir, "ground-truth.json")); err != nil {
		t.Skip("benchmark data not present:", err)
	}
	r, err := Extraction(benchmarkDir)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("pages=%d failed=%d P=%.3f R=%.3f F1=%.3f time=%.1fs (%.0f ms/page)",
		r.Pages, r.Failed, r.Precision, r.Recall, r.F1, r.Seconds, r.PageMillis)
	for _, w := range r.Worst {
		t.Logf("worst %s P=%.3f R=%.3f F1=%.3f %s", w.ID, w.Precision, w.Recall, w.F1, w.Error)
	}
}
