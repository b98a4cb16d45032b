package quote

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// runes reads a text by rune offset, as a []rune of it would, without
// copying it: offs holds the byte offset of every rune and, last, the
// text's length (see analyze.RuneOffsets). Invalid UTF-8 reads as one
// utf8.RuneError per byte, as in a []rune conversion.
type runes struct {
	s    string
	offs []int
}

// len returns the number of runes.
func (r runes) len() int { return len(r.offs) - 1 }

// at returns rune i.
func (r runes) at(i int) rune {
	if b := r.s[r.offs[i]]; b < utf8.RuneSelf {
		return rune(b)
	}
	c, _ := utf8.DecodeRuneInString(r.s[r.offs[i]:])
	return c
}

// index returns the index of the first rune at or after from that is the
// ASCII character c, or len() when there is none.
func (r runes) index(c byte, from int) int {
	k := strings.IndexByte(r.s[r.offs[from]:], c)
	if k < 0 {
		return r.len()
	}
	return r.runeAt(r.offs[from]+k, from)
}

// nextQuote returns the index of the first quotation mark rune (see
// isQuoteRune) in [from, to), or to when there is none. It reads bytes:
// every mark is ASCII or starts with the lead byte 0xC2 (« ») or 0xE2
// (the others), and a lead byte always starts a rune.
func (r runes) nextQuote(from, to int) int {
	end := r.offs[to]
	for b := r.offs[from]; b < end; b++ {
		switch r.s[b] {
		case '"', '\'', '`', 0xC2, 0xE2:
			if c, _ := utf8.DecodeRuneInString(r.s[b:]); isQuoteRune(c) {
				return r.runeAt(b, from)
			}
		}
	}
	return to
}

// runeAt returns the index of the rune that starts at byte b, searching
// from rune from on.
func (r runes) runeAt(b, from int) int {
	k, _ := slices.BinarySearch(r.offs[from:], b)
	return from + k
}
