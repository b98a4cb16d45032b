package ner

import (
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/analyze"
)

// newsText is invented news prose in the forms raw input takes: curly
// quotes, possessives, accented names, a Title Case and an all-caps headline.
var newsText = []struct {
	text string
	want []string // "text/TYPE" mentions that must be found; TYPE "*": any type
}{
	{"Colombian President Gustavo Petro told the UN General Assembly in New York that the State Department had revoked his visa.",
		[]string{"Colombian/OTHER", "Gustavo Petro/PERSON", "UN General Assembly/ORG", "New York/PLACE", "State Department/ORG"}},
	{"“We will not be silenced,” Petro said on Friday before flying back to Bogotá.",
		[]string{"Petro/PERSON", "Bogotá/PLACE"}},
	{"Colombia’s Foreign Minister Laura Sarabia called the decision by Washington “reckless”.",
		[]string{"Colombia/PLACE", "Laura Sarabia/PERSON", "Washington/PLACE"}},
	{"Interior Minister Armando Benedetti said Israeli Prime Minister Benjamin Netanyahu should face a court.",
		[]string{"Armando Benedetti/PERSON", "Israeli/OTHER", "Benjamin Netanyahu/PERSON"}},
	{"The Harbour Gazette reported that Mayor Jane Okafor of Port Elspeth will meet officials from the World Health Organization.",
		[]string{"Harbour Gazette/ORG", "Jane Okafor/PERSON", "World Health Organization/ORG"}},
	{"Shares of Northwind Bank rose 3 percent in Frankfurt after the European Central Bank held rates.",
		[]string{"Northwind Bank/ORG", "Frankfurt/PLACE", "European Central Bank/ORG"}},
	{"Petro Calls On Soldiers To Disobey Trump In New York Speech",
		[]string{"Petro/*", "New York/PLACE"}},
	{"PETRO ACCUSES WASHINGTON OVER CARIBBEAN STRIKES",
		[]string{"PETRO/*", "WASHINGTON/PLACE"}},
}

func TestMentionsNews(t *testing.T) {
	tagger := Default()
	for _, tc := range newsText {
		got := map[string]bool{}
		var all []string
		for _, m := range tagger.Mentions(tc.text) {
			s := fmt.Sprintf("%s/%s", m.Text, m.Type)
			got[s] = true
			got[m.Text+"/*"] = true
			all = append(all, s)
		}
		for _, w := range tc.want {
			if !got[w] {
				t.Errorf("%q: missing %s; got %v", tc.text, w, all)
			}
		}
	}
}

// TestMentionsOffsets checks that every mention's rune offsets select its
// text, across lines, accents and curly quotes.
func TestMentionsOffsets(t *testing.T) {
	var b strings.Builder
	for _, tc := range newsText {
		b.WriteString(tc.text)
		b.WriteString("\n\n")
	}
	text := b.String()
	runes := []rune(text)
	ms := Default().Mentions(text)
	if len(ms) < 20 {
		t.Fatalf("found %d mentions, want at least 20", len(ms))
	}
	for _, m := range ms {
		if m.Start < 0 || m.End > len(runes) || m.Start >= m.End {
			t.Fatalf("mention %+v out of range", m)
		}
		if got := string(runes[m.Start:m.End]); got != m.Text {
			t.Errorf("runes[%d:%d] = %q, mention text %q", m.Start, m.End, got, m.Text)
		}
		if strings.Contains(m.Text, "\n") {
			t.Errorf("mention %q crosses a line break", m.Text)
		}
		switch m.Type {
		case storyline.Person, storyline.Org, storyline.Place, storyline.Other:
		default:
			t.Errorf("mention %q has type %q", m.Text, m.Type)
		}
	}
}

// TestMentionsHarmonized checks that a name takes the type the article gives
// it most often, even in a headline that alone says little.
func TestMentionsHarmonized(t *testing.T) {
	text := "PETRO DEFIES WASHINGTON\n\n" +
		"Colombian President Gustavo Petro spoke in New York on Friday. " +
		"Petro later flew to Bogotá, where Petro met his ministers.\n"
	for _, m := range Default().Mentions(text) {
		if strings.EqualFold(m.Text, "Petro") && m.Type != storyline.Person {
			t.Errorf("%q at %d is %s, want PERSON", m.Text, m.Start, m.Type)
		}
	}
}

func TestTagTokensEdgeCases(t *testing.T) {
	tagger := Default()
	if got := tagger.TagTokens(nil); len(got) != 0 {
		t.Errorf("TagTokens(nil) = %v", got)
	}
	if got := tagger.Mentions(""); len(got) != 0 {
		t.Errorf("Mentions(\"\") = %v", got)
	}
	words := []string{"In", "Paris", ",", "Jacques", "Chirac", "met", "Helmut", "Kohl", "."}
	got := tagger.TagTokens(words)
	want := []string{"O", "B-LOC", "O", "B-PER", "I-PER", "O", "B-PER", "I-PER", "O"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("TagTokens(%v) = %v, want %v", words, got, want)
	}
}

