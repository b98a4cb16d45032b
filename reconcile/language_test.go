package reconcile

import (
	"strings"
	"testing"
	"time"

	"github.com/storyline-news/storyline"
)

// TestCardShowsLanguage checks that the card lists each report's language,
// in JSON and in text, and says nothing for a report of unknown language.
func TestCardShowsLanguage(t *testing.T) {
	t0 := time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)
	arts := []*storyline.Article{
		{ID: 1, ExternalID: "de1", Source: "Kurier", Language: "de", Published: t0, Title: "Brücke gesperrt",
			Body: "Die Brücke über den Tamsin wurde am Dienstag gesperrt."},
		{ID: 2, ExternalID: "x2", Source: "Wire", Published: t0.Add(time.Hour), Title: "Tamsin",
			Body: "Tamsin, Halloran."},
	}
	c := Card(&storyline.Story{ID: 3, Title: "Brücke gesperrt"}, arts)
	if len(c.Articles) != 2 || c.Articles[0].Language != "de" || c.Articles[1].Language != "" {
		t.Fatalf("card articles = %+v", c.Articles)
	}
	text := Text(c)
	if !strings.Contains(text, "Brücke gesperrt (de) [de1]") || !strings.Contains(text, "Tamsin [x2]") {
		t.Errorf("text card lists the articles without their languages:\n%s", text)
	}
}
