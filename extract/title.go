package extract

import (
	"strings"
	"unicode"
)

// maxTitleRunes is the longest title extract keeps: a longer first line is a
// paragraph, and a longer first sentence is cut at a word.
const maxTitleRunes = 200

// splitTitle returns the first line of text as the title, and the rest, when
// that line reads as a headline: at most maxTitleRunes long, not ending with
// the period of a sentence, and followed by more text. Otherwise the title is
// empty and body is text.
func splitTitle(text string) (title, body string) {
	first, rest, ok := cutParagraph(text)
	first = strings.TrimSpace(first)
	if !ok || strings.TrimSpace(rest) == "" || runeCount(first) > maxTitleRunes ||
		strings.HasSuffix(first, ".") && !strings.HasSuffix(first, "...") {
		return "", text
	}
	return first, rest
}

// deriveTitle makes a title from a body without one: its first sentence,
// cut at a word boundary when longer than maxTitleRunes.
func deriveTitle(body string) string {
	first, _, _ := cutParagraph(body)
	s := firstSentence(strings.TrimSpace(first))
	if runeCount(s) <= maxTitleRunes {
		return s
	}
	cut := string([]rune(s)[:maxTitleRunes])
	if i := strings.LastIndexByte(cut, ' '); i > maxTitleRunes/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;:-–—") + "…"
}

// firstSentence returns p up to the end of its first sentence: a full stop,
// question or exclamation mark (and any closing quote) followed by a space
// and a capital, a digit or a quote, and not ending an abbreviation or an
// initial ("Mr.", "U.S.", "J.").
func firstSentence(p string) string {
	runes := []rune(p)
	for i := 1; i+2 < len(runes); i++ {
		if !strings.ContainsRune(".!?", runes[i]) {
			continue
		}
		end := i + 1
		for end < len(runes) && strings.ContainsRune(`"'”’»)`, runes[end]) {
			end++
		}
		if end+1 < len(runes) && runes[end] == ' ' && startsSentence(runes[end+1]) &&
			!(runes[i] == '.' && isAbbreviation(runes[:i])) {
			return string(runes[:end])
		}
	}
	return p
}

// startsSentence reports whether r can begin a sentence.
func startsSentence(r rune) bool {
	return unicode.IsUpper(r) || unicode.IsDigit(r) || strings.ContainsRune(`"'“‘«(`, r)
}

// isAbbreviation reports whether the word that ends text (before a period)
// is an abbreviation or an initial rather than the end of a sentence.
func isAbbreviation(text []rune) bool {
	start := len(text)
	for start > 0 && text[start-1] != ' ' {
		start--
	}
	word := string(text[start:])
	if w := []rune(word); len(w) == 1 && unicode.IsUpper(w[0]) || strings.Contains(word, ".") {
		return true // "J." or "U.S."
	}
	return abbreviations[strings.ToLower(word)]
}

// abbreviations are words that end with a period inside a sentence.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "st": true,
	"gen": true, "sen": true, "rep": true, "gov": true, "lt": true, "col": true,
	"capt": true, "sgt": true, "jr": true, "sr": true, "inc": true, "corp": true,
	"co": true, "ltd": true, "no": true, "vs": true, "etc": true, "approx": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true,
	"aug": true, "sep": true, "sept": true, "oct": true, "nov": true, "dec": true,
	"mt": true, "ft": true, "fig": true, "pres": true, "gens": true, "adm": true,
}
