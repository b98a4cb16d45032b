package postgres

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/storyline-news/storyline"
)

var _ storyline.ArticleWatcher = (*DB)(nil)

// notice is the payload of the notification that a save sends when it
// commits: the change, and the handle that stored it.
type notice struct {
	storyline.ArticleChange
	Origin string `json:"origin"`
}

// newOrigin names a handle in its notifications, so that it can tell its
// own from other processes'.
func newOrigin() string {
	buf := make([]byte, 8)
	rand.Read(buf)
	return hex.EncodeToString(buf)
}

// channel is the store's notification channel: one per schema, so that the
// stores in one database do not hear each other.
func channel(schema string) string {
	c := "storyline_" + schema
	if len(c) > 63 { // PostgreSQL's longest identifier
		c = c[:63]
	}
	return c
}

// notify queues, inside the save's transaction, the notification that
// PostgreSQL delivers to every listener when (and only if) it commits.
func (t *saveTx) notify(c storyline.ArticleChange) error {
	payload, err := json.Marshal(notice{ArticleChange: c, Origin: t.db.origin})
	if err != nil {
		return err
	}
	_, err = t.tx.Exec(t.ctx, `SELECT pg_notify($1, $2)`, channel(t.db.schema), string(payload))
	return err
}

// WatchArticles calls fn with each article that another handle (another
// process) adds or revises, as it commits, until ctx is done; then it
// returns ctx's error. It holds one connection of its own, LISTENing on
// the store's channel; when that connection is lost it connects again
// after a second, and what was stored meanwhile is not told.
func (db *DB) WatchArticles(ctx context.Context, fn func(storyline.ArticleChange)) error {
	for {
		db.listen(ctx, fn)
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Second):
		}
	}
}

// listen delivers notifications on one connection until it fails or ctx
// is done.
func (db *DB) listen(ctx context.Context, fn func(storyline.ArticleChange)) {
	pc, err := db.pool.Acquire(ctx)
	if err != nil {
		return
	}
	// The connection listens for good: take it out of the pool.
	conn := pc.Hijack()
	defer conn.Close(context.Background())
	if _, err := conn.Exec(ctx, `LISTEN `+pgx.Identifier{channel(db.schema)}.Sanitize()); err != nil {
		return
	}
	for {
		n, err := conn.WaitForNotification(ctx)
		if err != nil {
			return
		}
		var c notice
		if json.Unmarshal([]byte(n.Payload), &c) != nil || c.Origin == db.origin {
			continue
		}
		fn(c.ArticleChange)
	}
}
