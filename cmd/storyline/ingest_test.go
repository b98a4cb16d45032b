package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestIngestFeedFiles ingests the feed fixtures as files: every entry is
// read as an article, and every entry with text is stored under a key of
// its own (entries repeating an id are one report, its latest version). The
// figures are those of docs/FEEDS.md.
func TestIngestFeedFiles(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	code, out, errOut := cli(t, db, "", "ingest", "--json", "../../feed/testdata")
	var sum ingestSummary
	if err := json.Unmarshal([]byte(out), &sum); err != nil {
		t.Fatalf("exit %d, %v: %s", code, err, errOut)
	}
	// 53 entries: one repeats another's id and gives way to it, 47 are
	// stored, 4 with only a link and 1 with nothing each refused on a line.
	if sum.Read != 52 || sum.Added != 47 || sum.Failed != 5 {
		t.Errorf("summary %+v, want 52 read, 47 added, 5 failed", sum)
	}
	if n := strings.Count(errOut, "\n"); n != 5 || strings.Count(errOut, "only a link") != 4 {
		t.Errorf("want 5 error lines, 4 for entries with only a link:\n%s", errOut)
	}
	code, out, _ = cli(t, db, "", "ingest", "--json", "../../feed/testdata")
	if err := json.Unmarshal([]byte(out), &sum); err != nil || sum.Added != 0 || sum.Revised != 0 {
		t.Errorf("second ingest (exit %d): %+v, want nothing new", code, sum)
	}
}

// TestIngestStopsOnSignal sends SIGTERM to an ingest waiting on a named pipe
// no one writes to: it stops at once, keeping what it had stored.
func TestIngestStopsOnSignal(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns processes")
	}
	dir := t.TempDir()
	good := filepath.Join(dir, "good.txt")
	if err := os.WriteFile(good, []byte("Tram line reopens\n\nThe number 4 tram line in Ostrava Nova reopened on Friday after repairs.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(dir, "pipe.txt")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	db := filepath.Join(dir, "s.db")
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "STORYLINE_TEST_RUN="+strings.Join([]string{"ingest", "--db", db, "--quiet", good, fifo}, "\x1f"))
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	// Wait for the good file to be stored: the ingest then waits on the pipe.
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		if _, err := os.Stat(db); err == nil && len(exportRows(t, db)) == 1 {
			break
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatal("the good file was not stored within 20 s")
		}
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		cmd.Process.Kill()
		t.Fatal("ingest still running 5 s after SIGTERM")
	}
	if code := cmd.ProcessState.ExitCode(); code != 1 || !strings.Contains(stderr.String(), "interrupted") {
		t.Errorf("exit %d, stderr %q; want 1 and one line saying it was interrupted", code, stderr.String())
	}
	if rows := exportRows(t, db); len(rows) != 1 {
		t.Errorf("%d articles kept, want the 1 stored before the signal", len(rows))
	}
}

// TestIngestEndlessDevice gives /dev/zero: refused on one line at the
// document limit, at once, not read until memory runs out.
func TestIngestEndlessDevice(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero")
	}
	db := filepath.Join(t.TempDir(), "s.db")
	done := make(chan struct{})
	var code int
	var errOut string
	go func() {
		defer close(done)
		code, _, errOut = cli(t, db, "", "ingest", "--quiet", "/dev/zero")
	}()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("ingest /dev/zero did not return within 30 s")
	}
	if code != 1 || strings.Count(errOut, "\n") != 1 || !strings.Contains(errOut, "limit") {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
}
