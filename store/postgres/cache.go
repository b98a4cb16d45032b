package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/storyline-news/storyline"
)

// Analyses returns the cached analyses of the articles, by article ID; an
// article without one is absent from the map. The caller checks Version
// against the article's.
func (db *DB) Analyses(ctx context.Context, ids []int64) (map[int64]storyline.AnalysisRecord, error) {
	out := make(map[int64]storyline.AnalysisRecord, len(ids))
	rows, err := db.pool.Query(ctx, `SELECT article, version, data FROM analyses WHERE article = ANY ($1)`, ids)
	if err != nil {
		return nil, fmt.Errorf("read analyses: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var r storyline.AnalysisRecord
		if err := rows.Scan(&r.Article, &r.Version, &r.Data); err != nil {
			return nil, fmt.Errorf("read analyses: %w", err)
		}
		out[r.Article] = r
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read analyses: %w", err)
	}
	return out, nil
}

// SaveAnalyses stores analyses, replacing any earlier one of the same
// article, in one transaction.
func (db *DB) SaveAnalyses(ctx context.Context, recs []storyline.AnalysisRecord) error {
	if len(recs) == 0 {
		return nil
	}
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		var b pgx.Batch
		for _, r := range recs {
			b.Queue(`INSERT INTO analyses (article, version, data) VALUES ($1, $2, $3)
				ON CONFLICT (article) DO UPDATE SET version = $2, data = $3`, r.Article, r.Version, r.Data)
		}
		return tx.SendBatch(ctx, &b).Close()
	})
	if err != nil {
		return fmt.Errorf("write reconcile cache: %w", err)
	}
	return nil
}

// CachedCard returns the card cached for the story under stamp, or nil
// when there is none or it was built from something else.
func (db *DB) CachedCard(ctx context.Context, story int64, stamp string) ([]byte, error) {
	var data []byte
	err := db.pool.QueryRow(ctx, `SELECT data FROM cards WHERE story = $1 AND stamp = $2`, story, stamp).Scan(&data)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, nil
	} else if err != nil {
		return nil, fmt.Errorf("read card of story %d: %w", story, err)
	}
	return data, nil
}

// SaveCard caches a story's card under the stamp of what it was built
// from, for every process that shares the database.
func (db *DB) SaveCard(ctx context.Context, story int64, stamp string, data []byte) error {
	_, err := db.pool.Exec(ctx, `INSERT INTO cards (story, stamp, data) VALUES ($1, $2, $3)
		ON CONFLICT (story) DO UPDATE SET stamp = $2, data = $3`, story, stamp, data)
	if err != nil {
		return fmt.Errorf("write reconcile cache: %w", err)
	}
	return nil
}
