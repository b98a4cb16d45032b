// Command storyline reads news reports from many outlets, groups the reports
// of one event into stories, and shows for each story who is involved, who
// said what, what is corroborated, what conflicts and how it developed.
//
// Run `storyline help` for the commands.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/pprof"
	"sort"
	"strings"
	"syscall"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/fetch"
	"github.com/storyline-news/storyline/ingest"
	"github.com/storyline-news/storyline/store/postgres"
	"github.com/storyline-news/storyline/store/sqlite"
)

// Exit statuses.
const (
	exitOK      = 0 // all good
	exitPartial = 1 // some inputs failed, or the command failed
	exitUsage   = 2 // the command line was wrong
)

// command is one subcommand.
type command struct {
	summary string
	run     func(ctx context.Context, env *env, args []string) error
}

var commands map[string]command

func init() {
	commands = map[string]command{
		"ingest":   {"read reports (files, folders, .jsonl, .html, .txt, URLs, -) into stories", runIngest},
		"stories":  {"list stories, newest activity first", runStories},
		"story":    {"show one story card (--json, --format md, --why)", runStory},
		"export":   {"print every article with its story (--format jsonl)", runExport},
		"compare":  {"same-story score of two reports, or --pairs FILE.jsonl", runCompare},
		"extract":  {"extract title, body and metadata from files", runExtract},
		"search":   {"full-text search over stored articles", runSearch},
		"demo":     {"load the bundled sample corpus into a fresh database and serve it", runDemo},
		"serve":    {"serve the web UI, JSON API and feeds, and poll feeds (--addr, --token)", runServe},
		"eval":     {"measure quality on labelled data: clusters|pairs|extraction|quotes|ner", runEval},
		"entities": {"named entities (PERSON, ORG, PLACE, OTHER) in a text file", runEntities},
		"quotes":   {"direct quotes and their speakers in a text file", runQuotes},
		"train":    {"train the models shipped in the binary: train ner | quotes", runTrain},
	}
}

// env is what every command shares: its streams and the database path.
type env struct {
	stdout, stderr io.Writer
	stdin          io.Reader
	db             string
}

// usageError is a mistake on the command line (exit status 2). A bad flag
// names its command, for the hint to run `storyline help CMD`.
type usageError struct {
	msg     string
	flag    bool
	command string
}

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{msg: fmt.Sprintf(format, args...)} }

// partialError reports that some inputs failed while others went through
// (exit status 1); the failures were already printed.
type partialError struct{ failed int }

func (e partialError) Error() string { return count(e.failed, "input", "inputs") + " failed" }

func main() { os.Exit(profiled()) }

// profiled runs the command line and returns its exit status.
// STORYLINE_CPUPROFILE=FILE writes a CPU profile of the command, and
// STORYLINE_MEMPROFILE=FILE a profile of what it allocated, for finding
// where an ingest or an evaluation spends its time and memory.
func profiled() int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if path := os.Getenv("STORYLINE_CPUPROFILE"); path != "" {
		if f, err := os.Create(path); err == nil {
			pprof.StartCPUProfile(f)
			defer func() {
				pprof.StopCPUProfile()
				f.Close()
			}()
		}
	}
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	if path := os.Getenv("STORYLINE_MEMPROFILE"); path != "" {
		if f, err := os.Create(path); err == nil {
			pprof.Lookup("allocs").WriteTo(f, 0)
			f.Close()
		}
	}
	return code
}

// run executes one command line and returns the exit status.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{stdout: stdout, stderr: stderr, stdin: stdin, db: defaultDB()}
	if len(args) > 0 && (args[0] == "--version" || args[0] == "-version") {
		fmt.Fprintln(stdout, version())
		return exitOK
	}
	if len(args) >= 2 && args[0] == "help" {
		// storyline help CMD [SUB] is CMD [SUB] -h.
		args = append(args[1:len(args):len(args)], "-h")
	}
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" || args[0] == "-help" {
		usage(stdout)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "storyline: unknown command %q (run 'storyline help')\n", args[0])
		return exitUsage
	}
	err := cmd.run(ctx, e, args[1:])
	var ue usageError
	var pe partialError
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, flag.ErrHelp):
		return exitOK
	case errors.As(err, &ue) && ue.flag:
		fmt.Fprintf(stderr, "storyline %s: %s\n", ue.command, terminal(ue.msg))
		fmt.Fprintf(stderr, "Run 'storyline help %s' for its flags.\n", ue.command)
		return exitUsage
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "storyline %s: %s\n", args[0], terminal(ue.msg))
		return exitUsage
	case errors.As(err, &pe):
		return exitPartial
	}
	fmt.Fprintf(stderr, "storyline %s: %s\n", args[0], message(err))
	return exitPartial
}

