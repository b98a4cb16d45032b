package feed

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/storyline-news/storyline"
)

// FuzzReadOPML checks that any document gives subscriptions or an EINVALID
// error; that every subscription has a trimmed URL, listed once, and a
// one-line title; and that writing the list and reading it back gives the
// same URLs in the same order. Run by scripts/fuzz.sh (docs/FUZZING.md).
func FuzzReadOPML(f *testing.F) {
	for _, s := range []string{
		`<?xml version="1.0"?><opml version="2.0"><head><title>Mine</title></head><body>` +
			`<outline text="News"><outline text="Harbour Gazette" xmlUrl=" https://gazette.example/rss "/>` +
			`<outline title="Dup" xmlUrl="https://gazette.example/rss"/></outline>` +
			`<outline text="Valley&#10;Post" type="rss" xmlUrl="https://valley.example/feed.xml" htmlUrl="https://valley.example/"/></body></opml>`,
		`<opml><body><outline xmlUrl="x"><outline xmlUrl="y"/></outline></body></opml>`,
		`<?xml version="1.0" encoding="windows-1251"?><opml><body><outline text="` + "\xcd\xee\xe2\xee\xf1\xf2\xe8" + `" xmlUrl="https://ru.example/"/></body></opml>`,
		`<opml><body><outline text="unclosed" xmlUrl="https://a.example/">`,
		"not xml at all",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		subs, err := ReadOPML(bytes.NewReader(data), 1<<20)
		if err != nil {
			if c := storyline.ErrorCode(err); c != storyline.EINVALID || strings.Contains(err.Error(), "\n") {
				t.Fatalf("error %q has code %q or more than one line", err, c)
			}
			return
		}
		seen := map[string]bool{}
		var feeds []*storyline.Feed
		for _, s := range subs {
			if s.URL == "" || s.URL != strings.TrimSpace(s.URL) || seen[s.URL] {
				t.Fatalf("URL %q is empty, untrimmed or listed twice in %+v", s.URL, subs)
			}
			seen[s.URL] = true
			if s.Title != clean(s.Title) {
				t.Fatalf("title %q is not one clean line", s.Title)
			}
			if !utf8.ValidString(s.URL) || !utf8.ValidString(s.Title) {
				t.Fatalf("subscription %+v is not valid UTF-8", s)
			}
			feeds = append(feeds, &storyline.Feed{URL: s.URL, Title: s.Title})
		}
		var out bytes.Buffer
		if err := WriteOPML(&out, "Subscriptions", feeds); err != nil {
			t.Fatalf("WriteOPML: %v", err)
		}
		back, err := ReadOPML(&out, 1<<20)
		if err != nil {
			t.Fatalf("ReadOPML of its own output: %v\n%s", err, out.Bytes())
		}
		if len(back) != len(feeds) {
			t.Fatalf("wrote %d feeds, read %d back:\n%s", len(feeds), len(back), out.Bytes())
		}
		for i, s := range back {
			if s.URL != feeds[i].URL {
				t.Fatalf("feed %d: wrote %q, read %q", i, feeds[i].URL, s.URL)
			}
		}
	})
}
