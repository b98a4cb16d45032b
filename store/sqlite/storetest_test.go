package sqlite

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/store/storetest"
)

// TestConformance runs the suite every storyline.Store must pass.
func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) storyline.Store {
		db, err := Open(context.Background(), filepath.Join(t.TempDir(), "storyline.db"))
		if err != nil {
			t.Fatal(err)
		}
		return db
	})
}
