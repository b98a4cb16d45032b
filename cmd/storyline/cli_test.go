package main

import (
	"bytes"
	"context"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// runArgs runs storyline with exactly args and returns its exit status,
// stdout and stderr.
func runArgs(args ...string) (int, string, string) {
	var out, errOut bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(""), &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestVersion(t *testing.T) {
	code, out, errOut := runArgs("--version")
	if code != 0 || !strings.HasPrefix(out, "storyline ") || !strings.Contains(out, runtime.Version()) || errOut != "" {
		t.Errorf("--version: exit %d, out %q, err %q", code, out, errOut)
	}
}

// TestHelpForEveryCommand checks that `help CMD`, `CMD -h` and `CMD --help`
// print the command's own help on stdout and exit 0, for every command and
// for the evaluations and trainings under eval and train.
func TestHelpForEveryCommand(t *testing.T) {
	var names []string
	for name := range commands {
		names = append(names, name)
	}
	names = append(names, "eval clusters", "eval pairs", "eval claims", "eval extraction", "eval quotes", "eval ner",
		"train ner", "train claims", "train quotes")
	for _, name := range names {
		words := strings.Fields(name)
		for _, args := range [][]string{
			append([]string{"help"}, words...),
			append(append([]string{}, words...), "-h"),
			append(append([]string{}, words...), "--help"),
		} {
			code, out, errOut := runArgs(args...)
			if code != 0 || !strings.HasPrefix(out, "Usage: storyline "+name+" ") || errOut != "" {
				t.Errorf("%q: exit %d, stderr %q, stdout starts %q", args, code, errOut, out[:min(len(out), 60)])
			}
		}
	}
	// The general help stays the general help.
	if code, out, _ := runArgs("help"); code != 0 || !strings.Contains(out, "Commands:") {
		t.Errorf("help: exit %d, out %q", code, out)
	}
}

// TestBadFlagIsOneLine checks that an unknown flag costs one error line and
// a hint, not the usage and the error twice.
func TestBadFlagIsOneLine(t *testing.T) {
	for _, args := range [][]string{{"stories", "--nope"}, {"eval", "clusters", "--nope", "x.jsonl"}, {"story", "--limit", "x", "1"}} {
		code, out, errOut := runArgs(args...)
		cmd := args[0]
		if cmd == "eval" {
			cmd = "eval clusters"
		}
		lines := strings.Split(strings.TrimSpace(errOut), "\n")
		if code != 2 || out != "" || len(lines) != 2 || !strings.HasPrefix(lines[0], "storyline "+cmd+": ") ||
			lines[1] != "Run 'storyline help "+cmd+"' for its flags." {
			t.Errorf("%q: exit %d, stdout %q, stderr:\n%s", args, code, out, errOut)
		}
	}
	if _, _, errOut := runArgs("stories", "--nope"); !strings.Contains(errOut, "unknown flag -nope") {
		t.Errorf("stories --nope: %q", errOut)
	}
}

func TestPlurals(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "s.db")
	code, out, errOut := cli(t, db, "", "ingest", "--source", "Test Desk", "testdata/reports/01_lantern.txt")
	if code != 0 || !strings.Contains(out, "(0 copies)") || !strings.Contains(out, "; 1 story;") {
		t.Errorf("ingest summary: exit %d, %q %s", code, out, errOut)
	}
	code, out, _ = cli(t, db, "", "stories")
	if code != 0 || !strings.Contains(out, " 1 article ") || !strings.Contains(out, " 1 source ") {
		t.Errorf("stories: exit %d, %q", code, out)
	}
	code, out, _ = cli(t, db, "", "story", "1")
	if code != 0 || !strings.Contains(out, "1 article · 1 independent source\n") {
		t.Errorf("story: exit %d, %q", code, out)
	}
	for n, want := range map[int]string{0: "0 stories", 1: "1 story", 2: "2 stories"} {
		if got := count(n, "story", "stories"); got != want {
			t.Errorf("count(%d) = %q, want %q", n, got, want)
		}
	}
}

// TestJSONOnEveryDataCommand checks that every command that prints data
// takes --json, and that export --json is export --format jsonl.
func TestJSONOnEveryDataCommand(t *testing.T) {
	for _, name := range []string{"ingest", "stories", "story", "export", "compare", "extract", "search", "demo", "entities", "quotes",
		"eval clusters", "eval pairs", "eval claims", "eval extraction", "eval quotes", "eval ner", "train ner", "train claims", "train quotes"} {
		_, out, _ := runArgs(append(strings.Fields(name), "-h")...)
		if !strings.Contains(out, "\n  -json") {
			t.Errorf("%s takes no --json", name)
		}
	}
	db := filepath.Join(t.TempDir(), "s.db")
	if code, _, errOut := cli(t, db, "", "ingest", "--quiet", "testdata/reports"); code != 0 {
		t.Fatalf("ingest: %s", errOut)
	}
	_, jsonl, _ := cli(t, db, "", "export", "--format", "jsonl")
	code, out, errOut := cli(t, db, "", "export", "--json")
	if code != 0 || out != jsonl || strings.Count(out, "\n") != 6 {
		t.Errorf("export --json: exit %d, %s\n%s", code, errOut, out)
	}
}

// TestReadCommandsNeedADatabase checks that the read commands refuse a
// database that does not exist, in one line with the path and a hint,
// and create nothing.
func TestReadCommandsNeedADatabase(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "typo", "s.db")
	for _, args := range [][]string{{"stories"}, {"story", "1"}, {"search", "bridge"}, {"export"}} {
		code, out, errOut := cli(t, db, "", args...)
		if code != 1 || out != "" || strings.Count(errOut, "\n") != 1 || !strings.Contains(errOut, db) || !strings.Contains(errOut, "storyline ingest") {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", args, code, out, errOut)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "typo")); !os.IsNotExist(err) {
		t.Errorf("a read command created %s", filepath.Join(dir, "typo"))
	}
}

func TestDemoHelpShowsOneDefault(t *testing.T) {
	_, out, _ := runArgs("demo", "-h")
	_, rest, _ := strings.Cut(out, "  -db path\n")
	line, _, _ := strings.Cut(rest, "\n")
	if strings.Count(line, "default") != 1 || !strings.Contains(line, "demo.db") {
		t.Errorf("demo -h, --db: %q", line)
	}
}

// TestURLFailuresAreClear checks the lines for a refused private address
// (naming --allow-private) and for a host that does not answer.
func TestURLFailuresAreClear(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close() // nothing listens there now
	db := filepath.Join(t.TempDir(), "s.db")
	url := "http://" + addr + "/story"
	code, _, errOut := cli(t, db, "", "ingest", url)
	if code != 1 || errOut != "storyline: "+url+": refusing to connect to non-public address 127.0.0.1 (run with --allow-private to fetch from it)\n" {
		t.Errorf("private address: exit %d, %q", code, errOut)
	}
	code, _, errOut = cli(t, db, "", "ingest", "--allow-private", url)
	if code != 1 || errOut != "storyline: "+url+": cannot reach "+addr+": connection refused\n" {
		t.Errorf("closed port: exit %d, %q", code, errOut)
	}
}

func TestProgressLine(t *testing.T) {
	line := progressLine(500, 10*time.Second, 25<<20, 100<<20)
	if want := "ingesting: 500 read, 50/s, 25.0 MB of 100.0 MB (25%), about 30s left"; line != want {
		t.Errorf("progress line %q, want %q", line, want)
	}
	if line := progressLine(500, 10*time.Second, 25<<20, 0); line != "ingesting: 500 read, 50/s" {
		t.Errorf("progress line of an unknown total: %q", line)
	}
	if got := roughly(95 * time.Minute); got != "1h35m" {
		t.Errorf("roughly(95m) = %q", got)
	}
	if got := roughly(200 * time.Millisecond); got != "1s" {
		t.Errorf("roughly(200ms) = %q", got)
	}
	if got := roughly(154 * time.Second); got != "2m30s" {
		t.Errorf("roughly(154s) = %q", got)
	}
	var want int64
	filepath.WalkDir("testdata/reports", func(path string, d os.DirEntry, err error) error {
		if info, err := d.Info(); err == nil && !d.IsDir() {
			want += info.Size()
		}
		return nil
	})
	if got := inputSize([]string{"testdata/reports"}, nil); got != want || want == 0 {
		t.Errorf("inputSize(testdata/reports) = %d, want %d", got, want)
	}
	if got := inputSize([]string{"testdata/reports", "https://news.example/"}, nil); got != 0 {
		t.Errorf("inputSize with a URL = %d, want 0 (unknown)", got)
	}
}
