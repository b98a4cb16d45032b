package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/store/postgres/pgtest"
	"github.com/storyline-news/storyline/store/sqlite"
)

// cli runs storyline with args against a database in dir and returns its
// exit status, stdout and stderr.
func cli(t *testing.T, db string, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	full := append([]string{args[0], "--db", db}, args[1:]...)
	code := run(context.Background(), full, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

func exportRows(t *testing.T, db string) map[string]exportRow {
	t.Helper()
	code, out, errOut := cli(t, db, "", "export", "--format", "jsonl")
	if code != 0 {
		t.Fatalf("export: exit %d: %s", code, errOut)
	}
	rows := map[string]exportRow{}
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		var r exportRow
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("export line %q: %v", sc.Text(), err)
		}
		if _, dup := rows[r.ID]; dup {
			t.Fatalf("article %s exported twice", r.ID)
		}
		rows[r.ID] = r
	}
	return rows
}

func TestIngestGroupsStoriesAndIsIdempotent(t *testing.T) {
	testIngestGroups(t, filepath.Join(t.TempDir(), "s.db"))
}

// The same on PostgreSQL: --db postgres://... selects it for every command.
func TestIngestGroupsStoriesOnPostgres(t *testing.T) {
	db := pgtest.Schema(t)
	testIngestGroups(t, db)
	code, out, errOut := cli(t, db, "", "stories", "--json")
	var list []storyline.Story
	if err := json.Unmarshal([]byte(out), &list); code != 0 || err != nil || len(list) != 3 {
		t.Errorf("stories: exit %d, %d stories, %v %s; want 3", code, len(list), err, errOut)
	}
	code, out, errOut = cli(t, db, "", "search", "--json", "ferry")
	if code != 0 || !strings.Contains(out, `"story"`) {
		t.Errorf("search ferry: exit %d, %s %s", code, out, errOut)
	}
	// The store's match markers are for pages: JSON and the terminal get
	// plain text and guillemets.
	if strings.Contains(out, `\u0002`) || strings.ContainsAny(out, "\x02\x03") {
		t.Errorf("search --json snippet holds match markers: %s", out)
	}
	if _, out, _ = cli(t, db, "", "search", "ferry"); !strings.Contains(out, "«") || strings.Contains(out, `\x02`) {
		t.Errorf("search ferry: matches not marked for the terminal: %s", out)
	}
}

func testIngestGroups(t *testing.T, db string) {
	code, out, errOut := cli(t, db, "", "ingest", "--json", "--source", "Test Desk", "testdata/reports")
	if code != 0 {
		t.Fatalf("ingest: exit %d\n%s", code, errOut)
	}
	var sum ingestSummary
	if err := json.Unmarshal([]byte(out), &sum); err != nil {
		t.Fatalf("ingest --json output %q: %v", out, err)
	}
	if sum.Added != 6 || sum.Failed != 0 {
		t.Fatalf("summary = %+v, want 6 added", sum)
	}
	rows := exportRows(t, db)
	same := func(a, b string) bool { return rows[a].Story == rows[b].Story }
	if !same("01_lantern.txt", "02_lantern.txt") || !same("03_orchard.txt", "04_orchard.txt") || !same("w-1", "w-2") {
		t.Errorf("reports of one event split across stories: %+v", rows)
	}
	if same("01_lantern.txt", "03_orchard.txt") || same("03_orchard.txt", "w-1") {
		t.Errorf("different events share a story: %+v", rows)
	}
	if rows["w-1"].Source != "Coastline Wire" || rows["01_lantern.txt"].Source != "Test Desk" {
		t.Errorf("sources: %q, %q", rows["w-1"].Source, rows["01_lantern.txt"].Source)
	}

	// The same input again adds nothing.
	code, out, _ = cli(t, db, "", "ingest", "--json", "--source", "Test Desk", "testdata/reports")
	if err := json.Unmarshal([]byte(out), &sum); err != nil || code != 0 || sum.Added != 0 || sum.Unchanged != 6 {
		t.Fatalf("re-ingest: exit %d, summary %+v", code, sum)
	}
	// The same URL with changed text is a new version, not a new article.
	changed := `{"id":"w-1","title":"Ferry strike halts island crossings","text":"Crews on the Selmar island ferries walked out on Thursday over pay. The union now says the strike will last 72 hours.","source":"Coastline Wire","published":"2026-03-05T09:00:00Z","url":"https://coastline.example/ferry-strike"}`
	code, out, _ = cli(t, db, changed, "ingest", "--json", "-")
	if err := json.Unmarshal([]byte(out), &sum); err != nil || code != 0 || sum.Revised != 1 {
		t.Fatalf("revised ingest: exit %d, summary %+v", code, sum)
	}
	if rows2 := exportRows(t, db); len(rows2) != 6 || rows2["w-1"].Version != 2 {
		t.Errorf("after a revision: %d articles, w-1 version %d; want 6 and 2", len(rows2), rows2["w-1"].Version)
	}
}

