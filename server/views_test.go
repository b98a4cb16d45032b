package server

import (
	"context"
	"testing"
)

func TestViewsRebuildOnlyChangedStories(t *testing.T) {
	f := newFixture(t, true, nil)
	ctx := context.Background()
	var items []storyItem
	decode(t, f.get(t, "/api/stories?sort=latest", 200), &items)
	if len(items) < 2 {
		t.Fatal("need two stories")
	}
	a, b := items[0].ID, items[1].ID
	va, err := f.srv.views.story(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	vb, _ := f.srv.views.story(ctx, b)
	if again, _ := f.srv.views.story(ctx, a); again != va {
		t.Fatal("an unchanged generation rebuilt a view")
	}
	// A new report joins story a (it repeats a's first article's text).
	first := va.Articles[0]
	art := *first
	art.ID, art.ExternalID, art.URL, art.Source, art.Story, art.DuplicateOf = 0, "views-test", "", "Views Test Wire", 0, 0
	art.Title += " (update)"
	art.Body += "\n\nA further paragraph added by the test."
	if _, err := f.srv.Ingest(ctx, &art); err != nil {
		t.Fatal(err)
	}
	if art.Story != a {
		t.Skipf("the clusterer put the test report in story %d, not %d", art.Story, a)
	}
	na, _ := f.srv.views.story(ctx, a)
	nb, _ := f.srv.views.story(ctx, b)
	if na == va || len(na.Articles) != len(va.Articles)+1 {
		t.Errorf("story %d: view not rebuilt after a new article", a)
	}
	if nb != vb {
		t.Errorf("story %d: view rebuilt although nothing changed in it", b)
	}
}
