package ingest

import (
	"slices"
	"testing"

	"github.com/storyline-news/storyline"
)

// TestDescribeReadsTermsInTheReportsLanguage checks that two German reports
// of one event, their words inflected differently, share stems, and that
// German function words give no terms, whether the language was set by
// extract or is detected by Describe.
func TestDescribeReadsTermsInTheReportsLanguage(t *testing.T) {
	a := &storyline.Article{Title: "Brücke über den Tamsin gesperrt",
		Body: "Die Brücke über den Tamsin wurde am Dienstag gesperrt, nachdem Ingenieure Risse gefunden hatten, sagten Beamte der Stadt."}
	b := &storyline.Article{Language: "de", Title: "Tamsin-Brücke nach Rissen geschlossen",
		Body: "Nach dem Fund von Rissen ist die Brücke über den Tamsin seit Dienstag für den Verkehr gesperrt."}
	fa, fb := Describe(a), Describe(b)
	terms := func(f storyline.Features) []string { return append(slices.Clone(f.Title), f.Body...) }
	for _, stem := range []string{"bruck", "riss", "gesperrt", "tamsin"} {
		if !slices.Contains(terms(fa), stem) || !slices.Contains(terms(fb), stem) {
			t.Errorf("%q not in both %q and %q", stem, terms(fa), terms(fb))
		}
	}
	for _, w := range []string{"die", "über", "den", "nach"} {
		if slices.Contains(terms(fa), w) || slices.Contains(terms(fb), w) {
			t.Errorf("German function word %q among the terms", w)
		}
	}
}
