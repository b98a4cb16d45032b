package postgres

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/storyline-news/storyline"
)

// saveTx is one SaveArticle transaction.
type saveTx struct {
	ctx context.Context
	tx  pgx.Tx
	db  *DB
}

// exec runs a statement inside the transaction.
func (t *saveTx) exec(query string, args ...any) error {
	_, err := t.tx.Exec(t.ctx, query, args...)
	return err
}

// stored is what SaveArticle needs to know about an article already kept
// under the same key.
type stored struct {
	found              bool
	id                 int64
	story, duplicateOf *int64
	hash               string
	version            int
	ingested           time.Time
}

// find reads what is stored under key.
func (t *saveTx) find(key string) (stored, error) {
	var old stored
	err := t.tx.QueryRow(t.ctx, `SELECT id, hash, version, story, duplicate_of, ingested
		FROM articles WHERE key = $1`, []byte(key)).Scan(&old.id, &old.hash, &old.version, &old.story, &old.duplicateOf, &old.ingested)
	if errors.Is(err, pgx.ErrNoRows) {
		return old, nil
	}
	old.found = err == nil
	return old, err
}

// SaveArticle stores the article, or a new version of it when its key is
// known with another hash, and applies the decider's story change, all in
// one transaction, as storyline.Store documents. Every save that writes
// holds the clustering lease (a transaction-level advisory lock) from the
// reading of its SaveState to its commit, so that article ids, story ids
// and the story version are given in one order across every process.
// The same key and hash again give Unchanged and write nothing.
func (db *DB) SaveArticle(ctx context.Context, a *storyline.Article, hash string, decide storyline.Decider) (storyline.Outcome, error) {
	var parts []byte
	if len(a.Parts) > 0 {
		clean := make([]storyline.Part, len(a.Parts))
		for i, p := range a.Parts {
			p.Text, p.Author, p.Posted = text(p.Text), text(p.Author), text(p.Posted)
			clean[i] = p
		}
		var err error
		if parts, err = json.Marshal(clean); err != nil {
			return 0, fmt.Errorf("save article %s: %w", a.Key(), err)
		}
	}
	before := *a
	var outcome storyline.Outcome
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		t := &saveTx{ctx: ctx, tx: tx, db: db}
		var err error
		outcome, err = t.saveArticle(a, hash, parts, decide)
		return err
	})
	if err != nil {
		*a = before
		return 0, fmt.Errorf("save article %s: %w", before.Key(), err)
	}
	return outcome, nil
}

// unchanged fills a from the stored version with the same hash.
func unchanged(a *storyline.Article, old stored) storyline.Outcome {
	a.ID, a.Version, a.Ingested = old.id, old.version, old.ingested.UTC()
	a.Story, a.DuplicateOf = fromID(old.story), fromID(old.duplicateOf)
	return storyline.Unchanged
}

