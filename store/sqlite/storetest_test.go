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

// TestConformanceShared runs the suite of shared stores on two DBs open
// on one file, as a server and a command-line ingest hold it.
func TestConformanceShared(t *testing.T) {
	storetest.RunShared(t, func(t *testing.T) (storyline.Store, storyline.Store) {
		path := filepath.Join(t.TempDir(), "storyline.db")
		a, err := Open(context.Background(), path)
		if err != nil {
			t.Fatal(err)
		}
		b, err := Open(context.Background(), path)
		if err != nil {
			a.Close()
			t.Fatal(err)
		}
		return a, b
	})
}
