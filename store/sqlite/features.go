package sqlite

import (
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"sync"
	"time"

	"github.com/storyline-news/storyline"
)

// featuresFormat is the first byte of an encoded features blob; a new
// layout gets a new number and decodeFeatures keeps reading the old ones.
const featuresFormat = 1

// encodeFeatures appends the binary form of f to buf and returns it. The
// layout (format 1) is: the format byte; DuplicateOf as a uvarint; Source as
// a term id; Title, Body and Entities each as a uvarint count followed by
// term ids; Signature as a uvarint count followed by little-endian uint32s.
// A term id is a uvarint that termID gives for a string. Article, Story and
// Published live in their own columns and are not encoded.
func encodeFeatures(buf []byte, f *storyline.Features, termID func(string) (uint64, error)) ([]byte, error) {
	buf = append(buf, featuresFormat)
	buf = binary.AppendUvarint(buf, uint64(f.DuplicateOf))
	id, err := termID(f.Source)
	if err != nil {
		return nil, err
	}
	buf = binary.AppendUvarint(buf, id)
	for _, list := range [][]string{f.Title, f.Body, f.Entities} {
		buf = binary.AppendUvarint(buf, uint64(len(list)))
		for _, s := range list {
			id, err := termID(s)
			if err != nil {
				return nil, err
			}
			buf = binary.AppendUvarint(buf, id)
		}
	}
	buf = binary.AppendUvarint(buf, uint64(len(f.Signature)))
	for _, v := range f.Signature {
		buf = binary.LittleEndian.AppendUint32(buf, v)
	}
	return buf, nil
}

// errCorrupt reports a features blob that does not decode.
var errCorrupt = errors.New("corrupt features data")

