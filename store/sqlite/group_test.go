package sqlite

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"github.com/storyline-news/storyline"
)

// TestGroupCommitKeepsArticlesWhole checks that a failed article inside a
// commit group is undone alone, that the group's other articles commit, and
// that a DB reads its own uncommitted writes.
func TestGroupCommitKeepsArticlesWhole(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "g.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.GroupSize, db.GroupDelay = 100, 1<<40 // only Flush commits

	save(t, db, report("A", "1", 0, "First", "One."), "h1", join(1, "new"))
	failing := func(storyline.SaveState) (*storyline.StoryChange, error) { return nil, errors.New("clusterer failed") }
	if _, err := db.SaveArticle(ctx, report("A", "2", 1, "Second", "Two."), "h2", failing); err == nil {
		t.Fatal("a failing decider did not fail the save")
	}
	save(t, db, report("A", "3", 2, "Third", "Three."), "h3", join(1, "joined"))

	if _, _, err := db.Lookup(ctx, report("A", "3", 2, "", "").Key()); err != nil {
		t.Errorf("Lookup of an uncommitted article: %v", err)
	}
	other, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if _, _, err := other.Lookup(ctx, report("A", "1", 0, "", "").Key()); storyline.ErrorCode(err) != storyline.ENOTFOUND {
		t.Errorf("another handle sees an uncommitted article: err = %v", err)
	}
	if err := db.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	arts, err := other.Articles(ctx, storyline.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(arts) != 2 || arts[0].ExternalID != "1" || arts[1].ExternalID != "3" {
		t.Fatalf("after Flush another handle sees %d articles, want 1 and 3", len(arts))
	}
	s, err := other.Story(ctx, 1)
	if err != nil || s.Articles != 2 {
		t.Fatalf("story 1: %+v, %v; want 2 articles", s, err)
	}
}

// TestCommitted checks that Committed sees committed articles only,
// without committing the open group, and tells whether an analysis of the
// stored version is cached.
func TestCommitted(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "h.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.GroupSize, db.GroupDelay = 100, 1<<40 // only Flush commits

	a := report("A", "1", 0, "First", "One.")
	save(t, db, a, "h1", join(1, "new"))
	if h, _, err := db.Committed(ctx, a.Key()); err != nil || h != "" {
		t.Errorf("before Flush: Committed = %q, %v; want none", h, err)
	}
	if err := db.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	if h, analysed, err := db.Committed(ctx, a.Key()); err != nil || h != "h1" || analysed {
		t.Errorf("after Flush: Committed = %q, %v, %v; want h1, not analysed", h, analysed, err)
	}
	if err := db.SaveAnalyses(ctx, []storyline.AnalysisRecord{{Article: a.ID, Version: a.Version, Data: []byte(`{}`)}}); err != nil {
		t.Fatal(err)
	}
	if err := db.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	if h, analysed, err := db.Committed(ctx, a.Key()); err != nil || h != "h1" || !analysed {
		t.Errorf("after SaveAnalyses: Committed = %q, %v, %v; want h1, analysed", h, analysed, err)
	}
	if h, _, err := db.Committed(ctx, report("A", "2", 0, "", "").Key()); err != nil || h != "" {
		t.Errorf("unknown key: Committed = %q, %v; want none", h, err)
	}
}
