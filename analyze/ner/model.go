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

// Save writes the tagger as a gzip-compressed model: the lexicon texts, then
// the feature keys in increasing order (delta-coded) and their weights,
// quantised to 16 bits. Rows whose weights all round to zero are left out.
func (t *Tagger) Save(w io.Writer) error { return t.save(w, 0) }

func (t *Tagger) save(w io.Writer, pruneBelow float64) error {
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

	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(zw)
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
	return zw.Close()
}

// Load reads a model written by Save.
func Load(r io.Reader) (*Tagger, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("load ner model: %w", err)
	}
	br := bufio.NewReader(zr)
	t, err := load(br)
	if err != nil {
		return nil, fmt.Errorf("load ner model: %w", err)
	}
	return t, nil
}

func load(br *bufio.Reader) (*Tagger, error) {
	magic := make([]byte, len(modelMagic))
	if _, err := io.ReadFull(br, magic); err != nil || string(magic) != modelMagic {
		return nil, errors.New("not a storyline NER model of this version")
	}
	beam, err := binary.ReadUvarint(br)
	if err != nil || beam == 0 || beam > 64 {
		return nil, errors.New("bad beam width")
	}
	readText := func() (string, error) {
		n, err := binary.ReadUvarint(br)
		if err != nil || n > 1<<30 {
			return "", errors.New("bad lexicon length")
		}
		b := make([]byte, n)
		_, err = io.ReadFull(br, b)
		return string(b), err
	}
	gaz, err := readText()
	if err != nil {
		return nil, err
	}
	words, err := readText()
	if err != nil {
		return nil, err
	}
	lex, err := newLexicon(gaz, words)
	if err != nil {
		return nil, err
	}
	var sb [8]byte
	if _, err := io.ReadFull(br, sb[:]); err != nil {
		return nil, err
	}
	scale := math.Float64frombits(binary.LittleEndian.Uint64(sb[:]))
	n, err := binary.ReadUvarint(br)
	if err != nil || n > 1<<28 {
		return nil, errors.New("bad feature count")
	}
	t := &Tagger{lex: lex, beam: int(beam),
		weights: weights{index: make(map[uint32]int32, n), w: make([]float32, int(n)*numLabels)}}
	key := uint32(0)
	for i := range int(n) {
		d, err := binary.ReadUvarint(br)
		if err != nil {
			return nil, fmt.Errorf("feature keys: %w", err)
		}
		key += uint32(d)
		t.index[key] = int32(i)
	}
	for l := range numLabels {
		for i := range int(n) {
			q, err := binary.ReadVarint(br)
			if err != nil {
				return nil, fmt.Errorf("weights: %w", err)
			}
			t.w[i*numLabels+l] = float32(float64(q) * scale)
		}
	}
	return t, nil
}
