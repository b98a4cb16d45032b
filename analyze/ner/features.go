package ner

import (
	"math/bits"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/storyline-news/storyline/analyze"
)

// token is a word with everything its features read.
type token struct {
	word, lower  string
	shape, short string // "Xxxx-Xxxx", "Xx-Xx"
	cased        string // short shape of the word in the case of running text
	info         wordInfo
	gaz          uint32 // gazetteer bits, see lexicon.markGazetteer
}

// Feature templates: each feature is the hash of a template id and strings.
const (
	fBias byte = iota
	fWord
	fLower
	fShape
	fShort
	fPrefix
	fSuffix
	fFirst
	fFlags
	fLen
	fPrevWord
	fNextWord
	fPrev2Word
	fNext2Word
	fPrevRaw
	fNextRaw
	fPrevBigram
	fNextBigram
	fPrevShape
	fNextShape
	fShapePrev
	fShapeNext
	fShapeTri
	fSentence
	fSentShape
	fSentLower
	fClass
	fPrevClass
	fNextClass
	fCap
	fCapFirst
	fCapSent
	fGaz
	fPrevGaz
	fNextGaz
	fPrevSuffix
	fNextSuffix
	fClassShape
	fGazBit
	fCased
	fCasedTri
	fTag1
	fTag2
	fTag1Word
	fTag1Shape
	fTag1Class
)

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// hashOf starts a feature hash for template t.
func hashOf(t byte) uint64 { return (fnvOffset ^ uint64(t)) * fnvPrime }

// with adds a string, followed by a separator, to a feature hash.
func with(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return (h ^ 0xff) * fnvPrime
}

// withN adds a small number to a feature hash.
func withN(h uint64, n uint64) uint64 { return ((h^n)*fnvPrime ^ 0xfe) * fnvPrime }

// key folds a feature hash to the 32-bit key the weight table uses.
func key(h uint64) uint32 { return uint32(h>>32) ^ uint32(h) }

// Sentence kinds, a feature of every token.
const (
	sentPlain = iota
	sentCaps  // an all-caps headline
	sentTitle // a Title Case headline
)

// tokens prepares the words of a sentence for feature extraction and tells
// what kind of sentence it is. The words of a headline are first given the
// case they would have in running text (see trueCase).
func (lx *lexicon) tokens(words []string) ([]token, int) {
	return lx.tokensWith(words, nil, nil, nil, nil)
}

// needed marks, in need, the words whose tokens the features of the scored
// words (live) read: those within two places of a scored word, and the
// words a gazetteer name starting at a capitalised word could span.
func (lx *lexicon) needed(words []string, live, need []bool) []bool {
	for i, w := range words {
		if live[i] {
			for j := max(i-2, 0); j <= min(i+2, len(words)-1); j++ {
				need[j] = true
			}
		}
		if startsUpper(w) {
			for j := i; j < min(i+lx.longestName, len(words)); j++ {
				need[j] = true
			}
		}
	}
	return need
}

// tokensWith is tokens, taking what a word alone determines (its forms,
// shapes and, as in running text, its word-table entry) from cache when it
// holds the word, and adding it there otherwise; cache may be nil. With a
// cache, cache.entries holds each token's entry afterwards. The tokens go
// in toks and the normalised words in norm, reused when large enough.
//
// With need, only the tokens it marks are made, unless the sentence is a
// headline (whose case every word's reading depends on); the others are
// left empty.
func (lx *lexicon) tokensWith(words []string, cache *wordCache, toks []token, norm []string, need []bool) ([]token, int) {
	toks = resize(toks, len(words))
	norm = resize(norm, len(words))
	if cache != nil {
		cache.entries = resize(cache.entries, len(words))
	}
	for i, w := range words {
		norm[i] = normWord(w)
	}
	kind := sentenceKind(norm)
	if kind != sentPlain {
		need = nil
	}
	for i, w := range words {
		if need != nil && !need[i] {
			continue
		}
		var e *cachedWord
		if cache != nil {
			e = cache.forms[w]
		}
		if e == nil {
			wf := lx.formsOf(w, norm[i])
			if cache == nil {
				toks[i] = wf.tok
				continue
			}
			e = cache.put(wf)
		}
		cache.entries[i] = e
		toks[i] = e.tok
	}
	if kind != sentPlain {
		cased := lx.trueCase(norm, kind)
		for i, w := range norm {
			t := &toks[i]
			if cased[i] != w {
				_, t.cased = shapes(cased[i])
			}
			t.info = lx.wordInfo(cased[i], t.lower)
		}
	}
	var cached []*cachedWord
	if cache != nil {
		cached = cache.entries
	}
	lx.markGazetteer(toks, cached)
	return toks, kind
}

