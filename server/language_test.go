package server

import (
	"context"
	"strings"
	"testing"

	"github.com/storyline-news/storyline/source"
)

// TestStoryPageShowsLanguages checks that the story page's article list
// marks each report's language, detected from its text at ingest.
func TestStoryPageShowsLanguages(t *testing.T) {
	f := newFixture(t, false, nil)
	ctx := context.Background()
	lines := `{"id":"de1","source":"Kurier","title":"Brücke über den Tamsin gesperrt","text":"Die Brücke über den Tamsin wurde am Dienstag gesperrt, nachdem Ingenieure Risse gefunden hatten, sagten Beamte der Stadt."}
{"id":"de2","source":"Blatt","title":"Tamsin-Brücke nach Rissen geschlossen","text":"Nach dem Fund von Rissen ist die Brücke über den Tamsin seit Dienstag für den Verkehr gesperrt, sagte die Bürgermeisterin."}
`
	err := source.Read(ctx, []string{"-"}, source.Options{Stdin: strings.NewReader(lines)}, func(it source.Item) error {
		if it.Err != nil {
			return it.Err
		}
		_, err := f.srv.opts.Pipeline.Add(ctx, it.Article)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.srv.opts.Pipeline.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	id := f.firstStory(t)
	page := f.get(t, storyPath(id), 200)
	if n := strings.Count(page, `<abbr class="lang" title="language">de</abbr>`); n != 2 {
		t.Errorf("story page marks %d reports as German, want 2", n)
	}
	if !strings.Contains(page, `lang="de">Brücke über den Tamsin gesperrt</a>`) {
		t.Error("the German title has no lang attribute")
	}
}
