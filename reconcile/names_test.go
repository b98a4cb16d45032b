package reconcile

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
		if got, want := nameKey(name), referenceNameKey(name); got != want {
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
	e := &entry{}
	e.add("DES MOINES", storyline.Place, 3) // datelines
	e.add("Des Moines", storyline.Place, 1)
	if e.name != "Des Moines" {
		t.Errorf("name = %q, want the form of running text", e.name)
	}
	a := &entry{}
	a.add("NATO", storyline.Org, 2)
	a.add("Nato", storyline.Org, 1)
	if a.name != "NATO" {
		t.Errorf("name = %q, want the acronym as most often written", a.name)
	}
}
