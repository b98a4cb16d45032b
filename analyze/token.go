// Package analyze turns an article's text into what the later stages read:
// tokens with rune offsets, sentences, stemmed terms, named entities and
// quotes. Each step can run on its own (see Tokenize, Sentences, Terms), so
// that evaluation can measure one step at a time.
package analyze

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// TokenKind tells what a token is made of.
type TokenKind uint8

// Token kinds.
const (
	Word   TokenKind = iota // letters, possibly with digits, inner hyphens or apostrophes
	Number                  // digits, possibly with inner separators: 1,200.5
	Punct                   // one punctuation or symbol character (or a run such as "...")
	Space                   // a line break; other white space makes no token
)

// Token is a piece of text with its rune offsets [Start, End) in the input.
type Token struct {
	Text  string
	Start int
	End   int
	Kind  TokenKind
}

// abbreviations keep their final period as part of the token, so that they
// do not end a sentence.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "sen": true,
	"rep": true, "gov": true, "gen": true, "col": true, "lt": true, "sgt": true,
	"capt": true, "cmdr": true, "adm": true, "maj": true, "st": true, "jr": true,
	"sr": true, "rev": true, "hon": true, "pres": true, "supt": true, "insp": true,
	"co": true, "corp": true, "inc": true, "ltd": true, "bros": true, "no": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true,
	"aug": true, "sep": true, "sept": true, "oct": true, "nov": true, "dec": true,
	"vs": true, "etc": true, "approx": true, "dept": true, "univ": true, "ave": true,
	"mt": true, "ft": true, "fig": true, "vol": true, "est": true,
}

// maxAbbreviation is the length of the longest abbreviation, in runes.
const maxAbbreviation = 6

// IsAbbreviation reports whether word (without its period) is a known
// abbreviation such as "Mr" or "Gov".
func IsAbbreviation(word string) bool {
	return abbreviations[strings.ToLower(word)]
}

// Tokenize splits text into tokens. Offsets count runes, not bytes. Possessive
// "'s" is split off its word ("Petro's" → "Petro", "'s"), as in CoNLL-style
// corpora; dotted initialisms ("U.S.", "U.N.") and abbreviations ("Mr.")
// keep their periods. Line breaks become Space tokens; other white space is
// dropped.
func Tokenize(text string) []Token {
	return AppendTokens(make([]Token, 0, len(text)/5), text)
}

// maxPooledRunes is the longest rune copy that runeBuffers keeps.
const maxPooledRunes = 1 << 20

// runeBuffers keeps the rune copies of texts that AppendTokens scans.
var runeBuffers = sync.Pool{New: func() any { return new([]rune) }}

// AppendTokens appends the tokens of text (see Tokenize) to dst and returns
// it, for a caller that reuses one token slice for many texts.
func AppendTokens(dst []Token, text string) []Token {
	buf := runeBuffers.Get().(*[]rune)
	r := (*buf)[:0]
	for _, c := range text {
		r = append(r, c)
	}
	dst = appendTokens(dst, text, r)
	if cap(r) <= maxPooledRunes {
		*buf = r
		runeBuffers.Put(buf)
	}
	return dst
}

