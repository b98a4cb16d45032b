// Package ner finds named entities — people, organisations, places and other
// names — in news text with an averaged-perceptron sequence tagger trained by
// this package on CoNLL-style data (IOB2 tags PER, ORG, LOC, MISC).
//
// The features read each word, its shape, prefixes and suffixes, its
// neighbours, the two previous tags, whether the sentence is an all-caps or
// Title Case headline (and the shapes its words would have in running text),
// a gazetteer of countries, subdivisions, cities, languages, demonyms and
// first names generated from package data (internal/gazgen), and word
// classes with capitalisation statistics derived from unlabelled news text
// (internal/wordclass). Features are hashed to 32-bit keys, so a model is a
// table from key to one weight per tag. Decoding is a beam search, left to
// right, that never lets I-X follow anything but B-X or I-X; training is the
// structured perceptron with early update and averaged weights.
//
// Default returns the model shipped in the binary; Train and TrainFromFiles
// reproduce it (see the package's README.md).
package ner

import (
	_ "embed"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/analyze"
)

// labels are the tags a tagger gives, in the order of its weight rows.
var labels = []string{"O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"}

const numLabels = 9

// labelIndex maps an IOB2 tag to its row.
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

	tableOnce sync.Once
	table     *table // the weights in decoding layout, see decodingTable
}

//go:embed data/model.bin
var shippedModel []byte

var (
	defaultOnce   sync.Once
	defaultTagger *Tagger
)

// Default returns the tagger shipped with storyline, loaded once. It panics
// if the embedded model is corrupt, which a test guards against.
func Default() *Tagger {
	defaultOnce.Do(func() {
		t, err := parseModel(shippedModel)
		if err != nil {
			panic(fmt.Sprintf("ner: embedded model: %v", err))
		}
		defaultTagger = t
	})
	return defaultTagger
}

// CommonWord reports whether the tagger's word table knows word, in lower
// case, as a word written in lower case at least half the time inside a
// sentence of running text ("power", "officials"): a common word, where it
// starts a sentence, rather than a name.
func (t *Tagger) CommonWord(word string) bool {
	info, ok := t.lex.words[strings.ToLower(word)]
	return ok && (info.capBucket == 1 || info.capBucket == 2)
}

// PlaceName reports whether the tagger's gazetteer holds name as a
// country, subdivision, region or city ("Bristol", "Galicia"), whatever
// the letter case.
func (t *Tagger) PlaceName(name string) bool {
	var words []string
	for _, tk := range analyze.Tokenize(name) {
		words = append(words, strings.ToLower(normWord(tk.Text)))
	}
	if len(words) == 0 {
		return false
	}
	for _, e := range t.lex.gaz[words[0]] {
		switch gazKinds[e.kind] {
		case "country", "subdivision", "region", "city":
			if slices.Equal(e.words, words) {
				return true
			}
		}
	}
	return false
}

// TagTokens returns one IOB2 tag for each word of a tokenized sentence.
func (t *Tagger) TagTokens(words []string) []string {
	ids := t.tag(words, nil)
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = labels[id]
	}
	return out
}

// tag decodes a sentence and returns label indexes, in out when it is
// large enough. Only the tokens near a capital are scored and decoded (see
// scored); the others are O.
func (t *Tagger) tag(words []string, out []int) []int {
	if len(words) == 0 {
		return nil
	}
	tb := t.decodingTable()
	sc := getScratch()
	defer sc.release()
	sc.words.reset(tb)
	live := scored(words, resize(sc.live, len(words)))
	sc.live = live
	need := t.lex.needed(words, live, resize(sc.need, len(words)))
	sc.need = need
	sc.toks, sc.norm = resize(sc.toks, len(words)), resize(sc.norm, len(words))
	toks, kind := t.lex.tokensWith(words, &sc.words, sc.toks, sc.norm, need)
	sc.scoreStatic(tb, toks, live, kind)
	return sc.decodeRuns(tb, toks, live, kind, t.beam, resize(out, len(toks)))
}

// scoreStatic fills the lattice with the scores of the tag-independent
// features of the scored tokens.
func (sc *tagScratch) scoreStatic(tb *table, toks []token, live []bool, kind int) {
	static := resize(sc.lat.static, len(toks))
	sc.lat.static = static
	for i := range toks {
		if !live[i] {
			continue
		}
		var sum [numLabels]int32
		if kind == sentPlain {
			sum = sc.words.sumsAt(tb, toks, i)
		} else {
			// In a headline a word's classes and case in running text
			// depend on the sentence: no sums are cached.
			keys := wordKeys(sc.keys[:0], &toks[i])
			if i == 0 {
				keys = firstKeys(keys, &toks[i])
			}
			keys = wordTailKeys(keys, &toks[i])
			keys = contextKeys(keys, toks, i, kind)
			tb.sumKeys(&sum, keys)
			sc.keys = keys
		}
		tb.scaleInto(&static[i], sum)
	}
}

