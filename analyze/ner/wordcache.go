package ner

import "strings"

// wordCache holds, by word as written, the word's token forms (see
// lexicon.tokensWith) and the sums of the quantised weights of the features
// that read the word alone, as itself or as a neighbour (see cachedWord):
// a word recurs in a text and across texts, and its sums need not be looked
// up again. Sums of integers do not depend on their order, so a token's
// static score is the sum of a few cached sums and two word-pair look-ups.
// It lives in a tagScratch, so it serves one table and stays small.
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
	// gazStarts are the gazetteer names that begin with the word.
	gazStarts []gazEntry
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

// put adds the forms of a word and returns its entry.
func (c *wordCache) put(wf *wordForms) *cachedWord {
	if len(c.forms) >= maxCachedWords {
		clear(c.forms) // entries still in use stay valid
	}
	e := &cachedWord{tok: wf.tok, gazStarts: wf.gaz}
	c.forms[wf.key] = e
	return e
}
