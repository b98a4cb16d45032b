package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/storyline-news/storyline"
)

// Limits of a sub-heading: a few words on a line of their own.
const (
	maxHeadingRunes = 100
	maxHeadingWords = 14
)

// markSubheadings labels section headings: short lines without final
// punctuation that stand between paragraphs of reporting (or before the
// first one), so that "Growing rift with the capital" is never read as a
// sentence.
func markSubheadings(paras []string, kinds []storyline.PartKind) {
	prev := -1 // the last paragraph left in the body
	for i, p := range paras {
		if kinds[i] != "" {
			continue
		}
		next := nextBody(kinds, i)
		if isHeadingLine(p) && next >= 0 && isReporting(paras[next]) &&
			(prev < 0 || isReporting(paras[prev])) {
			kinds[i] = storyline.PartSubheading
			continue
		}
		prev = i
	}
}

// nextBody returns the index of the next unlabelled paragraph after i, or -1.
func nextBody(kinds []storyline.PartKind, i int) int {
	for j := i + 1; j < len(kinds); j++ {
		if kinds[j] == "" {
			return j
		}
	}
	return -1
}

// isHeadingLine reports whether p can be a heading: short, capitalised, not a
// list item or table row, and without the punctuation that ends a sentence or
// introduces what follows.
func isHeadingLine(p string) bool {
	if runeCount(p) > maxHeadingRunes || len(strings.Fields(p)) > maxHeadingWords {
		return false
	}
	p = strings.TrimRightFunc(p, func(r rune) bool {
		return isPictograph(r) || isEmojiModifier(r) || unicode.IsSpace(r)
	})
	if p == "" {
		return false
	}
	first, _ := utf8.DecodeRuneInString(p)
	last, _ := utf8.DecodeLastRuneInString(p)
	return startsHeading(first) && !isBullet(p) && !strings.ContainsAny(p, "|\t") &&
		!strings.ContainsRune(".!?:;,…\"”’'»", last) && !endsMidSentence(p)
}

// startsHeading reports whether a heading can begin with r: a capital (or a
// letter of a script without case), a digit or an opening quote.
func startsHeading(r rune) bool {
	return unicode.IsLetter(r) && !unicode.IsLower(r) || unicode.IsDigit(r) || strings.ContainsRune(`"'“‘«`, r)
}

// endsMidSentence reports whether p ends with a word that cannot end a
// heading ("the", "of", "can"): a sentence broken across lines.
func endsMidSentence(p string) bool {
	i := strings.LastIndexByte(p, ' ')
	return i >= 0 && danglingWords[p[i+1:]]
}

// danglingWords are English words a heading does not end with.
var danglingWords = map[string]bool{
	"the": true, "a": true, "an": true, "of": true, "to": true, "and": true, "or": true,
	"but": true, "in": true, "on": true, "at": true, "for": true, "with": true, "by": true,
	"from": true, "can": true, "will": true, "is": true, "are": true, "was": true,
	"were": true, "that": true, "which": true, "who": true, "as": true, "entire": true,
}

// isReporting reports whether p reads as a paragraph of sentences: it ends
// like a sentence, or is too long to be anything else.
func isReporting(p string) bool {
	last := []rune(p)[runeCount(p)-1]
	return strings.ContainsRune(".!?…\"”’'»)", last) && runeCount(p) > maxHeadingRunes/2 ||
		runeCount(p) > 2*maxHeadingRunes
}

// isBullet reports whether p is a list item: "• ", "- ", "* ", "1. ", "2) ".
func isBullet(p string) bool {
	if strings.HasPrefix(p, "• ") || strings.HasPrefix(p, "- ") || strings.HasPrefix(p, "* ") ||
		strings.HasPrefix(p, "– ") || strings.HasPrefix(p, "· ") {
		return true
	}
	digits := len(p) - len(strings.TrimLeft(p, "0123456789"))
	return digits > 0 && digits <= 3 && len(p) > digits+1 &&
		(p[digits] == '.' || p[digits] == ')') && p[digits+1] == ' '
}
