package match

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/storyline-news/storyline/analyze"
	"github.com/storyline-news/storyline/analyze/lexicon"
)

// passage is one side of a pair, read once: its words, stems, names,
// figures and the markers of negation and modality.
type passage struct {
	text  string
	words []string // lower-cased word tokens, in order (no punctuation)
	stems []string // their keys (see lexicon.Key); a number's is its value
	// content marks the words that carry meaning (not stop words).
	content []bool
	number  []bool   // marks the words that are numbers
	names   []uint64 // lower-cased capitalised words not at the start, hashed and sorted
	figures []figure
	negated int  // how many negation words
	modal   bool // a plan, a possibility or a report of one (may, could, plans to)
	change  bool // a word of change ("rose to", "revised")

	// Hashes for comparing, made once (see index): sorted lists of the
	// words, stems, content stems, stem n-grams (2 to 4), character
	// 4-grams, distinct stems and content-word starts; the stems in order.
	sortedWords, sortedStems, sortedContent []uint64
	grams                                   [3][]uint64
	chars, distinctStems, prefixes          []uint64
	stemIDs                                 []uint64
	// distinct are the distinct stems in the order of distinctStems.
	distinct []string
}

// figure is a number the passage gives, as a range: "at least 12" is
// [12, +Inf), "about 300" is [270, 330], "12" is [12, 12].
type figure struct {
	lo, hi float64
	value  float64
	unit   string // "%" or a currency sign, else ""
	// step is the precision the figure is given to: 1 for "4", 0.1 for
	// "4.4". A figure given to a coarser step covers the finer figures it
	// rounds ("4 percent" / "4.4 percent").
	step float64
}

var (
	numberWords = lexicon.NumberWords
	multipliers = lexicon.Multipliers
	negations   = wordSet(`not no never nobody nothing none neither nor without n't cannot denied deny denies refused`)
	modals      = wordSet(`may might could would should plan plans planned planning preparing prepares expected expects intend intends intended consider considering threatened threatens likely possible possibly proposed proposes proposal`)
	changes     = wordSet(`rose risen rises climbed climbs increased grew fell dropped declined revised updated raised lowered now later reopened resumed lifted`)
	lowBound    = wordSet(`least more over above exceeding`)
	highBound   = wordSet(`most less fewer under below nearly almost`)
	unitSigns   = wordSet(`% $ £ € ¥`)
	roughWords  = wordSet(`about around roughly approximately some estimated nearly almost`)
)

// wordSet makes a set of the words of a space-separated list.
func wordSet(list string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(list) {
		m[w] = true
	}
	return m
}

// read reads a passage.
func read(text string) *passage {
	p := &passage{text: text}
	var names []uint64
	toks := analyze.Tokenize(text)
	first := true
	var marked []string // the words with the signs that mark figures (%, $)
	for _, tk := range toks {
		switch tk.Kind {
		case analyze.Space:
			first = true
			continue
		case analyze.Punct:
			if unitSigns[tk.Text] {
				marked = append(marked, tk.Text)
			}
			if strings.ContainsAny(tk.Text, ".!?:") {
				first = true
			}
			continue
		}
		low := strings.ToLower(tk.Text)
		if low == "'s" || low == "’s" {
			continue
		}
		if strings.HasSuffix(low, "n't") {
			p.negated++
		}
		stem := lexicon.Key(low)
		number := false
		if tk.Kind == analyze.Number {
			if v, err := strconv.ParseFloat(strings.ReplaceAll(tk.Text, ",", ""), 64); err == nil {
				stem, number = formatValue(v), true
			}
		} else if v, end, ok := numberAt([]string{low}, 0); ok && end == 1 && low != "a" && low != "an" {
			stem, number = formatValue(v), true // "twelve", "twenty-five"
		}
		p.words = append(p.words, low)
		p.number = append(p.number, number)
		marked = append(marked, low)
		p.stems = append(p.stems, stem)
		p.content = append(p.content, !analyze.IsStopword(low) && !negations[low])
		if !first && isCapitalised(tk.Text) {
			names = append(names, hashString(low))
		}
		first = false
		if negations[low] {
			p.negated++
		}
		if modals[low] {
			p.modal = true
		}
		if changes[low] {
			p.change = true
		}
	}
	p.figures = figuresOf(marked)
	slices.Sort(names)
	p.names = slices.Compact(names)
	p.index()
	return p
}

// index makes the passage's hashes.
func (p *passage) index() {
	p.stemIDs = make([]uint64, len(p.stems))
	for i, s := range p.stems {
		p.stemIDs[i] = hashString(s)
	}
	p.sortedStems = sortedCopy(p.stemIDs)
	p.sortedWords = make([]uint64, len(p.words))
	p.sortedContent = p.sortedContent[:0]
	p.prefixes = p.prefixes[:0]
	for i, w := range p.words {
		p.sortedWords[i] = hashString(w)
		if p.content[i] {
			p.sortedContent = append(p.sortedContent, p.stemIDs[i])
			p.prefixes = append(p.prefixes, hashString(prefix(w)))
		}
	}
	slices.Sort(p.sortedWords)
	slices.Sort(p.sortedContent)
	slices.Sort(p.prefixes)
	for n := 2; n <= 4; n++ {
		var g []uint64
		for i := 0; i+n <= len(p.stemIDs); i++ {
			h := uint64(n)
			for _, x := range p.stemIDs[i : i+n] {
				h = (h ^ x) * fnvPrime
			}
			g = append(g, h)
		}
		slices.Sort(g)
		p.grams[n-2] = g
	}
	p.chars = charGrams(p.text)
	// Distinct stems, with their text, in hash order.
	order := make([]int, len(p.stems))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(i, j int) int { return cmp.Compare(p.stemIDs[i], p.stemIDs[j]) })
	p.distinctStems, p.distinct = nil, nil
	for _, i := range order {
		if n := len(p.distinctStems); n > 0 && p.distinctStems[n-1] == p.stemIDs[i] {
			continue
		}
		p.distinctStems = append(p.distinctStems, p.stemIDs[i])
		p.distinct = append(p.distinct, p.stems[i])
	}
}

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// hashString is the 64-bit FNV-1a hash of s.
func hashString(s string) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * fnvPrime
	}
	return h
}

