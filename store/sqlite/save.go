package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/storyline-news/storyline"
)

// writeStmts are the statements SaveArticle runs, prepared once on the
// writer connection and reused by every transaction.
type writeStmts struct {
	findKey, nextID, indexedText, ftsInsert, ftsDelete, insertArticle, archiveVersion, updateArticle *sql.Stmt
	storyVersion, bumpVersion, nextStory, storyState, createStory                                    *sql.Stmt
	recountStory, addToStory                                                                         *sql.Stmt
	mergeArticles, mergeFeatures, mergeAssignments                                                   *sql.Stmt
	markMerged, repointMerged                                                                        *sql.Stmt
	putAssignment, putFeatures                                                                       *sql.Stmt
	findTerm, insertTerm                                                                             *sql.Stmt
}

// writeSQL lists the statements of writeStmts with their SQL.
func (s *writeStmts) writeSQL() []struct {
	stmt  **sql.Stmt
	query string
} {
	return []struct {
		stmt  **sql.Stmt
		query string
	}{
		{&s.findKey, `SELECT id, hash, version, story, duplicate_of, ingested FROM articles WHERE key = ?`},
		{&s.nextID, `SELECT coalesce(max(id), 0) + 1 FROM articles`},
		{&s.indexedText, `SELECT title, body FROM articles WHERE id = ?`},
		{&s.ftsInsert, `INSERT INTO articles_fts (rowid, title, body) SELECT id, title, body FROM articles WHERE id = ?`},
		{&s.ftsDelete, `INSERT INTO articles_fts (articles_fts, rowid, title, body) VALUES ('delete', ?, ?, ?)`},
		{&s.insertArticle, `INSERT INTO articles (id, key, external_id, url, source, title, author, language,
			published, ingested, body, parts, version, hash, story, duplicate_of)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)`},
		{&s.archiveVersion, `INSERT INTO article_versions
			(article, version, title, author, published, ingested, body, parts, hash)
			SELECT id, version, title, author, published, ingested, body, parts, hash
			FROM articles WHERE id = ?`},
		{&s.updateArticle, `UPDATE articles SET external_id = ?, url = ?, source = ?, title = ?,
			author = ?, language = ?, published = ?, ingested = ?, body = ?, parts = ?,
			version = version + 1, hash = ?, story = ?, duplicate_of = ?
			WHERE id = ? RETURNING version`},
		// The store owns story ids: a new story gets one more than the
		// highest ever given, inside the transaction that stores its first
		// article (see migration 0005 for the version).
		{&s.storyVersion, `SELECT n FROM story_version WHERE id = 1`},
		{&s.bumpVersion, `UPDATE story_version SET n = n + 1 WHERE id = 1`},
		{&s.nextStory, `SELECT coalesce(max(id), 0) + 1 FROM stories`},
		{&s.storyState, `SELECT merged_into FROM stories WHERE id = ?`},
		{&s.createStory, `INSERT INTO stories (id, title) VALUES (?, ?)`},
		// recountStory recomputes a story's counts from its articles, after
		// merges and revisions. An original without a source name is of
		// unknown outlet and counts as none (a file name is not an outlet).
		{&s.recountStory, `UPDATE stories SET (articles, sources, created, updated) = (
				SELECT count(*),
					count(DISTINCT CASE WHEN duplicate_of IS NULL THEN
						NULLIF(source, '') END),
					min(coalesce(published, ingested)),
					max(coalesce(published, ingested))
				FROM articles WHERE story = ?1),
			title = coalesce((SELECT title FROM articles WHERE story = ?1 AND title != ''
				ORDER BY duplicate_of IS NOT NULL, id LIMIT 1), title)
			WHERE id = ?1`},
		// addToStory updates a story's counts for one new article ?2 (already
		// stored) with time ?3, duplicate_of ?4, source ?5 and title ?6: the
		// same result as recountStory, in a few index seeks however large the
		// story. The new article has the highest id, so it names the story
		// only when no earlier article could.
		{&s.addToStory, `UPDATE stories SET
				articles = articles + 1,
				created = min(coalesce(created, ?3), ?3),
				updated = max(coalesce(updated, ?3), ?3),
				sources = sources + (?4 IS NULL AND ?5 != '' AND NOT EXISTS (
					SELECT 1 FROM articles
					WHERE story = ?1 AND source = ?5 AND duplicate_of IS NULL AND id != ?2)),
				title = CASE
					WHEN ?6 = '' THEN title
					WHEN ?4 IS NULL AND NOT EXISTS (SELECT 1 FROM articles
						WHERE story = ?1 AND duplicate_of IS NULL AND title != '' AND id != ?2) THEN ?6
					WHEN NOT EXISTS (SELECT 1 FROM articles
						WHERE story = ?1 AND title != '' AND id != ?2) THEN ?6
					ELSE title END
			WHERE id = ?1`},
		// Features and assignments have no story index: they are found
		// through the articles, so they move before the articles do.
		{&s.mergeFeatures, `UPDATE features SET story = ?1
			WHERE article IN (SELECT id FROM articles WHERE story = ?2)`},
		{&s.mergeAssignments, `UPDATE assignments SET story = ?1
			WHERE article IN (SELECT id FROM articles WHERE story = ?2)`},
		{&s.mergeArticles, `UPDATE articles SET story = ?1 WHERE story = ?2`},
		{&s.markMerged, `UPDATE stories SET merged_into = ?1, articles = 0, sources = 0,
			created = NULL, updated = NULL WHERE id = ?2`},
		{&s.repointMerged, `UPDATE stories SET merged_into = ?1 WHERE merged_into = ?2`},
		{&s.putAssignment, `INSERT INTO assignments (article, story, score, reason, terms)
			VALUES (?1, ?2, ?3, ?4, ?5)
			ON CONFLICT (article) DO UPDATE SET story = ?2, score = ?3, reason = ?4, terms = ?5`},
		{&s.findTerm, `SELECT id FROM terms WHERE term = ?`},
		{&s.insertTerm, `INSERT INTO terms (term) VALUES (?) ON CONFLICT (term) DO NOTHING RETURNING id`},
		{&s.putFeatures, `INSERT INTO features (article, story, published, data) VALUES (?1, ?2, ?3, ?4)
			ON CONFLICT (article) DO UPDATE SET story = ?2, published = ?3, data = ?4`},
	}
}