// saveArticle is the body of SaveArticle's transaction.
func (t *saveTx) saveArticle(a *storyline.Article, hash string, parts []byte, decide storyline.Decider) (storyline.Outcome, error) {
	// The same text again needs no lease: look before waiting for it.
	old, err := t.find(a.Key())
	if err != nil {
		return 0, err
	} else if old.found && old.hash == hash {
		return unchanged(a, old), nil
	}
	// The lease. The transaction is READ COMMITTED, so every statement
	// after this one sees what the lease's previous holder committed.
	if err := t.exec(`SELECT pg_advisory_xact_lock($1, hashtext(current_schema()))`, leaseLock); err != nil {
		return 0, fmt.Errorf("clustering lease: %w", err)
	}
	if old, err = t.find(a.Key()); err != nil {
		return 0, err
	} else if old.found && old.hash == hash {
		return unchanged(a, old), nil
	}

	// The next ids and the story version, in one round trip. A new story
	// gets one more than the highest id ever given (merged stories keep
	// their rows).
	var id int64
	st := storyline.SaveState{Revision: old.found}
	if err := t.tx.QueryRow(t.ctx, `SELECT (SELECT coalesce(max(id), 0) + 1 FROM articles),
			(SELECT coalesce(max(id), 0) + 1 FROM stories), (SELECT n FROM story_version WHERE id = 1)`).
		Scan(&id, &st.NextStory, &st.Version); err != nil {
		return 0, fmt.Errorf("next ids: %w", err)
	}
	if old.found {
		id = old.id
	}
	st.Article = id
	var change *storyline.StoryChange
	if decide != nil {
		var err error
		if change, err = decide(st); err != nil {
			return 0, err
		}
		if change != nil && change.Story == 0 {
			return 0, storyline.Errorf(storyline.EINVALID, "Article %q: story change without a story.", a.ExternalID)
		}
	}

	if a.Ingested.IsZero() || timeArg(a.Ingested) == nil {
		a.Ingested = time.Now()
	}
	a.Ingested = a.Ingested.UTC().Truncate(time.Microsecond)
	story, dup := a.Story, a.DuplicateOf
	if change != nil {
		story = change.Story
		if dup == 0 {
			dup = change.Features.DuplicateOf
		}
	} else if old.found {
		story, dup = fromID(old.story), fromID(old.duplicateOf)
	}
	if old.found && dup == old.id {
		dup = 0 // a new version is not a copy of the old one
	}
	if story != 0 && (change != nil || !old.found) {
		if err := t.checkStory(story, st.NextStory, text(a.Title), change != nil); err != nil {
			return 0, err
		}
	}

	outcome := storyline.Added
	fields := []any{text(a.ExternalID), text(a.URL), text(a.Source), text(a.Title), text(a.Author), text(a.Language),
		timeArg(a.Published), a.Ingested, text(a.Body), parts, hash, idArg(story), idArg(dup)}
	if !old.found {
		if err := t.exec(`INSERT INTO articles (external_id, url, source, title, author, language,
			published, ingested, body, parts, hash, story, duplicate_of, id, key, version)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, 1)`,
			append(fields, id, []byte(a.Key()))...); err != nil {
			return 0, err
		}
		a.ID, a.Version = id, 1
	} else {
		outcome = storyline.Revised
		a.ID = old.id
		if err := t.exec(`INSERT INTO article_versions
			(article, version, title, author, published, ingested, body, parts, hash)
			SELECT id, version, title, author, published, ingested, body, parts, hash
			FROM articles WHERE id = $1`, a.ID); err != nil {
			return 0, fmt.Errorf("keep version %d: %w", old.version, err)
		}
		if err := t.tx.QueryRow(t.ctx, `UPDATE articles SET external_id = $1, url = $2, source = $3,
			title = $4, author = $5, language = $6, published = $7, ingested = $8, body = $9,
			parts = $10, hash = $11, story = $12, duplicate_of = $13, version = version + 1
			WHERE id = $14 RETURNING version`, append(fields, a.ID)...).Scan(&a.Version); err != nil {
			return 0, err
		}
	}
	a.Story, a.DuplicateOf = story, dup

	if change != nil {
		if err := t.applyChange(a, change); err != nil {
			return 0, err
		}
	}
	for _, s := range touchedStories(story, fromID(old.story)) {
		if err := t.exec(recountStory, s); err != nil {
			return 0, fmt.Errorf("count story %d: %w", s, err)
		}
	}
	if err := t.notify(storyline.ArticleChange{Article: a.ID, Story: story, Revised: outcome == storyline.Revised}); err != nil {
		return 0, fmt.Errorf("notify: %w", err)
	}
	return outcome, nil
}

// recountStory recomputes a story's counts, times and title from its
// articles. An original without a source name is of unknown outlet and
// counts as none (a file name is not an outlet).
const recountStory = `UPDATE stories s SET articles = c.n, sources = c.outlets,
		created = c.first, updated = c.last,
		title = coalesce((SELECT title FROM articles WHERE story = $1 AND title <> ''
			ORDER BY duplicate_of IS NOT NULL, id LIMIT 1), s.title)
	FROM (SELECT count(*) AS n,
			count(DISTINCT CASE WHEN duplicate_of IS NULL THEN NULLIF(source, '') END) AS outlets,
			min(coalesce(published, ingested)) AS first,
			max(coalesce(published, ingested)) AS last
		FROM articles WHERE story = $1) c
	WHERE s.id = $1`

