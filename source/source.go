// Package source turns what a user points storyline at — files, folders,
// standard input, page URLs — into articles, one at a time, so that a bad
// input costs one line of error and the rest of the batch goes on.
package source

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/extract"
	"github.com/storyline-news/storyline/feed"
	"github.com/storyline-news/storyline/fetch"
)

// Kind is the format of an input.
type Kind string

// Input formats.
const (
	Text      Kind = "text"
	HTML      Kind = "html"
	JSON      Kind = "json"
	JSONLines Kind = "jsonl"
	// Feed is an RSS, Atom, RDF or JSON Feed document: each entry is an
	// article.
	Feed Kind = "feed"
)

// Options set defaults for inputs that do not carry their own metadata.
type Options struct {
	// Source is the outlet for inputs that do not name one.
	Source string
	// Published is the publication time for inputs that do not give one.
	Published time.Time
	// Stdin is read for the path "-" (default os.Stdin).
	Stdin io.Reader
	// Fetcher downloads URLs; nil refuses them.
	Fetcher *fetch.Client
	// Progress, when set, is called with the number of bytes read from
	// files and standard input as they are read (before decompression),
	// for a progress line. It is called from the reading goroutine.
	Progress func(n int64)
}

// Item is one article read from an input, or the error that stopped it.
type Item struct {
	// Origin names the input for messages: a path, "path:line" or a URL.
	Origin  string
	Article *storyline.Article
	Err     error
}

// Read reads every path in order — folders recursively in name order — and
// calls fn with each article or error. It stops only when fn returns an
// error or ctx is done.
func Read(ctx context.Context, paths []string, opts Options, fn func(Item) error) error {
	for _, p := range paths {
		if err := ctx.Err(); err != nil {
			return err
		}
		var err error
		switch {
		case p == "-":
			err = readStream(ctx, "stdin", counted(StreamReader(ctx, stdin(opts)), opts), opts, fn)
		case strings.HasPrefix(p, "http://") || strings.HasPrefix(p, "https://"):
			err = readURL(ctx, p, opts, fn)
		case isURL(p):
			err = fn(Item{Origin: p, Err: storyline.Errorf(storyline.EINVALID, "unsupported URL scheme (only http and https)")})
		default:
			err = readPath(ctx, p, opts, fn)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// isURL reports whether p looks like a URL of any scheme ("ftp://...").
func isURL(p string) bool {
	scheme, _, ok := strings.Cut(p, "://")
	if !ok || scheme == "" {
		return false
	}
	for _, c := range scheme {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.') {
			return false
		}
	}
	return true
}

func stdin(opts Options) io.Reader {
	if opts.Stdin != nil {
		return opts.Stdin
	}
	return os.Stdin
}

func readPath(ctx context.Context, root string, opts Options, fn func(Item) error) error {
	info, err := os.Stat(root)
	if err != nil {
		return fn(Item{Origin: root, Err: cleanPathError(err)})
	}
	if !info.IsDir() {
		// A named pipe or a device given by name is read, within the
		// document limit and until Ctrl-C.
		return readFile(ctx, root, opts, fn)
	}
	var files []string
	reported := 0
	report := func(path string, err error) error {
		reported++
		return fn(Item{Origin: path, Err: err})
	}
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return fn(Item{Origin: path, Err: cleanPathError(err)})
		}
		if d.IsDir() && path != root && strings.HasPrefix(d.Name(), ".") {
			return filepath.SkipDir
		}
		if d.IsDir() {
			return nil
		}
		read := KindOf(path) != ""
		if d.Type()&fs.ModeSymlink != 0 {
			// Followed to a file; a link to a folder is not, so that
			// links cannot make the walk loop.
			info, err := os.Stat(path)
			switch {
			case err == nil && info.IsDir():
				return report(path, storyline.Errorf(storyline.EINVALID,
					"skipped: a link to a folder (give the folder itself to read it)"))
			case !read:
			case err != nil:
				return report(path, cleanPathError(err))
			case info.Mode().IsRegular():
				files = append(files, path)
			default:
				return report(path, notRegular())
			}
			return nil
		}
		switch {
		case !read:
		case d.Type().IsRegular():
			files = append(files, path)
		default:
			return report(path, notRegular())
		}
		return nil
	})
	if err != nil {
		return err
	}
	if len(files) == 0 && reported == 0 {
		return fn(Item{Origin: root, Err: storyline.Errorf(storyline.EINVALID,
			"no file to read in this folder (.txt, .md, .html, .htm, .json, .jsonl, .xml, .rss, .atom, each also as .gz)")})
	}
	sort.Strings(files)
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := readFile(ctx, f, opts, fn); err != nil {
			return err
		}
	}
	return nil
}

// itemError reports an input's error on its line, unless ctx is done: then
// the batch stops with ctx's error.
func itemError(ctx context.Context, origin string, err error, fn func(Item) error) error {
	if cerr := ctx.Err(); cerr != nil {
		return cerr
	}
	return fn(Item{Origin: origin, Err: err})
}

func cleanPathError(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}

// gzipExt ends the names of gzip-compressed inputs ("page.html.gz"), read
// as the file they hold.
const gzipExt = ".gz"

