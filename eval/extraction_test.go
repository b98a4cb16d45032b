package eval

import (
	"compress/gzip"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"testing"
)

func TestCompareShingles(t *testing.T) {
	tests := []struct {
		name            string
		truth, got      string
		want            ShingleCounts
		precision, rcll float64
	}{
		{"same text", "a b c d e", "a b c d e", ShingleCounts{TP: 2}, 1, 1},
		{"case and punctuation do not count", "A, b. C-d!", "a b c d", ShingleCounts{TP: 1}, 1, 1},
		{"one word differs", "a b c d e", "a b c d x", ShingleCounts{TP: 1, FP: 1, FN: 1}, 0.5, 0.5},
		{"shingles are a multiset", "a b c d a b c d", "a b c d", ShingleCounts{TP: 1, FN: 4}, 1, 0.2},
		{"short texts are one shingle", "a b", "a b", ShingleCounts{TP: 1}, 1, 1},
		{"nothing extracted", "a b c d", "", ShingleCounts{FN: 1}, 0, 0},
		{"both empty", "", "", ShingleCounts{}, 1, 1},
		{"unicode words", "Ação é já feita", "ação é já feita", ShingleCounts{TP: 1}, 1, 1},
	}
	for _, tt := range tests {
		c := CompareShingles(tt.truth, tt.got)
		if c != tt.want || c.Precision() != tt.precision || c.Recall() != tt.rcll {
			t.Errorf("%s: got %+v P=%v R=%v, want %+v P=%v R=%v",
				tt.name, c, c.Precision(), c.Recall(), tt.want, tt.precision, tt.rcll)
		}
	}
}

func TestSummarizeAveragesPages(t *testing.T) {
	r := summarize([]pageResult{
		{counts: ShingleCounts{TP: 3, FP: 1}},                              // P 0.75, R 1
		{counts: ShingleCounts{TP: 1, FN: 1}},                              // P 1, R 0.5
		{counts: ShingleCounts{FN: 2}, score: PageScore{Error: "refused"}}, // no P, R 0
	})
	wantP, wantR := (0.75+1)/2, (1+0.5+0)/3.0
	if r.Pages != 3 || r.Failed != 1 || !almostEqual(r.Precision, wantP) || !almostEqual(r.Recall, wantR) ||
		!almostEqual(r.F1, 2*wantP*wantR/(wantP+wantR)) {
		t.Errorf("summary = %+v, want P %v R %v", r, wantP, wantR)
	}
}

func almostEqual(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestExtraction(t *testing.T) {
	dir := t.TempDir()
	page, err := os.ReadFile("../extract/testdata/ferry.html")
	if err != nil {
		t.Fatal(err)
	}
	writeGzip(t, filepath.Join(dir, "html", "ferry.html.gz"), page)
	truth := map[string]labelledPage{"ferry": {
		URL: "https://gazette.example/news/night-ferry",
		ArticleBody: "The Port Alder city council voted on Tuesday to end the night ferry service to Gull Island, " +
			"closing a route that has run since 1962, after a three-hour debate in which residents accused " +
			"officials of abandoning the island's night workers.",
	}}
	data, _ := json.Marshal(truth)
	if err := os.WriteFile(filepath.Join(dir, "ground-truth.json"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	r, err := Extraction(dir)
	if err != nil {
		t.Fatal(err)
	}
	if r.Pages != 1 || r.Recall != 1 || r.Precision <= 0 || r.Precision >= 0.5 || len(r.Worst) != 1 {
		t.Errorf("report = %+v", r)
	}
}

func writeGzip(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	z := gzip.NewWriter(f)
	if _, err := z.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// benchmarkDir is the shared article extraction benchmark, outside the repo.
const benchmarkDir = "../../shared/data/extraction"

// TestExtractionBenchmark scores extract.HTML on the shared benchmark when it
// is present: go test ./eval -run ExtractionBenchmark -v
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
	if r.F1 < 0.96 {
		t.Errorf("F1 = %.3f, want at least 0.96", r.F1)
	}
}
