package quote

import (
	"sort"
	"unicode"
)

// family groups quotation marks that can close each other: double marks
// (“ ” " ” „ « ») and single marks (‘ ’ ' ‚ ‹ ›). Inside a quotation of one
// family, marks of the other family are nested quotations and are skipped.
type family uint8

const (
	double family = iota + 1
	single
)

// mark is one quotation mark found in a paragraph.
type mark struct {
	pos, width int // rune offset and length (2 for '' and ``)
	glyph      rune
	fam        family
	open       bool // may open a quotation
	close      bool // may close one
}

// segment is one quotation found by pairing marks: [open, close) covers the
// marks, [start, end) the words between them. A quotation whose paragraph
// ends before its closing mark is unclosed and runs to the paragraph end.
type segment struct {
	open, close int
	start, end  int
	para        int
	fam         family
	closed      bool
	// continues is true when the paragraph before ended inside an unclosed
	// quotation and this one reopens it: one multi-paragraph quotation.
	continues bool
}

// paragraph is a line of text [start, end) in runes.
type paragraph struct{ start, end int }

// paragraphs splits r at line breaks, dropping empty lines.
func paragraphs(r runes) []paragraph {
	var out []paragraph
	for s := 0; ; {
		i := r.index('\n', s)
		a, b := s, i
		for a < b && unicode.IsSpace(r.at(a)) {
			a++
		}
		for b > a && unicode.IsSpace(r.at(b-1)) {
			b--
		}
		if b > a {
			out = append(out, paragraph{a, b})
		}
		if i == r.len() {
			return out
		}
		s = i + 1
	}
}

// leftEdge reports whether the rune before a mark lets it open a quotation:
// the start of the text, a space, an opening bracket, a dash or a slash.
func leftEdge(r runes, i int) bool {
	if i <= 0 {
		return true
	}
	c := r.at(i - 1)
	return unicode.IsSpace(c) || c == '(' || c == '[' || c == '{' || c == '—' || c == '–' ||
		c == '-' || c == '/' || c == ':' || isQuoteRune(c)
}

// rightEdge reports whether the rune at i (just after a mark) lets the mark
// close a quotation: the end of the text, a space or punctuation.
func rightEdge(r runes, i int) bool {
	if i >= r.len() {
		return true
	}
	c := r.at(i)
	return unicode.IsSpace(c) || (unicode.IsPunct(c) && c != '#' && c != '@' && c != '&') || isQuoteRune(c)
}

func isQuoteRune(c rune) bool {
	switch c {
	case '"', '\'', '`', '“', '”', '„', '‟', '‘', '’', '‚', '«', '»', '‹', '›':
		return true
	}
	return false
}

func isWordRune(c rune) bool { return unicode.IsLetter(c) || unicode.IsDigit(c) }

// markAt classifies the rune at i as a quotation mark, or returns ok false.
// Direction comes from the glyph where it is unambiguous and from the
// surrounding characters where it is not (straight quotes, and curly marks
// set the wrong way round, which happen in copy-edited wire text).
func markAt(r runes, i int) (m mark, ok bool) {
	c := r.at(i)
	m = mark{pos: i, width: 1, glyph: c, fam: double}
	next := func(k int) rune {
		if i+k < r.len() {
			return r.at(i + k)
		}
		return 0
	}
	switch c {
	case '“', '‟':
		m.open = true
		m.close = !leftEdge(r, i) && rightEdge(r, i+1) // „…“ and mixed typography
	case '”':
		m.close = true
		m.open = leftEdge(r, i) && !rightEdge(r, i+1)
	case '„':
		m.open = true
	case '«':
		m.open, m.close = true, !leftEdge(r, i) && rightEdge(r, i+1)
	case '»':
		m.close, m.open = true, leftEdge(r, i) && !rightEdge(r, i+1)
	case '"':
		m.open, m.close = straightDirection(r, i, 1)
	case '`':
		if next(1) != '`' {
			return m, false
		}
		m.width, m.open = 2, true
	case '\'':
		if next(1) == '\'' { // '' of wire styles; ''' closes an inner ' too
			m.width = 2
			if next(2) == '\'' {
				m.width = 3
			}
			m.open, m.close = straightDirection(r, i, m.width)
			break
		}
		m.fam = single
		if i > 0 && isWordRune(r.at(i-1)) && isWordRune(next(1)) {
			return m, false // don't, O'Brien
		}
		m.open, m.close = straightDirection(r, i, 1)
		if m.open && !unicode.IsLetter(next(1)) {
			m.open = false // '90s
		}
	case '‘', '‚', '‹':
		m.fam, m.open = single, true
	case '’', '›':
		m.fam = single
		if i > 0 && isWordRune(r.at(i-1)) && isWordRune(next(1)) {
			return m, false // don’t
		}
		m.close = !leftEdge(r, i)
	default:
		return m, false
	}
	return m, m.open || m.close
}

