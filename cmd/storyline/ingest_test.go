package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// TestIngestFeedFiles ingests the feed fixtures as files: every entry is
// read as an article, and every entry with text is stored under a key of
// its own (entries repeating an id are one report, its latest version). The
// figures are those of docs/FEEDS.md.
func TestIngestFeedFiles(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	code, out, errOut := cli(t, db, "", "ingest", "--json", "../../feed/testdata")
	var sum ingestSummary
	if err := json.Unmarshal([]byte(out), &sum); err != nil {
		t.Fatalf("exit %d, %v: %s", code, err, errOut)
	}
	// 53 entries: one repeats another's id and gives way to it, 47 are
	// stored, 4 with only a link and 1 with nothing each refused on a line.
	if sum.Read != 52 || sum.Added != 47 || sum.Failed != 5 {
		t.Errorf("summary %+v, want 52 read, 47 added, 5 failed", sum)
	}
	if n := strings.Count(errOut, "\n"); n != 5 || strings.Count(errOut, "only a link") != 4 {
		t.Errorf("want 5 error lines, 4 for entries with only a link:\n%s", errOut)
	}
	code, out, _ = cli(t, db, "", "ingest", "--json", "../../feed/testdata")
	if err := json.Unmarshal([]byte(out), &sum); err != nil || sum.Added != 0 || sum.Revised != 0 {
		t.Errorf("second ingest (exit %d): %+v, want nothing new", code, sum)
	}
}
