package source

import (
	"context"
	"io"
	"io/fs"
	"os"

	"github.com/storyline-news/storyline"
)

// openInput opens a file named on the command line or found in a folder.
// A named pipe with no writer yet blocks open(2) until one comes: the open
// then waits in its own goroutine, so that cancelling ctx (Ctrl-C) returns
// at once. The reader returned stops with ctx's error once ctx is done,
// even while a read from a pipe or device is waiting for data.
func openInput(ctx context.Context, path string) (io.ReadCloser, fs.FileInfo, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, nil, cleanPathError(err)
	}
	if info.Mode().IsRegular() {
		f, err := os.Open(path)
		if err != nil {
			return nil, nil, cleanPathError(err)
		}
		return fileReader{ctxReader{ctx, f}, f}, info, nil
	}
	type opened struct {
		f   *os.File
		err error
	}
	done := make(chan opened, 1)
	go func() {
		f, err := os.Open(path)
		done <- opened{f, err}
	}()
	select {
	case o := <-done:
		if o.err != nil {
			return nil, nil, cleanPathError(o.err)
		}
		return newPipeReader(ctx, o.f), info, nil
	case <-ctx.Done():
		go func() {
			// Close the file should the open ever complete.
			if o := <-done; o.f != nil {
				o.f.Close()
			}
		}()
		return nil, nil, ctx.Err()
	}
}

// fileReader reads a regular file, checking ctx before every read: a
// read from a regular file never waits for long.
type fileReader struct {
	ctxReader
	io.Closer
}

// pipeReader reads a pipe, a device or standard input, where a read may
// wait for data indefinitely: each read runs in a goroutine of its own
// into a buffer of its own, so that Read can return ctx's error while the
// read waits. An abandoned read ends when data comes or the file closes.
type pipeReader struct {
	ctx  context.Context
	r    io.Reader
	c    io.Closer
	buf  []byte
	rest []byte // read but not yet returned
	err  error
	res  chan pipeRead
}

type pipeRead struct {
	n   int
	err error
}

// pipeChunk is the most one read from a pipe takes.
const pipeChunk = 64 << 10

func newPipeReader(ctx context.Context, f *os.File) *pipeReader {
	return &pipeReader{ctx: ctx, r: f, c: f, buf: make([]byte, pipeChunk), res: make(chan pipeRead, 1)}
}

// StreamReader wraps standard input or another stream so that reading it
// stops with ctx's error once ctx is done: at once for a pipe or a terminal,
// where a read may wait for data indefinitely; before the next read for
// anything else.
func StreamReader(ctx context.Context, r io.Reader) io.Reader {
	if f, ok := r.(*os.File); ok {
		if info, err := f.Stat(); err == nil && !info.Mode().IsRegular() {
			return &pipeReader{ctx: ctx, r: f, buf: make([]byte, pipeChunk), res: make(chan pipeRead, 1)}
		}
	}
	return ctxReader{ctx: ctx, Reader: r}
}

// ctxReader checks ctx before every read.
type ctxReader struct {
	ctx context.Context
	io.Reader
}

func (r ctxReader) Read(p []byte) (int, error) {
	if err := r.ctx.Err(); err != nil {
		return 0, err
	}
	return r.Reader.Read(p)
}

func (r *pipeReader) Read(p []byte) (int, error) {
	if len(r.rest) == 0 && r.err == nil {
		if err := r.ctx.Err(); err != nil {
			return 0, err
		}
		buf := r.buf
		go func() {
			n, err := r.r.Read(buf)
			r.res <- pipeRead{n, err}
		}()
		select {
		case got := <-r.res:
			r.rest, r.err = r.buf[:got.n], got.err
		case <-r.ctx.Done():
			// The goroutine still owns buf: this reader is done with.
			r.buf, r.err = nil, r.ctx.Err()
			return 0, r.err
		}
	}
	if len(r.rest) > 0 {
		n := copy(p, r.rest)
		r.rest = r.rest[n:]
		return n, nil
	}
	return 0, r.err
}

func (r *pipeReader) Close() error {
	if r.c == nil {
		return nil
	}
	return r.c.Close()
}

// notRegular is the error for a file in a folder that is not a regular
// file (a named pipe, a device, a socket): it is not read, as reading it
// could wait for ever.
func notRegular() error {
	return storyline.Errorf(storyline.EINVALID, "skipped: not a regular file")
}

// counted returns r, counting what is read from it into opts.Progress when
// that is set.
func counted(r io.Reader, opts Options) io.Reader {
	if opts.Progress == nil {
		return r
	}
	return countingReader{r: r, add: opts.Progress}
}

// countingReader reports the bytes read through it.
type countingReader struct {
	r   io.Reader
	add func(int64)
}

func (c countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	if n > 0 {
		c.add(int64(n))
	}
	return n, err
}
