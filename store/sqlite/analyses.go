package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/storyline-news/storyline"
)

// Analyses returns the cached analyses of the articles, by article ID; an
// article without one is absent from the map. The caller checks Version
// against the article's.
func (db *DB) Analyses(ctx context.Context, ids []int64) (map[int64]storyline.AnalysisRecord, error) {
	db.settle()
	out := make(map[int64]storyline.AnalysisRecord, len(ids))
	const chunk = 500 // well under SQLite's limit on bound parameters
	for len(ids) > 0 {
		n := min(chunk, len(ids))
		args := make([]any, n)
		for i, id := range ids[:n] {
			args[i] = id
		}
		q := `SELECT article, version, data FROM analyses WHERE article IN (?` + strings.Repeat(",?", n-1) + `)`
		rows, err := db.read.QueryContext(ctx, q, args...)
		if err != nil {
			return nil, fmt.Errorf("read analyses: %w", err)
		}
		for rows.Next() {
			var r storyline.AnalysisRecord
			if err := rows.Scan(&r.Article, &r.Version, &r.Data); err != nil {
				rows.Close()
				return nil, fmt.Errorf("read analyses: %w", err)
			}
			out[r.Article] = r
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, fmt.Errorf("read analyses: %w", err)
		}
		ids = ids[n:]
	}
	return out, nil
}

// SaveAnalyses stores analyses, replacing any earlier one of the same
// article. They are written in the open commit group, like articles.
func (db *DB) SaveAnalyses(ctx context.Context, recs []storyline.AnalysisRecord) error {
	if len(recs) == 0 {
		return nil
	}
	return db.cacheWrite(ctx, func(tx *sql.Tx) error {
		stmt, err := tx.PrepareContext(ctx, `INSERT OR REPLACE INTO analyses (article, version, data) VALUES (?, ?, ?)`)
		if err != nil {
			return err
		}
		defer stmt.Close()
		for _, r := range recs {
			if _, err := stmt.ExecContext(ctx, r.Article, r.Version, r.Data); err != nil {
				return fmt.Errorf("article %d: %w", r.Article, err)
			}
		}
		return nil
	})
}

// CachedCard returns the card cached for the story under stamp, or nil
// when there is none or it was built from something else.
func (db *DB) CachedCard(ctx context.Context, story int64, stamp string) ([]byte, error) {
	db.settle()
	var data []byte
	err := db.read.QueryRowContext(ctx, `SELECT data FROM cards WHERE story = ? AND stamp = ?`, story, stamp).Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read card of story %d: %w", story, err)
	}
	return data, nil
}

// SaveCard caches a story's card under the stamp of what it was built from.
func (db *DB) SaveCard(ctx context.Context, story int64, stamp string, data []byte) error {
	return db.cacheWrite(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO cards (story, stamp, data) VALUES (?, ?, ?)`, story, stamp, data)
		return err
	})
}

// cacheWrite runs fn in a savepoint of the commit group, so that cache
// writes never wait for, nor break up, a group of articles.
func (db *DB) cacheWrite(ctx context.Context, fn func(tx *sql.Tx) error) error {
	db.group.mu.Lock()
	defer db.group.mu.Unlock()
	if err := db.savepoint(ctx, fn); err != nil {
		return fmt.Errorf("write reconcile cache: %w", err)
	}
	if err := db.released(&saveTx{}, false); err != nil {
		return fmt.Errorf("write reconcile cache: %w", err)
	}
	return nil
}
