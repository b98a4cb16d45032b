package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/storyline-news/storyline"
)

// articleColumns are the columns scanArticle reads, in its order.
const articleColumns = `id, external_id, url, source, title, author, language, published,
	ingested, body, parts, version, story, duplicate_of`

// scanner is a *sql.Row or *sql.Rows.
type scanner interface {
	Scan(dest ...any) error
}

// scanArticle reads one row of articleColumns, plus any extra columns.
func scanArticle(row scanner, extra ...any) (*storyline.Article, error) {
	var (
		a          storyline.Article
		published  sql.NullInt64
		ingested   int64
		parts      sql.NullString
		story, dup sql.NullInt64
	)
	dest := []any{&a.ID, &a.ExternalID, &a.URL, &a.Source, &a.Title, &a.Author, &a.Language,
		&published, &ingested, &a.Body, &parts, &a.Version, &story, &dup}
	if err := row.Scan(append(dest, extra...)...); err != nil {
		return nil, err
	}
	a.Published = fromNanos(published)
	a.Ingested = fromNanos(sql.NullInt64{Int64: ingested, Valid: true})
	a.Story, a.DuplicateOf = story.Int64, dup.Int64
	if parts.Valid {
		if err := json.Unmarshal([]byte(parts.String), &a.Parts); err != nil {
			return nil, fmt.Errorf("parts of article %d: %w", a.ID, err)
		}
	}
	return &a, nil
}

// Lookup returns the article stored under key (see storyline.Article.Key)
// and the hash of its current version, or ENOTFOUND.
func (db *DB) Lookup(ctx context.Context, key string) (*storyline.Article, string, error) {
	var hash string
	// Articles saved but not yet committed count: look in the open group.
	db.group.mu.Lock()
	defer db.group.mu.Unlock()
	var row *sql.Row
	if db.group.tx != nil {
		row = db.group.tx.QueryRowContext(ctx, `SELECT `+articleColumns+`, hash FROM articles WHERE key = ?`, key)
	} else {
		row = db.read.QueryRowContext(ctx, `SELECT `+articleColumns+`, hash FROM articles WHERE key = ?`, key)
	}
	a, err := scanArticle(row, &hash)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, "", storyline.Errorf(storyline.ENOTFOUND, "No article stored under %q.", key)
	} else if err != nil {
		return nil, "", fmt.Errorf("lookup %s: %w", key, err)
	}
	return a, hash, nil
}

// Committed returns the content hash of the article stored under key (see
// storyline.Article.Key) as last committed, "" when there is none, and
// whether an analysis of that version is cached. Unlike Lookup it neither
// waits for nor sees the open commit group, so that workers preparing
// articles can ask it without holding up the writer: an article saved in
// the same run but not yet committed reads as absent.
func (db *DB) Committed(ctx context.Context, key string) (hash string, analysed bool, err error) {
	err = db.read.QueryRowContext(ctx, `SELECT a.hash, EXISTS (SELECT 1 FROM analyses n WHERE n.article = a.id AND n.version = a.version)
		FROM articles a WHERE a.key = ?`, key).Scan(&hash, &analysed)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("hash of %s: %w", key, err)
	}
	return hash, analysed, nil
}

// Article returns the current version of the article with the ID, or
// ENOTFOUND.
func (db *DB) Article(ctx context.Context, id int64) (*storyline.Article, error) {
	db.settle()
	row := db.read.QueryRowContext(ctx, `SELECT `+articleColumns+` FROM articles WHERE id = ?`, id)
	a, err := scanArticle(row)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, storyline.Errorf(storyline.ENOTFOUND, "Article %d not found.", id)
	} else if err != nil {
		return nil, fmt.Errorf("article %d: %w", id, err)
	}
	return a, nil
}

// ArticleVersions returns the earlier versions of the article with the ID,
// oldest first; the current version is not among them (see Article). Only
// the fields a version has of its own are set: ID, Version, Title, Author,
// Published, Ingested, Body, Parts; the rest are copied from the current
// version. It returns ENOTFOUND for an unknown ID.
func (db *DB) ArticleVersions(ctx context.Context, id int64) ([]*storyline.Article, error) {
	db.settle()
	current, err := db.Article(ctx, id)
	if err != nil {
		return nil, err
	}
	rows, err := db.read.QueryContext(ctx, `SELECT version, title, author, published, ingested, body, parts
		FROM article_versions WHERE article = ? ORDER BY version`, id)
	if err != nil {
		return nil, fmt.Errorf("versions of article %d: %w", id, err)
	}
	defer rows.Close()
	var versions []*storyline.Article
	for rows.Next() {
		v := *current
		var published, ingested sql.NullInt64
		var parts sql.NullString
		if err := rows.Scan(&v.Version, &v.Title, &v.Author, &published, &ingested, &v.Body, &parts); err != nil {
			return nil, fmt.Errorf("versions of article %d: %w", id, err)
		}
		v.Published, v.Ingested, v.Parts = fromNanos(published), fromNanos(ingested), nil
		if parts.Valid {
			if err := json.Unmarshal([]byte(parts.String), &v.Parts); err != nil {
				return nil, fmt.Errorf("versions of article %d: %w", id, err)
			}
		}
		versions = append(versions, &v)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("versions of article %d: %w", id, err)
	}
	return versions, nil
}

