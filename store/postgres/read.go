package postgres

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/storyline-news/storyline"
)

// articleColumns are the columns scanArticle reads, in its order.
const articleColumns = `id, external_id, url, source, title, author, language, published,
	ingested, body, parts, version, story, duplicate_of`

// scanArticle reads one row of articleColumns, plus any extra columns.
func scanArticle(row pgx.Row, extra ...any) (*storyline.Article, error) {
	var (
		a          storyline.Article
		published  *time.Time
		parts      []byte
		story, dup *int64
	)
	dest := []any{&a.ID, &a.ExternalID, &a.URL, &a.Source, &a.Title, &a.Author, &a.Language,
		&published, &a.Ingested, &a.Body, &parts, &a.Version, &story, &dup}
	if err := row.Scan(append(dest, extra...)...); err != nil {
		return nil, err
	}
	a.Published, a.Ingested = fromTime(published), a.Ingested.UTC()
	a.Story, a.DuplicateOf = fromID(story), fromID(dup)
	if parts != nil {
		if err := json.Unmarshal(parts, &a.Parts); err != nil {
			return nil, fmt.Errorf("parts of article %d: %w", a.ID, err)
		}
	}
	return &a, nil
}

// Lookup returns the article stored under key (see storyline.Article.Key)
// and the hash of its current version, or ENOTFOUND.
func (db *DB) Lookup(ctx context.Context, key string) (*storyline.Article, string, error) {
	var hash string
	a, err := scanArticle(db.pool.QueryRow(ctx, `SELECT `+articleColumns+`, hash FROM articles WHERE key = $1`, []byte(key)), &hash)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, "", storyline.Errorf(storyline.ENOTFOUND, "No article stored under %q.", key)
	} else if err != nil {
		return nil, "", fmt.Errorf("lookup %s: %w", key, err)
	}
	return a, hash, nil
}

// Committed returns the content hash of the article stored under key, ""
// when there is none, and whether an analysis of that version is cached.
// Every save is committed when it returns, so Committed sees what Lookup
// sees.
func (db *DB) Committed(ctx context.Context, key string) (hash string, analysed bool, err error) {
	err = db.pool.QueryRow(ctx, `SELECT a.hash, EXISTS (SELECT 1 FROM analyses n
			WHERE n.article = a.id AND n.version = a.version)
		FROM articles a WHERE a.key = $1`, []byte(key)).Scan(&hash, &analysed)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", false, nil
	} else if err != nil {
		return "", false, fmt.Errorf("hash of %s: %w", key, err)
	}
	return hash, analysed, nil
}

