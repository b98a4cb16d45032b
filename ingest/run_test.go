package ingest

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/storyline-news/storyline"
)

// Run reports every input in order, counts outcomes, goes on past refused
// inputs, and leaves what it stored durable for other readers.
func TestRunReportsAndCounts(t *testing.T) {
	dir := t.TempDir()
	lines := `{"id":"a","source":"Port Courier","title":"Bridge closed","text":"A ship struck the harbour bridge."}
{"id":"b","source":"Town Daily","title":"","text":""}
{"id":"c","source":"Harbour Times","title":"Harbour bridge shut","text":"A ship hit the harbour bridge."}
`
	file := filepath.Join(dir, "in.jsonl")
	if err := os.WriteFile(file, []byte(lines), 0o644); err != nil {
		t.Fatal(err)
	}
	db, p := open(t, filepath.Join(dir, "s.db"))
	defer db.Close()
	ctx := context.Background()
	var origins []string
	var refused int
	sum, err := p.Run(ctx, []string{file}, RunOptions{Each: func(r Report) error {
		origins = append(origins, r.Origin)
		if r.Err != nil {
			refused++
			if storyline.ErrorCode(r.Err) != storyline.EINVALID {
				t.Errorf("%s: %v, want EINVALID", r.Origin, r.Err)
			}
		} else if r.Result.Article == nil || r.Result.Article.ID == 0 {
			t.Errorf("%s: no stored article", r.Origin)
		}
		return nil
	}})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Read != 3 || sum.Added != 2 || sum.Failed != 1 || refused != 1 || len(origins) != 3 {
		t.Errorf("summary %+v, %d reports (%d refused)", sum, len(origins), refused)
	}
	for i, o := range origins {
		if want := file + ":" + string(rune('1'+i)); o != want {
			t.Errorf("report %d from %q, want %q (input order)", i, o, want)
		}
	}
	if h, _, err := db.Committed(ctx, (&storyline.Article{Source: "Harbour Times", ExternalID: "c"}).Key()); err != nil || h == "" {
		t.Errorf("the last article is not committed after Run: %q, %v", h, err)
	}
	again, err := p.Run(ctx, []string{file}, RunOptions{})
	if err != nil || again.Unchanged != 2 || again.Added != 0 {
		t.Errorf("second run: %+v, %v; want 2 unchanged", again, err)
	}
}