// straightDirection tells whether an undirected mark of width w at i opens
// (space before, a word after), closes (a word before, space after), or may
// do either (both or neither holds).
func straightDirection(r runes, i, w int) (open, close bool) {
	l, rt := leftEdge(r, i), rightEdge(r, i+w)
	switch {
	case l && !rt:
		return true, false
	case !l && rt:
		return false, true
	}
	return true, true
}

// closes reports whether m can close a quotation opened by op. The closing
// glyph must fit the opening one: „ closes with “ or ”, » … « (German)
// with «; the other double marks close each other, because wire copy mixes
// curly and straight marks in one quotation.
func closes(op, m mark) bool {
	if m.fam != op.fam || !m.close {
		return false
	}
	switch op.glyph {
	case '„':
		return m.glyph == '“' || m.glyph == '”' || m.glyph == '"'
	case '»':
		return m.glyph == '«'
	}
	return true
}

// scan pairs the quotation marks of every paragraph into segments. Marks are
// paired outermost first: inside a quotation only a mark of the same family
// can close it, so nested quotations stay inside their host.
func scan(r runes, paras []paragraph) []segment {
	var segs []segment
	prevOpen := family(0) // family of a quotation left open by the previous paragraph
	for pi, p := range paras {
		var op mark
		inside := false
		first := true
		for i := r.nextQuote(p.start, p.end); i < p.end; i = r.nextQuote(i, p.end) {
			m, ok := markAt(r, i)
			if !ok {
				i++
				continue
			}
			switch {
			case !inside && (m.open || i == p.start && m.fam == double):
				// A paragraph may open with a closing glyph set the wrong
				// way round: ” … what I learned”.
				op, inside = m, true
			case inside && closes(op, m) && m.pos > op.pos+op.width:
				s := segment{open: op.pos, close: m.pos + m.width, start: op.pos + op.width, end: m.pos, para: pi, fam: op.fam, closed: true}
				s.continues = first && prevOpen == op.fam && op.pos == p.start
				segs = append(segs, s)
				inside, first = false, false
			}
			i += m.width
		}
		if inside && op.fam == double && op.pos+op.width < p.end {
			s := segment{open: op.pos, close: p.end, start: op.pos + op.width, end: p.end, para: pi, fam: op.fam}
			s.continues = first && prevOpen == op.fam && op.pos == p.start
			segs = append(segs, s)
			prevOpen = op.fam
		} else {
			prevOpen = 0
		}
	}
	return segs
}

// isMark reports whether rune offset pos lies on a quotation mark that opens
// or closes a segment: such marks, not apostrophes, end a reporting clause.
// Segments are in text order and do not overlap, so the one that could
// hold pos is the first that closes after it.
func (dm *Document) isMark(pos int) bool {
	k := sort.Search(len(dm.segs), func(i int) bool { return dm.segs[i].close > pos })
	if k == len(dm.segs) {
		return false
	}
	s := dm.segs[k]
	return s.open <= pos && pos < s.start || s.closed && s.end <= pos && pos < s.close
}