// prepare prepares every statement on db.
func (s *writeStmts) prepare(ctx context.Context, db *sql.DB) error {
	for _, w := range s.writeSQL() {
		stmt, err := db.PrepareContext(ctx, w.query)
		if err != nil {
			return fmt.Errorf("prepare %q: %w", w.query, err)
		}
		*w.stmt = stmt
	}
	return nil
}

// close closes the prepared statements.
func (s *writeStmts) close() error {
	var errs []error
	for _, w := range s.writeSQL() {
		if *w.stmt != nil {
			errs = append(errs, (*w.stmt).Close())
			*w.stmt = nil
		}
	}
	return errors.Join(errs...)
}

// saveTx is one SaveArticle transaction.
type saveTx struct {
	ctx context.Context
	tx  *sql.Tx
	db  *DB
	s   *writeStmts
	// newTerms are the term ids looked up or added in this transaction,
	// cached in db.terms once it commits.
	newTerms map[string]uint64
	// reindex lists the articles whose text the search index must take in
	// when the group commits; unindexed holds the indexed text to remove.
	reindex   []int64
	unindexed []ftsRow
}

// unindex arranges for the indexed text of a committed article to leave the
// search index at commit, and for its new text to enter it. An article
// already waiting to be indexed in this group has nothing indexed yet.
func (t *saveTx) unindex(id int64) error {
	if !t.db.group.indexes(id) {
		var r ftsRow
		r.id = id
		if err := t.queryRow(t.s.indexedText, id).Scan(&r.title, &r.body); err != nil {
			return err
		}
		t.unindexed = append(t.unindexed, r)
	}
	t.reindex = append(t.reindex, id)
	return nil
}

// exec runs a prepared statement inside the transaction.
func (t *saveTx) exec(stmt *sql.Stmt, args ...any) (sql.Result, error) {
	return t.tx.StmtContext(t.ctx, stmt).ExecContext(t.ctx, args...)
}

// queryRow runs a prepared query inside the transaction.
func (t *saveTx) queryRow(stmt *sql.Stmt, args ...any) *sql.Row {
	return t.tx.StmtContext(t.ctx, stmt).QueryRowContext(t.ctx, args...)
}

// stored is what SaveArticle needs to know about an article already kept
// under the same key.
type stored struct {
	id, story, duplicateOf sql.NullInt64
	hash                   string
	version                int
	ingested               int64
}