// wordForms is what a word as written determines in running text: its
// token forms and the gazetteer names it starts.
type wordForms struct {
	key string // the word as written
	tok token
	gaz []gazEntry
}

// formsOf returns the forms of word w, whose normalised form is norm (see
// normWord), from the lexicon's cache of the words its taggers have met,
// shared by all of them.
func (lx *lexicon) formsOf(w, norm string) *wordForms {
	if wf, ok := lx.forms.Load(w); ok {
		return wf
	}
	// Copies, so that the cache does not keep the text the word is in;
	// forms that are the same text share one copy.
	key := strings.Clone(w)
	var f token
	f.word = key
	if norm != w {
		f.word = strings.Clone(norm)
	}
	f.lower = strings.ToLower(f.word) // f.word itself when already lower case
	if f.lower != f.word {
		f.lower = strings.Clone(f.lower)
	}
	f.shape, f.short = shapes(f.word)
	f.cased = f.short
	f.info = lx.wordInfo(f.word, f.lower)
	wf := &wordForms{key: key, tok: f, gaz: lx.gaz[f.lower]}
	lx.forms.Store(key, wf)
	return wf
}

// trueCase rewrites the words of an all-caps or Title Case headline in the
// case each is most often written with inside a sentence of running text:
// "PETRO ACCUSES NATO" → "Petro accuses NATO". Words the word table does not
// know keep their case in a Title Case headline and become capitalised in an
// all-caps one, since unknown words in headlines are mostly names.
func (lx *lexicon) trueCase(words []string, kind int) []string {
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = w
		switch {
		case kind == sentTitle && (i == 0 || !startsUpper(w)):
			continue
		case kind == sentCaps && !strings.ContainsFunc(w, unicode.IsUpper):
			continue
		}
		lower := strings.ToLower(w)
		cands := []string{lower}
		if kind == sentCaps {
			cands = append(cands, titleCase(lower))
		}
		best, bestCount := "", uint32(0)
		for _, c := range cands {
			if info, ok := lx.words[c]; ok && info.count > bestCount {
				best, bestCount = c, info.count
			}
		}
		// The form as written stands when it is not rare in running text
		// ("US", "NATO" in an all-caps headline).
		if info, ok := lx.words[w]; ok && info.count > 0 && info.count*10 >= bestCount {
			best = w
		}
		switch {
		case best != "":
			out[i] = best
		case lx.inflectsCommonWord(lower):
			out[i] = lower
		case kind == sentCaps && startsUpper(w):
			out[i] = titleCase(lower)
		}
		if i == 0 && out[i] == lower {
			out[i] = titleCase(lower) // a sentence starts with a capital
		}
	}
	return out
}

// inflectsCommonWord reports whether a word unknown to the word table is an
// inflection of a known word that is mostly written in lower case
// ("defies" of "defy", "urged" of "urge").
func (lx *lexicon) inflectsCommonWord(lower string) bool {
	for _, rule := range inflections {
		stem, ok := strings.CutSuffix(lower, rule[0])
		if !ok || len(stem) < 2 {
			continue
		}
		if info, ok := lx.words[stem+rule[1]]; ok && info.capBucket == 1 {
			return true
		}
	}
	return false
}

// inflections are English suffixes and what replaces them in the stem.
var inflections = [][2]string{
	{"ies", "y"}, {"ied", "y"}, {"es", ""}, {"s", ""}, {"ed", ""}, {"ed", "e"},
	{"ing", ""}, {"ing", "e"}, {"ly", ""}, {"er", ""}, {"ers", ""},
}

