package source

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// readWithin runs Read and fails the test if it has not returned within
// limit: these inputs once made it hang.
func readWithin(t *testing.T, ctx context.Context, limit time.Duration, paths []string) (titles, failures []string, err error) {
	t.Helper()
	done := make(chan error, 1)
	go func() {
		done <- Read(ctx, paths, Options{}, func(it Item) error {
			if it.Err != nil {
				failures = append(failures, it.Origin+": "+it.Err.Error())
			} else {
				titles = append(titles, it.Article.Title)
			}
			return nil
		})
	}()
	select {
	case err = <-done:
		return titles, failures, err
	case <-time.After(limit):
		t.Fatalf("Read(%q) did not return within %v", paths, limit)
		return nil, nil, nil
	}
}

func mkfifo(t *testing.T, path string) string {
	t.Helper()
	if err := syscall.Mkfifo(path, 0o600); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	return path
}

// TestReadFIFOWithoutWriterStops gives a named pipe no one writes to: the
// read waits, and cancelling stops it at once.
func TestReadFIFOWithoutWriterStops(t *testing.T) {
	fifo := mkfifo(t, filepath.Join(t.TempDir(), "pipe.txt"))
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, failures, err := readWithin(t, ctx, 5*time.Second, []string{fifo})
	if !errors.Is(err, context.DeadlineExceeded) || len(failures) != 0 {
		t.Errorf("err %v, failures %q; want the context's error", err, failures)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("stopped after %v", d)
	}
}

// TestReadFIFOWithSlowWriterStops cancels while a writer holds the pipe
// open without writing: the pending read is abandoned.
func TestReadFIFOWithSlowWriterStops(t *testing.T) {
	fifo := mkfifo(t, filepath.Join(t.TempDir(), "feed.jsonl"))
	go func() {
		w, err := os.OpenFile(fifo, os.O_WRONLY, 0)
		if err != nil {
			return
		}
		w.Write([]byte(`{"id":"1","title":"First line","text":"A line that arrives."}` + "\n"))
		time.Sleep(3 * time.Second)
		w.Close()
	}()
	ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
	defer cancel()
	titles, _, err := readWithin(t, ctx, 2500*time.Millisecond, []string{fifo})
	if !errors.Is(err, context.DeadlineExceeded) || len(titles) != 1 {
		t.Errorf("err %v, titles %q; want the line that came, then the context's error", err, titles)
	}
}

// TestReadEndlessInputsAreCapped reads /dev/zero and a pipe that never ends:
// each is refused on one line at the document limit, not read for ever.
func TestReadEndlessInputsAreCapped(t *testing.T) {
	fifo := mkfifo(t, filepath.Join(t.TempDir(), "endless.txt"))
	go func() {
		w, err := os.OpenFile(fifo, os.O_WRONLY, 0)
		if err != nil {
			return
		}
		defer w.Close()
		chunk := []byte(strings.Repeat("endless words ", 4096))
		for {
			if _, err := w.Write(chunk); err != nil {
				return // the reader has gone
			}
		}
	}()
	paths := []string{fifo}
	if _, err := os.Stat("/dev/zero"); err == nil {
		paths = append(paths, "/dev/zero")
	}
	_, failures, err := readWithin(t, context.Background(), 20*time.Second, paths)
	if err != nil {
		t.Fatal(err)
	}
	if len(failures) != len(paths) {
		t.Fatalf("failures %q, want one per input", failures)
	}
	for _, f := range failures {
		if !strings.Contains(f, "limit") {
			t.Errorf("failure %q does not name the limit", f)
		}
	}
}

// TestReadFolderReportsWhatItSkips puts a named pipe, links to a file, to
// a folder, to nothing and to itself in a folder: the link to a file is
// followed, and every other one is reported on a line of its own.
func TestReadFolderReportsWhatItSkips(t *testing.T) {
	dir := t.TempDir()
	outside := filepath.Join(t.TempDir(), "target.txt")
	if err := os.WriteFile(outside, []byte("Dam report\n\nThe dam at Korvell was inspected on Monday.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "own.txt"), []byte("Own report\n\nThe inspection went on.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	mkfifo(t, filepath.Join(dir, "pipe.txt"))
	links := map[string]string{"link.txt": outside, "up": "..", "self.txt": "self.txt", "gone.txt": "nowhere.txt"}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	titles, failures, err := readWithin(t, context.Background(), 10*time.Second, []string{dir})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(titles, "|") != "Dam report|Own report" {
		t.Errorf("titles %q", titles)
	}
	want := map[string]string{"pipe.txt": "not a regular file", "up": "link to a folder",
		"self.txt": "too many levels", "gone.txt": "no such file"}
	if len(failures) != len(want) {
		t.Errorf("failures %q, want %d", failures, len(want))
	}
	for name, msg := range want {
		found := false
		for _, f := range failures {
			found = found || strings.Contains(f, filepath.Join(dir, name)+": ") && strings.Contains(f, msg)
		}
		if !found {
			t.Errorf("no line for %s saying %q in %q", name, msg, failures)
		}
	}
}

func TestSizeMessages(t *testing.T) {
	for _, tt := range []struct {
		n    int64
		want string
	}{
		{10<<20 + 1, "file is 10485761 bytes, 1 over the 10485760-byte limit"},
		{12<<20 + 512<<10, "file is 12.5 MB, 2.5 MB over the 10 MB limit"},
		{40 << 20, "file is 40 MB, 30 MB over the 10 MB limit"},
	} {
		if got := tooLarge(tt.n, 10<<20).Error(); !strings.Contains(got, tt.want) {
			t.Errorf("tooLarge(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}

// TestReadStdinPipeStops cancels a read of standard input from a pipe that
// stays open and silent.
func TestReadStdinPipeStops(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	defer r.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	done := make(chan error, 1)
	go func() {
		done <- Read(ctx, []string{"-"}, Options{Stdin: r}, func(Item) error { return nil })
	}()
	select {
	case err := <-done:
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("err %v, want the context's error", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("reading a silent pipe on stdin did not stop")
	}
}
