package feed

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/mmcdole/gofeed"
)

// sameEntries are the fixtures whose entries repeat an id: the feed itself
// says those entries are one report, so they share a key.
var sameEntries = map[string]int{
	"rss-duplicate-guid.xml": 1, // re-501 twice
}

// TestEveryEntryKept checks, for every feed fixture, that each entry gofeed
// parses becomes an article with a key of its own: entries with only a
// description, with the same title and no link, with only a link, or
// sharing a link with other entries are all kept. Only an entry that
// repeats another's id gives way to the latest version of that entry. Run with -v for the
// figures docs/FEEDS.md reports.
func TestEveryEntryKept(t *testing.T) {
	files, err := filepath.Glob("testdata/*")
	if err != nil {
		t.Fatal(err)
	}
	var parsed, kept, keys, rescued int
	for _, path := range files {
		name := filepath.Base(path)
		if info, err := os.Stat(path); err != nil || info.IsDir() {
			continue // testdata/fuzz, should a fuzz run have left one
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		f, err := gofeed.NewParser().Parse(bytes.NewReader(data))
		if err != nil {
			// gofeed refuses feeds in undeclared encodings; storyline
			// decodes them first.
			doc, err := Parse(data, "")
			if err != nil || len(doc.Articles) == 0 {
				t.Errorf("%s: %d articles, %v", name, len(doc.Articles), err)
				continue
			}
			t.Logf("%-26s gofeed refuses it, %3d kept", name, len(doc.Articles))
			rescued += len(doc.Articles)
			continue
		}
		doc, err := Parse(data, "")
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		distinct := map[string]bool{}
		for _, a := range doc.Articles {
			a.Source = "Test Outlet"
			distinct[a.Key()] = true
		}
		want := len(f.Items) - sameEntries[name]
		if len(doc.Articles) != want {
			t.Errorf("%s: %d articles of %d entries, want %d", name, len(doc.Articles), len(f.Items), want)
		}
		if len(distinct) != want {
			t.Errorf("%s: %d distinct keys, want %d", name, len(distinct), want)
			for _, a := range doc.Articles {
				t.Logf("  %q -> %q", a.Title, a.Key())
			}
		}
		t.Logf("%-26s %3d entries, %3d kept, %3d keys", name, len(f.Items), len(doc.Articles), len(distinct))
		parsed += len(f.Items)
		kept += len(doc.Articles)
		keys += len(distinct)
	}
	t.Logf("all fixtures: %d entries parsed by gofeed, %d kept, %d distinct keys; %d kept from feeds gofeed refuses", parsed, kept, keys, rescued)
}