// KindOf tells an input's format from its file name, "" for names storyline
// does not read when walking folders. Files named explicitly with another
// extension are sniffed.
func KindOf(name string) Kind {
	name = strings.TrimSuffix(name, gzipExt)
	switch strings.ToLower(filepath.Ext(name)) {
	case ".txt", ".text", ".md":
		return Text
	case ".html", ".htm", ".xhtml":
		return HTML
	case ".json":
		return JSON
	case ".jsonl", ".ndjson":
		return JSONLines
	case ".rss", ".atom", ".rdf", ".xml":
		return Feed
	}
	return ""
}

// compressed reports whether the file at path is gzip-compressed, by name.
func compressed(path string) bool {
	return strings.HasSuffix(strings.ToLower(path), gzipExt)
}

// Sniff guesses the format of data from its first bytes.
func Sniff(data []byte) Kind {
	if IsFeed(data) {
		return Feed
	}
	head := bytes.TrimLeft(data[:min(len(data), 512)], " \t\r\n\ufeff")
	switch {
	case bytes.HasPrefix(head, []byte("<")):
		return HTML
	case bytes.HasPrefix(head, []byte("[")):
		return JSON
	case bytes.HasPrefix(head, []byte("{")):
		return JSONLines
	}
	return Text
}

// readFile reads one file: JSON lines streamed, anything else as one
// document of at most extract.MaxDocumentBytes, whatever kind of file it is.
func readFile(ctx context.Context, path string, opts Options, fn func(Item) error) error {
	rc, info, err := openInput(ctx, path)
	if err != nil {
		return itemError(ctx, path, err, fn)
	}
	defer rc.Close()
	f := counted(rc, opts)
	if compressed(path) {
		return readCompressed(ctx, path, f, opts, fn)
	}
	kind := KindOf(path)
	if kind == JSONLines {
		return readLines(ctx, path, f, opts, fn)
	}
	if info.Mode().IsRegular() && info.Size() > extract.MaxDocumentBytes {
		if opts.Progress != nil {
			opts.Progress(info.Size()) // passed over, but done with
		}
		return fn(Item{Origin: path, Err: tooLarge(info.Size(), extract.MaxDocumentBytes)})
	}
	data, err := extract.ReadLimited(f, extract.MaxDocumentBytes)
	if err != nil {
		return itemError(ctx, path, err, fn)
	}
	return readDocument(path, filepath.Base(path), detect(kind, data), data, "", opts, fn)
}

// readCompressed reads a gzip-compressed file as the file it holds, named
// without ".gz": JSON lines are streamed, anything else is one document
// whose uncompressed size the document limit bounds.
func readCompressed(ctx context.Context, path string, f io.Reader, opts Options, fn func(Item) error) error {
	zr, err := gzip.NewReader(bufio.NewReader(f))
	if err := ctx.Err(); err != nil {
		return err
	}
	if err != nil {
		return fn(Item{Origin: path, Err: storyline.Errorf(storyline.EINVALID, "not a gzip file")})
	}
	defer zr.Close()
	kind := KindOf(path)
	if kind == JSONLines {
		return readLines(ctx, path, zr, opts, fn)
	}
	data, err := extract.ReadLimited(zr, extract.MaxDocumentBytes)
	if err := ctx.Err(); err != nil {
		return err
	}
	if err != nil {
		if storyline.ErrorCode(err) != storyline.ETOOLARGE {
			err = storyline.Errorf(storyline.EINVALID, "broken gzip file: %v", err)
		}
		return fn(Item{Origin: path, Err: err})
	}
	return readDocument(path, strings.TrimSuffix(filepath.Base(path), gzipExt), detect(kind, data), data, "", opts, fn)
}

// readStream reads standard input: JSON lines are streamed, anything else is
// one document.
func readStream(ctx context.Context, origin string, r io.Reader, opts Options, fn func(Item) error) error {
	br := bufio.NewReaderSize(r, 64<<10)
	head, _ := br.Peek(sniffBytes)
	if Sniff(head) == JSONLines {
		return readLines(ctx, origin, br, opts, fn)
	}
	data, err := extract.ReadLimited(br, extract.MaxDocumentBytes)
	if err != nil {
		return itemError(ctx, origin, err, fn)
	}
	return readDocument(origin, "stdin", Sniff(data), data, "", opts, fn)
}

func readLines(ctx context.Context, origin string, r io.Reader, opts Options, fn func(Item) error) error {
	err := extract.JSONLines(r, func(line int, a *storyline.Article, err error) error {
		if err := ctx.Err(); err != nil {
			return stopError{err}
		}
		if a != nil {
			defaults(a, opts)
		}
		if err := fn(Item{Origin: fmt.Sprintf("%s:%d", origin, line), Article: a, Err: err}); err != nil {
			return stopError{err}
		}
		return nil
	})
	var stop stopError
	if errors.As(err, &stop) {
		return stop.error
	} else if err != nil {
		return itemError(ctx, origin, err, fn)
	}
	return nil
}

// stopError carries an error of fn or ctx through the line reader: it ends
// the batch, where a bad line does not.
type stopError struct{ error }

