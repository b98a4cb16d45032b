package analyze

import (
	"strings"
	"unicode"

	"github.com/storyline-news/storyline"
)

// Canonicalize sets the Canonical name of each mention to the fullest name
// the same text gives that entity: a surname or part of a name ("Petro") to
// the longest mention of the same type that contains it as whole words
// ("Gustavo Petro"), an acronym ("UN", "U.S.") to a mention whose words'
// initials spell it ("United Nations", "United States"); otherwise the
// mention itself. It works within one text; across outlets the story card
// reconciles names.
func Canonicalize(ms []storyline.Mention) {
	for i := range ms {
		m := &ms[i]
		m.Canonical = m.Text
		words := strings.Fields(m.Text)
		best := ""
		for _, o := range ms {
			if o.Type != m.Type || len(o.Text) <= len(m.Text) || len(o.Text) <= len(best) {
				continue
			}
			if containsWords(strings.Fields(o.Text), words) || (isAcronym(m.Text) && initialsOf(o.Text) == lettersOf(m.Text)) {
				best = o.Text
			}
		}
		if best != "" {
			m.Canonical = best
		}
	}
}

// containsWords reports whether part appears in whole as consecutive words.
func containsWords(whole, part []string) bool {
	for i := 0; i+len(part) <= len(whole); i++ {
		match := true
		for j, w := range part {
			if !strings.EqualFold(strings.Trim(whole[i+j], "’'"), strings.Trim(w, "’'")) {
				match = false
				break
			}
		}
		if match {
			return true
		}
	}
	return false
}

// isAcronym reports whether s is two to six capital letters, with or
// without periods ("UN", "U.S.").
func isAcronym(s string) bool {
	n := len(lettersOf(s))
	if n < 2 || n > 6 {
		return false
	}
	for _, c := range s {
		if !unicode.IsUpper(c) && c != '.' {
			return false
		}
	}
	return true
}

func lettersOf(s string) string {
	return strings.Map(func(c rune) rune {
		if unicode.IsLetter(c) {
			return unicode.ToUpper(c)
		}
		return -1
	}, s)
}

// initialsOf returns the upper-cased initials of the capitalised words of
// name ("United Nations" → "UN"), skipping function words ("of", "the").
func initialsOf(name string) string {
	var b strings.Builder
	for _, w := range strings.Fields(name) {
		r := []rune(w)
		if len(r) > 0 && unicode.IsUpper(r[0]) {
			b.WriteRune(r[0])
		}
	}
	return b.String()
}