// sentenceKind tells all-caps and Title Case headlines from running text.
func sentenceKind(words []string) int {
	letters, caps, upperInitial, long := 0, 0, 0, 0
	for i, w := range words {
		letter, lower := letterCase(w)
		if !letter {
			continue
		}
		letters++
		if !lower {
			caps++
		}
		if i > 0 && utf8.RuneCountInString(w) > 3 {
			long++
			if startsUpper(w) {
				upperInitial++
			}
		}
	}
	switch {
	case letters >= 2 && caps == letters:
		return sentCaps
	case long >= 3 && upperInitial*10 >= long*8:
		return sentTitle
	}
	return sentPlain
}

// letterCase reports whether w has a letter, and a lower-case one.
func letterCase(w string) (letter, lower bool) {
	if !analyze.IsASCII(w) {
		return strings.ContainsFunc(w, unicode.IsLetter), strings.ContainsFunc(w, unicode.IsLower)
	}
	for i := 0; i < len(w); i++ {
		switch c := w[i]; {
		case 'a' <= c && c <= 'z':
			return true, true
		case 'A' <= c && c <= 'Z':
			letter = true
		}
	}
	return letter, false
}

// staticFeatures appends the keys of the tag-independent features of every
// token to keys and returns it with offs, where token i's keys are
// keys[offs[i]:offs[i+1]].
func staticFeatures(toks []token, sentKind int, keys []uint32, offs []int) ([]uint32, []int) {
	offs = append(offs[:0], len(keys))
	for i := range toks {
		keys = wordKeys(keys, &toks[i])
		if i == 0 {
			keys = firstKeys(keys, &toks[i])
		}
		keys = wordTailKeys(keys, &toks[i])
		keys = contextKeys(keys, toks, i, sentKind)
		offs = append(offs, len(keys))
	}
	return keys, offs
}

// The static features of token i come in this order: wordKeys, firstKeys
// (for the first token only), wordTailKeys and contextKeys. The first and
// third read the word alone, so that a decoder can reuse their sums for
// every occurrence of a word (see wordCache).

// wordKeys appends the keys of the features that read only the word: the
// word, its forms and shapes, its prefixes and suffixes.
func wordKeys(keys []uint32, t *token) []uint32 {
	keys = append(keys, key(hashOf(fBias)),
		key(with(hashOf(fWord), t.word)),
		key(with(hashOf(fLower), t.lower)),
		key(with(hashOf(fShape), t.shape)),
		key(with(hashOf(fShort), t.short)))
	for k := 1; k <= 4; k++ {
		if pre, ok := runePrefix(t.lower, k); ok {
			keys = append(keys, key(with(withN(hashOf(fPrefix), uint64(k)), pre)))
		}
		if suf, ok := runeSuffix(t.lower, k); ok {
			keys = append(keys, key(with(withN(hashOf(fSuffix), uint64(k)), suf)))
		}
	}
	return keys
}

// firstKeys appends the key of the feature of a sentence's first word.
func firstKeys(keys []uint32, t *token) []uint32 {
	return append(keys, key(with(hashOf(fFirst), t.short)))
}

// wordTailKeys appends the keys of the word's character classes and length.
func wordTailKeys(keys []uint32, t *token) []uint32 {
	return append(keys, key(withN(hashOf(fFlags), flags(t.word))),
		key(withN(hashOf(fLen), uint64(min(utf8.RuneCountInString(t.word), 8)))))
}

// contextKeys appends the keys of the features of token i that read its
// neighbours, its case in running text, the sentence, the word classes and
// the gazetteer. They come in groups that a decoder can sum once per word
// in running text (see cachedWord): the token's own (ownKeys), those that
// read one neighbour alone (sideKeys, farKeys), and those that join
// tokens or read the gazetteer (joinKeys), which it sums at each token.
func contextKeys(keys []uint32, toks []token, i int, sentKind int) []uint32 {
	keys = ownKeys(keys, &toks[i], sentKind)
	keys = sideKeys(keys, at(toks, i-1), &prevSide)
	keys = sideKeys(keys, at(toks, i+1), &nextSide)
	keys = farKeys(keys, at(toks, i-2), &prevSide)
	keys = farKeys(keys, at(toks, i+2), &nextSide)
	return joinKeys(keys, toks, i)
}

