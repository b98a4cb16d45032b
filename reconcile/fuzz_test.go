package reconcile

import (
	"bytes"
	"testing"
	"unicode/utf8"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/analyze/document"
)

// FuzzAnalyze checks that Analyze never fails on any text, that its quotes
// and their spans lie inside the body, in order, that a second analysis
// gives the same bytes, that the analysis survives Marshal and
// UnmarshalAnalysis, and that a card can be built from what it gives.
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
		for _, q := range an.Quotes {
			last := q.Start
			for _, sp := range q.Spans {
				if sp[0] < last || sp[1] <= sp[0] || sp[1] > q.End {
					t.Fatalf("quote %q at [%d, %d) has spans %v", q.Text, q.Start, q.End, q.Spans)
				}
				last = sp[1]
			}
		}
		data, err := an.Marshal()
		if err != nil {
			t.Fatalf("Marshal: %v", err)
		}
		// Analyze reuses pooled buffers: a second reading must not differ.
		if again, _ := document.Analyze(a).Marshal(); !bytes.Equal(again, data) {
			t.Fatalf("a second analysis differs:\n%s\n%s", data, again)
		}
		if !utf8.ValidString(body) || !utf8.ValidString(post) {
			return // Marshal writes bad bytes as \ufffd; extract lets none through
		}
		back, err := document.UnmarshalAnalysis(data)
		if err != nil {
			t.Fatalf("UnmarshalAnalysis of Marshal: %v", err)
		}
		if again, _ := back.Marshal(); !bytes.Equal(again, data) {
			t.Fatalf("the analysis does not survive a round trip:\n%s\n%s", data, again)
		}
		Build(&storyline.Story{ID: 1, Title: "A report"}, []*storyline.Article{a}, []*document.Analysis{an})
	})
}