// appendTokens appends the tokens of text, whose runes are r.
func appendTokens(toks []Token, text string, r []rune) []Token {
	// A token's text is a slice of the input, not a new string, when the
	// input is valid UTF-8 (else string(r[i:j]) would differ: invalid bytes
	// read as U+FFFD). at is the byte offset of rune i.
	valid := utf8.ValidString(text)
	at := 0
	// sub returns the text of runes [i, j) and moves at to rune j; i is
	// the rune at is at.
	sub := func(i, j int) string {
		if !valid {
			return string(r[i:j])
		}
		from := at
		for _, c := range r[i:j] {
			at += utf8.RuneLen(c)
		}
		return text[from:at]
	}
	skip := func(i, j int) {
		for _, c := range r[i:j] {
			at += utf8.RuneLen(c)
		}
	}
	for i := 0; i < len(r); {
		c := r[i]
		switch {
		case c == '\n':
			j := i + 1
			for j < len(r) && unicode.IsSpace(r[j]) {
				j++
			}
			toks = append(toks, Token{Text: "\n", Start: i, End: i + 1, Kind: Space})
			skip(i, j)
			i = j
		case unicode.IsSpace(c):
			skip(i, i+1)
			i++
		case unicode.IsDigit(c):
			j := scanNumber(r, i)
			kind := Number
			if j < len(r) && unicode.IsLetter(r[j]) { // 3rd, 10km, 737MAX
				j = scanWord(r, j)
				kind = Word
			}
			toks = append(toks, Token{Text: sub(i, j), Start: i, End: j, Kind: kind})
			i = j
		case unicode.IsLetter(c) || unicode.Is(unicode.Mn, c):
			j := scanWord(r, i)
			if k := scanInitialism(r, i); k > j {
				j = k
			} else if j < len(r) && r[j] == '.' && isAbbreviationRunes(r[i:j]) {
				j++
			}
			// Split a possessive or contraction suffix: Petro's, don't stays.
			if j-i > 2 && (r[j-2] == '\'' || r[j-2] == '’') && (r[j-1] == 's' || r[j-1] == 'S') {
				toks = append(toks, Token{Text: sub(i, j-2), Start: i, End: j - 2, Kind: Word})
				toks = append(toks, Token{Text: sub(j-2, j), Start: j - 2, End: j, Kind: Word})
			} else {
				toks = append(toks, Token{Text: sub(i, j), Start: i, End: j, Kind: Word})
			}
			i = j
		default:
			j := i + 1
			for j < len(r) && r[j] == c && (c == '.' || c == '-' || c == '!' || c == '?') {
				j++
			}
			toks = append(toks, Token{Text: sub(i, j), Start: i, End: j, Kind: Punct})
			i = j
		}
	}
	return toks
}

// isAbbreviationRunes is IsAbbreviation for a word given as runes; it
// makes no string for words too long to be one.
func isAbbreviationRunes(w []rune) bool {
	if len(w) > maxAbbreviation {
		return false
	}
	return IsAbbreviation(string(w))
}

// scanWord returns the end of the word starting at i: letters, digits, marks,
// and single inner hyphens, apostrophes or ampersands followed by a letter or
// digit.
func scanWord(r []rune, i int) int {
	j := i
	for j < len(r) {
		c := r[j]
		if unicode.IsLetter(c) || unicode.IsDigit(c) || unicode.Is(unicode.Mn, c) {
			j++
			continue
		}
		if (c == '-' || c == '\'' || c == '’' || c == '&') && j+1 < len(r) && j > i &&
			(unicode.IsLetter(r[j+1]) || unicode.IsDigit(r[j+1])) {
			j++
			continue
		}
		break
	}
	return j
}

// scanInitialism returns the end of a dotted initialism such as "U.S." or
// "U.N." starting at i, or i when there is none.
func scanInitialism(r []rune, i int) int {
	j := i
	n := 0
	for j+1 < len(r) && unicode.IsLetter(r[j]) && r[j+1] == '.' {
		j += 2
		n++
		if j < len(r) && unicode.IsLetter(r[j]) && j+1 < len(r) && unicode.IsLetter(r[j+1]) {
			return i // "U.Syria": not an initialism
		}
	}
	if n < 2 {
		return i
	}
	return j
}

// scanNumber returns the end of the number starting at i: digits with inner
// ',' or '.' separators followed by a digit.
func scanNumber(r []rune, i int) int {
	j := i
	for j < len(r) {
		if unicode.IsDigit(r[j]) {
			j++
			continue
		}
		if (r[j] == ',' || r[j] == '.') && j+1 < len(r) && unicode.IsDigit(r[j+1]) {
			j++
			continue
		}
		break
	}
	return j
}

// RuneOffsets returns a table from rune offset to byte offset for text, with
// one extra entry for the end, so that rune spans can be sliced cheaply.
func RuneOffsets(text string) []int {
	return AppendRuneOffsets(make([]int, 0, utf8.RuneCountInString(text)+1), text)
}

// AppendRuneOffsets appends the table of RuneOffsets to dst and returns it.
func AppendRuneOffsets(dst []int, text string) []int {
	for b := range text {
		dst = append(dst, b)
	}
	return append(dst, len(text))
}

// IsASCII reports whether s is all ASCII, where bytes are runes and case
// changes keep lengths.
func IsASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