// at returns token i, or the boundary beyond either end.
func at(toks []token, i int) *token {
	if i < 0 || i >= len(toks) {
		return &boundary
	}
	return &toks[i]
}

// ownKeys appends the keys of the features that read the token alone in its
// sentence: its case in running text, its word classes and capitalisation,
// and the sentence kind.
func ownKeys(keys []uint32, t *token, sentKind int) []uint32 {
	kind := uint64(sentKind)
	add := func(h uint64) { keys = append(keys, key(h)) }
	add(with(hashOf(fCased), t.cased))
	add(withN(hashOf(fSentence), kind))
	add(with(withN(hashOf(fSentShape), kind), t.short))
	if kind != sentPlain {
		add(with(withN(hashOf(fSentLower), kind), t.lower))
	}
	for c := range numClassings {
		add(withN(withN(hashOf(fClass), uint64(c)), uint64(t.info.classes[c])))
	}
	add(with(withN(hashOf(fClassShape), uint64(t.info.classes[1])), t.short))
	capb := uint64(t.info.capBucket)
	add(withN(hashOf(fCap), capb))
	add(withN(withN(hashOf(fCapSent), capb), kind))
	return keys
}

// side names the templates of the features that read the word before or
// the word after.
type side struct {
	word, raw, shape, suffix, class, word2 byte
}

var (
	prevSide = side{fPrevWord, fPrevRaw, fPrevShape, fPrevSuffix, fPrevClass, fPrev2Word}
	nextSide = side{fNextWord, fNextRaw, fNextShape, fNextSuffix, fNextClass, fNext2Word}
)

// sideKeys appends the keys of the features that read the neighbour n on
// one side alone: its word, shape, suffix and classes.
func sideKeys(keys []uint32, n *token, s *side) []uint32 {
	add := func(h uint64) { keys = append(keys, key(h)) }
	add(with(hashOf(s.word), n.lower))
	add(with(hashOf(s.raw), n.word))
	add(with(hashOf(s.shape), n.short))
	if s3, ok := runeSuffix(n.lower, 3); ok {
		add(with(hashOf(s.suffix), s3))
	}
	for c := range numClassings {
		add(withN(withN(hashOf(s.class), uint64(c)), uint64(n.info.classes[c])))
	}
	return keys
}

// farKeys appends the key of the word two places away on one side.
func farKeys(keys []uint32, n *token, s *side) []uint32 {
	return append(keys, key(with(hashOf(s.word2), n.lower)))
}

// joinKeys appends the keys of the features that read token i with a
// neighbour (word bigrams, shape pairs and trigram), its place in the
// sentence, and the gazetteer marks of it and its neighbours.
func joinKeys(keys []uint32, toks []token, i int) []uint32 {
	t, p, n := &toks[i], at(toks, i-1), at(toks, i+1)
	keys = bigramKeys(keys, p, t, n)
	keys = shapeKeys(keys, p, t, n)
	return placeKeys(keys, p, t, n, i == 0)
}

// bigramKeys appends the keys of the word pairs t makes with p and n.
func bigramKeys(keys []uint32, p, t, n *token) []uint32 {
	return append(keys,
		key(with(with(hashOf(fPrevBigram), p.lower), t.lower)),
		key(with(with(hashOf(fNextBigram), t.lower), n.lower)))
}

// shapeKeys appends the keys of the shapes of p, t and n together, as
// written and as in running text: they take few values, so a decoder can
// sum them once per triple (see wordCache.shapeSum).
func shapeKeys(keys []uint32, p, t, n *token) []uint32 {
	return append(keys,
		key(with(with(hashOf(fShapePrev), p.short), t.short)),
		key(with(with(hashOf(fShapeNext), t.short), n.short)),
		key(with(with(with(hashOf(fShapeTri), p.short), t.short), n.short)),
		key(with(with(with(hashOf(fCasedTri), p.cased), t.cased), n.cased)))
}

