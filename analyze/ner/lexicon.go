package ner

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/storyline-news/storyline/analyze"
	"github.com/storyline-news/storyline/internal/memo"
)

// numClassings is the number of word clusterings at different granularities
// that a word-class table holds (coarse to fine).
const numClassings = 3

// wordInfo is what unlabelled text says about a word form: its cluster at
// each granularity (1-based, 0 when unknown), how often its lower-case form
// is written capitalised in running text (capBucket, 0 when unknown), and how
// often the form itself occurs where capitals are not forced.
type wordInfo struct {
	classes   [numClassings]uint16
	capBucket uint8
	count     uint32
}

// Gazetteer kinds, in the order of the bits they set in token.gaz.
var gazKinds = []string{"country", "subdivision", "region", "language", "demonym", "city", "firstname"}

// gazEntry is one gazetteer name, as lower-cased tokens.
type gazEntry struct {
	kind  uint8
	words []string
}

// lexicon holds the resources that the features look words up in: the
// gazetteer and the word-class table. Its source texts travel inside a saved
// model, so that a model file is complete on its own.
type lexicon struct {
	gazText   string
	wordsText string
	gaz       map[string][]gazEntry // by first lower-cased word
	// longestName is the number of words of the longest gazetteer name.
	longestName int
	words       map[string]wordInfo
	// forms caches the forms of the words the lexicon's taggers have met
	// (see formsOf), for every goroutine.
	forms memo.Map[*wordForms]
}

// maxSharedForms bounds a lexicon's cache of word forms.
const maxSharedForms = 1 << 16

// newLexicon parses a gazetteer ("kind<TAB>name" lines) and a word-class table
// ("word<TAB>class...<TAB>capBucket<TAB>count" lines); '#' lines are
// comments.
func newLexicon(gazText, wordsText string) (*lexicon, error) {
	lx := &lexicon{gazText: gazText, wordsText: wordsText, forms: memo.Map[*wordForms]{Max: maxSharedForms},
		gaz:   make(map[string][]gazEntry, strings.Count(gazText, "\n")),
		words: make(map[string]wordInfo, strings.Count(wordsText, "\n"))}
	kinds := map[string]uint8{}
	for i, k := range gazKinds {
		kinds[k] = uint8(i)
	}
	err := eachLine(gazText, func(n int, fields []string) error {
		kind, ok := kinds[fields[0]]
		if len(fields) != 2 || !ok {
			return fmt.Errorf("gazetteer line %d: want kind and name", n)
		}
		var words []string
		for _, t := range analyze.Tokenize(fields[1]) {
			words = append(words, strings.ToLower(normWord(t.Text)))
		}
		if len(words) > 0 {
			lx.longestName = max(lx.longestName, len(words))
			lx.gaz[words[0]] = append(lx.gaz[words[0]], gazEntry{kind: kind, words: words})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = eachLine(wordsText, func(n int, fields []string) error {
		if len(fields) != numClassings+3 {
			return fmt.Errorf("word classes line %d: want %d fields", n, numClassings+3)
		}
		var info wordInfo
		for i, f := range fields[1:] {
			v, err := strconv.ParseUint(f, 10, 32)
			if err != nil {
				return fmt.Errorf("word classes line %d: %w", n, err)
			}
			switch {
			case i < numClassings:
				info.classes[i] = uint16(v)
			case i == numClassings:
				info.capBucket = uint8(v)
			default:
				info.count = uint32(v)
			}
		}
		lx.words[fields[0]] = info
		return nil
	})
	if err != nil {
		return nil, err
	}
	return lx, nil
}

func eachLine(text string, fn func(n int, fields []string) error) error {
	var fields []string
	for n := 1; text != ""; n++ {
		var line string
		line, text, _ = strings.Cut(text, "\n")
		line = strings.TrimSuffix(line, "\r")
		if line == "" || line[0] == '#' {
			continue
		}
		fields = fields[:0]
		for {
			f, rest, more := strings.Cut(line, "\t")
			fields = append(fields, f)
			if !more {
				break
			}
			line = rest
		}
		if err := fn(n, fields); err != nil {
			return err
		}
	}
	return nil
}

// wordInfo looks a word up, trying its title-case and lower-case forms when
// a word with capitals is unknown as written (as in an all-caps headline); it
// returns the zero wordInfo for words the table lacks.
func (lx *lexicon) wordInfo(word, lower string) wordInfo {
	if info, ok := lx.words[word]; ok || word == lower {
		return info
	}
	if info, ok := lx.words[titleCase(lower)]; ok {
		return info
	}
	return lx.words[lower]
}

// markGazetteer sets, for every token, bit 2*kind when a gazetteer name of
// that kind begins there and bit 2*kind+1 when one continues there. Only the
// longest name starting at a capitalised word counts. cached, when not
// nil, holds each token's word-cache entry, which knows the names its word
// starts (see wordCache.put).
func (lx *lexicon) markGazetteer(toks []token, cached []*cachedWord) {
	for i := 0; i < len(toks); i++ {
		if !startsUpper(toks[i].word) {
			continue
		}
		var starts []gazEntry
		if cached != nil && cached[i] != nil {
			starts = cached[i].gazStarts
		} else {
			starts = lx.gaz[toks[i].lower]
		}
		best := 0
		var kinds uint32
		for _, e := range starts {
			n := len(e.words)
			if n < best || i+n > len(toks) || !matches(e.words, toks[i:i+n]) {
				continue
			}
			if n > best {
				best, kinds = n, 0
			}
			kinds |= 1 << e.kind
		}
		for j := range best {
			for k := range gazKinds {
				if kinds&(1<<k) == 0 {
					continue
				}
				bit := uint32(2 * k)
				if j > 0 {
					bit++
				}
				toks[i+j].gaz |= 1 << bit
			}
		}
	}
}

func matches(words []string, toks []token) bool {
	for i, w := range words {
		if toks[i].lower != w {
			return false
		}
	}
	return true
}

func startsUpper(s string) bool {
	if s != "" && s[0] < utf8.RuneSelf {
		return 'A' <= s[0] && s[0] <= 'Z'
	}
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

func titleCase(lower string) string {
	r, n := utf8.DecodeRuneInString(lower)
	return string(unicode.ToUpper(r)) + lower[n:]
}
