// Package pgtest gives tests an empty PostgreSQL store of their own on the
// throwaway server that STORYLINE_TEST_POSTGRES names (.ci/run starts one),
// and skips them, saying why, when the variable is not set: a developer
// without PostgreSQL still runs `go test ./...`.
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"testing"

	"github.com/jackc/pgx/v5"
)

// Variable is the environment variable that names the test server.
const Variable = "STORYLINE_TEST_POSTGRES"

// URL returns the test server's URL, or skips the test when Variable is
// not set.
func URL(t testing.TB) string {
	t.Helper()
	u := os.Getenv(Variable)
	if u == "" {
		t.Skip(Variable + " is not set: set it to the postgres://user@host:port/db URL of a throwaway server to run the PostgreSQL tests (.ci/run starts one)")
	}
	return u
}

// Schema creates an empty schema on the test server, dropped with all it
// holds when the test ends, and returns the URL of a store in it (the
// server's URL with search_path set), or skips the test when Variable is
// not set.
func Schema(t testing.TB) string {
	t.Helper()
	base := URL(t)
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("%s: not a URL", Variable)
	}
	buf := make([]byte, 6)
	rand.Read(buf)
	schema := "storyline_test_" + hex.EncodeToString(buf)
	if err := exec(base, `CREATE SCHEMA `+schema); err != nil {
		t.Fatalf("create schema on %s: %v", Variable, err)
	}
	t.Cleanup(func() {
		if err := exec(base, `DROP SCHEMA `+schema+` CASCADE`); err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
		}
	})
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// exec runs one statement on a connection of its own.
func exec(url, sql string) error {
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	_, err = conn.Exec(ctx, sql)
	return err
}
