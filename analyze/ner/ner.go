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
	"bytes"
	_ "embed"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"unicode"

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

// CommonWord reports whether the tagger's word table knows word, in lower
// case, as a word written in lower case at least half the time inside a
// sentence of running text ("power", "officials"): a common word, where it
// starts a sentence, rather than a name.
func (t *Tagger) CommonWord(word string) bool {
	info, ok := t.lex.words[strings.ToLower(word)]
	return ok && (info.capBucket == 1 || info.capBucket == 2)
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
	hist := resize(sc.hist, len(toks))
	sc.hist = hist
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
		if kind == sentPlain {
			ents := sc.words.entries
			lat.dynamic = func(i, prev, prev2 int, scores *[numLabels]float32) {
				ents[start+i].addHistory(tb, &toks[start+i], prev, prev2, scores)
			}
		} else {
			lat.dynamic = func(i, prev, prev2 int, scores *[numLabels]float32) {
				hist[start+i].add(tb, &toks[start+i], prev, prev2, scores)
			}
		}
		labels, _ := beamSearch(lat, beam, nil)
		copy(out[start:], labels)
		start = end
	}
	lat.static = static
	return out
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
		if !strings.ContainsFunc(w, unicode.IsUpper) {
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
	lat   lattice
	keys  []uint32
	toks  []token
	norm  []string
	hist  []wordHistory
	live  []bool
	need  []bool
	words wordCache
}

// wordCache holds, by word as written, the word's token forms (see
// lexicon.tokensWith) and the sums of the weights of the features that read
// the word alone (wordKeys, then wordTailKeys): a word recurs in a text and
// across texts, and its sums need not be looked up again. It lives in a
// tagScratch, so it serves one table and stays small.
type wordCache struct {
	table   *table
	forms   map[string]*cachedWord
	entries []*cachedWord // the entry of each token of the last sentence
	keys    []uint32      // scratch
	// The sums of the features of a token that take few values, by what
	// they read (see shapeSum, placeSum).
	shapeSums map[shapeTriple]*[numLabels]int32
	placeSums map[placeOf]*[numLabels]int32
}

// cachedWord is a wordCache's entry for one word.
type cachedWord struct {
	tok token // the word's forms, as in running text
	// The sums of the quantised weights of the features that read the word
	// alone in a sentence of running text, each valid when its bit is set
	// in summed: its own (wordKeys, wordTailKeys, ownKeys), and as the word
	// before or after another (sideKeys) and two places away (farKeys).
	own, prev, next, prev2, next2 [numLabels]int32
	summed                        uint8
	// history holds, by previous tag, the sum of the tag-history features
	// that read the word (fTag1Word, fTag1Shape, fTag1Class) in running
	// text; made for the words the decoder scores, filled as tags occur.
	history *wordHistorySums
}

// The bits of cachedWord.summed.
const (
	sumOwn uint8 = 1 << iota
	sumPrev
	sumNext
	sumPrev2
	sumNext2
)

// sums returns the sums of one group of the features of token i of a
// sentence of running text, working them out on first use.
func (c *wordCache) sums(tb *table, toks []token, i int, group uint8) *[numLabels]int32 {
	e := c.entries[i]
	var sum *[numLabels]int32
	switch group {
	case sumOwn:
		sum = &e.own
	case sumPrev:
		sum = &e.prev
	case sumNext:
		sum = &e.next
	case sumPrev2:
		sum = &e.prev2
	default:
		sum = &e.next2
	}
	if e.summed&group != 0 {
		return sum
	}
	t := &toks[i]
	keys := c.keys[:0]
	switch group {
	case sumOwn:
		keys = wordKeys(keys, t)
		keys = wordTailKeys(keys, t)
		keys = ownKeys(keys, t, sentPlain)
	case sumPrev:
		keys = sideKeys(keys, t, &prevSide)
	case sumNext:
		keys = sideKeys(keys, t, &nextSide)
	case sumPrev2:
		keys = farKeys(keys, t, &prevSide)
	default:
		keys = farKeys(keys, t, &nextSide)
	}
	tb.sumKeys(sum, keys)
	c.keys = keys
	e.summed |= group
	return sum
}

// sumsAt returns the sum of the quantised weights of the static features
// of token i of a sentence of running text: the cached sums of the token
// and its neighbours, and the features that join them.
func (c *wordCache) sumsAt(tb *table, toks []token, i int) [numLabels]int32 {
	sum := *c.sums(tb, toks, i, sumOwn)
	add := func(s *[numLabels]int32) {
		for l := range sum {
			sum[l] += s[l]
		}
	}
	if i == 0 {
		var first [numLabels]int32
		tb.sumKeys(&first, firstKeys(c.keys[:0], &toks[0]))
		add(&first)
	}
	if i >= 1 {
		add(c.sums(tb, toks, i-1, sumPrev))
	} else {
		add(&tb.edge.prev)
	}
	if i >= 2 {
		add(c.sums(tb, toks, i-2, sumPrev2))
	} else {
		add(&tb.edge.prev2)
	}
	if i+1 < len(toks) {
		add(c.sums(tb, toks, i+1, sumNext))
	} else {
		add(&tb.edge.next)
	}
	if i+2 < len(toks) {
		add(c.sums(tb, toks, i+2, sumNext2))
	} else {
		add(&tb.edge.next2)
	}
	t, p, n := &toks[i], at(toks, i-1), at(toks, i+1)
	var bigrams [numLabels]int32
	c.keys = bigramKeys(c.keys[:0], p, t, n)
	tb.sumKeys(&bigrams, c.keys)
	add(&bigrams)
	add(c.shapeSum(tb, p, t, n))
	add(c.placeSum(tb, p, t, n, i == 0))
	return sum
}