// placeKeys appends the keys of t's capitalisation at the start of a
// sentence or elsewhere and of the gazetteer marks of t and its
// neighbours: few values again (see wordCache.placeSum).
func placeKeys(keys []uint32, p, t, n *token, first bool) []uint32 {
	keys = append(keys,
		key(withN(withN(hashOf(fCapFirst), uint64(t.info.capBucket)), b2u(first))),
		key(withN(hashOf(fGaz), uint64(t.gaz))))
	for g := t.gaz; g != 0; g &= g - 1 {
		keys = append(keys, key(withN(hashOf(fGazBit), uint64(bits.TrailingZeros32(g)))))
	}
	return append(keys,
		key(withN(hashOf(fPrevGaz), uint64(p.gaz))),
		key(withN(hashOf(fNextGaz), uint64(n.gaz))))
}

// boundary stands for the words before the first and after the last.
var boundary = token{word: "<s>", lower: "<s>", shape: "<s>", short: "<s>", cased: "<s>"}

// dynamicFeatures returns the keys of the features that read the tags
// already given to the two previous words.
func dynamicFeatures(t *token, prev, prev2 int, out *[5]uint32) {
	out[0] = key(withN(hashOf(fTag1), uint64(prev)))
	out[1] = key(withN(withN(hashOf(fTag2), uint64(prev2)), uint64(prev)))
	out[2] = key(with(withN(hashOf(fTag1Word), uint64(prev)), t.lower))
	out[3] = key(with(withN(hashOf(fTag1Shape), uint64(prev)), t.short))
	out[4] = key(withN(withN(hashOf(fTag1Class), uint64(prev)), uint64(t.info.classes[1])))
}

func b2u(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}

// flags packs the character classes of a word.
func flags(w string) uint64 {
	var f uint64
	var upper, lower, letters int
	for i, r := range w {
		switch {
		case unicode.IsUpper(r):
			upper++
			letters++
			if i == 0 {
				f |= 1
			}
		case unicode.IsLower(r):
			lower++
			letters++
		case unicode.IsDigit(r):
			f |= 2
		case r == '-':
			f |= 4
		case r == '.':
			f |= 8
		case r == '\'' || r == '&':
			f |= 16
		}
	}
	if letters > 0 && lower == 0 {
		f |= 32 // all caps
	}
	if upper > 1 && lower > 0 {
		f |= 64 // mixed case: McDonald, iPhone
	}
	if letters == 0 {
		f |= 128
	}
	return f
}

// shapes returns the shape of a word, with character classes X, x, d and runs
// cut at four ("Xxxx-Xxxx"), and its short shape with runs cut at one
// ("Xx-Xx").
func shapes(w string) (string, string) {
	var longBuf, shortBuf [32]byte // most words fit: no growing
	long, short := longBuf[:0], shortBuf[:0]
	var last byte
	run := 0
	for _, r := range w {
		var c byte
		switch {
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLetter(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		case r < utf8.RuneSelf:
			c = byte(r)
		default:
			c = '*'
		}
		if c == last {
			run++
		} else {
			run = 1
			short = append(short, c)
		}
		if run <= 4 {
			long = append(long, c)
		}
		last = c
	}
	return string(long), string(short)
}

func runePrefix(s string, n int) (string, bool) {
	for i := range s {
		if n == 0 {
			return s[:i], true
		}
		n--
	}
	return s, n == 0
}

func runeSuffix(s string, n int) (string, bool) {
	for i := len(s); i > 0; {
		if n == 0 {
			return s[i:], true
		}
		_, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
		n--
	}
	return s, n == 0
}

// normWord maps typographic variants to the plain forms of the training
// corpus: curly quotes, long dashes and the ellipsis character.
func normWord(w string) string {
	if analyze.IsASCII(w) || !strings.ContainsFunc(w, isTypographic) {
		return w
	}
	return typography.Replace(w)
}

var typography = strings.NewReplacer(
	"“", `"`, "”", `"`, "„", `"`, "«", `"`, "»", `"`, "‘", "'", "’", "'",
	"‚", "'", "–", "-", "—", "-", "―", "-", "…", "...", "\u00a0", " ",
)

func isTypographic(r rune) bool {
	switch r {
	case '“', '”', '„', '«', '»', '‘', '’', '‚', '–', '—', '―', '…', '\u00a0':
		return true
	}
	return false
}
