package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
	"time"
)

// Group commit: every article is written inside its own savepoint, so it is
// stored whole or not at all, and the savepoints of consecutive articles
// share one transaction that commits after GroupSize articles or GroupDelay,
// whichever comes first (and on Flush and Close). A crash loses at most the
// last uncommitted group — never part of an article — and ingesting the same
// input again completes it. Committing per group rather than per article
// makes bulk ingest several times faster, since most of a commit's cost is
// writing the same index pages again.
const (
	// DefaultGroupSize is the number of articles committed together.
	DefaultGroupSize = 256
	// DefaultGroupDelay is the longest an article waits to be committed.
	DefaultGroupDelay = 200 * time.Millisecond
)

// group is the write transaction that articles' savepoints share.
type group struct {
	mu      sync.Mutex
	tx      *sql.Tx
	n       int       // articles written in tx
	started time.Time // when tx began
	terms   map[string]uint64
	timer   *time.Timer
	// reindex and unindexed are the search index work of the group's
	// articles, done just before it commits (see saveTx.reindex).
	reindex   []int64
	indexed   map[int64]bool
	unindexed []ftsRow
}

// ftsRow is text to remove from the search index.
type ftsRow struct {
	id          int64
	title, body string
}

// indexes reports whether the article's text is waiting to be indexed when
// the group commits.
func (g *group) indexes(id int64) bool {
	return g.indexed[id]
}

// begin returns the open group transaction, beginning one when needed. The
// transaction does not take the caller's context: cancelling one request
// must not roll back the articles of others.
func (db *DB) begin() (*sql.Tx, error) {
	g := &db.group
	if g.tx != nil {
		return g.tx, nil
	}
	tx, err := db.write.BeginTx(context.Background(), nil)
	if err != nil {
		return nil, err
	}
	g.tx, g.n, g.started = tx, 0, time.Now()
	return tx, nil
}

// released records a released savepoint and commits the group when it is
// full or old enough; otherwise it makes sure a timer will commit it.
func (db *DB) released(t *saveTx, wrote bool) error {
	g := &db.group
	g.unindexed = append(g.unindexed, t.unindexed...)
	for _, id := range t.reindex {
		if g.indexed == nil {
			g.indexed = map[int64]bool{}
		}
		if !g.indexed[id] {
			g.indexed[id] = true
			g.reindex = append(g.reindex, id)
		}
	}
	for k, v := range t.newTerms {
		if g.terms == nil {
			g.terms = map[string]uint64{}
		}
		g.terms[k] = v
	}
	if wrote {
		g.n++
	}
	if g.n >= db.GroupSize || time.Since(g.started) >= db.GroupDelay {
		return db.commitGroup()
	}
	if g.timer == nil {
		g.timer = time.AfterFunc(db.GroupDelay, func() {
			g.mu.Lock()
			defer g.mu.Unlock()
			g.timer = nil
			db.commitGroup() // a failure here shows on the next save or Flush
		})
	}
	return nil
}

// commitGroup commits the open group, if any. Callers hold group.mu.
func (db *DB) commitGroup() error {
	g := &db.group
	if g.tx == nil {
		return nil
	}
	err := db.index(g)
	if err == nil {
		err = g.tx.Commit()
	}
	if err == nil {
		db.terms.add(g.terms)
	} else {
		g.tx.Rollback()
		err = fmt.Errorf("commit %d articles: %w", g.n, err)
	}
	db.reset(g)
	if g.timer != nil {
		g.timer.Stop()
		g.timer = nil
	}
	return err
}

// Flush commits the articles saved but not yet committed, so that other
// connections and processes see them.
func (db *DB) Flush(ctx context.Context) error {
	db.group.mu.Lock()
	defer db.group.mu.Unlock()
	return db.commitGroup()
}

// savepoint runs fn inside a savepoint of the group transaction: what fn
// wrote is kept when it succeeds and undone when it fails.
func (db *DB) savepoint(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := db.begin()
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `SAVEPOINT article`); err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		// Undo the article; should that fail, drop the whole group so that
		// nothing half-written can ever commit.
		if _, rerr := tx.Exec(`ROLLBACK TO article`); rerr != nil {
			db.abortGroup()
		} else if _, rerr := tx.Exec(`RELEASE article`); rerr != nil {
			db.abortGroup()
		}
		return err
	}
	if _, err := tx.ExecContext(ctx, `RELEASE article`); err != nil {
		db.abortGroup()
		return err
	}
	return nil
}

// abortGroup rolls the open group back.
func (db *DB) abortGroup() {
	g := &db.group
	if g.tx != nil {
		g.tx.Rollback()
	}
	db.reset(g)
}

// reset forgets the group's transaction and pending work.
func (db *DB) reset(g *group) {
	g.tx, g.n, g.terms = nil, 0, nil
	g.reindex, g.indexed, g.unindexed = nil, nil, nil
}

// index brings the search index up to date with the group's articles.
func (db *DB) index(g *group) error {
	ctx := context.Background()
	for _, r := range g.unindexed {
		if _, err := g.tx.StmtContext(ctx, db.stmt.ftsDelete).ExecContext(ctx, r.id, r.title, r.body); err != nil {
			return fmt.Errorf("search index: %w", err)
		}
	}
	ins := g.tx.StmtContext(ctx, db.stmt.ftsInsert)
	for _, id := range g.reindex {
		if _, err := ins.ExecContext(ctx, id); err != nil {
			return fmt.Errorf("search index: %w", err)
		}
	}
	return nil
}

// settle commits the open group before a read, so that a DB always reads
// its own writes. It costs nothing when no group is open.
func (db *DB) settle() {
	db.group.mu.Lock()
	defer db.group.mu.Unlock()
	db.commitGroup() // a failure shows on the next save or Flush
}