// SaveArticle stores the article, or a new version of it when its key is
// known with another hash, and applies the clusterer's change, all in one
// transaction. The same key and hash again give Unchanged and write nothing.
//
// A revision keeps the article's ID; with a nil change it also keeps its
// story and duplicate_of (the new text has not been re-clustered). With a
// change, the article joins change.Story (created when new; revived when it
// had been merged away), the stories in change.Merged are folded into it,
// the assignment and features (with Article and Story set from the save)
// replace any earlier ones, and the counts of every story touched are
// recomputed. a.ID, a.Version, a.Ingested (now, unless set), a.Story and
// a.DuplicateOf are set to what was stored; on error a is left as it was.
// A change without a story gives EINVALID.
//
// Unchanged ignores change: re-ingesting the same text never re-clusters.
func (db *DB) SaveArticle(ctx context.Context, a *storyline.Article, hash string, decide storyline.Decider) (storyline.Outcome, error) {
	var parts sql.NullString
	if len(a.Parts) > 0 {
		buf, err := json.Marshal(a.Parts)
		if err != nil {
			return 0, fmt.Errorf("save article %s: %w", a.Key(), err)
		}
		parts = sql.NullString{String: string(buf), Valid: true}
	}

	db.group.mu.Lock()
	defer db.group.mu.Unlock()
	before := *a
	var outcome storyline.Outcome
	var t *saveTx
	err := db.savepoint(ctx, func(tx *sql.Tx) error {
		t = &saveTx{ctx: ctx, tx: tx, db: db, s: &db.stmt}
		var err error
		outcome, err = t.saveArticle(a, hash, parts, decide)
		return err
	})
	if err == nil {
		err = db.released(t, outcome != storyline.Unchanged)
	}
	if err != nil {
		*a = before
		return 0, fmt.Errorf("save article %s: %w", before.Key(), err)
	}
	return outcome, nil
}

// saveArticle is the body of SaveArticle's transaction.
func (t *saveTx) saveArticle(a *storyline.Article, hash string, parts sql.NullString, decide storyline.Decider) (storyline.Outcome, error) {
	var old stored
	err := t.queryRow(t.s.findKey, a.Key()).Scan(&old.id, &old.hash, &old.version, &old.story, &old.duplicateOf, &old.ingested)
	switch {
	case errors.Is(err, sql.ErrNoRows):
	case err != nil:
		return 0, err
	case old.hash == hash:
		a.ID, a.Version, a.Ingested = old.id.Int64, old.version, time.Unix(0, old.ingested).UTC()
		a.Story, a.DuplicateOf = old.story.Int64, old.duplicateOf.Int64
		return storyline.Unchanged, nil
	}

	// Rowids are max+1 (no AUTOINCREMENT) and this transaction holds the
	// write lock, so the new article's ID is known before it is inserted.
	id := old.id.Int64
	if !old.id.Valid {
		if err := t.queryRow(t.s.nextID).Scan(&id); err != nil {
			return 0, fmt.Errorf("next article id: %w", err)
		}
	}
	st := storyline.SaveState{Article: id, Revision: old.id.Valid}
	if err := t.queryRow(t.s.nextStory).Scan(&st.NextStory); err != nil {
		return 0, fmt.Errorf("next story id: %w", err)
	}
	var change *storyline.StoryChange
	if decide != nil {
		if err := t.queryRow(t.s.storyVersion).Scan(&st.Version); err != nil {
			return 0, fmt.Errorf("story version: %w", err)
		}
		var err error
		if change, err = decide(st); err != nil {
			return 0, err
		}
		if change != nil && change.Story == 0 {
			return 0, storyline.Errorf(storyline.EINVALID, "Article %q: story change without a story.", a.ExternalID)
		}
	}

	if a.Ingested.IsZero() || !nanos(a.Ingested).Valid {
		a.Ingested = time.Now().UTC()
	}
	story, dup := a.Story, a.DuplicateOf
	if change != nil {
		story = change.Story
		if dup == 0 {
			dup = change.Features.DuplicateOf
		}
	} else if old.id.Valid {
		story, dup = old.story.Int64, old.duplicateOf.Int64
	}
	if old.id.Valid && dup == old.id.Int64 {
		dup = 0 // a new version is not a copy of the old one
	}

	// The story row must exist before an article can point at it; a
	// revision without a change stays where it was.
	if story != 0 && (change != nil || !old.id.Valid) {
		if err := t.checkStory(story, st.NextStory, a.Title, change != nil); err != nil {
			return 0, err
		}
	}

	outcome := storyline.Added
	textArgs := []any{a.ExternalID, a.URL, a.Source, a.Title, a.Author, a.Language,
		nanos(a.Published), a.Ingested.UnixNano(), a.Body, parts}
	if !old.id.Valid {
		if _, err := t.exec(t.s.insertArticle, append(append([]any{id, a.Key()}, textArgs...),
			hash, nullID(story), nullID(dup))...); err != nil {
			return 0, err
		}
		a.ID = id
		t.reindex = append(t.reindex, id)
		a.Version = 1
	} else {
		outcome = storyline.Revised
		a.ID = old.id.Int64
		if err := t.unindex(a.ID); err != nil {
			return 0, fmt.Errorf("unindex version %d: %w", old.version, err)
		}
		if _, err := t.exec(t.s.archiveVersion, a.ID); err != nil {
			return 0, fmt.Errorf("keep version %d: %w", old.version, err)
		}
		args := append(textArgs, hash, nullID(story), nullID(dup), a.ID)
		if err := t.queryRow(t.s.updateArticle, args...).Scan(&a.Version); err != nil {
			return 0, err
		}
	}
	a.Story, a.DuplicateOf = story, dup

	if change != nil {
		if err := t.applyChange(a, change); err != nil {
			return 0, err
		}
	}
	if err := t.count(a, story, old.story.Int64, outcome == storyline.Added && (change == nil || len(change.Merged) == 0)); err != nil {
		return 0, err
	}
	return outcome, nil
}

