package server

import (
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/storyline-news/storyline"
)

// browserPath is next as a browser reads a link (the WHATWG URL standard):
// leading and trailing spaces and control characters trimmed, tabs and line
// breaks removed, and backslashes read as slashes.
func browserPath(next string) string {
	next = strings.TrimFunc(next, func(r rune) bool { return r <= ' ' })
	next = strings.NewReplacer("\t", "", "\n", "", "\r", "").Replace(next)
	return strings.ReplaceAll(next, `\`, "/")
}

// FuzzSafeNext checks that the page a sign-in sends the browser to is the
// path it was given or the front page, and that a browser reading it stays
// on the site. Run by scripts/fuzz.sh (docs/FUZZING.md).
func FuzzSafeNext(f *testing.F) {
	for _, s := range []string{"/stories/4?b=1#top", "/\t/evil.example", `/\evil.example`, "//evil.example", "/%2F%2Fevil", "https://evil.example", "/a:b@c", "/\u3000/x"} {
		f.Add(s)
	}
	site, _ := url.Parse("https://news.example/login")
	f.Fuzz(func(t *testing.T, next string) {
		got := safeNext(next)
		if got != "/" && got != next {
			t.Fatalf("safeNext(%q) = %q, neither the path nor /", next, got)
		}
		if !strings.HasPrefix(got, "/") || strings.HasPrefix(got, "//") {
			t.Fatalf("safeNext(%q) = %q", next, got)
		}
		u, err := site.Parse(browserPath(got))
		if err != nil || u.Scheme != "https" || u.Host != site.Host || u.User != nil {
			t.Fatalf("safeNext(%q) = %q, which a browser reads as %v (%v)", next, got, u, err)
		}
	})
}

// FuzzListQuery checks that any query string gives a list query within its
// bounds or a one-line EINVALID error, and that the query written back
// from what was read reads the same (its cache variant is stable).
func FuzzListQuery(f *testing.F) {
	for _, s := range []string{"", "q=ferry+strike&sort=latest&limit=5&page=3", "entity=person:ann&offset=499", "limit=0", "page=-1", "sort=rank&limit=500&page=500", "q=%00%ff&entity=%20", "limit=1e3&offset=0x10", "limit=5;offset=6"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		r := httptest.NewRequest("GET", "/api/stories", nil)
		r.URL.RawQuery = raw
		q, err := readListQuery(r, 20)
		if err != nil {
			if storyline.ErrorCode(err) != storyline.EINVALID || strings.ContainsAny(err.Error(), "\r\n") {
				t.Fatalf("readListQuery(%q): %q", raw, err)
			}
			return
		}
		if q.Limit < 1 || q.Limit > candidates || q.Offset < 0 || q.Offset > (candidates-1)*candidates {
			t.Fatalf("readListQuery(%q) = %+v, out of bounds", raw, q)
		}
		if q.Offset > candidates {
			return // from a far page: the offset cannot be written as one
		}
		v := url.Values{"q": {q.Q}, "entity": {q.Entity}, "limit": {strconv.Itoa(q.Limit)}, "offset": {strconv.Itoa(q.Offset)}}
		if q.Latest {
			v.Set("sort", "latest")
		}
		r.URL.RawQuery = v.Encode()
		again, err := readListQuery(r, 20)
		if err != nil || again.variant() != q.variant() {
			t.Fatalf("readListQuery(%q) = %+v, written back as %q reads %+v, %v", raw, q, r.URL.RawQuery, again, err)
		}
	})
}
