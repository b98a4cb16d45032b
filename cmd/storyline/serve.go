package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"strings"
	"syscall"
	"time"

	"github.com/storyline-news/storyline/fetch"
	"github.com/storyline-news/storyline/server"
)

// serveConfig is what `serve` and `demo` set up a server with.
type serveConfig struct {
	addr         string
	token        string
	readToken    string
	allowPrivate bool
	noPoll       bool
	fetchPages   bool
	interval     time.Duration
	maxBody      int64
	baseURL      string
	logLevel     string
	logFormat    string
}

// serveFlags registers the server's flags on fs.
func serveFlags(e *env, name, args string, defaultAddr string) (*serveConfig, *flag.FlagSet) {
	fs := e.flags(name, args)
	c := &serveConfig{}
	fs.StringVar(&c.addr, "addr", defaultAddr, "listen `address` (host:port)")
	fs.StringVar(&c.token, "token", os.Getenv("STORYLINE_TOKEN"), "bearer `token` for writes (default $STORYLINE_TOKEN; none: read-only); shows in ps: prefer the variable or --token-file")
	fs.StringVar(&c.readToken, "read-token", os.Getenv("STORYLINE_READ_TOKEN"), "bearer `token` required for reads (default $STORYLINE_READ_TOKEN; none: reads open)")
	fs.Func("token-file", "read the write token from `file` (its first line)", func(path string) (err error) {
		c.token, err = readTokenFile(path)
		return err
	})
	fs.Func("read-token-file", "read the read token from `file` (its first line)", func(path string) (err error) {
		c.readToken, err = readTokenFile(path)
		return err
	})
	fs.BoolVar(&c.allowPrivate, "allow-private", false, "let feeds be fetched from loopback and private addresses")
	fs.BoolVar(&c.noPoll, "no-poll", false, "do not poll feeds")
	fs.BoolVar(&c.fetchPages, "fetch-pages", true, "fetch each new feed entry's page for its full text")
	fs.DurationVar(&c.interval, "interval", 15*time.Minute, "polling `interval` of feeds that set none")
	fs.Int64Var(&c.maxBody, "max-body", server.DefaultMaxBody, "largest POST /api/articles body in `bytes`")
	fs.StringVar(&c.baseURL, "base-url", "", "public `URL` of the server, for links in feeds (default: the listening address)")
	fs.StringVar(&c.logLevel, "log-level", "info", "log `level`: debug, info, warn, error")
	fs.StringVar(&c.logFormat, "log-format", "text", "log `format`: text or json")
	return c, fs
}

// maxTokenFile bounds a token file: a token is a line, not a document.
const maxTokenFile = 4 << 10

// readTokenFile reads a token from a file, so that it need not be given on
// the command line, where every user of the machine can read it in ps.
func readTokenFile(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxTokenFile+1))
	if err != nil {
		return "", err
	}
	if len(data) > maxTokenFile {
		return "", fmt.Errorf("%s is over %d bytes: not a token", path, maxTokenFile)
	}
	line, _, _ := strings.Cut(string(data), "\n")
	token := strings.TrimSpace(line)
	if token == "" {
		return "", fmt.Errorf("%s holds no token", path)
	}
	return token, nil
}

// checkTokenFlags refuses a token given both on the command line and in a
// file, and warns that one given on the command line shows in ps.
func checkTokenFlags(e *env, fs *flag.FlagSet) error {
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	for _, name := range []string{"token", "read-token"} {
		if set[name] && set[name+"-file"] {
			return usagef("give --%s or --%s-file, not both", name, name)
		}
		if set[name] {
			fmt.Fprintf(e.stderr, "storyline: --%s shows in ps to every user of this machine; prefer --%s-file or $STORYLINE_%s\n",
				name, name, strings.ToUpper(strings.ReplaceAll(name, "-", "_")))
		}
	}
	return nil
}

func runServe(ctx context.Context, e *env, args []string) error {
	c, fs := serveFlags(e, "serve", "", "127.0.0.1:8080")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("serve takes no arguments (got %q)", pos[0])
	}
	if err := checkTokenFlags(e, fs); err != nil {
		return err
	}
	return serve(ctx, e, c, nil)
}

// serve opens the database and serves it until ctx is done; ready, when
// set, is called with the listening address.
func serve(ctx context.Context, e *env, c *serveConfig, ready func(addr string)) error {
	log, err := newLogger(e, c)
	if err != nil {
		return err
	}
	db, p, err := e.openPipeline(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	opts := server.Options{
		DB: db, Pipeline: p, Token: c.token, ReadToken: c.readToken, MaxBody: c.maxBody,
		BaseURL: c.baseURL, PollInterval: c.interval, FetchPages: c.fetchPages, Logger: log,
	}
	if !c.noPoll {
		opts.Fetch = fetch.New(fetch.Options{AllowPrivate: c.allowPrivate})
	}
	srv, err := server.New(opts)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", c.addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", c.addr, err)
	}
	url := "http://" + displayAddr(ln.Addr().String()) + "/"
	fmt.Fprintf(e.stderr, "storyline: serving %s on %s (database %s)\n", url, terminal(c.addr), terminal(dbLocation(e.db)))
	if c.token == "" {
		fmt.Fprintln(e.stderr, "storyline: read-only: set STORYLINE_TOKEN or --token to accept articles and feeds")
	}
	if ready != nil {
		ready(url)
	}
	return srv.Run(ctx, ln)
}

// newLogger builds the structured logger the flags ask for.
func newLogger(e *env, c *serveConfig) (*slog.Logger, error) {
	var level slog.Level
	if err := level.UnmarshalText([]byte(c.logLevel)); err != nil {
		return nil, usagef("--log-level: %v", err)
	}
	hopts := &slog.HandlerOptions{Level: level}
	switch c.logFormat {
	case "text":
		return slog.New(slog.NewTextHandler(e.stderr, hopts)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(e.stderr, hopts)), nil
	}
	return nil, usagef("--log-format must be text or json")
}

// displayAddr turns a listening address into one a browser can open.
func displayAddr(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return addr
	}
	if host == "" || host == "0.0.0.0" || host == "::" {
		host = "localhost"
	}
	return net.JoinHostPort(host, port)
}

// isAddrInUse reports whether listening failed because the port is taken.
func isAddrInUse(err error) bool {
	return errors.Is(err, syscall.EADDRINUSE) || strings.Contains(err.Error(), "address already in use")
}

// randomToken returns a fresh write token for the demo.
func randomToken() string {
	b := make([]byte, 16)
	rand.Read(b)
	return hex.EncodeToString(b)
}
