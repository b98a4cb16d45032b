package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestMain lets a test run this binary as the storyline command, so that a
// real ingest process can be killed.
func TestMain(m *testing.M) {
	if args := os.Getenv("STORYLINE_TEST_RUN"); args != "" {
		// As main does: SIGINT and SIGTERM cancel the command's context.
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		code := run(ctx, strings.Split(args, "\x1f"), os.Stdin, os.Stdout, os.Stderr)
		stop()
		os.Exit(code)
	}
	os.Exit(m.Run())
}

// writeWire writes n invented wire items about n/5 events as JSON lines.
func writeWire(t *testing.T, path string, n int) {
	t.Helper()
	var b strings.Builder
	places := []string{"Arlen", "Bosk", "Corrin", "Dunmere", "Eskar", "Falkirr", "Gorran", "Hestle"}
	for i := range n {
		ev := i / 5
		place := places[ev%len(places)]
		fmt.Fprintf(&b, `{"id":"item-%05d","title":"Council of %s votes on plan %d","text":"The council of %s voted on plan number %d on Monday, reporter %d wrote. Residents of %s gathered outside to hear the result of the vote on plan %d, which concerns the harbour and %d new homes.","source":"Outlet %d","published":"2026-04-%02dT%02d:00:00Z"}`+"\n",
			i, place, ev, place, ev, i, place, ev, ev*10, i%7, 1+ev%28, i%24)
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestKilledIngestCompletesOnRetry(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns processes")
	}
	dir := t.TempDir()
	wire := filepath.Join(dir, "wire.jsonl")
	const n = 3000
	writeWire(t, wire, n)
	db := filepath.Join(dir, "s.db")

	for round := range 3 {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), "STORYLINE_TEST_RUN="+strings.Join([]string{"ingest", "--db", db, "--quiet", wire}, "\x1f"))
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(300+200*round) * time.Millisecond)
		if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		cmd.Wait()
	}
	code, _, errOut := cli(t, db, "", "ingest", "--quiet", wire)
	if code != 0 {
		t.Fatalf("ingest after kills: exit %d: %s", code, errOut)
	}
	rows := exportRows(t, db) // fails on an article exported twice
	if len(rows) != n {
		t.Fatalf("after kills and a retry: %d articles, want %d", len(rows), n)
	}
	for id, r := range rows {
		if r.Story == 0 {
			t.Fatalf("article %s has no story", id)
		}
	}
}
