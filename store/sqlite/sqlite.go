// Package sqlite implements storyline.Store on an embedded SQLite database
// (modernc.org/sqlite, pure Go): WAL journal, numbered SQL migrations
// embedded in the binary, one transaction per article, FTS5 search.
//
// A DB holds two connection pools on the same file: one connection that
// writes (SQLite allows one writer at a time, so a single connection avoids
// lock contention and lets prepared statements be reused), and a pool of
// read-only connections that WAL lets run alongside the writer.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"time"

	"github.com/storyline-news/storyline"

	_ "modernc.org/sqlite" // registers the "sqlite" database/sql driver
)

//go:embed migration/*.sql
var migrationFS embed.FS

// busyTimeout is how long a connection waits for a lock held by another
// connection (or process) before giving up with SQLITE_BUSY.
const busyTimeout = 10 * time.Second

// DB is a storyline.Store backed by one SQLite file. It is safe for
// concurrent use; writes are serialised, reads run in parallel with them.
type DB struct {
	path  string
	write *sql.DB // one connection: every write goes through it
	read  *sql.DB // read-only connections

	stmt  writeStmts
	terms termCache
	group group

	// GroupSize and GroupDelay bound how many articles, and for how long,
	// share one commit (see DefaultGroupSize). GroupSize 1 commits every
	// article on its own. Set them before the DB is shared.
	GroupSize  int
	GroupDelay time.Duration
}

var _ storyline.Store = (*DB)(nil)

// Open opens the database at path, creating the file and its parent
// directories when missing, and brings its schema up to date.
func Open(ctx context.Context, path string) (*DB, error) {
	if path == "" || path == ":memory:" {
		return nil, storyline.Errorf(storyline.EINVALID, "sqlite: a database file path is required")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	if err := os.MkdirAll(filepath.Dir(abs), 0o755); err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	db := &DB{path: abs, GroupSize: DefaultGroupSize, GroupDelay: DefaultGroupDelay}
	if err := db.open(ctx); err != nil {
		db.closePools()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	return db, nil
}

// open sets up the writer, migrates, then sets up the readers and the
// prepared statements.
func (db *DB) open(ctx context.Context) error {
	var err error
	if db.write, err = sql.Open("sqlite", dsn(db.path, false)); err != nil {
		return err
	}
	db.write.SetMaxOpenConns(1)
	db.write.SetMaxIdleConns(1)
	db.write.SetConnMaxLifetime(0)
	db.write.SetConnMaxIdleTime(0)
	if err := db.write.PingContext(ctx); err != nil {
		return err
	}
	if err := db.migrate(ctx); err != nil {
		return err
	}

	if db.read, err = sql.Open("sqlite", dsn(db.path, true)); err != nil {
		return err
	}
	readers := max(4, runtime.GOMAXPROCS(0))
	db.read.SetMaxOpenConns(readers)
	db.read.SetMaxIdleConns(readers)
	if err := db.read.PingContext(ctx); err != nil {
		return err
	}
	return db.stmt.prepare(ctx, db.write)
}

// dsn returns the driver's data source name for the file: a file: URI (so
// that any character in the path is safe) with the connection pragmas.
// Writers start their transactions with BEGIN IMMEDIATE, so that two
// processes never deadlock upgrading a read lock.
func dsn(path string, readOnly bool) string {
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", busyTimeout.Milliseconds()))
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "synchronous(NORMAL)")
	if readOnly {
		q.Add("_pragma", "query_only(1)")
	} else {
		q.Add("_pragma", "journal_mode(WAL)")
		q.Add("_pragma", "temp_store(MEMORY)")
		q.Set("_txlock", "immediate")
	}
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(path)}
	// url.URL writes "file:///abs/path"; SQLite accepts that form.
	return u.String() + "?" + q.Encode()
}

// Path returns the absolute path of the database file.
func (db *DB) Path() string { return db.path }

// Close checkpoints the write-ahead log into the database file and releases
// the connections. The DB must not be used afterwards.
func (db *DB) Close() error {
	var errs []error
	db.group.mu.Lock()
	errs = append(errs, db.commitGroup())
	db.group.mu.Unlock()
	if db.read != nil {
		errs = append(errs, db.read.Close())
	}
	errs = append(errs, db.stmt.close())
	if db.write != nil {
		// Readers are closed, so a TRUNCATE checkpoint can complete and
		// leave an empty -wal file behind.
		if _, err := db.write.Exec(`PRAGMA optimize`); err != nil {
			errs = append(errs, err)
		}
		if _, err := db.write.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
			errs = append(errs, err)
		}
		errs = append(errs, db.write.Close())
	}
	db.read, db.write = nil, nil
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("close %s: %w", db.path, err)
	}
	return nil
}