// decodeRuns decodes each run of scored tokens on its own, after tokens
// tagged O (what the decoder would see had it tagged them itself), and
// writes the labels into out, whose other tokens stay O.
func (sc *tagScratch) decodeRuns(tb *table, toks []token, live []bool, kind, beam int, out []int) []int {
	lat := &sc.lat
	static := lat.static
	sc.hist = resize(sc.hist, len(toks))
	sc.run = decodeRun{table: tb, toks: toks, plain: kind == sentPlain}
	if sc.dynamic == nil {
		sc.dynamic = sc.addHistory // a method value, made once
	}
	lat.dynamic = sc.dynamic
	for start := 0; start < len(toks); {
		if !live[start] {
			start++
			continue
		}
		end := start + 1
		for end < len(toks) && live[end] {
			end++
		}
		lat.static = static[start:end]
		sc.run.start = start
		labels, _ := beamSearch(lat, beam, nil)
		copy(out[start:], labels)
		start = end
	}
	lat.static = static
	return out
}

// decodeRun is the run of scored tokens being decoded, from token start
// of toks.
type decodeRun struct {
	table *table
	toks  []token
	start int
	plain bool // a sentence of running text, whose words' history sums are cached
}

// addHistory is the lattice's dynamic scores for the run being decoded:
// the weights of the tag-history features of its token i after tags prev2
// and prev.
func (sc *tagScratch) addHistory(i, prev, prev2 int, scores *[numLabels]float32) {
	r := &sc.run
	j := r.start + i
	if r.plain {
		sc.words.entries[j].addHistory(r.table, &r.toks[j], prev, prev2, scores)
		return
	}
	sc.hist[j].add(r.table, &r.toks[j], prev, prev2, scores)
}

// scored marks, in live, the tokens the decoder scores: those with a
// capital letter, the token after each (where a name ends), the few small
// words between two of them ("Bank of the West"), and before one a
// number or a name particle ("21st Century Fox", "de Blasio"). A name in
// English text has a capital in it; every other token is tagged O without
// scoring it, which spares the decoder about two thirds of the tokens of
// running text.
func scored(words []string, live []bool) []bool {
	last := -len(words) - 10 // the last word with a capital
	for i, w := range words {
		if !hasUpper(w) {
			continue
		}
		live[i] = true
		if i+1 < len(words) {
			live[i+1] = true
		}
		if i-last <= 3 {
			for j := last + 1; j < i; j++ {
				live[j] = true
			}
		}
		if i > 0 && leadsName(words[i-1]) {
			live[i-1] = true
		}
		last = i
	}
	return live
}

// hasUpper reports whether w has a capital.
func hasUpper(w string) bool {
	for i := 0; i < len(w); i++ {
		switch c := w[i]; {
		case 'A' <= c && c <= 'Z':
			return true
		case c >= utf8.RuneSelf:
			return strings.ContainsFunc(w[i:], unicode.IsUpper)
		}
	}
	return false
}

// leadsName reports whether a word without capitals can begin a name: a
// number ("21st Century Fox") or a particle ("de Blasio", "al Ashry").
// Words with capitals are scored anyway.
func leadsName(lower string) bool {
	if lower == "" {
		return false
	}
	if c := lower[0]; '0' <= c && c <= '9' {
		return true
	}
	return nameParticles[lower]
}

var nameParticles = map[string]bool{
	"al": true, "el": true, "bin": true, "ibn": true, "ben": true, "abu": true,
	"de": true, "da": true, "di": true, "do": true, "dos": true, "das": true,
	"del": true, "della": true, "du": true, "des": true, "la": true, "le": true,
	"van": true, "von": true, "der": true, "den": true, "ter": true, "zu": true,
}

// tagScratch holds the buffers of one call of tag, kept in scratches
// between calls.
type tagScratch struct {
	lat  lattice
	keys []uint32
	toks []token
	norm []string
	hist []wordHistory
	run  decodeRun
	// dynamic is addHistory as a function value, made once.
	dynamic func(i, prev, prev2 int, scores *[numLabels]float32)
	live    []bool
	need    []bool
	words   wordCache
}

// scratches keeps the scratches of tag between calls. Unlike a sync.Pool,
// which empties at every garbage collection, it keeps them, and with them
// their word caches, for as long as the program runs: a few per CPU.
var scratches = make(chan *tagScratch, 2*runtime.GOMAXPROCS(0))

func getScratch() *tagScratch {
	select {
	case sc := <-scratches:
		return sc
	default:
		return new(tagScratch)
	}
}

func (sc *tagScratch) release() {
	sc.lat.dynamic = nil
	sc.run = decodeRun{} // lets the sentence's tokens go
	clear(sc.words.entries)
	clear(sc.toks)
	clear(sc.norm)
	select {
	case scratches <- sc:
	default: // enough are kept
	}
}

// resize returns s with length n and zero elements, reusing its array when
// large enough.
func resize[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	s = s[:n]
	clear(s)
	return s
}