func TestIngestBadInputs(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("good.txt", []byte("Tram line reopens\n\nThe number 4 tram line in Ostrava Nova reopened on Friday after repairs.\n"))
	binary := write("binary.txt", append([]byte{0x7f, 'E', 'L', 'F', 0, 0, 1, 2}, bytes.Repeat([]byte{0, 0xff}, 500)...))
	invalid := write("latin1.txt", []byte("Caf\xe9 owners protest\n\nThe owners of caf\xe9s marched on Monday.\n"))
	empty := write("empty.txt", []byte("  \n\n"))
	broken := write("wire.jsonl", []byte(`{"id":"a","title":"Harbour fire","text":"A fire broke out in a warehouse at the harbour on Sunday night."}`+"\n{not json\n"+`{"id":"b","title":"Harbour fire out","text":"Firefighters put out the harbour warehouse fire early on Monday."}`+"\n"))
	deep := write("deep.html", []byte("<html><body>"+strings.Repeat("<div>", 200000)+"text"+"</body></html>"))
	big := write("big.txt", bytes.Repeat([]byte("A long line of words that goes on and on.\n"), 60<<20/42))

	db := filepath.Join(dir, "s.db")
	code, out, errOut := cli(t, db, "", "ingest", "--json", good, binary, invalid, empty, broken, deep, big)
	if code != 1 {
		t.Errorf("exit status %d, want 1 for a partial failure", code)
	}
	lines := strings.Split(strings.TrimSpace(errOut), "\n")
	for _, want := range []string{"binary.txt", "latin1.txt", "empty.txt", "wire.jsonl:2", "deep.html", "big.txt"} {
		n := 0
		for _, l := range lines {
			if strings.Contains(l, want) {
				n++
			}
		}
		if n != 1 {
			t.Errorf("want one error line naming %s, got %d in:\n%s", want, n, errOut)
		}
	}
	if len(lines) != 6 {
		t.Errorf("want 6 error lines, got %d:\n%s", len(lines), errOut)
	}
	var sum ingestSummary
	if err := json.Unmarshal([]byte(out), &sum); err != nil || sum.Added != 3 || sum.Failed != 6 {
		t.Errorf("summary %+v (err %v), want 3 added and 6 failed", sum, err)
	}
	if code, _, _ := cli(t, db, "", "stories"); code != 0 {
		t.Errorf("the database does not open after a partial failure")
	}
}