// closePools releases whatever a failed Open had set up.
func (db *DB) closePools() {
	db.stmt.close()
	if db.read != nil {
		db.read.Close()
	}
	if db.write != nil {
		db.write.Close()
	}
}

// migrate applies, in file-name order, each embedded migration not yet
// recorded in the migrations table, each in its own transaction.
func (db *DB) migrate(ctx context.Context) error {
	names, err := fs.Glob(migrationFS, "migration/*.sql")
	if err != nil {
		return err
	}
	// Opening a current database must not wait for the write lock, which
	// another process (a server, an ingest) may hold for a while.
	if db.applied(ctx, names) {
		return nil
	}
	if _, err := db.write.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS migrations (
		name    TEXT PRIMARY KEY,
		applied INTEGER NOT NULL
	)`); err != nil {
		return fmt.Errorf("create migrations table: %w", err)
	}
	sort.Strings(names)
	for _, name := range names {
		if err := db.migrateFile(ctx, name); err != nil {
			return fmt.Errorf("migration %s: %w", name, err)
		}
	}
	return nil
}

// applied reports whether every named migration is recorded, reading
// without a write lock; any error means "not known to be applied".
func (db *DB) applied(ctx context.Context, names []string) bool {
	rows, err := db.write.QueryContext(ctx, `SELECT name FROM migrations`)
	if err != nil {
		return false
	}
	defer rows.Close()
	done := map[string]bool{}
	for rows.Next() {
		var n string
		if rows.Scan(&n) != nil {
			return false
		}
		done[n] = true
	}
	for _, n := range names {
		if !done[n] {
			return false
		}
	}
	return rows.Err() == nil
}

// migrateFile applies one migration unless it is recorded as applied.
func (db *DB) migrateFile(ctx context.Context, name string) error {
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()

	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM migrations WHERE name = ?`, name).Scan(&n); err != nil {
		return err
	} else if n > 0 {
		return nil
	}
	buf, err := fs.ReadFile(migrationFS, name)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, string(buf)); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO migrations (name, applied) VALUES (?, ?)`,
		name, time.Now().UnixNano()); err != nil {
		return err
	}
	return tx.Commit()
}

// Resolve returns the id of the live story that id stands for, following
// merged_into links, or ENOTFOUND for an unknown id.
func (db *DB) Resolve(ctx context.Context, id int64) (int64, error) {
	db.settle()
	// Merges re-point older merged stories at the new target, so chains are
	// one link long; the bound only guards against a damaged file.
	for range 64 {
		var into sql.NullInt64
		err := db.read.QueryRowContext(ctx, `SELECT merged_into FROM stories WHERE id = ?`, id).Scan(&into)
		if errors.Is(err, sql.ErrNoRows) {
			return 0, storyline.Errorf(storyline.ENOTFOUND, "Story %d not found.", id)
		} else if err != nil {
			return 0, fmt.Errorf("resolve story %d: %w", id, err)
		}
		if !into.Valid {
			return id, nil
		}
		id = into.Int64
	}
	return 0, fmt.Errorf("resolve story %d: merge chain too long", id)
}

// The range of times that unix nanoseconds can hold (years 1678 to 2262).
var (
	minTime = time.Unix(0, math.MinInt64)
	maxTime = time.Unix(0, math.MaxInt64)
)

// nanos converts a time to its stored form: unix nanoseconds, or NULL for
// the zero time and for times unix nanoseconds cannot hold (a date parsed
// as year 3000 is as good as unknown).
func nanos(t time.Time) sql.NullInt64 {
	if t.IsZero() || t.Before(minTime) || t.After(maxTime) {
		return sql.NullInt64{}
	}
	return sql.NullInt64{Int64: t.UnixNano(), Valid: true}
}

// fromNanos converts a stored time back, in UTC; NULL gives the zero time.
func fromNanos(n sql.NullInt64) time.Time {
	if !n.Valid {
		return time.Time{}
	}
	return time.Unix(0, n.Int64).UTC()
}

// nullID stores a zero id (no story, no original) as NULL.
func nullID(id int64) sql.NullInt64 {
	return sql.NullInt64{Int64: id, Valid: id != 0}
}

// limitOffset turns a Filter's paging into SQL LIMIT and OFFSET values:
// Limit 0 means all.
func limitOffset(f storyline.Filter) (int, int) {
	limit := f.Limit
	if limit <= 0 {
		limit = -1
	}
	return limit, max(f.Offset, 0)
}