// decodeFeatures fills f (all but Article, Story and Published) from buf;
// terms[id] is the string of a term id. The strings are shared, not copied.
func decodeFeatures(buf []byte, terms []string, f *storyline.Features) error {
	r := reader{buf: buf, terms: terms}
	if format := r.byte(); format != featuresFormat {
		return fmt.Errorf("%w: unknown format %d", errCorrupt, format)
	}
	f.DuplicateOf = int64(r.uvarint())
	f.Source = r.term()
	for _, list := range []*[]string{&f.Title, &f.Body, &f.Entities} {
		*list = nil
		if n := r.count(1); n > 0 {
			*list = make([]string, n)
			for i := range *list {
				(*list)[i] = r.term()
			}
		}
	}
	f.Signature = nil
	if n := r.count(4); n > 0 {
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

// reader consumes a features blob; the first error sticks and makes every
// later read return zero.
type reader struct {
	buf   []byte
	terms []string
	err   error
}

// fail records err unless an error is already recorded.
func (r *reader) fail(err error) {
	if r.err == nil {
		r.err = err
	}
	r.buf = nil
}

// byte reads one byte.
func (r *reader) byte() byte {
	if len(r.buf) < 1 {
		r.fail(fmt.Errorf("%w: short", errCorrupt))
		return 0
	}
	b := r.buf[0]
	r.buf = r.buf[1:]
	return b
}

// uvarint reads an unsigned varint.
func (r *reader) uvarint() uint64 {
	v, n := binary.Uvarint(r.buf)
	if n <= 0 {
		r.fail(fmt.Errorf("%w: bad varint", errCorrupt))
		return 0
	}
	r.buf = r.buf[n:]
	return v
}

// count reads an element count and checks that the rest of the blob can
// hold that many elements of at least size bytes each.
func (r *reader) count(size int) int {
	n := r.uvarint()
	if n > uint64(len(r.buf)/size) {
		r.fail(fmt.Errorf("%w: count %d too large", errCorrupt, n))
		return 0
	}
	return int(n)
}

// term reads a term id and returns its string.
func (r *reader) term() string {
	id := r.uvarint()
	if id >= uint64(len(r.terms)) {
		r.fail(fmt.Errorf("%w: unknown term %d", errCorrupt, id))
		return ""
	}
	return r.terms[id]
}

// uint32 reads a little-endian uint32.
func (r *reader) uint32() uint32 {
	if len(r.buf) < 4 {
		r.fail(fmt.Errorf("%w: short", errCorrupt))
		return 0
	}
	v := binary.LittleEndian.Uint32(r.buf)
	r.buf = r.buf[4:]
	return v
}

// termCache maps the strings of committed terms to their ids. Committed ids
// never change, so the cache stays right when other processes add terms.
type termCache struct {
	mu  sync.Mutex
	ids map[string]uint64
}

// get returns the cached id of term.
func (c *termCache) get(term string) (uint64, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	id, ok := c.ids[term]
	return id, ok
}

// add caches the ids of a committed transaction.
func (c *termCache) add(ids map[string]uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.ids == nil {
		c.ids = make(map[string]uint64, len(ids))
	}
	for term, id := range ids {
		c.ids[term] = id
	}
}

// termID returns the id of term in the terms table, adding it when new.
// Ids found or added in the transaction wait in t.terms until it commits.
func (t *saveTx) termID(term string) (uint64, error) {
	if term == "" {
		return 0, nil
	}
	if id, ok := t.db.terms.get(term); ok {
		return id, nil
	}
	if id, ok := t.newTerms[term]; ok {
		return id, nil
	}
	if id, ok := t.db.group.terms[term]; ok { // added earlier in this group
		return id, nil
	}
	// Most terms missing from the cache are new: try the insert first.
	var id int64
	err := t.queryRow(t.s.insertTerm, term).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		err = t.queryRow(t.s.findTerm, term).Scan(&id)
	}
	if err != nil {
		return 0, fmt.Errorf("term %q: %w", term, err)
	}
	if t.newTerms == nil {
		t.newTerms = make(map[string]uint64)
	}
	t.newTerms[term] = uint64(id)
	return uint64(id), nil
}

// loadTerms reads the whole terms table into a slice indexed by id.
func loadTerms(ctx context.Context, tx *sql.Tx) ([]string, error) {
	var n int64
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) FROM terms`).Scan(&n); err != nil {
		return nil, err
	}
	terms := make([]string, n+1)
	rows, err := tx.QueryContext(ctx, `SELECT id, term FROM terms`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var term string
		if err := rows.Scan(&id, &term); err != nil {
			return nil, err
		}
		if id > 0 && id <= n {
			terms[id] = term
		}
	}
	return terms, rows.Err()
}

// Features streams to fn the features of the articles published at or after
// since (all of them for the zero time), in ingest order. An article whose
// publication time is unknown is placed at its ingest time for since, but
// its Published stays zero, as the clusterer saw it (no time decay). The strings
// of all the Features of one call are shared (each distinct term is one
// string), so keeping them costs little memory. An error from fn stops the
// stream and is returned as is.
func (db *DB) Features(ctx context.Context, since time.Time, fn func(storyline.Features) error) error {
	db.settle()
	from := int64(math.MinInt64)
	if n := nanos(since); n.Valid {
		from = n.Int64
	} else if !since.IsZero() && since.After(maxTime) {
		return nil
	}
	// One read transaction, so that the dictionary covers every row read.
	tx, err := db.read.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("features: %w", err)
	}
	defer tx.Rollback()
	terms, err := loadTerms(ctx, tx)
	if err != nil {
		return fmt.Errorf("features: terms: %w", err)
	}
	rows, err := tx.QueryContext(ctx, `SELECT f.article, f.story, f.published, f.data, a.published IS NOT NULL
		FROM features f JOIN articles a ON a.id = f.article WHERE f.published >= ? ORDER BY f.article`, from)
	if err != nil {
		return fmt.Errorf("features: %w", err)
	}
	defer rows.Close()

	for rows.Next() {
		var (
			f         storyline.Features
			story     sql.NullInt64
			published int64
			data      sql.RawBytes
			dated     bool
		)
		if err := rows.Scan(&f.Article, &story, &published, &data, &dated); err != nil {
			return fmt.Errorf("features: %w", err)
		}
		if err := decodeFeatures(data, terms, &f); err != nil {
			return fmt.Errorf("features of article %d: %w", f.Article, err)
		}
		f.Story = story.Int64
		if dated {
			f.Published = time.Unix(0, published).UTC()
		}
		if err := fn(f); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("features: %w", err)
	}
	return nil
}
