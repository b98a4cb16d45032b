package source

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func readAll(t *testing.T, paths []string, opts Options) (titles, failures []string) {
	t.Helper()
	err := Read(context.Background(), paths, opts, func(it Item) error {
		if it.Err != nil {
			failures = append(failures, it.Origin+": "+it.Err.Error())
		} else {
			titles = append(titles, it.Article.Title)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return titles, failures
}

func TestReadFolderAndFormats(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"b/two.txt":     "Second report\n\nThe dam inspection continued on Tuesday.\n",
		"a/one.html":    "<html><head><title>First report</title></head><body><article><h1>First report</h1><p>The dam at Korvell was inspected on Monday by a team of engineers from the regional water board, who said the structure was sound.</p></article></body></html>",
		"c/items.json":  `[{"id":"x1","title":"Third report","text":"The board published its findings."},{"id":"x2","title":"Broken","published":"not a date","text":"Bad date."}]`,
		".hidden/x.txt": "Hidden\n\nNot read.\n",
		"notes.csv":     "not,read",
	}
	for name, text := range files {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	published := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
	titles, failures := readAll(t, []string{dir}, Options{Source: "Desk", Published: published})
	want := []string{"First report", "Second report", "Third report"}
	if strings.Join(titles, "|") != strings.Join(want, "|") {
		t.Errorf("titles = %q, want %q", titles, want)
	}
	if len(failures) != 1 || !strings.Contains(failures[0], "items.json") {
		t.Errorf("failures = %q, want one naming items.json", failures)
	}
}

func TestReadStdinJSONLines(t *testing.T) {
	in := `{"id":"1","title":"Rail strike called","text":"Drivers will strike on Friday.","source":"Wire"}` + "\n" + `{"id":2` + "\n"
	titles, failures := readAll(t, []string{"-"}, Options{Stdin: strings.NewReader(in)})
	if len(titles) != 1 || len(failures) != 1 || !strings.HasPrefix(failures[0], "stdin:2") {
		t.Errorf("titles %q, failures %q", titles, failures)
	}
}

func TestURLsNeedAFetcher(t *testing.T) {
	_, failures := readAll(t, []string{"https://news.example/page"}, Options{})
	if len(failures) != 1 {
		t.Errorf("failures = %q", failures)
	}
}

func TestSniff(t *testing.T) {
	for in, want := range map[string]Kind{"  <html>": HTML, "[{}]": JSON, "{\"id\":1}": JSONLines, "Plain words": Text} {
		if got := Sniff([]byte(in)); got != want {
			t.Errorf("Sniff(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestOtherSchemesAreRefused(t *testing.T) {
	_, failures := readAll(t, []string{"ftp://files.example/a.txt", "file:///etc/passwd"}, Options{})
	if len(failures) != 2 || !strings.Contains(failures[0], "unsupported URL scheme") {
		t.Errorf("failures = %q", failures)
	}
}

// TestProgressCountsEveryByte checks that Options.Progress sees every byte
// of the files and standard input read, compressed or not.
func TestProgressCountsEveryByte(t *testing.T) {
	dir := t.TempDir()
	var want int64
	for name, text := range map[string]string{
		"a.txt":   "Harbour report\n\nThe harbour reopened on Monday after the storm.\n",
		"b.jsonl": `{"id":"1","title":"Rail strike","text":"Drivers will strike on Friday."}` + "\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		want += int64(len(text))
	}
	stdin := `{"id":"2","title":"Ferry strike","text":"Crews walked out."}` + "\n"
	want += int64(len(stdin))
	var got int64
	titles, failures := readAll(t, []string{dir, "-"}, Options{Stdin: strings.NewReader(stdin), Progress: func(n int64) { got += n }})
	if len(titles) != 3 || len(failures) != 0 || got != want {
		t.Errorf("titles %q, failures %q; %d bytes counted, want %d", titles, failures, got, want)
	}
}
