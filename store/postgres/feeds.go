package postgres

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/storyline-news/storyline"
)

// feedColumns are the columns scanFeed reads, in its order.
const feedColumns = `id, url, title, source, poll_interval, created, etag, last_modified,
	last_fetch, last_success, next_fetch, last_error, failures, articles`

// scanFeed reads one row of feedColumns.
func scanFeed(row pgx.Row) (*storyline.Feed, error) {
	var (
		f                          storyline.Feed
		interval                   int64
		lastFetch, lastOK, nextDue *time.Time
	)
	if err := row.Scan(&f.ID, &f.URL, &f.Title, &f.Source, &interval, &f.Created, &f.ETag, &f.LastModified,
		&lastFetch, &lastOK, &nextDue, &f.LastError, &f.Failures, &f.Articles); err != nil {
		return nil, err
	}
	f.Interval = time.Duration(interval)
	f.Created = f.Created.UTC()
	f.LastFetch, f.LastSuccess, f.NextFetch = fromTime(lastFetch), fromTime(lastOK), fromTime(nextDue)
	return &f, nil
}

// Feeds returns every feed, oldest first.
func (db *DB) Feeds(ctx context.Context) ([]*storyline.Feed, error) {
	rows, err := db.pool.Query(ctx, `SELECT `+feedColumns+` FROM feeds ORDER BY id`)
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
	f, err := scanFeed(db.pool.QueryRow(ctx, `SELECT `+feedColumns+` FROM feeds WHERE id = $1`, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, storyline.Errorf(storyline.ENOTFOUND, "Feed %d not found.", id)
	} else if err != nil {
		return nil, fmt.Errorf("feed %d: %w", id, err)
	}
	return f, nil
}

// AddFeed stores a new feed, setting f.ID and, when zero, f.Created. It
// returns EINVALID without a URL and ECONFLICT when the URL is known.
func (db *DB) AddFeed(ctx context.Context, f *storyline.Feed) error {
	if strings.TrimSpace(f.URL) == "" {
		return storyline.Errorf(storyline.EINVALID, "A feed needs a URL.")
	}
	if f.Created.IsZero() {
		f.Created = time.Now()
	}
	f.Created = f.Created.UTC().Truncate(time.Microsecond)
	err := db.pool.QueryRow(ctx, `INSERT INTO feeds (url, title, source, poll_interval, created, next_fetch)
		VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (url) DO NOTHING RETURNING id`,
		text(f.URL), text(f.Title), text(f.Source), int64(f.Interval), f.Created, timeArg(f.NextFetch)).Scan(&f.ID)
	if errors.Is(err, pgx.ErrNoRows) {
		return storyline.Errorf(storyline.ECONFLICT, "The feed %s is already there.", f.URL)
	} else if err != nil {
		return fmt.Errorf("add feed %s: %w", f.URL, err)
	}
	return nil
}

// UpdateFeed saves everything about a stored feed but its URL and
// creation time, or returns ENOTFOUND.
func (db *DB) UpdateFeed(ctx context.Context, f *storyline.Feed) error {
	tag, err := db.pool.Exec(ctx, `UPDATE feeds SET title = $1, source = $2, poll_interval = $3,
		etag = $4, last_modified = $5, last_fetch = $6, last_success = $7, next_fetch = $8,
		last_error = $9, failures = $10, articles = $11 WHERE id = $12`,
		text(f.Title), text(f.Source), int64(f.Interval), text(f.ETag), text(f.LastModified),
		timeArg(f.LastFetch), timeArg(f.LastSuccess), timeArg(f.NextFetch),
		text(f.LastError), f.Failures, f.Articles, f.ID)
	if err != nil {
		return fmt.Errorf("update feed %d: %w", f.ID, err)
	}
	if tag.RowsAffected() == 0 {
		return storyline.Errorf(storyline.ENOTFOUND, "Feed %d not found.", f.ID)
	}
	return nil
}

// DeleteFeed removes a feed; the articles it brought stay. It returns
// ENOTFOUND for an unknown ID.
func (db *DB) DeleteFeed(ctx context.Context, id int64) error {
	tag, err := db.pool.Exec(ctx, `DELETE FROM feeds WHERE id = $1`, id)
	if err != nil {
		return fmt.Errorf("delete feed %d: %w", id, err)
	}
	if tag.RowsAffected() == 0 {
		return storyline.Errorf(storyline.ENOTFOUND, "Feed %d not found.", id)
	}
	return nil
}

// ClaimDueFeeds takes the feeds due at now, most overdue first, at most
// limit (all when 0), and moves their next fetch to now+hold in one
// statement. Rows that another process is claiming at that moment are
// skipped (FOR UPDATE SKIP LOCKED), not waited for: two servers polling
// one database never take the same feed. It returns the feeds as they
// were before the claim.
func (db *DB) ClaimDueFeeds(ctx context.Context, now time.Time, hold time.Duration, limit int) ([]*storyline.Feed, error) {
	rows, err := db.pool.Query(ctx, `UPDATE feeds f SET next_fetch = $2
		FROM (SELECT `+feedColumns+` FROM feeds
			WHERE next_fetch IS NULL OR next_fetch <= $1
			ORDER BY next_fetch NULLS FIRST, id LIMIT $3
			FOR UPDATE SKIP LOCKED) old
		WHERE f.id = old.id
		RETURNING `+oldFeedColumns,
		now.UTC(), now.Add(hold).UTC(), limitArg(storyline.Filter{Limit: limit}))
	if err != nil {
		return nil, fmt.Errorf("claim due feeds: %w", err)
	}
	defer rows.Close()
	var list []*storyline.Feed
	for rows.Next() {
		f, err := scanFeed(rows)
		if err != nil {
			return nil, fmt.Errorf("claim due feeds: %w", err)
		}
		list = append(list, f)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("claim due feeds: %w", err)
	}
	sort.Slice(list, func(i, j int) bool {
		if a, b := list[i].NextFetch, list[j].NextFetch; !a.Equal(b) {
			return a.Before(b)
		}
		return list[i].ID < list[j].ID
	})
	return list, nil
}

// oldFeedColumns are feedColumns of the subquery "old".
var oldFeedColumns = func() string {
	cols := strings.Split(feedColumns, ",")
	for i, c := range cols {
		cols[i] = "old." + strings.TrimSpace(c)
	}
	return strings.Join(cols, ", ")
}()
