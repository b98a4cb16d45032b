// Package postgres implements storyline.Store on PostgreSQL (pgx), for
// several storyline processes — servers and ingests — sharing one database:
// numbered SQL migrations embedded and run at start under an advisory lock,
// one transaction per article, story ids given under a clustering lease
// (a transaction-level advisory lock), full-text search on a tsvector with
// a GIN index.
//
// A store lives in the first schema of the connection's search_path (public
// unless the URL sets search_path=...), and its advisory locks are keyed by
// that schema, so one database may hold several independent stores.
package postgres

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/storyline-news/storyline"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// ConnectTimeout bounds each attempt to connect when the URL sets no
// connect_timeout: an unreachable server is an error within seconds, not
// a hang.
const ConnectTimeout = 5 * time.Second

// The classes of the store's advisory locks (the first key of the
// two-key form; the second is a hash of the store's schema).
const (
	// migrateLock is held while migrations run.
	migrateLock = 0x53544c01
	// leaseLock is the clustering lease: held from the reading of a
	// SaveState to the commit of the article.
	leaseLock = 0x53544c02
)

// DB is a storyline.Store backed by a PostgreSQL database. It is safe for
// concurrent use, by several processes too.
type DB struct {
	pool   *pgxpool.Pool
	where  string // host:port/database, for messages
	schema string
	// origin names this handle in the notifications of its saves.
	origin string
}

var _ storyline.Store = (*DB)(nil)

// IsURL reports whether s names a PostgreSQL database (a postgres:// or
// postgresql:// URL) rather than a file.
func IsURL(s string) bool {
	scheme, _, ok := strings.Cut(s, "://")
	scheme = strings.ToLower(scheme)
	return ok && (scheme == "postgres" || scheme == "postgresql")
}

// Open connects to the database at url (postgres://user@host:port/db),
// creates or updates the store's tables in its schema, and returns the
// store. A server that cannot be reached or refuses is an error after at
// most ConnectTimeout (unless the URL sets connect_timeout); Open never
// retries.
func Open(ctx context.Context, url string) (*DB, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		// pgx's message may quote the URL, password included.
		return nil, storyline.Errorf(storyline.EINVALID, "PostgreSQL URL: not a valid postgres://user@host:port/database URL")
	}
	if cfg.ConnConfig.ConnectTimeout == 0 {
		cfg.ConnConfig.ConnectTimeout = ConnectTimeout
	}
	where := fmt.Sprintf("%s:%d/%s", cfg.ConnConfig.Host, cfg.ConnConfig.Port, cfg.ConnConfig.Database)
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("PostgreSQL at %s: %w", where, oneLine(err))
	}
	db := &DB{pool: pool, where: where, origin: newOrigin()}
	if err := db.open(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("PostgreSQL at %s: %w", where, oneLine(err))
	}
	return db, nil
}

// open checks the connection and the schema, then migrates.
func (db *DB) open(ctx context.Context) error {
	var schema *string
	if err := db.pool.QueryRow(ctx, `SELECT current_schema()`).Scan(&schema); err != nil {
		return oneLine(err)
	}
	if schema == nil {
		return errors.New("no schema of the search_path exists: create it, or set search_path to one that does")
	}
	db.schema = *schema
	return db.migrate(ctx)
}

// oneLine puts a driver error on one line: the user sees one line. Of a
// failed connection it keeps the reason: what the server said, or why the
// last attempt failed (pgx tries TLS and then plain text, each address of
// a host name, and lists them all).
func oneLine(err error) error {
	if _, done := err.(flatError); done {
		return err
	}
	var ce *pgconn.ConnectError
	if errors.As(err, &ce) {
		var pe *pgconn.PgError
		if errors.As(err, &pe) {
			return flatError{msg: "the server refused: " + pe.Message, err: err}
		}
		lines := strings.Split(strings.TrimSpace(err.Error()), "\n")
		return flatError{msg: "cannot connect: " + strings.TrimSpace(lines[len(lines)-1]), err: err}
	}
	if msg := err.Error(); strings.ContainsAny(msg, "\n\t") {
		return flatError{msg: strings.Join(strings.Fields(msg), " "), err: err}
	}
	return err
}

// flatError is an error with its message on one line.
type flatError struct {
	msg string
	err error
}