// checkStory makes sure that an article may join story: the next story id
// (the row is created), or a live story. With changed, the change is
// counted in the story version.
func (t *saveTx) checkStory(story, next int64, title string, changed bool) error {
	if story == next {
		if _, err := t.exec(t.s.createStory, story, title); err != nil {
			return fmt.Errorf("create story %d: %w", story, err)
		}
	} else {
		var into sql.NullInt64
		err := t.queryRow(t.s.storyState, story).Scan(&into)
		if errors.Is(err, sql.ErrNoRows) || (err == nil && into.Valid) {
			// An id the store never gave, or a story merged away: the
			// decider's view is not the database's.
			return fmt.Errorf("story %d: %w", story, storyline.ErrStaleView)
		} else if err != nil {
			return fmt.Errorf("story %d: %w", story, err)
		}
	}
	if changed {
		if _, err := t.exec(t.s.bumpVersion); err != nil {
			return fmt.Errorf("story version: %w", err)
		}
	}
	return nil
}

// count brings the counts of the stories a save touched up to date: the
// article's story now and, when a revision moved it, the one it left. A new
// article that merged nothing is added to its story's counts; anything else
// recounts from the articles.
func (t *saveTx) count(a *storyline.Article, story, before int64, added bool) error {
	if story != 0 && added {
		at := nanos(a.Published)
		if !at.Valid {
			at = nanos(a.Ingested)
		}
		if _, err := t.exec(t.s.addToStory, story, a.ID, at.Int64, nullID(a.DuplicateOf), a.Source, a.Title); err != nil {
			return fmt.Errorf("count story %d: %w", story, err)
		}
		return nil
	}
	for _, id := range touchedStories(story, before) {
		if _, err := t.exec(t.s.recountStory, id); err != nil {
			return fmt.Errorf("count story %d: %w", id, err)
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

	var terms sql.NullString
	if len(change.Terms) > 0 {
		buf, err := json.Marshal(change.Terms)
		if err != nil {
			return err
		}
		terms = sql.NullString{String: string(buf), Valid: true}
	}
	if _, err := t.exec(t.s.putAssignment, a.ID, change.Story, change.Score, change.Reason, terms); err != nil {
		return fmt.Errorf("assign: %w", err)
	}

	f := change.Features
	f.Article, f.Story = a.ID, change.Story
	if f.DuplicateOf == 0 {
		f.DuplicateOf = a.DuplicateOf
	}
	if f.Source == "" {
		f.Source = a.Source
	}
	published := nanos(f.Published)
	if !published.Valid {
		published = nanos(a.Published)
	}
	if !published.Valid {
		published = nanos(a.Ingested)
	}
	data, err := encodeFeatures(make([]byte, 0, 256), &f, t.termID)
	if err != nil {
		return fmt.Errorf("features: %w", err)
	}
	if _, err := t.exec(t.s.putFeatures, a.ID, change.Story, published.Int64, data); err != nil {
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
	for _, stmt := range []*sql.Stmt{t.s.mergeFeatures, t.s.mergeAssignments, t.s.mergeArticles,
		t.s.markMerged, t.s.repointMerged} {
		if _, err := t.exec(stmt, into, from); err != nil {
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
