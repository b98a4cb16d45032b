package extract

import (
	"strings"
	"unicode"

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
	first := []rune(p)[0]
	last := []rune(p)[runeCount(p)-1]
	return !unicode.IsLower(first) && !isBullet(p) && !strings.ContainsAny(p, "|\t") &&
		!strings.ContainsRune(".!?:;,…\"”’'»", last)
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