// decodingTable returns the tagger's weights in decoding layout, made on
// first use.
func (t *Tagger) decodingTable() *table {
	t.tableOnce.Do(func() { t.table = newTable(&t.weights) })
	return t.table
}

// Mentions finds the named entities in a text. Offsets are rune offsets into
// text; a mention never crosses a sentence or a line break. Sentences are
// tagged one by one; then every name takes the type the text gives it most
// often (see harmonizeTypes).
func (t *Tagger) Mentions(text string) []storyline.Mention {
	toks := analyze.Tokenize(text)
	return t.MentionsOf(text, toks, analyze.Sentences(toks), nil)
}

// MentionsOf is Mentions for a caller that has already tokenized text and
// split it into sentences (analyze.Tokenize, analyze.Sentences); offs is
// analyze.RuneOffsets(text), or nil to have it made when needed.
func (t *Tagger) MentionsOf(text string, toks []analyze.Token, sents []analyze.Sentence, offs []int) []storyline.Mention {
	var out []storyline.Mention
	var words []string
	var ids []int
	for _, s := range sents {
		words = words[:0]
		for _, tok := range toks[s.First:s.Last] {
			words = append(words, tok.Text)
		}
		ids = t.tag(words, ids)
		for _, c := range chunksOf(ids) {
			if offs == nil {
				offs = analyze.RuneOffsets(text)
			}
			start, end := toks[s.First+c.Start].Start, toks[s.First+c.End-1].End
			out = append(out, storyline.Mention{
				Text:  text[offs[start]:offs[end]],
				Type:  c.typ,
				Start: start,
				End:   end,
			})
		}
	}
	harmonizeTypes(out)
	return out
}

// labelChunk is a chunk of label indexes with its storyline type.
type labelChunk struct {
	Start, End int
	typ        storyline.EntityType
}

// labelTypes gives the storyline type of each label's entity type.
var labelTypes = [numLabels]storyline.EntityType{"", storyline.Person, storyline.Person, storyline.Org, storyline.Org,
	storyline.Place, storyline.Place, storyline.Other, storyline.Other}

// chunksOf is Chunks on label indexes: B-X is odd, I-X the even label after.
func chunksOf(ids []int) []labelChunk {
	var out []labelChunk
	start, typ := -1, -1 // typ: the B label of the open chunk
	for i, id := range ids {
		if id != 0 && id%2 == 0 && start >= 0 && id-1 == typ {
			continue
		}
		if start >= 0 {
			out = append(out, labelChunk{Start: start, End: i, typ: labelTypes[typ]})
			start, typ = -1, -1
		}
		if id != 0 {
			start, typ = i, id-1+id%2
		}
	}
	if start >= 0 {
		out = append(out, labelChunk{Start: start, End: len(ids), typ: labelTypes[typ]})
	}
	return out
}

// harmonizeTypes gives every mention the type that the mentions of the same
// name (compared without case) have most often in the text; a person's
// full name also votes for its last word alone ("Gustavo Petro" for
// "Petro"). A headline or a short sentence says little about a name that the
// body of the article uses many times. Ties keep the mention's own type.
func harmonizeTypes(ms []storyline.Mention) {
	if len(ms) < 2 {
		return
	}
	// Each name's votes, found by its lower case, made once per mention.
	index := make(map[string]int, len(ms))
	votes := make([][len(voteTypes)]int, 0, len(ms))
	lows := make([]string, len(ms))
	vote := func(low string, typ storyline.EntityType) {
		n, ok := index[low]
		if !ok {
			n = len(votes)
			index[low] = n
			votes = append(votes, [len(voteTypes)]int{})
		}
		if i, ok := voteIndex(typ); ok {
			votes[n][i]++
		}
	}
	for j, m := range ms {
		low := strings.ToLower(m.Text)
		lows[j] = low
		vote(low, m.Type)
		if i := strings.LastIndexByte(m.Text, ' '); i > 0 && m.Type == storyline.Person {
			last := low[i+1:] // bytes are runes in ASCII
			if !analyze.IsASCII(m.Text) {
				last = strings.ToLower(m.Text[i+1:])
			}
			vote(last, m.Type)
		}
	}
	for i, m := range ms {
		v := &votes[index[lows[i]]]
		best, ok := voteIndex(m.Type)
		if !ok {
			continue
		}
		for typ := range voteTypes {
			if v[typ] > v[best] {
				best = typ
			}
		}
		ms[i].Type = voteTypes[best]
	}
}

// voteTypes are the types harmonizeTypes counts, in the order that breaks
// ties between other types than a mention's own.
var voteTypes = [...]storyline.EntityType{storyline.Person, storyline.Org, storyline.Place, storyline.Other}

func voteIndex(typ storyline.EntityType) (int, bool) {
	for i, t := range voteTypes {
		if t == typ {
			return i, true
		}
	}
	return 0, false
}
