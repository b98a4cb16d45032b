package main

import (
	"context"
	"flag"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strconv"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/demo"
	"github.com/storyline-news/storyline/source"
	"github.com/storyline-news/storyline/store/postgres"
)

func runDemo(ctx context.Context, e *env, args []string) error {
	c, fs := serveFlags(e, "demo", "", "127.0.0.1:8080")
	// One default, the demo's own: demo.db beside the default database.
	demoDB := filepath.Join(filepath.Dir(defaultDB()), "demo.db")
	fs.Lookup("db").Usage = "database `path` for the demo (replaced by the sample corpus)"
	fs.Lookup("db").DefValue = demoDB
	noServe := fs.Bool("no-serve", false, "load the corpus and list its stories, without serving the web UI")
	asJSON := fs.Bool("json", false, "with --no-serve: list the stories as JSON")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	if err := checkTokenFlags(e, fs); err != nil {
		return err
	}
	dbSet := false
	fs.Visit(func(f *flag.Flag) { dbSet = dbSet || f.Name == "db" })
	if !dbSet {
		e.db = demoDB
	}
	if postgres.IsURL(e.db) {
		// The demo replaces its database: never a shared one.
		return storyline.Errorf(storyline.EINVALID, "demo --db: the demo replaces its database with the sample corpus; give a file path, not a PostgreSQL URL")
	}
	if err := loadDemo(ctx, e); err != nil {
		return err
	}
	if *noServe {
		return runStories(ctx, e, []string{"--db", e.db, "--json=" + strconv.FormatBool(*asJSON)})
	}
	if c.token == "" {
		c.token = randomToken()
	}
	// The demo's default port may be taken: then any free port will do.
	if c.addr == "127.0.0.1:8080" {
		if ln, err := net.Listen("tcp", c.addr); err != nil && isAddrInUse(err) {
			c.addr = "127.0.0.1:0"
		} else if err == nil {
			ln.Close()
		}
	}
	return serve(ctx, e, c, func(url string) {
		fmt.Fprintf(e.stdout, "storyline demo: open %s\n", url)
		fmt.Fprintf(e.stdout, "storyline demo: write token %s (sign in with it to add feeds; Ctrl-C stops)\n", c.token)
	})
}

// loadDemo replaces the database at e.db with the sample corpus.
func loadDemo(ctx context.Context, e *env) error {
	for _, suffix := range []string{"", "-wal", "-shm"} {
		if err := os.Remove(e.db + suffix); err != nil && !os.IsNotExist(err) {
			return fmt.Errorf("remove old demo database: %w", err)
		}
	}
	db, p, err := e.openPipeline(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	sum, err := ingestAll(ctx, e, p, []string{"-"}, source.Options{Stdin: demo.Articles()}, db, false)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "storyline demo: loaded %s into %s\n", count(sum.Added, "sample article", "sample articles"), terminal(e.db))
	return nil
}
