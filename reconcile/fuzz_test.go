package reconcile

import (
	"github.com/storyline-news/storyline/analyze/document"
	"testing"
	"unicode/utf8"

	"github.com/storyline-news/storyline"
)

// FuzzAnalyze checks that Analyze never fails on any text, that its quotes
// lie inside the body, and that a card can be built from what it gives.
func FuzzAnalyze(f *testing.F) {
	for _, s := range []string{
		"",
		"HALDEN, March 3 (NPA) - Storms hit on Monday. “We are ready,” said its director, Esi Quaye.",
		"\xff“unclosed quote and (1600 GMT Thursday) at least 17 killed",
		"The minister said: ‘No.’ He added, «Never». 3,500 people sheltered overnight.",
	} {
		f.Add(s, "@someone on X: Disobey! 🔥🔥")
	}
	f.Fuzz(func(t *testing.T, body, post string) {
		a := &storyline.Article{ID: 1, Version: 1, Source: "Outlet", Title: "A report", Body: body,
			Parts: []storyline.Part{{Kind: storyline.PartEmbeddedPost, Text: post, Author: "someone"}}}
		an := document.Analyze(a)
		n := utf8.RuneCountInString(body)
		for _, q := range an.Quotes {
			if q.Start < 0 || q.End > n || q.Start > q.End {
				t.Fatalf("quote %q at [%d, %d) outside the body's %d runes", q.Text, q.Start, q.End, n)
			}
		}
		if _, err := an.Marshal(); err != nil {
			t.Fatalf("Marshal: %v", err)
		}
		Build(&storyline.Story{ID: 1, Title: "A report"}, []*storyline.Article{a}, []*document.Analysis{an})
	})
}
