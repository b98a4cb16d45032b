package document

import (
	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/analyze"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// referenceNameKey is nameKey as plainly written, before its ASCII fast
// path: nameKey must agree with it.
func referenceNameKey(name string) string {
	s := strings.ToLower(strings.TrimSpace(name))
	s = strings.TrimPrefix(s, "the ")
	s = strings.TrimSuffix(strings.TrimSuffix(s, "'s"), "’s")
	s = strings.TrimSuffix(s, "'")
	s = strings.ReplaceAll(s, ".", "")
	if folded, _, err := transform.String(transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC), s); err == nil && !analyze.IsASCII(s) {
		s = folded
	}
	return strings.Join(strings.Fields(s), " ")
}

func TestNameKey(t *testing.T) {
	for _, name := range []string{
		"Gustavo Petro", "  The State Department ", "U.S.", "Petro's", "Kesse'", "the  U . N .  General\tAssembly",
		"The", "the ", "THE UN", "José Martí", "Ghana’s", "\u00a0Dr. Who\u00a0", "the'", "x's's", "",
		strings.Repeat("Very Long Organisation Name ", 5), "a.b.c", "  .  ",
	} {
		if got, want := NameKey(name), referenceNameKey(name); got != want {
			t.Errorf("nameKey(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestWordCount(t *testing.T) {
	for _, s := range []string{"", " ", "Petro", " Gustavo  Petro ", "a\tb\nc", "José\u00a0Martí", "bad\xffbyte word"} {
		if got, want := wordCount(s), len(strings.Fields(s)); got != want {
			t.Errorf("wordCount(%q) = %d, want %d", s, got, want)
		}
	}
}

func TestEntryNamePrefersRunningText(t *testing.T) {
	e := &Entry{}
	e.add("DES MOINES", storyline.Place, 3) // datelines
	e.add("Des Moines", storyline.Place, 1)
	if e.name != "Des Moines" {
		t.Errorf("name = %q, want the form of running text", e.name)
	}
	a := &Entry{}
	a.add("NATO", storyline.Org, 2)
	a.add("Nato", storyline.Org, 1)
	if a.name != "NATO" {
		t.Errorf("name = %q, want the acronym as most often written", a.name)
	}
}

// entryOf returns an entry of n mentions of name.
func entryOf(name string, typ storyline.EntityType, n int) *Entry {
	e := &Entry{}
	e.add(name, typ, n)
	return e
}

// TestSpellingVariantsAreOnePerson checks that a person's name
// transliterated two ways is one entity under the spelling used most, and
// that names a letter apart whose first names differ, or which are too
// short to tell, stay apart.
func TestSpellingVariantsAreOnePerson(t *testing.T) {
	got := Resolve([]*Entry{
		entryOf("Oleksandr Marchenko", storyline.Person, 2),
		entryOf("Oleksandr Marchenkow", storyline.Person, 5),
		entryOf("Marchenko", storyline.Person, 3),
		entryOf("Mirela Janssen", storyline.Person, 2),
		entryOf("Pieter Janssens", storyline.Person, 2),
		entryOf("Ana Lim", storyline.Person, 1),
		entryOf("Ana Lin", storyline.Person, 1),
	})
	names := map[string]int{}
	for _, e := range got {
		names[e.name] = e.mentions
	}
	want := map[string]int{"Oleksandr Marchenkow": 10, "Mirela Janssen": 2, "Pieter Janssens": 2, "Ana Lim": 1, "Ana Lin": 1}
	if len(names) != len(want) {
		t.Fatalf("entities %v, want %v", names, want)
	}
	for n, m := range want {
		if names[n] != m {
			t.Errorf("entity %q: %d mentions, want %d (all: %v)", n, names[n], m, names)
		}
	}
}

func TestSpelledAlike(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		ok   bool
	}{
		{"zelensky", "zelenskiy", true},
		{"mohammed", "mohamed", true},
		{"tchaikovsky", "tchaikowskiy", true},
		{"janssen", "janssens", true},
		{"lim", "lin", false},
		{"gustavo", "petro", false},
		{"qaddafi", "gaddafi", false},
		{"johnson", "johnston", true},
		{"johnson", "jackson", false},
	} {
		if got := spelledAlike(tc.a, tc.b); got != tc.ok {
			t.Errorf("spelledAlike(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.ok)
		}
	}
}
