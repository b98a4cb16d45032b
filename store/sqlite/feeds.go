package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/storyline-news/storyline"
)

var _ storyline.FeedStore = (*DB)(nil)

// feedColumns are the columns scanFeed reads, in its order.
const feedColumns = `id, url, title, source, interval, created, etag, last_modified,
	last_fetch, last_success, next_fetch, last_error, failures, articles`

// scanFeed reads one row of feedColumns.
func scanFeed(row scanner) (*storyline.Feed, error) {
	var (
		f                          storyline.Feed
		interval, created          int64
		lastFetch, lastOK, nextDue sql.NullInt64
	)
	if err := row.Scan(&f.ID, &f.URL, &f.Title, &f.Source, &interval, &created, &f.ETag, &f.LastModified,
		&lastFetch, &lastOK, &nextDue, &f.LastError, &f.Failures, &f.Articles); err != nil {
		return nil, err
	}
	f.Interval = time.Duration(interval)
	f.Created = fromNanos(sql.NullInt64{Int64: created, Valid: true})
	f.LastFetch, f.LastSuccess, f.NextFetch = fromNanos(lastFetch), fromNanos(lastOK), fromNanos(nextDue)
	return &f, nil
}

// Feeds returns every feed, oldest first.
func (db *DB) Feeds(ctx context.Context) ([]*storyline.Feed, error) {
	db.settle()
	rows, err := db.read.QueryContext(ctx, `SELECT `+feedColumns+` FROM feeds ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("feeds: %w", err)
	}
	defer rows.Close()
	var list []*storyline.Feed
	for rows.Next() {
		f, err := scanFeed(rows)
		if err != nil {
			return nil, fmt.Errorf("feeds: %w", err)
		}
		list = append(list, f)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("feeds: %w", err)
	}
	return list, nil
}

// Feed returns the feed with the ID, or ENOTFOUND.
func (db *DB) Feed(ctx context.Context, id int64) (*storyline.Feed, error) {
	db.settle()
	f, err := scanFeed(db.read.QueryRowContext(ctx, `SELECT `+feedColumns+` FROM feeds WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, storyline.Errorf(storyline.ENOTFOUND, "Feed %d not found.", id)
	} else if err != nil {
		return nil, fmt.Errorf("feed %d: %w", id, err)
	}
	return f, nil
}

// AddFeed stores a new feed, setting f.ID and, when zero, f.Created. It
// returns EINVALID without a URL and ECONFLICT when the URL is known.
func (db *DB) AddFeed(ctx context.Context, f *storyline.Feed) error {
	db.settle()
	if strings.TrimSpace(f.URL) == "" {
		return storyline.Errorf(storyline.EINVALID, "A feed needs a URL.")
	}
	if f.Created.IsZero() {
		f.Created = time.Now().UTC()
	}
	res, err := db.write.ExecContext(ctx, `INSERT INTO feeds (url, title, source, interval, created, next_fetch)
		VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (url) DO NOTHING`,
		f.URL, f.Title, f.Source, int64(f.Interval), f.Created.UnixNano(), nanos(f.NextFetch))
	if err != nil {
		return fmt.Errorf("add feed %s: %w", f.URL, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return storyline.Errorf(storyline.ECONFLICT, "The feed %s is already there.", f.URL)
	}
	f.ID, err = res.LastInsertId()
	if err != nil {
		return fmt.Errorf("add feed %s: %w", f.URL, err)
	}
	return nil
}

// UpdateFeed saves everything about a stored feed but its URL and
// creation time, or returns ENOTFOUND.
func (db *DB) UpdateFeed(ctx context.Context, f *storyline.Feed) error {
	db.settle()
	res, err := db.write.ExecContext(ctx, `UPDATE feeds SET title = ?, source = ?, interval = ?,
		etag = ?, last_modified = ?, last_fetch = ?, last_success = ?, next_fetch = ?,
		last_error = ?, failures = ?, articles = ? WHERE id = ?`,
		f.Title, f.Source, int64(f.Interval), f.ETag, f.LastModified,
		nanos(f.LastFetch), nanos(f.LastSuccess), nanos(f.NextFetch),
		f.LastError, f.Failures, f.Articles, f.ID)
	if err != nil {
		return fmt.Errorf("update feed %d: %w", f.ID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return storyline.Errorf(storyline.ENOTFOUND, "Feed %d not found.", f.ID)
	}
	return nil
}

// DeleteFeed removes a feed; the articles it brought stay. It returns
// ENOTFOUND for an unknown ID.
func (db *DB) DeleteFeed(ctx context.Context, id int64) error {
	db.settle()
	res, err := db.write.ExecContext(ctx, `DELETE FROM feeds WHERE id = ?`, id)
	if err != nil {
		return fmt.Errorf("delete feed %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return storyline.Errorf(storyline.ENOTFOUND, "Feed %d not found.", id)
	}
	return nil
}

// ClaimDueFeeds takes the feeds due at now, most overdue first, at most
// limit (all when 0), and moves their next fetch to now+hold, in one
// write transaction (which holds the file's write lock, so that another
// process claiming at once waits and then finds them taken). It returns
// the feeds as they were before the claim.
func (db *DB) ClaimDueFeeds(ctx context.Context, now time.Time, hold time.Duration, limit int) ([]*storyline.Feed, error) {
	db.group.mu.Lock()
	defer db.group.mu.Unlock()
	// The claim must be committed before the polls start: commit the
	// open group, then claim in a transaction of its own.
	if err := db.commitGroup(); err != nil {
		return nil, err
	}
	if limit <= 0 {
		limit = -1
	}
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("claim due feeds: %w", err)
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, `SELECT `+feedColumns+` FROM feeds
		WHERE next_fetch IS NULL OR next_fetch <= ?
		ORDER BY coalesce(next_fetch, -9223372036854775808), id LIMIT ?`, now.UnixNano(), limit)
	if err != nil {
		return nil, fmt.Errorf("claim due feeds: %w", err)
	}
	var list []*storyline.Feed
	for rows.Next() {
		f, err := scanFeed(rows)
		if err != nil {
			rows.Close()
			return nil, fmt.Errorf("claim due feeds: %w", err)
		}
		list = append(list, f)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("claim due feeds: %w", err)
	}
	for _, f := range list {
		if _, err := tx.ExecContext(ctx, `UPDATE feeds SET next_fetch = ? WHERE id = ?`, nanos(now.Add(hold)), f.ID); err != nil {
			return nil, fmt.Errorf("claim feed %d: %w", f.ID, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("claim due feeds: %w", err)
	}
	return list, nil
}
