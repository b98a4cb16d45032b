package ner

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"sync"

	_ "embed"
)

//go:embed data/gazetteer.tsv
var gazetteerText string

//go:embed data/wordclasses.tsv.gz
var wordClassesGz []byte

var (
	wordClassesOnce sync.Once
	wordClassesText string
	wordClassesErr  error
)

// defaultLexicon returns the lexicon built from the embedded gazetteer and
// word classes, either of which may be left out.
func defaultLexicon(gazetteer, wordClasses bool) (*lexicon, error) {
	var gaz, words string
	if gazetteer {
		gaz = gazetteerText
	}
	if wordClasses {
		wordClassesOnce.Do(func() {
			var b []byte
			b, wordClassesErr = gunzip(wordClassesGz)
			wordClassesText = string(b)
		})
		if wordClassesErr != nil {
			return nil, fmt.Errorf("word classes: %w", wordClassesErr)
		}
		words = wordClassesText
	}
	return newLexicon(gaz, words)
}

func gunzip(b []byte) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	return io.ReadAll(zr)
}

// modelMagic opens every model file; the version changes with the features.
const modelMagic = "storyline-ner 1\n"

// Save writes the tagger as a gzip-compressed model: the lexicon texts,
// then the feature keys in increasing order (delta-coded) and their
// weights, quantised to 16 bits. Rows whose weights all round to zero are
// left out. Load reads it compressed or not; the model shipped in the
// binary is stored uncompressed, which spares the first tagging the
// decompression.
func (t *Tagger) Save(w io.Writer) error { return t.save(w, 0, true) }

func (t *Tagger) save(w io.Writer, pruneBelow float64, compress bool) error {
	if t.index == nil && t.table != nil { // loaded, see load
		t.weights = t.table.weights()
	}
	maxAbs := 0.0
	for _, v := range t.w {
		maxAbs = max(maxAbs, math.Abs(float64(v)))
	}
	scale := maxAbs / 32767
	if scale == 0 {
		scale = 1
	}
	type row struct {
		key uint32
		q   [numLabels]int16
	}
	rows := make([]row, 0, len(t.index))
	for k, r := range t.index {
		var q [numLabels]int16
		keep := false
		for l, v := range t.w[int(r)*numLabels : int(r)*numLabels+numLabels] {
			q[l] = int16(math.Round(float64(v) / scale))
			if q[l] != 0 && math.Abs(float64(v)) >= pruneBelow {
				keep = true
			}
		}
		if keep {
			rows = append(rows, row{k, q})
		}
	}
	slices.SortFunc(rows, func(a, b row) int { return int(int64(a.key) - int64(b.key)) })

	var zw *gzip.Writer
	if compress {
		var err error
		if zw, err = gzip.NewWriterLevel(w, gzip.BestCompression); err != nil {
			return err
		}
		w = zw
	}
	bw := bufio.NewWriter(w)
	var buf []byte
	buf = append(buf, modelMagic...)
	buf = binary.AppendUvarint(buf, uint64(t.beam))
	buf = binary.AppendUvarint(buf, uint64(len(t.lex.gazText)))
	buf = append(buf, t.lex.gazText...)
	buf = binary.AppendUvarint(buf, uint64(len(t.lex.wordsText)))
	buf = append(buf, t.lex.wordsText...)
	buf = binary.LittleEndian.AppendUint64(buf, math.Float64bits(scale))
	buf = binary.AppendUvarint(buf, uint64(len(rows)))
	if _, err := bw.Write(buf); err != nil {
		return err
	}
	// Keys first, then the weights label by label: columns compress better.
	buf = buf[:0]
	last := uint32(0)
	for _, r := range rows {
		buf = binary.AppendUvarint(buf, uint64(r.key-last))
		last = r.key
	}
	for l := range numLabels {
		for _, r := range rows {
			buf = binary.AppendVarint(buf, int64(r.q[l]))
		}
	}
	if _, err := bw.Write(buf); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if zw != nil {
		return zw.Close()
	}
	return nil
}

