package main

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"

	"github.com/storyline-news/storyline/source"
)

// progress draws a one-line counter on a terminal and nothing elsewhere.
// When the size of the input is known (files, folders, standard input
// redirected from a file), it also shows the share read and the time left.
type progress struct {
	w     io.Writer
	on    bool
	last  time.Time
	total int64        // bytes of input, 0 when unknown
	done  atomic.Int64 // bytes read so far, counted by the reading goroutine
	// emitted counts the items read; the reader runs ahead of the
	// articles stored by the items buffered between them.
	emitted atomic.Int64
}

func newProgress(w io.Writer, on bool) *progress { return &progress{w: w, on: on} }

// read counts n bytes of input read.
func (p *progress) read(n int64) { p.done.Add(n) }

func (p *progress) update(n int, start time.Time) {
	if !p.on || time.Since(p.last) < 100*time.Millisecond {
		return
	}
	p.last = time.Now()
	// The bytes behind the n articles stored, at the bytes per item read
	// so far.
	done := p.done.Load()
	if e := p.emitted.Load(); e > int64(n) {
		done = int64(float64(done) * float64(n) / float64(e))
	}
	fmt.Fprint(p.w, "\r\033[K"+progressLine(n, time.Since(start), done, p.total))
}

func (p *progress) clear() {
	if p.on && !p.last.IsZero() {
		fmt.Fprint(p.w, "\r\033[K")
	}
}

// progressLine says how far an ingest is after n articles and elapsed
// time, with the bytes done of the total and the time left when the total
// is known. The time left assumes the rest of the input reads as fast as
// what came before.
func progressLine(n int, elapsed time.Duration, done, total int64) string {
	line := fmt.Sprintf("ingesting: %d read, %.0f/s", n, float64(n)/max(elapsed.Seconds(), 1e-3))
	if total <= 0 || done <= 0 {
		return line
	}
	done = min(done, total)
	share := float64(done) / float64(total)
	line += fmt.Sprintf(", %s of %s (%.0f%%)", byteSize(done), byteSize(total), 100*share)
	if elapsed >= time.Second && share < 1 {
		left := time.Duration(float64(elapsed) * (1 - share) / share)
		line += ", about " + roughly(left) + " left"
	}
	return line
}

// byteSize says a size in the unit that fits it.
func byteSize(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.0f kB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// roughly says a time left to the precision that matters: seconds (at
// least one) under a minute, minutes and tens of seconds under an hour, else hours and minutes.
func roughly(d time.Duration) string {
	switch {
	case d < time.Minute:
		return fmt.Sprintf("%ds", max(1, int(d.Seconds()+0.5)))
	case d < time.Hour:
		d = d.Round(10 * time.Second)
		return fmt.Sprintf("%dm%02ds", int(d.Minutes()), int(d.Seconds())%60)
	}
	d = d.Round(time.Minute)
	return fmt.Sprintf("%dh%02dm", int(d.Hours()), int(d.Minutes())%60)
}

// inputSize is the number of bytes an ingest of paths will read: the
// sizes of the files named and of the files storyline reads in the
// folders, and of standard input when it is redirected from a file. It is
// 0 (unknown) when any input is a URL, a pipe or a device.
func inputSize(paths []string, stdin io.Reader) int64 {
	var total int64
	for _, p := range paths {
		if p == "-" {
			f, ok := stdin.(*os.File)
			if stdin == nil {
				f, ok = os.Stdin, true
			}
			if !ok {
				return 0
			}
			info, err := f.Stat()
			if err != nil || !info.Mode().IsRegular() {
				return 0
			}
			total += info.Size()
			continue
		}
		if strings.Contains(p, "://") {
			return 0
		}
		info, err := os.Stat(p)
		if err != nil {
			continue // reported by the ingest; it reads nothing
		}
		if !info.IsDir() {
			if !info.Mode().IsRegular() {
				return 0
			}
			total += info.Size()
			continue
		}
		filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if d.IsDir() && path != p && strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
			if d.IsDir() || source.KindOf(path) == "" {
				return nil
			}
			if info, err := os.Stat(path); err == nil && info.Mode().IsRegular() {
				total += info.Size()
			}
			return nil
		})
	}
	return total
}
