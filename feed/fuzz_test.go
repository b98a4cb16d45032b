package feed

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzParse feeds arbitrary documents and charsets to the feed parser: it
// must not panic, and every article it returns has an identity and valid
// UTF-8 text. Run: go test ./feed -run '^$' -fuzz FuzzParse -fuzztime 60s
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob("testdata/*")
	for _, p := range files {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data, "")
		}
	}
	f.Add([]byte(`<rss><channel><item><title>x</title></item></channel></rss>`), "koi8-r")
	f.Fuzz(func(t *testing.T, data []byte, charset string) {
		doc, err := ParseCharset(data, "https://fuzz.example/feed", charset)
		if err != nil {
			return
		}
		for _, a := range doc.Articles {
			if strings.TrimSpace(a.ExternalID) == "" {
				t.Fatalf("article without an identity: %+v", a)
			}
			if !utf8.ValidString(a.Title) || !utf8.ValidString(a.Body) {
				t.Fatalf("invalid UTF-8 in %+v", a)
			}
		}
	})
}
