package sqlite

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/storyline-news/storyline"
)

// writeLoop saves n articles (forever when n < 0) numbered from start, in a
// pattern that exercises every path of SaveArticle: new stories, copies,
// revisions that move an article, merges. saved, when not nil, is called
// for each save once it is committed.
func writeLoop(ctx context.Context, db *DB, start, n int, saved func(i int)) error {
	var pending []int
	for i := start; n < 0 || i < start+n; i++ {
		story := int64(i/5 + 1)
		a := loopArticle(i, story)
		change := join(story, "loop")
		if i%10 == 9 && story > 1 {
			change.Merged = []int64{story - 1}
		}
		if i%5 == 3 {
			if prev, _, err := db.Lookup(ctx, loopKey(i-1)); err == nil {
				a.DuplicateOf = prev.ID
			}
		}
		if _, err := db.SaveArticle(ctx, a, "h", decided(change)); err != nil {
			return err
		}
		if i%7 == 6 {
			// A new text of an earlier report, re-clustered into this story.
			j := i - 3
			r := loopArticle(j, int64(j/5+1))
			r.Title, r.Body = fmt.Sprintf("Report %d, updated", j), "Updated text."
			if _, err := db.SaveArticle(ctx, r, fmt.Sprint("rev", i), decided(join(story, "revised"))); err != nil {
				return err
			}
		}
		// Saves commit in groups; report them once a Flush made them durable.
		pending = append(pending, i)
		if i%4 == 3 {
			if err := db.Flush(ctx); err != nil {
				return err
			}
			for _, j := range pending {
				if saved != nil {
					saved(j)
				}
			}
			pending = pending[:0]
		}
	}
	return db.Flush(ctx)
}

// loopArticle returns article i of writeLoop, in story.
func loopArticle(i int, story int64) *storyline.Article {
	a := report(fmt.Sprint("Outlet ", i%4), fmt.Sprint("k", i), i%48,
		fmt.Sprintf("Report %d on event %d", i, story),
		fmt.Sprintf("Event %d developed further. Report number %d adds detail.", story, i))
	if i%11 == 0 {
		a.Source = "" // an outlet of its own
	}
	if i%13 == 0 {
		a.Title = ""
	}
	return a
}

// loopKey returns the key of article i of writeLoop.
func loopKey(i int) string {
	return loopArticle(i, 0).Key()
}

// TestCrashHelper is the child process of TestKillMidWrite: it writes until
// killed. It does nothing in a normal test run.
func TestCrashHelper(t *testing.T) {
	path := os.Getenv("STORYLINE_CRASH_DB")
	if path == "" {
		t.Skip("helper process for TestKillMidWrite")
	}
	start, _ := strconv.Atoi(os.Getenv("STORYLINE_CRASH_START"))
	db, err := Open(context.Background(), path)
	if err != nil {
		fmt.Println("error:", err)
		os.Exit(1)
	}
	err = writeLoop(context.Background(), db, start, -1, func(i int) {
		fmt.Println(i) // after the commit: i is durable
	})
	fmt.Println("error:", err)
	os.Exit(1)
}

// TestKillMidWrite kills a writing process with SIGKILL at arbitrary points,
// several times over, and checks after each that the database opens, passes
// its integrity checks and kept every save that had been reported committed.
func TestKillMidWrite(t *testing.T) {
	if testing.Short() {
		t.Skip("starts child processes")
	}
	path := filepath.Join(t.TempDir(), "crash.db")
	next := 0
	for round, after := range []int{20, 57, 133, 91, 5, 240, 33, 77} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestCrashHelper$", "-test.count=1")
		cmd.Env = append(os.Environ(), "STORYLINE_CRASH_DB="+path, fmt.Sprint("STORYLINE_CRASH_START=", next))
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		last, lines := -1, bufio.NewScanner(out)
		for lines.Scan() {
			i, err := strconv.Atoi(lines.Text())
			if err != nil {
				cmd.Process.Kill()
				cmd.Wait()
				t.Fatalf("round %d: child said %q", round, lines.Text())
			}
			if last = i; i >= next+after {
				break
			}
		}
		// Kill while the child is in the middle of its next transactions.
		time.Sleep(time.Duration(round%4) * time.Millisecond)
		if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		if err := cmd.Wait(); err == nil || !strings.Contains(err.Error(), "killed") {
			t.Fatalf("round %d: child ended with %v, not by the kill", round, err)
		}

		db, err := Open(context.Background(), path)
		if err != nil {
			t.Fatalf("round %d: reopen: %v", round, err)
		}
		integrity(t, db.write)
		// Every save reported before the kill is there.
		if _, _, err := db.Lookup(context.Background(), loopKey(last)); err != nil {
			t.Errorf("round %d: save %d lost: %v", round, last, err)
		}
		var n int
		db.read.QueryRow(`SELECT count(*) FROM articles`).Scan(&n)
		if n <= last {
			t.Errorf("round %d: %d articles, %d reported", round, n, last+1)
		}
		next = n
		if err := db.Close(); err != nil {
			t.Fatal(err)
		}
		if t.Failed() {
			return
		}
	}
}

// TestReadersWhileWriting runs readers on every read method while one
// writer saves, and expects no error (no SQLITE_BUSY) from either side.
func TestReadersWhileWriting(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	done := make(chan struct{})
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for r := range 4 {
		wg.Go(func() {
			for n := 0; ; n++ {
				select {
				case <-done:
					return
				default:
				}
				var err error
				switch (n + r) % 5 {
				case 0:
					_, err = db.Stories(ctx, storyline.Filter{Limit: 20})
				case 1:
					_, err = db.Search(ctx, "event report", 10)
				case 2:
					err = db.Features(ctx, time.Time{}, func(storyline.Features) error { return nil })
				case 3:
					_, err = db.Articles(ctx, storyline.Filter{Story: int64(n%50 + 1)})
				case 4:
					_, err = db.Assignments(ctx, int64(n%50+1))
				}
				if err != nil {
					errs <- err
					return
				}
			}
		})
	}
	if err := writeLoop(ctx, db, 0, 250, nil); err != nil {
		t.Error(err)
	}
	close(done)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	integrity(t, db.write)
}