// Load reads a model written by Save, gzip-compressed or not.
func Load(r io.Reader) (*Tagger, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("load ner model: %w", err)
	}
	return parseModel(b)
}

// parseModel reads a model, gzip-compressed or not, from memory.
func parseModel(b []byte) (*Tagger, error) {
	if bytes.HasPrefix(b, []byte{0x1f, 0x8b}) { // the gzip header
		var err error
		if b, err = gunzip(b); err != nil {
			return nil, fmt.Errorf("load ner model: %w", err)
		}
	}
	t, err := load(b)
	if err != nil {
		return nil, fmt.Errorf("load ner model: %w", err)
	}
	return t, nil
}

// load parses an uncompressed model. The lexicon is parsed while the
// weights are read, on another goroutine: loading is the start-up cost of
// the first tagging.
func load(b []byte) (*Tagger, error) {
	m := modelReader{b: b}
	if string(m.bytes(len(modelMagic))) != modelMagic {
		return nil, errors.New("not a storyline NER model of this version")
	}
	beam := m.uvarint()
	if m.err != nil || beam == 0 || beam > 64 {
		return nil, errors.New("bad beam width")
	}
	gaz := m.text()
	words := m.text()
	scale := math.Float64frombits(binary.LittleEndian.Uint64(m.bytes(8)))
	n := m.uvarint()
	if m.err != nil || n > 1<<28 {
		return nil, errors.New("bad feature count")
	}
	type lexResult struct {
		lex *lexicon
		err error
	}
	lexc := make(chan lexResult, 1)
	go func() {
		lex, err := newLexicon(string(gaz), string(words))
		lexc <- lexResult{lex, err}
	}()
	keys := make([]uint32, n)
	key := uint32(0)
	for i := range keys {
		key += uint32(m.uvarint())
		if i > 0 && key <= keys[i-1] {
			m.fail("feature keys")
		}
		keys[i] = key
	}
	q := make([]int16, int(n)*numLabels)
	for l := range numLabels {
		for i := range int(n) {
			v := m.varint()
			if v < math.MinInt16 || v > math.MaxInt16 {
				m.fail("weights")
			}
			q[i*numLabels+l] = int16(v)
		}
	}
	lr := <-lexc
	switch {
	case m.err != nil:
		return nil, fmt.Errorf("weights: %w", m.err)
	case lr.err != nil:
		return nil, lr.err
	}
	// A loaded tagger only decodes: its weights go straight into decoding
	// layout, and a weight table is made from them only if it is saved.
	t := &Tagger{lex: lr.lex, beam: int(beam), table: tableOf(keys, q, float32(scale))}
	t.tableOnce.Do(func() {})
	return t, nil
}

// modelReader reads the fields of an uncompressed model; the first error
// sticks, and reads after it return zero values.
type modelReader struct {
	b   []byte
	err error
}

func (m *modelReader) fail(what string) {
	if m.err == nil {
		m.err = fmt.Errorf("truncated or corrupt %s", what)
	}
	m.b = nil
}

func (m *modelReader) bytes(n int) []byte {
	if n < 0 || n > len(m.b) {
		m.fail("model")
		return make([]byte, max(n, 0))
	}
	out := m.b[:n]
	m.b = m.b[n:]
	return out
}

func (m *modelReader) uvarint() uint64 {
	v, k := binary.Uvarint(m.b)
	if k <= 0 {
		m.fail("number")
		return 0
	}
	m.b = m.b[k:]
	return v
}

func (m *modelReader) varint() int64 {
	v, k := binary.Varint(m.b)
	if k <= 0 {
		m.fail("number")
		return 0
	}
	m.b = m.b[k:]
	return v
}

// text reads a length-prefixed text.
func (m *modelReader) text() []byte {
	n := m.uvarint()
	if n > 1<<30 {
		m.fail("lexicon length")
		return nil
	}
	return m.bytes(int(n))
}
