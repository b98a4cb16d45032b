package sqlite

import (
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/storyline-news/storyline"
)

// featuresFormat is the first byte of an encoded features blob; a new
// layout gets a new number and decodeFeatures keeps reading the old ones.
const featuresFormat = 1

// encodeFeatures appends the binary form of f to buf and returns it. The
// layout (format 1) is: the format byte; DuplicateOf as a uvarint; Source as
// a string; Title, Body and Entities each as a uvarint count followed by
// strings; Signature as a uvarint count followed by little-endian uint32s.
// A string is a uvarint length and its bytes. Article, Story and Published
// live in their own columns and are not encoded.
func encodeFeatures(buf []byte, f *storyline.Features) []byte {
	size := 1 + 2*binary.MaxVarintLen64 + len(f.Source) + 4*len(f.Signature) + 3*binary.MaxVarintLen64
	for _, list := range [][]string{f.Title, f.Body, f.Entities} {
		for _, s := range list {
			size += len(s) + 1
		}
	}
	if cap(buf)-len(buf) < size {
		buf = append(make([]byte, 0, len(buf)+size), buf...)
	}
	buf = append(buf, featuresFormat)
	buf = binary.AppendUvarint(buf, uint64(f.DuplicateOf))
	buf = appendString(buf, f.Source)
	for _, list := range [][]string{f.Title, f.Body, f.Entities} {
		buf = binary.AppendUvarint(buf, uint64(len(list)))
		for _, s := range list {
			buf = appendString(buf, s)
		}
	}
	buf = binary.AppendUvarint(buf, uint64(len(f.Signature)))
	for _, v := range f.Signature {
		buf = binary.LittleEndian.AppendUint32(buf, v)
	}
	return buf
}

// appendString appends s with its length in front.
func appendString(buf []byte, s string) []byte {
	buf = binary.AppendUvarint(buf, uint64(len(s)))
	return append(buf, s...)
}

// errCorrupt reports a features blob that does not decode.
var errCorrupt = errors.New("corrupt features data")

// featuresDecoder decodes features blobs, sharing one copy of every distinct
// term among all the features it decodes: stems repeat across articles, and
// the clusterer keeps them all in memory.
type featuresDecoder struct {
	strings map[string]string
}

// newFeaturesDecoder returns a decoder with an empty string table.
func newFeaturesDecoder() *featuresDecoder {
	return &featuresDecoder{strings: make(map[string]string, 1<<14)}
}

// decode fills f (all but Article, Story and Published) from buf.
func (d *featuresDecoder) decode(buf []byte, f *storyline.Features) error {
	r := reader{buf: buf}
	if format := r.byte(); format != featuresFormat {
		return fmt.Errorf("%w: unknown format %d", errCorrupt, format)
	}
	f.DuplicateOf = int64(r.uvarint())
	f.Source = d.intern(r.bytes())
	for _, list := range []*[]string{&f.Title, &f.Body, &f.Entities} {
		n := r.count(1)
		if n == 0 {
			*list = nil
			continue
		}
		*list = make([]string, n)
		for i := range *list {
			(*list)[i] = d.intern(r.bytes())
		}
	}
	n := r.count(4)
	f.Signature = nil
	if n > 0 {
		f.Signature = make([]uint32, n)
		for i := range f.Signature {
			f.Signature[i] = r.uint32()
		}
	}
	if r.err != nil {
		return r.err
	}
	if len(r.buf) != 0 {
		return fmt.Errorf("%w: %d trailing bytes", errCorrupt, len(r.buf))
	}
	return nil
}

// intern returns the shared copy of the string in b.
func (d *featuresDecoder) intern(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	if s, ok := d.strings[string(b)]; ok { // no allocation for the lookup
		return s
	}
	s := string(b)
	d.strings[s] = s
	return s
}

// reader consumes a features blob; the first error sticks and makes every
// later read return zero.
type reader struct {
	buf []byte
	err error
}

// fail records err unless an error is already recorded.
func (r *reader) fail(err error) {
	if r.err == nil {
		r.err = err
	}
	r.buf = nil
}

func (r *reader) byte() byte {
	if len(r.buf) < 1 {
		r.fail(fmt.Errorf("%w: short", errCorrupt))
		return 0
	}
	b := r.buf[0]
	r.buf = r.buf[1:]
	return b
}

func (r *reader) uvarint() uint64 {
	v, n := binary.Uvarint(r.buf)
	if n <= 0 {
		r.fail(fmt.Errorf("%w: bad varint", errCorrupt))
		return 0
	}
	r.buf = r.buf[n:]
	return v
}

// count reads a element count and checks that the rest of the blob can
// hold that many elements of at least size bytes each.
func (r *reader) count(size int) int {
	n := r.uvarint()
	if n > uint64(len(r.buf)/size) {
		r.fail(fmt.Errorf("%w: count %d too large", errCorrupt, n))
		return 0
	}
	return int(n)
}

func (r *reader) bytes() []byte {
	n := r.uvarint()
	if n > uint64(len(r.buf)) {
		r.fail(fmt.Errorf("%w: string too long", errCorrupt))
		return nil
	}
	b := r.buf[:n]
	r.buf = r.buf[n:]
	return b
}

func (r *reader) uint32() uint32 {
	if len(r.buf) < 4 {
		r.fail(fmt.Errorf("%w: short", errCorrupt))
		return 0
	}
	v := binary.LittleEndian.Uint32(r.buf)
	r.buf = r.buf[4:]
	return v
}

// Features streams to fn the features of the articles published at or after
// since (all of them for the zero time), in ingest order. An article whose
// features were stored without a publication time is placed at its own
// published time, else its ingest time, and Published says so. Terms are
// shared between the Features of one call, so fn must not modify the
// strings' backing arrays (Go strings cannot be modified anyway) but may
// keep the values. An error from fn stops the stream and is returned as is.
func (db *DB) Features(ctx context.Context, since time.Time, fn func(storyline.Features) error) error {
	from := int64(math.MinInt64)
	if n := nanos(since); n.Valid {
		from = n.Int64
	} else if !since.IsZero() && since.After(maxTime) {
		return nil
	}
	rows, err := db.read.QueryContext(ctx, `SELECT article, story, published, data
		FROM features WHERE published >= ? ORDER BY article`, from)
	if err != nil {
		return fmt.Errorf("features: %w", err)
	}
	defer rows.Close()

	d := newFeaturesDecoder()
	for rows.Next() {
		var (
			f         storyline.Features
			story     sql.NullInt64
			published int64
			data      sql.RawBytes
		)
		if err := rows.Scan(&f.Article, &story, &published, &data); err != nil {
			return fmt.Errorf("features: %w", err)
		}
		if err := d.decode(data, &f); err != nil {
			return fmt.Errorf("features of article %d: %w", f.Article, err)
		}
		f.Story = story.Int64
		f.Published = time.Unix(0, published).UTC()
		if err := fn(f); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("features: %w", err)
	}
	return nil
}
