// Package language tells the language of a report from its text.
package language

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/RadhiFadlillah/whatlanggo"
)

// sampleBytes is how much of a text Detect reads: the trigram profile of a
// few thousand characters already names the language, and a long report
// would otherwise cost time for nothing.
const sampleBytes = 6000

// minLetters is the fewest letters a text needs before its detected
// language is believed without a declared one: below it, trigram profiles
// of neighbouring languages are too close to tell apart.
const minLetters = 40

// Detect returns the ISO 639-1 code of the language of a report's title and
// body ("en", "de", "zh"), found from the text itself. declared, the
// language the page or feed says it is in (a code or tag such as "en-GB"),
// only breaks a tie: it is returned when the text is too short or its
// detection unreliable. The result is "" when neither tells.
func Detect(title, body, declared string) string {
	declared = Code(declared)
	text := sample(title, body)
	info := whatlanggo.Detect(text)
	code := info.Lang.Iso6391()
	if code == "" {
		return declared
	}
	if declared != "" && (!info.IsReliable() || letters(text) < minLetters) {
		return declared
	}
	if letters(text) == 0 {
		return ""
	}
	return code
}

// Code reduces a language tag ("en-GB", "pt_BR", " DE ") to its lower-case
// ISO 639-1 code ("en", "pt", "de").
func Code(tag string) string {
	tag = strings.ToLower(strings.TrimSpace(tag))
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		tag = tag[:i]
	}
	return tag
}

// sample joins title and body and cuts the result to about sampleBytes,
// at a rune boundary.
func sample(title, body string) string {
	text := title + "\n" + body
	if len(text) <= sampleBytes {
		return text
	}
	cut := sampleBytes
	for cut > 0 && !utf8.RuneStart(text[cut]) {
		cut--
	}
	return text[:cut]
}

// letters counts the letters of text, up to minLetters.
func letters(text string) int {
	n := 0
	for _, r := range text {
		if unicode.IsLetter(r) {
			n++
			if n >= minLetters {
				break
			}
		}
	}
	return n
}
