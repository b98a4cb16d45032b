package main

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// terminal makes untrusted text (a title, a name, a file name, an error
// that quotes one) safe to print on one line of a terminal. Control
// characters (C0 including tab and newline, DEL, C1), bidirectional
// embeddings, overrides and isolates, line and paragraph separators and
// bytes that are not UTF-8 are written as Go escapes ("\x1b", "\u202e"):
// printed raw they could move the cursor, set the window title (OSC),
// reorder or hide text, or make a file name forge a second error line.
func terminal(s string) string {
	if !needsEscape(s) {
		return s
	}
	var b strings.Builder
	for i, r := range s {
		switch {
		case r == utf8.RuneError && len(s[i:]) > 0 && !strings.HasPrefix(s[i:], "\uFFFD"):
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case unsafeRune(r) && r < 0x100:
			fmt.Fprintf(&b, `\x%02x`, r)
		case unsafeRune(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// terminalText is terminal for text of several lines: line breaks are
// kept, everything else in each line made safe.
func terminalText(s string) string {
	if !needsEscape(strings.ReplaceAll(s, "\n", "")) {
		return s
	}
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = terminal(l)
	}
	return strings.Join(lines, "\n")
}

// needsEscape reports whether terminal would change s.
func needsEscape(s string) bool {
	if !utf8.ValidString(s) {
		return true
	}
	for _, r := range s {
		if unsafeRune(r) {
			return true
		}
	}
	return false
}

// unsafeRune reports whether a terminal may act on r instead of showing it.
func unsafeRune(r rune) bool {
	switch {
	case unicode.IsControl(r): // C0, DEL, C1
		return true
	case r == '\u061c', r == '\u200e', r == '\u200f', // bidi marks
		r >= '\u202a' && r <= '\u202e', // embeddings and overrides
		r >= '\u2066' && r <= '\u2069', // isolates
		r == '\u2028', r == '\u2029':   // line and paragraph separators
		return true
	}
	return false
}
