package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/storyline-news/storyline/demo"
	"github.com/storyline-news/storyline/ingest"
	"github.com/storyline-news/storyline/source"
)

func runDemo(ctx context.Context, e *env, args []string) error {
	fs := e.flags("demo", "")
	dbSet := false
	fs.Func("db", "database `path` for the demo (default: demo.db beside the default database; it is replaced)", func(s string) error {
		e.db, dbSet = s, true
		return nil
	})
	if _, err := parse(fs, args); err != nil {
		return err
	}
	if !dbSet {
		e.db = filepath.Join(filepath.Dir(defaultDB()), "demo.db")
	}
	if err := loadDemo(ctx, e); err != nil {
		return err
	}
	return runStories(ctx, e, []string{"--db", e.db})
}

// loadDemo replaces the database at e.db with the sample corpus.
func loadDemo(ctx context.Context, e *env) error {
	for _, suffix := range []string{"", "-wal", "-shm"} {
		if err := os.Remove(e.db + suffix); err != nil && !os.IsNotExist(err) {
			return fmt.Errorf("remove old demo database: %w", err)
		}
	}
	db, err := e.open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	p, err := ingest.New(ctx, db)
	if err != nil {
		return err
	}
	sum, err := ingestAll(ctx, e, p, []string{"-"}, source.Options{Stdin: demo.Articles()}, false)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "storyline demo: loaded %d sample articles into %s\n", sum.Added, e.db)
	return nil
}