// checkStory makes sure that an article may join story: the next story id
// (the row is created), or a live story. With changed, the change is
// counted in the story version.
func (t *saveTx) checkStory(story, next int64, title string, changed bool) error {
	if story == next {
		if err := t.exec(`INSERT INTO stories (id, title) VALUES ($1, $2)`, story, title); err != nil {
			return fmt.Errorf("create story %d: %w", story, err)
		}
	} else {
		var into *int64
		err := t.tx.QueryRow(t.ctx, `SELECT merged_into FROM stories WHERE id = $1`, story).Scan(&into)
		if errors.Is(err, pgx.ErrNoRows) || (err == nil && into != nil) {
			// An id the store never gave, or a story merged away: the
			// decider's view is not the database's.
			return fmt.Errorf("story %d: %w", story, storyline.ErrStaleView)
		} else if err != nil {
			return fmt.Errorf("story %d: %w", story, err)
		}
	}
	if changed {
		if err := t.exec(`UPDATE story_version SET n = n + 1 WHERE id = 1`); err != nil {
			return fmt.Errorf("story version: %w", err)
		}
	}
	return nil
}

// applyChange folds the merged stories into change.Story and stores the
// assignment and the features of article a.
func (t *saveTx) applyChange(a *storyline.Article, change *storyline.StoryChange) error {
	for _, from := range change.Merged {
		if err := t.merge(from, change.Story); err != nil {
			return fmt.Errorf("merge story %d into %d: %w", from, change.Story, err)
		}
	}
	if err := t.exec(`INSERT INTO assignments (article, story, score, reason, terms)
		VALUES ($1, $2, $3, $4, $5)
		ON CONFLICT (article) DO UPDATE SET story = $2, score = $3, reason = $4, terms = $5`,
		a.ID, change.Story, change.Score, text(change.Reason), texts(change.Terms)); err != nil {
		return fmt.Errorf("assign: %w", err)
	}

	f := change.Features
	if f.DuplicateOf == 0 {
		f.DuplicateOf = a.DuplicateOf
	}
	if f.Source == "" {
		f.Source = a.Source
	}
	published := timeArg(f.Published)
	if published == nil {
		published = timeArg(a.Published)
	}
	if published == nil {
		published = a.Ingested
	}
	sig := make([]byte, 0, 4*len(f.Signature))
	for _, v := range f.Signature {
		sig = binary.LittleEndian.AppendUint32(sig, v)
	}
	if err := t.exec(`INSERT INTO features (article, story, published, duplicate_of, source,
			title, body, entities, signature)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
		ON CONFLICT (article) DO UPDATE SET story = $2, published = $3, duplicate_of = $4,
			source = $5, title = $6, body = $7, entities = $8, signature = $9`,
		a.ID, change.Story, published, idArg(f.DuplicateOf), text(f.Source),
		texts(f.Title), texts(f.Body), texts(f.Entities), sig); err != nil {
		return fmt.Errorf("features: %w", err)
	}
	return nil
}

// merge moves the articles, features and assignments of story from into
// story into, and marks from as merged into it. Unknown ids are ignored.
func (t *saveTx) merge(from, into int64) error {
	if from == into || from == 0 {
		return nil
	}
	for _, q := range []string{
		// Features and assignments are found through the articles (they
		// have no story index), so they move before the articles do.
		`UPDATE features SET story = $1 WHERE article IN (SELECT id FROM articles WHERE story = $2)`,
		`UPDATE assignments SET story = $1 WHERE article IN (SELECT id FROM articles WHERE story = $2)`,
		`UPDATE articles SET story = $1 WHERE story = $2`,
		`UPDATE stories SET merged_into = $1, articles = 0, sources = 0,
			created = NULL, updated = NULL WHERE id = $2`,
		`UPDATE stories SET merged_into = $1 WHERE merged_into = $2`,
	} {
		if err := t.exec(q, into, from); err != nil {
			return err
		}
	}
	return nil
}

// touchedStories lists the stories whose counts a save changes: the one the
// article is in now and, when a revision moved it, the one it left.
func touchedStories(now, before int64) []int64 {
	var ids []int64
	if now != 0 {
		ids = append(ids, now)
	}
	if before != 0 && before != now {
		ids = append(ids, before)
	}
	return ids
}

// text is s as PostgreSQL text can hold it: without NUL bytes, which no
// reader sees and which SQLite keeps but PostgreSQL refuses.
func text(s string) string {
	return strings.ReplaceAll(s, "\x00", "")
}

// texts is text of each string; the list itself when none has a NUL.
func texts(list []string) []string {
	if !slices.ContainsFunc(list, func(s string) bool { return strings.Contains(s, "\x00") }) {
		return list
	}
	clean := make([]string, len(list))
	for i, s := range list {
		clean[i] = text(s)
	}
	return clean
}