// Articles returns the articles in ingest order: those of f.Story when it is
// not 0, from f.Offset on, at most f.Limit of them (all when 0). For long
// listings EachArticle avoids holding them all in memory.
func (db *DB) Articles(ctx context.Context, f storyline.Filter) ([]*storyline.Article, error) {
	db.settle()
	var list []*storyline.Article
	err := db.eachArticle(ctx, f, func(a *storyline.Article) error {
		list = append(list, a)
		return nil
	})
	return list, err
}

// EachArticle calls fn with every stored article, in ingest order, reading
// them one at a time (for export). An error from fn stops the walk and is
// returned as is. fn runs while a read connection is held; it may call the
// DB again.
func (db *DB) EachArticle(ctx context.Context, fn func(*storyline.Article) error) error {
	db.settle()
	return db.eachArticle(ctx, storyline.Filter{}, fn)
}

// eachArticle streams the articles that f selects to fn.
func (db *DB) eachArticle(ctx context.Context, f storyline.Filter, fn func(*storyline.Article) error) error {
	query := `SELECT ` + articleColumns + ` FROM articles`
	var args []any
	if f.Story != 0 {
		query += ` WHERE story = ?`
		args = append(args, f.Story)
	}
	limit, offset := limitOffset(f)
	query += ` ORDER BY id LIMIT ? OFFSET ?`
	args = append(args, limit, offset)

	rows, err := db.read.QueryContext(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("articles: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		a, err := scanArticle(rows)
		if err != nil {
			return fmt.Errorf("articles: %w", err)
		}
		if err := fn(a); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("articles: %w", err)
	}
	return nil
}

// storyColumns are the columns scanStory reads, in its order.
const storyColumns = `id, title, articles, sources, created, updated`

// scanStory reads one row of storyColumns.
func scanStory(row scanner) (*storyline.Story, error) {
	var s storyline.Story
	var created, updated sql.NullInt64
	if err := row.Scan(&s.ID, &s.Title, &s.Articles, &s.Sources, &created, &updated); err != nil {
		return nil, err
	}
	s.Created, s.Updated = fromNanos(created), fromNanos(updated)
	return &s, nil
}

// Story returns the story with the ID, or ENOTFOUND when there is none or
// it was merged into another (Resolve finds that one).
func (db *DB) Story(ctx context.Context, id int64) (*storyline.Story, error) {
	db.settle()
	row := db.read.QueryRowContext(ctx, `SELECT `+storyColumns+` FROM stories
		WHERE id = ? AND merged_into IS NULL`, id)
	s, err := scanStory(row)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, storyline.Errorf(storyline.ENOTFOUND, "Story %d not found.", id)
	} else if err != nil {
		return nil, fmt.Errorf("story %d: %w", id, err)
	}
	return s, nil
}

// Stories returns the live stories that have articles, newest activity
// (updated) first, paged by f.Offset and f.Limit (0: all). With f.Story set
// it returns just the live story that id stands for (following merges), or
// none.
func (db *DB) Stories(ctx context.Context, f storyline.Filter) ([]*storyline.Story, error) {
	db.settle()
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
	var args []any
	if f.Story != 0 {
		query += ` AND id = ?`
		args = append(args, f.Story)
	}
	limit, offset := limitOffset(f)
	query += ` ORDER BY updated DESC, id DESC LIMIT ? OFFSET ?`
	args = append(args, limit, offset)

	rows, err := db.read.QueryContext(ctx, query, args...)
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
// order; articles brought in by a merge keep the reason they joined their
// first story. An unknown story has none.
func (db *DB) Assignments(ctx context.Context, story int64) ([]storyline.Assignment, error) {
	db.settle()
	rows, err := db.read.QueryContext(ctx, `SELECT article, story, score, reason, terms
		FROM assignments WHERE article IN (SELECT id FROM articles WHERE story = ?)
		ORDER BY article`, story)
	if err != nil {
		return nil, fmt.Errorf("assignments of story %d: %w", story, err)
	}
	defer rows.Close()
	var list []storyline.Assignment
	for rows.Next() {
		var a storyline.Assignment
		var terms sql.NullString
		if err := rows.Scan(&a.Article, &a.Story, &a.Score, &a.Reason, &terms); err != nil {
			return nil, fmt.Errorf("assignments of story %d: %w", story, err)
		}
		if terms.Valid {
			if err := json.Unmarshal([]byte(terms.String), &a.Terms); err != nil {
				return nil, fmt.Errorf("assignment of article %d: %w", a.Article, err)
			}
		}
		list = append(list, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("assignments of story %d: %w", story, err)
	}
	return list, nil
}
