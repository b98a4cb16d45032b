package main

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// sharedReports are reports of three unrelated events, in arrival order:
// each line says who stores it (the command line or the server).
var sharedReports = []struct{ via, line string }{
	{"cli", `{"id":"bridge-1","source":"Port Courier","published":"2026-03-02T08:00:00Z","title":"Cargo ship strikes Elling harbour bridge","text":"A cargo ship struck a pillar of the Elling harbour bridge on Monday morning, and the port authority closed the crossing while engineers inspected the damage to the bridge."}`},
	{"cli", `{"id":"orchard-1","source":"Valley Farmer","published":"2026-03-02T09:00:00Z","title":"Apple growers in Mirran valley report record harvest","text":"Apple growers across the Mirran valley picked a record harvest this autumn, the growers' cooperative said, crediting a mild spring and new irrigation."}`},
	{"server", `{"id":"library-1","source":"Town Daily","published":"2026-03-02T10:00:00Z","title":"Council approves new library for Carrow","text":"Carrow town council voted to build a new public library beside the market square, with construction to start next year and reading rooms for children."}`},
	{"server", `{"id":"bridge-2","source":"Harbour Times","published":"2026-03-02T11:00:00Z","title":"Elling harbour bridge closed after cargo ship strike","text":"The Elling harbour bridge stayed closed on Monday after a cargo ship hit one of its pillars; the port authority said engineers were inspecting the damage."}`},
	{"cli", `{"id":"orchard-2","source":"Farm Weekly","published":"2026-03-02T12:00:00Z","title":"Record apple harvest in Mirran valley","text":"The Mirran valley's apple growers had a record harvest, their cooperative said, after a mild spring and new irrigation across the valley."}`},
}

// Issue 15: with serve running, a command-line ingest and the server's
// POST /api/articles write one SQLite file in turns, and the stories must
// be those one process makes. Before the store owned story ids, the server
// opened "story 2" from its own counter after the command line had given
// that id to an unrelated report, and the two were mixed.
func TestServeAndIngestShareStories(t *testing.T) {
	dir := t.TempDir()
	shared := filepath.Join(dir, "shared.db")
	t.Setenv("STORYLINE_TOKEN", "")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out, errOut lockedBuffer
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--db", shared, "--addr", "127.0.0.1:0", "--no-poll", "--token", "secret", "--log-level", "warn"},
			strings.NewReader(""), &out, &errOut)
	}()
	defer func() {
		cancel()
		if code := <-done; code != 0 {
			t.Errorf("serve: exit %d\n%s", code, errOut.String())
		}
	}()
	addr := regexp.MustCompile(`serving (http://127\.0\.0\.1:\d+/)`)
	var url string
	for deadline := time.Now().Add(30 * time.Second); url == ""; time.Sleep(20 * time.Millisecond) {
		if m := addr.FindStringSubmatch(errOut.String()); m != nil {
			url = m[1]
		} else if time.Now().After(deadline) {
			t.Fatalf("serve did not start:\n%s", errOut.String())
		}
	}

	single := filepath.Join(dir, "single.db")
	for i, r := range sharedReports {
		file := filepath.Join(dir, fmt.Sprintf("r%d.jsonl", i))
		if err := os.WriteFile(file, []byte(r.line+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		if code, _, e := cli(t, single, "", "ingest", "--quiet", file); code != 0 {
			t.Fatalf("ingest %d into one process's db: exit %d: %s", i, code, e)
		}
		if r.via == "cli" {
			if code, _, e := cli(t, shared, "", "ingest", "--quiet", file); code != 0 {
				t.Fatalf("ingest %d beside serve: exit %d: %s", i, code, e)
			}
			continue
		}
		req, _ := http.NewRequest("POST", url+"api/articles", strings.NewReader(r.line))
		req.Header.Set("Authorization", "Bearer secret")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("POST report %d: %s", i, resp.Status)
		}
	}

	want, got := exportRows(t, single), exportRows(t, shared)
	for id, w := range want {
		if g := got[id]; g.Story != w.Story {
			t.Errorf("%s: story %d beside serve, %d in one process", id, g.Story, w.Story)
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d articles beside serve, %d in one process", len(got), len(want))
	}
	if got["library-1"].Story == got["orchard-1"].Story || got["library-1"].Story == got["bridge-1"].Story {
		t.Errorf("the server's unrelated report joined another's story: %+v", got)
	}
}