// shapeTriple is what the shape features of a token in running text read
// (where a word's case is its shape as written).
type shapeTriple struct{ prev, cur, next string }

// placeOf is what the place and gazetteer features of a token read.
type placeOf struct {
	capBucket             uint8
	first                 bool
	gaz, prevGaz, nextGaz uint32
}

// maxCachedSums bounds the shape and place caches of a wordCache.
const maxCachedSums = 1 << 14

// shapeSum returns the sum of the shape features of t between p and n in a
// sentence of running text, cached by shape triple.
func (c *wordCache) shapeSum(tb *table, p, t, n *token) *[numLabels]int32 {
	k := shapeTriple{p.short, t.short, n.short}
	if s, ok := c.shapeSums[k]; ok {
		return s
	}
	if len(c.shapeSums) >= maxCachedSums {
		clear(c.shapeSums)
	}
	s := new([numLabels]int32)
	c.keys = shapeKeys(c.keys[:0], p, t, n)
	tb.sumKeys(s, c.keys)
	c.shapeSums[shapeTriple{strings.Clone(k.prev), strings.Clone(k.cur), strings.Clone(k.next)}] = s
	return s
}

// placeSum returns the sum of the place and gazetteer features of t
// between p and n, cached by the values they read.
func (c *wordCache) placeSum(tb *table, p, t, n *token, first bool) *[numLabels]int32 {
	k := placeOf{t.info.capBucket, first, t.gaz, p.gaz, n.gaz}
	if s, ok := c.placeSums[k]; ok {
		return s
	}
	if len(c.placeSums) >= maxCachedSums {
		clear(c.placeSums)
	}
	s := new([numLabels]int32)
	c.keys = placeKeys(c.keys[:0], p, t, n, first)
	tb.sumKeys(s, c.keys)
	c.placeSums[k] = s
	return s
}

// wordHistorySums are a word's tag-history sums by previous tag, known
// where bit prev of known is set.
type wordHistorySums struct {
	known uint16
	sums  [numLabels][numLabels]int32
}

// addHistory adds to scores the weights of the tag-history features of the
// word, in a sentence of running text, after tags prev2 and prev.
func (e *cachedWord) addHistory(tb *table, t *token, prev, prev2 int, scores *[numLabels]float32) {
	h := e.history
	if h == nil {
		h = new(wordHistorySums)
		e.history = h
	}
	if h.known&(1<<prev) == 0 {
		var keys [5]uint32
		dynamicFeatures(t, prev, prev2, &keys)
		tb.sumKeys(&h.sums[prev], keys[2:])
		h.known |= 1 << prev
	}
	sum := tb.tagSums[prev2][prev]
	for l, v := range h.sums[prev] {
		sum[l] += v
	}
	tb.scaleInto(scores, sum)
}

// maxCachedWords bounds a wordCache; a full cache starts again empty.
const maxCachedWords = 1 << 14

// reset empties the cache unless it holds the sums of table tb.
func (c *wordCache) reset(tb *table) {
	if c.table != tb || c.forms == nil {
		c.table, c.forms = tb, make(map[string]*cachedWord)
		c.shapeSums, c.placeSums = make(map[shapeTriple]*[numLabels]int32), make(map[placeOf]*[numLabels]int32)
	}
}

// put adds the forms of word and returns its entry.
func (c *wordCache) put(word string, f token) *cachedWord {
	if len(c.forms) >= maxCachedWords {
		clear(c.forms) // entries still in use stay valid
	}
	// Copies, so that the cache does not keep the text the word is in.
	f.word, f.lower = strings.Clone(f.word), strings.Clone(f.lower)
	e := &cachedWord{tok: f}
	c.forms[strings.Clone(word)] = e
	return e
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
	sc.lat.dynamic = nil // lets the sentence's tokens go
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
	votes := make(map[string]*[len(voteTypes)]int, len(ms))
	vote := func(name string, typ storyline.EntityType) {
		name = strings.ToLower(name)
		v := votes[name]
		if v == nil {
			v = new([len(voteTypes)]int)
			votes[name] = v
		}
		if i, ok := voteIndex(typ); ok {
			v[i]++
		}
	}
	for _, m := range ms {
		vote(m.Text, m.Type)
		if i := strings.LastIndexByte(m.Text, ' '); i > 0 && m.Type == storyline.Person {
			vote(m.Text[i+1:], m.Type)
		}
	}
	for i, m := range ms {
		v := votes[strings.ToLower(m.Text)]
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