// TestDevF1 guards the shipped model's quality on the CoNLL++ dev set when
// the shared data is beside the repository.
func TestDevF1(t *testing.T) {
	const path = "../../../shared/data/conll/conllpp_dev.txt"
	sents, err := readCoNLLFile(path)
	if os.IsNotExist(err) {
		t.Skip("no CoNLL++ dev set beside the repository")
	}
	if err != nil {
		t.Fatal(err)
	}
	if f := f1(Default(), sents); f < 0.90 {
		t.Errorf("dev F1 = %.4f, want at least 0.90", f)
	}
}

func BenchmarkTag(b *testing.B) {
	tagger := Default()
	var sents [][]string
	tokens := 0
	for _, tc := range newsText {
		var words []string
		for _, w := range strings.Fields(tc.text) {
			words = append(words, strings.Trim(w, "“”.,"))
		}
		sents = append(sents, words)
		tokens += len(words)
	}
	b.ResetTimer()
	for b.Loop() {
		for _, s := range sents {
			tagger.TagTokens(s)
		}
	}
	b.ReportMetric(float64(tokens*b.N)/b.Elapsed().Seconds(), "tokens/s")
}

func BenchmarkMentions(b *testing.B) {
	tagger := Default()
	var sb strings.Builder
	for _, tc := range newsText {
		sb.WriteString(tc.text + " ")
	}
	text := sb.String()
	tokens := len(analyze.Tokenize(text))
	for b.Loop() {
		tagger.Mentions(text)
	}
	b.ReportMetric(float64(tokens*b.N)/b.Elapsed().Seconds(), "tokens/s")
}

// TestConcurrentUse tags from many goroutines at once, each with words the
// tagger has not met before (which its word caches then add), and compares
// with one goroutine tagging the same texts on a tagger of its own; run
// with -race.
func TestConcurrentUse(t *testing.T) {
	texts := make([]string, 8)
	for g := range texts {
		texts[g] = fmt.Sprintf("%s Minister Varek Olunde%d met officials of Quorvane%d Holdings in Saltmere%d on Monday, said Ilsa Brannock%d.", newsText[0].text, g, g, g, g)
	}
	load := func() *Tagger {
		tagger, err := parseModel(shippedModel)
		if err != nil {
			t.Fatal(err)
		}
		return tagger
	}
	alone := load()
	want := make([]string, len(texts))
	for g, text := range texts {
		want[g] = fmt.Sprint(alone.Mentions(text))
	}
	shared := load()
	got := make([]string, len(texts))
	var wg sync.WaitGroup
	for g, text := range texts {
		wg.Go(func() {
			for range 3 {
				got[g] = fmt.Sprint(shared.Mentions(text))
			}
		})
	}
	wg.Wait()
	for g := range texts {
		if got[g] != want[g] {
			t.Errorf("text %d tagged concurrently: %s, want %s", g, got[g], want[g])
		}
	}
}

func TestScored(t *testing.T) {
	words := strings.Fields("the talks with the Bank of England ended when de Blasio left 21st Century Fox early , he said")
	live := scored(words, make([]bool, len(words)))
	var got []string
	for i, w := range words {
		if live[i] {
			got = append(got, w)
		}
	}
	// Capitalised words, the word after each, the small words between two
	// of them, and a particle or number before one.
	want := "Bank of England ended de Blasio left 21st Century Fox early"
	if strings.Join(got, " ") != want {
		t.Errorf("scored %q, want %q", strings.Join(got, " "), want)
	}
}

// FuzzMentions checks that tagging any text gives mentions inside it whose
// text is the runes they span.
func FuzzMentions(f *testing.F) {
	for _, s := range []string{"", "PETRO ACCUSES NATO", "de Blasio met 21st Century Fox in New York.", "\xffAl\u0301ice “Bob” O'Neil-Smith"} {
		f.Add(s)
	}
	tagger := Default()
	f.Fuzz(func(t *testing.T, text string) {
		r := []rune(text)
		for _, m := range tagger.Mentions(text) {
			if m.Start < 0 || m.End > len(r) || m.Start >= m.End {
				t.Fatalf("mention %q at [%d, %d) in %d runes", m.Text, m.Start, m.End, len(r))
			}
			if utf8.ValidString(text) && m.Text != string(r[m.Start:m.End]) {
				t.Fatalf("mention %q, runes %q", m.Text, string(r[m.Start:m.End]))
			}
		}
	})
}