// detect is the format of a document named as kind ("" when its name does
// not tell): its content decides whether it is a feed, whatever its name.
func detect(kind Kind, data []byte) Kind {
	switch {
	case IsFeed(data):
		return Feed
	case kind == "":
		return Sniff(data)
	}
	return kind
}

func readDocument(origin, name string, kind Kind, data []byte, pageURL string, opts Options, fn func(Item) error) error {
	switch kind {
	case Feed:
		return readFeed(origin, data, pageURL, "", opts, fn)
	case JSON:
		// The good items of a file with some bad ones are kept; the error
		// names the first bad item.
		arts, err := extract.JSON(data)
		for i, a := range arts {
			defaults(a, opts)
			if err := fn(Item{Origin: fmt.Sprintf("%s[%d]", origin, i), Article: a}); err != nil {
				return err
			}
		}
		if err != nil {
			return fn(Item{Origin: origin, Err: err})
		}
		return nil
	case JSONLines:
		return readLines(context.Background(), origin, bytes.NewReader(data), opts, fn)
	}
	var a *storyline.Article
	var err error
	if kind == HTML {
		a, err = extract.HTML(data, pageURL)
	} else {
		a, err = extract.Text(name, data)
	}
	if err != nil {
		return fn(Item{Origin: origin, Err: err})
	}
	if a.ExternalID == "" {
		a.ExternalID = name
	}
	if pageURL != "" && a.URL == "" {
		a.URL = pageURL
	}
	defaults(a, opts)
	return fn(Item{Origin: origin, Article: a})
}

func readURL(ctx context.Context, u string, opts Options, fn func(Item) error) error {
	if opts.Fetcher == nil {
		return fn(Item{Origin: u, Err: storyline.Errorf(storyline.EINVALID, "fetching URLs is not enabled")})
	}
	resp, err := opts.Fetcher.Get(ctx, fetch.Request{URL: u})
	if err != nil {
		return fn(Item{Origin: u, Err: err})
	}
	kind := Sniff(resp.Body)
	switch {
	case kind == Feed || isFeedType(resp.ContentType):
		return readFeed(u, resp.Body, resp.URL, feed.CharsetOf(resp.ContentType), opts, fn)
	case strings.Contains(resp.ContentType, "html"):
		kind = HTML
	case strings.Contains(resp.ContentType, "text/plain"):
		kind = Text
	}
	return readDocument(u, u, kind, resp.Body, resp.URL, opts, fn)
}

// defaults fills an article's missing metadata from the options.
func defaults(a *storyline.Article, opts Options) {
	if opts.Source != "" && (a.Source == "" || a.Source == hostOf(a.URL)) {
		a.Source = opts.Source
	}
	if a.Source == "" {
		a.Source = hostOf(a.URL)
	}
	if a.Published.IsZero() {
		a.Published = opts.Published
	}
}

func hostOf(u string) string {
	if i := strings.Index(u, "://"); i >= 0 {
		h := u[i+3:]
		if j := strings.IndexAny(h, "/?#"); j >= 0 {
			h = h[:j]
		}
		return strings.TrimPrefix(h, "www.")
	}
	return ""
}

// overLimit tells how far a size n is over a limit, in the limit's unit
// with as many decimals as it takes for the two to differ ("10.5 MB, 0.5
// MB over the 10 MB limit"); when two decimals do not show it, in bytes.
// Rounded alone, 10 MB and one byte would read "10 MB over the 10 MB limit".
func overLimit(n, limit int64) string {
	unit, name := int64(1), "bytes"
	switch {
	case limit >= 1<<20:
		unit, name = 1<<20, "MB"
	case limit >= 1<<10:
		unit, name = 1<<10, "KB"
	}
	if unit > 1 {
		in := func(v int64, prec int) string { return strconv.FormatFloat(float64(v)/float64(unit), 'f', prec, 64) }
		// The fewest decimals that give the size exactly ("12.5 MB"), else
		// the fewest at which it differs from the limit.
		for prec := 0; prec <= 2; prec++ {
			if f, _ := strconv.ParseFloat(in(n, prec), 64); f*float64(unit) == float64(n) && in(n, prec) != in(limit, prec) {
				return fmt.Sprintf("%s %s, %s %s over the %s %s limit", in(n, prec), name, in(n-limit, prec), name, in(limit, 0), name)
			}
		}
		for prec := 0; prec <= 2; prec++ {
			if in(n, prec) != in(limit, prec) && in(n-limit, prec) != in(0, prec) {
				lim := in(limit, prec)
				if limit%unit == 0 {
					lim = in(limit, 0)
				}
				return fmt.Sprintf("%s %s, %s %s over the %s %s limit", in(n, prec), name, in(n-limit, prec), name, lim, name)
			}
		}
	}
	return fmt.Sprintf("%d bytes, %d over the %d-byte limit", n, n-limit, limit)
}

// tooLarge is the error for a file of n bytes over the limit (see
// overLimit).
func tooLarge(n, limit int64) error {
	return storyline.Errorf(storyline.ETOOLARGE, "file is %s for one document", overLimit(n, limit))
}
