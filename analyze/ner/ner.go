// Package ner finds named entities — people, organisations, places and other
// names — in news text with an averaged-perceptron sequence tagger trained by
// this package on CoNLL-style data (IOB2 tags PER, ORG, LOC, MISC).
//
// The features read each word, its shape, prefixes and suffixes, its
// neighbours, the two previous tags, whether the sentence is an all-caps or
// Title Case headline, a gazetteer of countries, subdivisions, languages and
// demonyms generated from Debian's iso-codes (internal/gazgen), and word
// classes with capitalisation statistics derived from unlabelled news text
// (internal/wordclass). Features are hashed to 32-bit keys, so a model is a
// table from key to one weight per tag. Decoding is greedy, left to right,
// and never lets I-X follow anything but B-X or I-X.
//
// Default returns the model shipped in the binary; Train and TrainFromFiles
// reproduce it (see the package's README.md).
package ner

import (
	"bytes"
	_ "embed"
	"fmt"
	"sync"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/analyze"
)

// labels are the tags a tagger gives, in the order of its weight rows.
var labels = []string{"O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"}

const numLabels = 9

// labelIndex maps a tag to its row; IOB1 tags map to the same rows.
func labelIndex(tag string) (int, bool) {
	for i, l := range labels {
		if l == tag {
			return i, true
		}
	}
	return 0, false
}

// allowed reports whether tag cur may follow tag prev: I-X only continues
// B-X or I-X.
func allowed(prev, cur int) bool {
	if cur == 0 || cur%2 == 1 {
		return true
	}
	return prev == cur || prev == cur-1
}

// Tagger is a trained named-entity tagger. It is safe for concurrent use.
type Tagger struct {
	lex *lexicon
	weights
	beam int // beam width
}

//go:embed data/model.bin.gz
var shippedModel []byte

var (
	defaultOnce   sync.Once
	defaultTagger *Tagger
)

// Default returns the tagger shipped with storyline, loaded once. It panics
// if the embedded model is corrupt, which a test guards against.
func Default() *Tagger {
	defaultOnce.Do(func() {
		t, err := Load(bytes.NewReader(shippedModel))
		if err != nil {
			panic(fmt.Sprintf("ner: embedded model: %v", err))
		}
		defaultTagger = t
	})
	return defaultTagger
}

// TagTokens returns one IOB2 tag for each word of a tokenized sentence.
func (t *Tagger) TagTokens(words []string) []string {
	ids := t.tag(words)
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = labels[id]
	}
	return out
}

// tag decodes a sentence and returns label indexes.
func (t *Tagger) tag(words []string) []int {
	if len(words) == 0 {
		return nil
	}
	lat := lattice{toks: t.lex.tokens(words)}
	keys, offs := staticFeatures(lat.toks, make([]uint32, 0, len(words)*80), make([]int, 0, len(words)+1))
	lat.static = make([][numLabels]float32, len(words))
	rows := make([]int32, 0, 100)
	for i := range lat.toks {
		rows = t.rowsOf(keys[offs[i]:offs[i+1]], rows)
		t.addRows(&lat.static[i], rows)
	}
	lat.dynRows = func(keys *[5]uint32, rows *[5]int32) {
		t.rowsOf(keys[:], rows[:0])
	}
	labels, _ := t.beamSearch(&lat, t.beam, nil)
	return labels
}

// entityTypes maps the tagger's entity types to storyline's.
var entityTypes = map[string]storyline.EntityType{
	"PER": storyline.Person, "ORG": storyline.Org, "LOC": storyline.Place, "MISC": storyline.Other,
}

// Mentions finds the named entities in a text. Offsets are rune offsets into
// text; a mention never crosses a sentence or a line break.
func (t *Tagger) Mentions(text string) []storyline.Mention {
	toks := analyze.Tokenize(text)
	var offs []int
	var out []storyline.Mention
	for _, s := range analyze.Sentences(toks) {
		words := make([]string, 0, s.Last-s.First)
		for _, tok := range toks[s.First:s.Last] {
			words = append(words, tok.Text)
		}
		for _, c := range Chunks(t.TagTokens(words)) {
			if offs == nil {
				offs = analyze.RuneOffsets(text)
			}
			start, end := toks[s.First+c.Start].Start, toks[s.First+c.End-1].End
			out = append(out, storyline.Mention{
				Text:  text[offs[start]:offs[end]],
				Type:  entityTypes[c.Type],
				Start: start,
				End:   end,
			})
		}
	}
	return out
}