// sortedCopy returns a sorted copy of a list.
func sortedCopy(a []uint64) []uint64 {
	b := slices.Clone(a)
	slices.Sort(b)
	return b
}

// charGrams returns the sorted hashes of the character 4-grams of a text,
// lower-cased with white space squeezed: they see shared word parts that
// stemming misses ("Al-Kut" / "Kut").
func charGrams(text string) []uint64 {
	var r []rune
	space := true
	for _, c := range text {
		if unicode.IsSpace(c) {
			if !space {
				r = append(r, ' ')
			}
			space = true
			continue
		}
		space = false
		r = append(r, unicode.ToLower(c))
	}
	if len(r) > 0 && r[len(r)-1] == ' ' {
		r = r[:len(r)-1]
	}
	if len(r) < 4 {
		return nil
	}
	out := make([]uint64, 0, len(r)-3)
	for i := 0; i+4 <= len(r); i++ {
		h := uint64(fnvOffset)
		for _, c := range r[i : i+4] {
			h = (h ^ uint64(c)) * fnvPrime
		}
		out = append(out, h)
	}
	slices.Sort(out)
	return out
}

// isCapitalised reports whether a word starts with an upper-case letter.
func isCapitalised(w string) bool {
	for _, r := range w {
		return unicode.IsUpper(r)
	}
	return false
}

// formatValue writes a number's value in one canonical form, so that
// "1,200" and "1200" are the same stem.
func formatValue(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

// figuresOf reads the numbers of a passage's words as ranges: digits and
// number words, with a multiplier ("2.5 million", "a dozen") and a
// qualifier before them ("at least", "about", "more than").
func figuresOf(words []string) []figure {
	var out []figure
	for i := 0; i < len(words); i++ {
		v, j, ok := numberAt(words, i)
		if !ok {
			continue
		}
		f := figure{value: v, lo: v, hi: v, step: 1}
		if k := strings.IndexByte(words[i], '.'); k >= 0 && j == i+1 {
			f.step = math.Pow(10, -float64(len(words[i])-k-1))
		}
		if i > 0 && unitSigns[words[i-1]] {
			f.unit = words[i-1]
		}
		if j < len(words) && (words[j] == "%" || words[j] == "percent") {
			f.unit = "%"
		}
		switch q := qualifierBefore(words, i); q {
		case "low":
			f.hi = math.Inf(1)
		case "high":
			f.lo = 0
		case "rough":
			f.lo, f.hi = v*0.9, v*1.1
		}
		out = append(out, f)
		i = j - 1
	}
	return out
}

// numberAt reads the number that starts at word i and returns its value
// and the index after it.
func numberAt(words []string, i int) (float64, int, bool) {
	w := words[i]
	var v float64
	switch {
	case w == "a" || w == "an":
		// "a dozen", "a hundred", "a million"
		if i+1 < len(words) && (words[i+1] == "dozen" || multipliers[words[i+1]] != 0) {
			v = 1
		} else {
			return 0, i, false
		}
	case numberWords[w] != 0:
		v = numberWords[w]
		if w == "dozen" {
			return 12, i + 1, true
		}
	default:
		f, err := strconv.ParseFloat(strings.ReplaceAll(w, ",", ""), 64)
		if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
			return 0, i, false
		}
		v = f
	}
	j := i + 1
	for j < len(words) {
		if words[j] == "dozen" {
			v *= 12
		} else if m := multipliers[words[j]]; m != 0 {
			v *= m
		} else if n := numberWords[words[j]]; n != 0 && n < 10 && v >= 20 && v < 100 && math.Mod(v, 10) == 0 {
			v += n // "twenty one"
		} else {
			break
		}
		j++
	}
	return v, j, true
}

// qualifierBefore tells which way the words before word i bound the
// number: "low" for a lower bound (at least, more than), "high" for an
// upper bound (up to, fewer than, nearly), "rough" for an estimate
// (about), "" for an exact figure.
func qualifierBefore(words []string, i int) string {
	if i > 0 && unitSigns[words[i-1]] && words[i-1] != "%" {
		i-- // "about $5 million"
	}
	if i == 0 {
		return ""
	}
	prev := words[i-1]
	if prev == "a" || prev == "an" || prev == "the" {
		if i < 2 {
			return ""
		}
		i--
		prev = words[i-1]
	}
	switch {
	case roughWords[prev]:
		if prev == "nearly" || prev == "almost" {
			return "high"
		}
		return "rough"
	case lowBound[prev] && (prev != "more" || i < len(words)):
		return "low"
	case highBound[prev]:
		return "high"
	case prev == "to" && i >= 2 && words[i-2] == "up":
		return "high"
	case prev == "than" && i >= 2:
		switch words[i-2] {
		case "more", "over", "greater":
			return "low"
		case "fewer", "less":
			return "high"
		}
	}
	return ""
}

// withoutFigures returns a copy of the passage whose numbers all read "#":
// what it says whatever its figures.
func (p *passage) withoutFigures() *passage {
	q := *p
	q.stems = make([]string, len(p.stems))
	for i, s := range p.stems {
		if p.number[i] {
			s = "#"
		}
		q.stems[i] = s
	}
	q.figures = nil
	q.index()
	return &q
}