// Article returns the current version of the article with the ID, or
// ENOTFOUND.
func (db *DB) Article(ctx context.Context, id int64) (*storyline.Article, error) {
	a, err := scanArticle(db.pool.QueryRow(ctx, `SELECT `+articleColumns+` FROM articles WHERE id = $1`, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, storyline.Errorf(storyline.ENOTFOUND, "Article %d not found.", id)
	} else if err != nil {
		return nil, fmt.Errorf("article %d: %w", id, err)
	}
	return a, nil
}

// Articles returns the articles in ingest order: those of f.Story when it
// is not 0, from f.Offset on, at most f.Limit of them (all when 0).
func (db *DB) Articles(ctx context.Context, f storyline.Filter) ([]*storyline.Article, error) {
	var list []*storyline.Article
	err := db.eachArticle(ctx, f, func(a *storyline.Article) error {
		list = append(list, a)
		return nil
	})
	return list, err
}

// EachArticle calls fn with every stored article, in ingest order, reading
// them a page at a time (for export), so that fn may call the DB again
// without holding a connection. An error from fn stops the walk and is
// returned as is.
func (db *DB) EachArticle(ctx context.Context, fn func(*storyline.Article) error) error {
	const page = 500
	var after int64
	for {
		rows, err := db.pool.Query(ctx, `SELECT `+articleColumns+` FROM articles
			WHERE id > $1 ORDER BY id LIMIT $2`, after, page)
		if err != nil {
			return fmt.Errorf("articles: %w", err)
		}
		list, err := collectArticles(rows)
		if err != nil {
			return err
		}
		for _, a := range list {
			if err := fn(a); err != nil {
				return err
			}
		}
		if len(list) < page {
			return nil
		}
		after = list[len(list)-1].ID
	}
}

// eachArticle calls fn with the articles that f selects.
func (db *DB) eachArticle(ctx context.Context, f storyline.Filter, fn func(*storyline.Article) error) error {
	query := `SELECT ` + articleColumns + ` FROM articles`
	args := []any{limitArg(f), max(f.Offset, 0)}
	if f.Story != 0 {
		query += ` WHERE story = $3`
		args = append(args, f.Story)
	}
	rows, err := db.pool.Query(ctx, query+` ORDER BY id LIMIT $1 OFFSET $2`, args...)
	if err != nil {
		return fmt.Errorf("articles: %w", err)
	}
	list, err := collectArticles(rows)
	if err != nil {
		return err
	}
	for _, a := range list {
		if err := fn(a); err != nil {
			return err
		}
	}
	return nil
}

// collectArticles reads and closes rows of articleColumns.
func collectArticles(rows pgx.Rows) ([]*storyline.Article, error) {
	defer rows.Close()
	var list []*storyline.Article
	for rows.Next() {
		a, err := scanArticle(rows)
		if err != nil {
			return nil, fmt.Errorf("articles: %w", err)
		}
		list = append(list, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("articles: %w", err)
	}
	return list, nil
}

// storyColumns are the columns scanStory reads, in its order.
const storyColumns = `id, title, articles, sources, created, updated`

// scanStory reads one row of storyColumns.
func scanStory(row pgx.Row) (*storyline.Story, error) {
	var s storyline.Story
	var created, updated *time.Time
	if err := row.Scan(&s.ID, &s.Title, &s.Articles, &s.Sources, &created, &updated); err != nil {
		return nil, err
	}
	s.Created, s.Updated = fromTime(created), fromTime(updated)
	return &s, nil
}

// Story returns the story with the ID, or ENOTFOUND when there is none or
// it was merged into another (Resolve finds that one).
func (db *DB) Story(ctx context.Context, id int64) (*storyline.Story, error) {
	s, err := scanStory(db.pool.QueryRow(ctx, `SELECT `+storyColumns+` FROM stories
		WHERE id = $1 AND merged_into IS NULL`, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, storyline.Errorf(storyline.ENOTFOUND, "Story %d not found.", id)
	} else if err != nil {
		return nil, fmt.Errorf("story %d: %w", id, err)
	}
	return s, nil
}

// Stories returns the live stories that have articles, newest activity
// first, paged by f.Offset and f.Limit (0: all). With f.Story set it
// returns just the live story that id stands for (following merges), or
// none.
func (db *DB) Stories(ctx context.Context, f storyline.Filter) ([]*storyline.Story, error) {
	if f.Story != 0 {
		id, err := db.Resolve(ctx, f.Story)
		if storyline.ErrorCode(err) == storyline.ENOTFOUND {
			return nil, nil
		} else if err != nil {
			return nil, err
		}
		f.Story = id
	}
	query := `SELECT ` + storyColumns + ` FROM stories WHERE merged_into IS NULL AND articles > 0`
	args := []any{limitArg(f), max(f.Offset, 0)}
	if f.Story != 0 {
		query += ` AND id = $3`
		args = append(args, f.Story)
	}
	rows, err := db.pool.Query(ctx, query+` ORDER BY updated DESC, id DESC LIMIT $1 OFFSET $2`, args...)
	if err != nil {
		return nil, fmt.Errorf("stories: %w", err)
	}
	defer rows.Close()
	var list []*storyline.Story
	for rows.Next() {
		s, err := scanStory(rows)
		if err != nil {
			return nil, fmt.Errorf("stories: %w", err)
		}
		list = append(list, s)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("stories: %w", err)
	}
	return list, nil
}

// Assignments returns why each article of the story joined it, in ingest
// order; an unknown story has none.
func (db *DB) Assignments(ctx context.Context, story int64) ([]storyline.Assignment, error) {
	rows, err := db.pool.Query(ctx, `SELECT article, story, score, reason, terms
		FROM assignments WHERE article IN (SELECT id FROM articles WHERE story = $1)
		ORDER BY article`, story)
	if err != nil {
		return nil, fmt.Errorf("assignments of story %d: %w", story, err)
	}
	defer rows.Close()
	var list []storyline.Assignment
	for rows.Next() {
		var a storyline.Assignment
		if err := rows.Scan(&a.Article, &a.Story, &a.Score, &a.Reason, &a.Terms); err != nil {
			return nil, fmt.Errorf("assignments of story %d: %w", story, err)
		}
		list = append(list, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("assignments of story %d: %w", story, err)
	}
	return list, nil
}

// Features streams to fn the features of the articles published at or
// after since (all of them for the zero time), in ingest order. An article
// whose publication time is unknown is placed at its ingest time for
// since, but its Published stays zero, as the clusterer saw it. Equal
// strings of one call share their memory. An error from fn stops the
// stream and is returned as is.
func (db *DB) Features(ctx context.Context, since time.Time, fn func(storyline.Features) error) error {
	from := timeArg(since)
	if from == nil {
		if !since.IsZero() && since.After(maxTime) {
			return nil
		}
		from = minTime
	}
	// Read a page at a time, so that fn may call the DB.
	const page = 2000
	var after int64
	strs := map[string]string{}
	intern := func(list []string) {
		for i, s := range list {
			if v, ok := strs[s]; ok {
				list[i] = v
			} else {
				strs[s] = s
			}
		}
	}
	for {
		rows, err := db.pool.Query(ctx, `SELECT f.article, f.story, f.published, f.duplicate_of, f.source,
				f.title, f.body, f.entities, f.signature, a.published IS NOT NULL
			FROM features f JOIN articles a ON a.id = f.article
			WHERE f.published >= $1 AND f.article > $2 ORDER BY f.article LIMIT $3`, from, after, page)
		if err != nil {
			return fmt.Errorf("features: %w", err)
		}
		var list []storyline.Features
		for rows.Next() {
			var (
				f          storyline.Features
				story, dup *int64
				published  time.Time
				sig        []byte
				dated      bool
			)
			if err := rows.Scan(&f.Article, &story, &published, &dup, &f.Source,
				&f.Title, &f.Body, &f.Entities, &sig, &dated); err != nil {
				rows.Close()
				return fmt.Errorf("features: %w", err)
			}
			f.Story, f.DuplicateOf = fromID(story), fromID(dup)
			if dated {
				f.Published = published.UTC()
			}
			if len(sig) >= 4 {
				f.Signature = make([]uint32, len(sig)/4)
				for i := range f.Signature {
					f.Signature[i] = binary.LittleEndian.Uint32(sig[4*i:])
				}
			}
			source := []string{f.Source}
			for _, l := range [][]string{f.Title, f.Body, f.Entities, source} {
				intern(l)
			}
			f.Source = source[0]
			list = append(list, f)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("features: %w", err)
		}
		for _, f := range list {
			if err := fn(f); err != nil {
				return err
			}
		}
		if len(list) < page {
			return nil
		}
		after = list[len(list)-1].Article
	}
}

// Stats counts what the database holds.
func (db *DB) Stats(ctx context.Context) (storyline.Stats, error) {
	var s storyline.Stats
	err := db.pool.QueryRow(ctx, `SELECT
		(SELECT count(*) FROM articles),
		(SELECT count(*) FROM stories WHERE merged_into IS NULL AND articles > 0),
		(SELECT count(*) FROM feeds)`).Scan(&s.Articles, &s.Stories, &s.Feeds)
	if err != nil {
		return s, fmt.Errorf("stats: %w", err)
	}
	return s, nil
}

// LastArticle returns the highest article ID, 0 for an empty database.
func (db *DB) LastArticle(ctx context.Context) (int64, error) {
	var id int64
	if err := db.pool.QueryRow(ctx, `SELECT coalesce(max(id), 0) FROM articles`).Scan(&id); err != nil {
		return 0, fmt.Errorf("last article: %w", err)
	}
	return id, nil
}

// StoryVersion returns the story version: the number of story changes
// ever stored, by any process, as committed.
func (db *DB) StoryVersion(ctx context.Context) (int64, error) {
	var n int64
	if err := db.pool.QueryRow(ctx, `SELECT n FROM story_version WHERE id = 1`).Scan(&n); err != nil {
		return 0, fmt.Errorf("story version: %w", err)
	}
	return n, nil
}
