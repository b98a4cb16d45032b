package source

import (
	"bytes"
	"compress/gzip"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/extract"
)

// writeGzip writes data gzip-compressed to dir/name and returns the path.
func writeGzip(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write(data)
	zw.Close()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestReadCompressedFiles(t *testing.T) {
	dir := t.TempDir()
	writeGzip(t, dir, "a-page.html.gz", []byte("<html><head><title>Harbour reopens</title></head><body><article><h1>Harbour reopens</h1><p>The harbour at Salvenmouth reopened to ferries on Thursday after a week of repairs to its northern quay, the port authority said.</p></article></body></html>"))
	writeGzip(t, dir, "b-feed.jsonl.gz", []byte(`{"id":"w1","title":"Quay repairs end","text":"Work on the quay ended."}`+"\n"+`{"id":`+"\n"))
	var ids, titles, failures []string
	err := Read(context.Background(), []string{dir}, Options{}, func(it Item) error {
		if it.Err != nil {
			failures = append(failures, it.Origin)
			return nil
		}
		ids = append(ids, it.Article.ExternalID)
		titles = append(titles, it.Article.Title)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(titles, "|") != "Harbour reopens|Quay repairs end" {
		t.Errorf("titles = %q", titles)
	}
	// A compressed page is the same article as the page itself.
	if len(ids) != 2 || ids[0] != "a-page.html" || ids[1] != "w1" {
		t.Errorf("external ids = %q", ids)
	}
	if len(failures) != 1 || !strings.HasSuffix(failures[0], "b-feed.jsonl.gz:2") {
		t.Errorf("failures = %q, want the broken second line", failures)
	}
}

func TestBadCompressedFiles(t *testing.T) {
	dir := t.TempDir()
	notGzip := filepath.Join(dir, "plain.txt.gz")
	os.WriteFile(notGzip, []byte("Just text\n\nNot compressed at all.\n"), 0o644)
	full := writeGzip(t, dir, "whole.txt.gz", []byte("A title\n\nA body long enough to be cut short.\n"))
	data, _ := os.ReadFile(full)
	cut := filepath.Join(dir, "cut.txt.gz")
	os.WriteFile(cut, data[:len(data)-10], 0o644)
	// Compressed, a document far over the limit is a few hundred kilobytes:
	// its size is checked as it is inflated.
	bomb := writeGzip(t, dir, "bomb.txt.gz", bytes.Repeat([]byte("spam "), int(extract.MaxDocumentBytes/5)+10))
	for _, c := range []struct{ path, code, says string }{
		{notGzip, storyline.EINVALID, "not a gzip file"},
		{cut, storyline.EINVALID, "broken gzip file"},
		{bomb, storyline.ETOOLARGE, "limit"},
	} {
		var errs []error
		Read(context.Background(), []string{c.path}, Options{}, func(it Item) error {
			if it.Err != nil {
				errs = append(errs, it.Err)
			}
			return nil
		})
		if len(errs) != 1 || storyline.ErrorCode(errs[0]) != c.code || !strings.Contains(errs[0].Error(), c.says) {
			t.Errorf("%s: errors %v, want one %s saying %q", filepath.Base(c.path), errs, c.code, c.says)
		}
	}
}

func TestFolderWithNothingToRead(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "notes.csv"), []byte("a,b"), 0o644)
	_, failures := readAll(t, []string{dir}, Options{})
	if len(failures) != 1 || !strings.Contains(failures[0], "no file to read") {
		t.Errorf("failures = %q, want one saying the folder has nothing to read", failures)
	}
}
