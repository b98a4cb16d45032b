package sqlite

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzSearch checks that no query is an error: ftsQuery makes only quoted
// strings, each with a letter or digit and at most a * after it, and
// SQLite's FTS5 runs the result, giving at most limit hits with valid
// UTF-8 snippets. Run by scripts/fuzz.sh (docs/FUZZING.md).
func FuzzSearch(f *testing.F) {
	for _, q := range []string{
		"strike", `"ferry workers"`, "harb* AND NOT", `NEAR(a b) title:x ^ -y {z}`, `"unclosed phrase`,
		`a"b"c ""`, "café*** *", "\x00\xff\t\u00a0ünïcode", `"" "*" *"x"*`,
	} {
		f.Add(q)
	}
	db := openTest(f)
	ctx := context.Background()
	body := "The ferry workers' union called a strike on Monday at the harbour café. " +
		"Officials said 1,200 passengers were stranded; «Nothing moves», one said."
	a := report("A", "a", 0, "Ferry workers strike", body)
	save(f, db, a, "a", join(1, "x"))
	f.Fuzz(func(t *testing.T, q string) {
		checkFTSQuery(t, q, ftsQuery(q))
		hits, err := db.Search(ctx, q, 3)
		if err != nil {
			t.Fatalf("Search(%q): %v", q, err)
		}
		if len(hits) > 1 {
			t.Fatalf("Search(%q) found %d hits in one article", q, len(hits))
		}
		for _, h := range hits {
			if h.Article != a.ID || !utf8.ValidString(h.Snippet) || !utf8.ValidString(h.Title) {
				t.Fatalf("Search(%q) = %+v", q, h)
			}
		}
	})
}

// checkFTSQuery fails t unless match is made of space-separated quoted
// strings, each holding a letter or digit, with double quotes doubled
// inside, and each followed by at most one *.
func checkFTSQuery(t *testing.T, q, match string) {
	t.Helper()
	for rest := match; rest != ""; {
		if rest[0] != '"' {
			t.Fatalf("ftsQuery(%q) = %s: a term does not start with a quote at %q", q, match, rest)
		}
		i := 1
		for {
			j := strings.IndexByte(rest[i:], '"')
			if j < 0 {
				t.Fatalf("ftsQuery(%q) = %s: an unclosed quote", q, match)
			}
			i += j + 1
			if i < len(rest) && rest[i] == '"' {
				i++ // a doubled quote inside the string
				continue
			}
			break
		}
		if text := rest[1 : i-1]; strings.IndexFunc(text, isWordRune) < 0 {
			t.Fatalf("ftsQuery(%q) = %s: term %q has no letter or digit", q, match, text)
		}
		rest = strings.TrimPrefix(rest[i:], "*")
		if rest != "" && (rest[0] != ' ' || len(rest) == 1) {
			t.Fatalf("ftsQuery(%q) = %s: terms not separated by one space", q, match)
		}
		rest = strings.TrimPrefix(rest, " ")
	}
}