func TestUsageErrors(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	for _, args := range [][]string{{"ingest"}, {"story"}, {"story", "x"}, {"ingest", "--nope", "a"}, {"export", "--format", "xml"}} {
		if code, _, _ := cli(t, db, "", args...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
	if code := run(context.Background(), []string{"frobnicate"}, nil, &bytes.Buffer{}, &bytes.Buffer{}); code != 2 {
		t.Errorf("unknown command: exit %d, want 2", code)
	}
}

func TestEveryCommandIsListed(t *testing.T) {
	var out bytes.Buffer
	run(context.Background(), []string{"help"}, nil, &out, &bytes.Buffer{})
	for _, name := range []string{"ingest", "stories", "story", "export", "compare", "extract", "entities", "quotes", "search", "demo", "serve", "eval", "train"} {
		if !strings.Contains(out.String(), "\n  "+name+" ") {
			t.Errorf("help does not list %q", name)
		}
	}
}

func TestEntitiesAndQuotesCommands(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	text := "Mayor Ines Halloran of Port Calder said the bridge would reopen. “We will not gamble with lives,” Halloran told reporters on Monday.\n"
	code, out, errOut := cli(t, db, text, "entities", "--json", "-")
	if code != 0 || !strings.Contains(out, `"Ines Halloran"`) || !strings.Contains(out, `"PERSON"`) || strings.Count(out, `"canonical": "Ines Halloran"`) != 2 {
		t.Errorf("entities: exit %d, out %s, err %s", code, out, errOut)
	}
	code, out, errOut = cli(t, db, text, "quotes", "--json", "-")
	if code != 0 || !strings.Contains(out, "We will not gamble with lives") || !strings.Contains(out, `"name": "Ines Halloran"`) {
		t.Errorf("quotes: exit %d, out %s, err %s", code, out, errOut)
	}
	// A quotation broken by its reporting clause is one quote of two spans.
	broken := "“The bridge holds,” Halloran said. “The ferry does not.”\n"
	code, out, errOut = cli(t, db, broken, "quotes", "--json", "-")
	var qs []storyline.QuoteSpan
	if err := json.Unmarshal([]byte(out), &qs); code != 0 || err != nil || len(qs) != 1 || len(qs[0].Spans) != 2 ||
		qs[0].Text != "The bridge holds … The ferry does not." || qs[0].Start != 0 || qs[0].End != 56 {
		t.Errorf("quotes of a broken quotation: exit %d, out %s, err %s", code, out, errOut)
	}
}

// TestIngestAnalyzeFillsWhatIsMissing checks that ingest --analyze over
// input ingested before without it prepares every article's analysis.
func TestIngestAnalyzeFillsWhatIsMissing(t *testing.T) {
	db := filepath.Join(t.TempDir(), "a.db")
	if code, _, errOut := cli(t, db, "", "ingest", "--quiet", "--source", "Test Desk", "testdata/reports"); code != 0 {
		t.Fatalf("ingest: exit %d\n%s", code, errOut)
	}
	analysed := func() int {
		t.Helper()
		st, err := sqlite.Open(context.Background(), db)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		arts, err := st.Articles(context.Background(), storyline.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, a := range arts {
			if _, ok, err := st.Committed(context.Background(), a.Key()); err == nil && ok {
				n++
			}
		}
		return n
	}
	if n := analysed(); n != 0 {
		t.Fatalf("%d articles analysed after a plain ingest, want 0", n)
	}
	if code, _, errOut := cli(t, db, "", "ingest", "--quiet", "--analyze", "--source", "Test Desk", "testdata/reports"); code != 0 {
		t.Fatalf("ingest --analyze: exit %d\n%s", code, errOut)
	}
	if n := analysed(); n != 6 {
		t.Errorf("%d articles analysed after ingest --analyze, want 6", n)
	}
}

// An unreachable PostgreSQL is one line and exit 1 within seconds, for
// --db and STORYLINE_DB alike, and never a file (taken as a path, a URL
// made a folder named "postgres:").
func TestPostgresUnreachable(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close() // nothing listens there now
	dir := t.TempDir()
	t.Chdir(dir)
	for _, url := range []string{"postgres://news@" + addr + "/news", "postgresql://news:secret@" + addr + "/news"} {
		start := time.Now()
		code, _, errOut := cli(t, url, "", "stories")
		if code != 1 || !strings.Contains(errOut, addr) || strings.Count(errOut, "\n") != 1 || strings.Contains(errOut, "secret") {
			t.Errorf("stories --db %s: exit %d, stderr %q; want 1 and one line naming %s", url, code, errOut, addr)
		}
		if d := time.Since(start); d > 10*time.Second {
			t.Errorf("stories --db %s took %v to fail", url, d)
		}
	}
	t.Setenv("STORYLINE_DB", "postgres://news@"+addr+"/news")
	var out, errOut bytes.Buffer
	if code := run(context.Background(), []string{"stories"}, strings.NewReader(""), &out, &errOut); code != 1 || !strings.Contains(errOut.String(), addr) {
		t.Errorf("stories with STORYLINE_DB a refusing server: exit %d, %q", code, errOut.String())
	}
	if entries, _ := os.ReadDir(dir); len(entries) > 0 {
		t.Errorf("the unreachable URL left %s in the working directory", entries[0].Name())
	}
}

// Two ingests at once into one PostgreSQL database, each with one report
// of each of two events, give the stories one ingest gives: the reports of
// an event in one story whichever process stored them.
func TestConcurrentIngestsOnPostgres(t *testing.T) {
	db := pgtest.Schema(t)
	halves := [][]string{
		{"testdata/reports/01_lantern.txt", "testdata/reports/03_orchard.txt"},
		{"testdata/reports/02_lantern.txt", "testdata/reports/04_orchard.txt"},
	}
	errs := make(chan string, len(halves))
	for _, files := range halves {
		go func() {
			code, _, errOut := cli(t, db, "", append([]string{"ingest", "--quiet", "--source", "Test Desk"}, files...)...)
			if code != 0 {
				errs <- fmt.Sprintf("ingest %v: exit %d: %s", files, code, errOut)
				return
			}
			errs <- ""
		}()
	}
	for range halves {
		if msg := <-errs; msg != "" {
			t.Fatal(msg)
		}
	}
	rows := exportRows(t, db)
	if len(rows) != 4 {
		t.Fatalf("%d articles stored, want 4: %+v", len(rows), rows)
	}
	same := func(a, b string) bool { return rows[a].Story == rows[b].Story }
	if !same("01_lantern.txt", "02_lantern.txt") || !same("03_orchard.txt", "04_orchard.txt") || same("01_lantern.txt", "03_orchard.txt") {
		t.Errorf("stories of two ingests at once: %+v", rows)
	}
}
