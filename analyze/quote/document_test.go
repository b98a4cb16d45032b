package quote

import (
	"os"
	"reflect"
	"testing"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/analyze"
	"github.com/storyline-news/storyline/analyze/ner"
)

// taggedPeople returns the PERSON mentions the shipped tagger finds in
// text, as document.Analyze hands them to Find.
func taggedPeople(text string) []storyline.Mention {
	toks := analyze.Tokenize(text)
	var out []storyline.Mention
	for _, m := range ner.Default().MentionsOf(text, toks, analyze.Sentences(toks), analyze.RuneOffsets(text)) {
		if m.Type == storyline.Person {
			out = append(out, m)
		}
	}
	return out
}

// TestDocumentFind checks that a prepared Document gives the quotes Find
// gives, for every list of people, however often it is asked: Find
// leaves nothing behind in the Document.
func TestDocumentFind(t *testing.T) {
	article, err := os.ReadFile("testdata/article.txt")
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{
		string(article),
		"Ana Ruiz spoke first. “We are ready,” she said. “But the rain may still stop us.”",
		"In Bogotá, President Gustavo Petro met Nicolás Maduro. “Colombia will not be silent,” Petro said.",
		"“We will rebuild every house,” said Mayor Jonas Berg.\n\n“Every family will get help\n\n“Before the winter comes,” he said.",
		"No quotation marks at all, said Ana Ruiz.",
		"Ana Ruiz said: “We are \xffready \xe2\x80 now,” she said. “And \xc3 so\xff”",
		"",
	}
	for _, text := range texts {
		tagged := taggedPeople(text)
		lists := [][]storyline.Mention{nil, {}, tagged, tagged[:len(tagged)/2]}
		d := Prepare(text, analyze.Tokenize(text), analyze.RuneOffsets(text))
		for round := 0; round < 2; round++ {
			for _, people := range lists {
				want := Find(text, people)
				if got := d.Find(people); !reflect.DeepEqual(got, want) {
					t.Errorf("round %d, %d people, %.40q:\n got %+v\nwant %+v", round, len(people), text, got, want)
				}
			}
		}
	}
}

// TestIsMark checks that exactly the runes of the quotation marks that
// open or close a segment are marks, not an apostrophe or the marks of
// an unclosed quotation's end.
func TestIsMark(t *testing.T) {
	text := "It's “done,” he said.\n''Fine'' and «open"
	d := Prepare(text, analyze.Tokenize(text), analyze.RuneOffsets(text))
	want := map[int]bool{}
	for i, c := range []rune(text) {
		switch c {
		case '“', '”', '«':
			want[i] = true
		case '\'':
			want[i] = i > 3 // the apostrophe of "It's" is no mark
		}
	}
	for i := range []rune(text) {
		if got := d.isMark(i); got != want[i] {
			t.Errorf("isMark(%d) = %v, want %v", i, got, want[i])
		}
	}
}

// BenchmarkDocumentFind reads the article as document.Analyze does: its
// tokens are given, and its quotes are found twice, with the tagger's
// people and with a cleaned list.
func BenchmarkDocumentFind(b *testing.B) {
	article, err := os.ReadFile("testdata/article.txt")
	if err != nil {
		b.Fatal(err)
	}
	text := string(article)
	people := taggedPeople(text)
	toks, offs := analyze.Tokenize(text), analyze.RuneOffsets(text)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		d := Prepare(text, toks, offs)
		d.Find(people)
		d.Find(people[1:])
	}
}

// TestSpanInvalidUTF8 checks that a span reads invalid bytes as a []rune
// conversion does, one utf8.RuneError each.
func TestSpanInvalidUTF8(t *testing.T) {
	for _, text := range []string{"a\xffb “c\xe2\x80d”", "plain “text” é"} {
		d := Prepare(text, analyze.Tokenize(text), analyze.RuneOffsets(text))
		r := []rune(text)
		for a := 0; a <= len(r); a++ {
			for b := a; b <= len(r); b++ {
				if got, want := d.span(a, b), string(r[a:b]); got != want {
					t.Errorf("%q: span(%d, %d) = %q, want %q", text, a, b, got, want)
				}
			}
		}
		for i, c := range r {
			if got := d.r.at(i); got != c {
				t.Errorf("%q: rune %d = %q, want %q", text, i, got, c)
			}
		}
	}
}

// TestRunesSearch checks the byte searches of runes against reading rune
// by rune, on text with marks of every kind, accents and invalid bytes.
func TestRunesSearch(t *testing.T) {
	for _, text := range []string{
		"", "\n", "a\n\n b \n", "“é” «x» ‘y’ „z“ ‹w› \"v\" 'u' ``t''",
		"\xe2\x80\n\xc2“\xff”\xe2\x80\x9c\n", "end”", "naïve — “ok”\n",
	} {
		r := runes{s: text, offs: analyze.RuneOffsets(text)}
		rs := []rune(text)
		for from := 0; from <= len(rs); from++ {
			want := len(rs)
			for k := from; k < len(rs); k++ {
				if rs[k] == '\n' {
					want = k
					break
				}
			}
			if got := r.index('\n', from); got != want {
				t.Errorf("%q: index from %d = %d, want %d", text, from, got, want)
			}
			want = len(rs)
			for k := from; k < len(rs); k++ {
				if isQuoteRune(rs[k]) {
					want = k
					break
				}
			}
			if got := r.nextQuote(from, len(rs)); got != want {
				t.Errorf("%q: nextQuote from %d = %d, want %d", text, from, got, want)
			}
		}
	}
}
