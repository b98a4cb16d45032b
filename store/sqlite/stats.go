package sqlite

import (
	"context"
	"fmt"

	"github.com/storyline-news/storyline"
)

// Stats counts what the database holds. It scans tables, so it is meant for
// a scrape every few seconds, not for every request; see LastArticle.
func (db *DB) Stats(ctx context.Context) (storyline.Stats, error) {
	db.settle()
	var s storyline.Stats
	err := db.read.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM articles),
		(SELECT count(*) FROM stories WHERE merged_into IS NULL AND articles > 0),
		(SELECT count(*) FROM feeds)`).Scan(&s.Articles, &s.Stories, &s.Feeds)
	if err != nil {
		return s, fmt.Errorf("stats: %w", err)
	}
	return s, nil
}

// LastArticle returns the highest article ID, 0 for an empty database: a
// cheap (one index seek) way for a long-running reader to notice that
// another process added articles.
func (db *DB) LastArticle(ctx context.Context) (int64, error) {
	db.settle()
	var id int64
	if err := db.read.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) FROM articles`).Scan(&id); err != nil {
		return 0, fmt.Errorf("last article: %w", err)
	}
	return id, nil
}

// StoryVersion returns the story version: the number of story changes ever
// stored (see migration 0005), as committed.
func (db *DB) StoryVersion(ctx context.Context) (int64, error) {
	db.settle()
	var n int64
	if err := db.read.QueryRowContext(ctx, `SELECT n FROM story_version WHERE id = 1`).Scan(&n); err != nil {
		return 0, fmt.Errorf("story version: %w", err)
	}
	return n, nil
}