func (e flatError) Error() string { return e.msg }
func (e flatError) Unwrap() error { return e.err }

// Where names the database for messages: host:port/database (never the
// password).
func (db *DB) Where() string { return db.where }

// Close releases the connections. The DB must not be used afterwards.
func (db *DB) Close() error {
	db.pool.Close()
	return nil
}

// Flush does nothing: every article is committed in its own transaction
// before SaveArticle returns.
func (db *DB) Flush(context.Context) error { return nil }

// migrate applies, in file-name order, each embedded migration not yet
// recorded in the migrations table, each in its own transaction, holding
// an advisory lock so that processes starting at once take turns: the
// first applies them, the others find them applied.
func (db *DB) migrate(ctx context.Context) error {
	names, err := fs.Glob(migrationFS, "migrations/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)
	conn, err := db.pool.Acquire(ctx)
	if err != nil {
		return oneLine(err)
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock($1, hashtext(current_schema()))`, migrateLock); err != nil {
		return fmt.Errorf("migration lock: %w", err)
	}
	defer conn.Exec(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1, hashtext(current_schema()))`, migrateLock)

	if _, err := conn.Exec(ctx, `CREATE TABLE IF NOT EXISTS migrations (
		name    text        PRIMARY KEY,
		applied timestamptz NOT NULL
	)`); err != nil {
		return fmt.Errorf("create migrations table: %w", err)
	}
	for _, name := range names {
		if err := migrateFile(ctx, conn.Conn(), name); err != nil {
			return fmt.Errorf("migration %s: %w", name, err)
		}
	}
	return nil
}

// migrateFile applies one migration unless it is recorded as applied.
func migrateFile(ctx context.Context, conn *pgx.Conn, name string) error {
	return pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
		var done bool
		if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM migrations WHERE name = $1)`, name).Scan(&done); err != nil || done {
			return err
		}
		buf, err := fs.ReadFile(migrationFS, name)
		if err != nil {
			return err
		}
		// Without arguments the statements go as one simple query.
		if _, err := tx.Exec(ctx, string(buf)); err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `INSERT INTO migrations (name, applied) VALUES ($1, now())`, name)
		return err
	})
}

// Resolve returns the id of the live story that id stands for, following
// merged_into links, or ENOTFOUND for an unknown id.
func (db *DB) Resolve(ctx context.Context, id int64) (int64, error) {
	// Merges re-point older merged stories at the new target, so chains are
	// one link long; the bound only guards against damaged data.
	for range 64 {
		var into *int64
		err := db.pool.QueryRow(ctx, `SELECT merged_into FROM stories WHERE id = $1`, id).Scan(&into)
		if errors.Is(err, pgx.ErrNoRows) {
			return 0, storyline.Errorf(storyline.ENOTFOUND, "Story %d not found.", id)
		} else if err != nil {
			return 0, fmt.Errorf("resolve story %d: %w", id, err)
		}
		if into == nil {
			return id, nil
		}
		id = *into
	}
	return 0, fmt.Errorf("resolve story %d: merge chain too long", id)
}

// The range of times stored; others are as good as unknown (a date parsed
// as year 3000), as in the SQLite store.
var (
	minTime = time.Unix(0, math.MinInt64)
	maxTime = time.Unix(0, math.MaxInt64)
)

// timeArg is a time as a query argument: nil (NULL) for the zero time and
// for times out of range, else the time in UTC to the microsecond, which
// is what timestamptz keeps.
func timeArg(t time.Time) any {
	if t.IsZero() || t.Before(minTime) || t.After(maxTime) {
		return nil
	}
	return t.UTC().Truncate(time.Microsecond)
}

// fromTime is a scanned nullable time in UTC; NULL gives the zero time.
func fromTime(t *time.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return t.UTC()
}

// idArg stores a zero id (no story, no original) as NULL.
func idArg(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// fromID is a scanned nullable id; NULL gives 0.
func fromID(id *int64) int64 {
	if id == nil {
		return 0
	}
	return *id
}

// limitArg turns a Filter's limit into a LIMIT argument: 0 means all (NULL).
func limitArg(f storyline.Filter) any {
	if f.Limit <= 0 {
		return nil
	}
	return f.Limit
}