// message is the one line the user sees for err, safe for a terminal
// (errors quote titles and file names).
func message(err error) string {
	if errors.Is(err, context.Canceled) {
		var se *storyline.Error
		if !errors.As(err, &se) {
			return "interrupted"
		}
	}
	var np *fetch.NotPublicError
	if errors.As(err, &np) {
		return terminal(err.Error()) + " (run with --allow-private to fetch from it)"
	}
	return terminal(err.Error())
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "storyline groups news reports from many outlets into stories.")
	fmt.Fprintln(w, "\nUsage: storyline COMMAND [flags] [args]\n\nCommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-9s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w, "\nEvery command takes --db PATH (default $STORYLINE_DB or ~/.local/share/storyline/storyline.db),")
	fmt.Fprintln(w, "or --db postgres://user@host:port/db for a PostgreSQL database that several processes share;")
	fmt.Fprintln(w, "every command that prints data takes --json. 'storyline help COMMAND' (or 'storyline COMMAND -h')")
	fmt.Fprintln(w, "shows a command's help; 'storyline --version' the version.")
	fmt.Fprintln(w, "Exit status: 0 all good, 1 some input or the command failed, 2 usage error.")
}

// defaultDB is $STORYLINE_DB, else storyline.db in the user data directory.
func defaultDB() string {
	if p := os.Getenv("STORYLINE_DB"); p != "" {
		return p
	}
	dir := os.Getenv("XDG_DATA_HOME")
	if dir == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return "storyline.db"
		}
		dir = filepath.Join(home, ".local", "share")
	}
	return filepath.Join(dir, "storyline", "storyline.db")
}

// flags returns a flag set for a command with the shared --db flag. Its
// output is where help goes (standard output: help is asked for); parse
// keeps the flag package from printing anything else.
func (e *env) flags(name, args string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stdout)
	fs.StringVar(&e.db, "db", e.db, "database `path`, or a postgres://user@host:port/db URL")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: storyline %s [flags] %s\n\nFlags:\n", name, args)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses flags given anywhere among the arguments ("story 12 --json")
// and returns the positional arguments. -h prints the command's help and
// returns flag.ErrHelp; a bad flag is a usage error of one line.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	help, out := fs.Usage, fs.Output()
	fs.Usage = func() {}
	fs.SetOutput(io.Discard)
	defer func() { fs.Usage = help; fs.SetOutput(out) }()
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fs.SetOutput(out)
				help()
				return nil, err
			}
			return nil, usageError{msg: flagMessage(err), flag: true, command: fs.Name()}
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if n := len(args) - len(rest); n > 0 && args[n-1] == "--" {
			return append(pos, rest...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// open opens the store the command works on: the one place that picks a
// concrete store for --db. A postgres:// URL selects PostgreSQL: a server
// that cannot be reached or refuses is an error within seconds, never a
// fallback to a file.
func (e *env) open(ctx context.Context) (storyline.Store, error) {
	if postgres.IsURL(e.db) {
		db, err := postgres.Open(ctx, e.db)
		if err != nil {
			return nil, fmt.Errorf("open database: %w", err)
		}
		return db, nil
	}
	db, err := sqlite.Open(ctx, e.db)
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", e.db, err)
	}
	return db, nil
}

// openExisting opens the database a read command works on, refusing one
// that does not exist rather than creating an empty one.
func (e *env) openExisting(ctx context.Context) (storyline.Store, error) {
	if !strings.Contains(e.db, "://") {
		if _, err := os.Stat(e.db); errors.Is(err, fs.ErrNotExist) {
			return nil, storyline.Errorf(storyline.ENOTFOUND,
				"no database at %s: run 'storyline ingest PATH|URL ...' to create it, or 'storyline demo' to try the sample corpus", e.db)
		}
	}
	return e.open(ctx)
}

// dbLocation names the database --db selects for messages: the file's
// absolute path, or the PostgreSQL URL without its password.
func dbLocation(db string) string {
	if postgres.IsURL(db) {
		if u, err := url.Parse(db); err == nil {
			return u.Redacted()
		}
		return "PostgreSQL"
	}
	if abs, err := filepath.Abs(db); err == nil {
		return abs
	}
	return db
}

// openPipeline opens the database and the ingest pipeline over it, with
// the clustering state restored.
func (e *env) openPipeline(ctx context.Context) (storyline.Store, *ingest.Pipeline, error) {
	db, err := e.open(ctx)
	if err != nil {
		return nil, nil, err
	}
	p, err := ingest.New(ctx, db)
	if err != nil {
		db.Close()
		return nil, nil, err
	}
	return db, p, nil
}

// writeJSON prints v as indented JSON.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// jsonLine prints v as one line of JSON.
func jsonLine(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// trim shortens s to n runes with an ellipsis.
func trim(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
