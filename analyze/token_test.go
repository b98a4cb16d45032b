package analyze

import (
	"reflect"
	"testing"
)

func texts(toks []Token) []string {
	var out []string
	for _, t := range toks {
		out = append(out, t.Text)
	}
	return out
}

func TestTokenize(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Minister Oduya's office said 1,200.5 people left.", []string{"Minister", "Oduya", "'s", "office", "said", "1,200.5", "people", "left", "."}},
		{"The U.S. and Mr. Lang met in the left-wing café…", []string{"The", "U.S.", "and", "Mr.", "Lang", "met", "in", "the", "left-wing", "café", "…"}},
		{"“Go home,” she said.\nNext", []string{"“", "Go", "home", ",", "”", "she", "said", ".", "\n", "Next"}},
		{"don't stop... 3rd", []string{"don't", "stop", "...", "3rd"}},
	}
	for _, tt := range tests {
		if got := texts(Tokenize(tt.in)); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Tokenize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTokenOffsetsAreRunes(t *testing.T) {
	in := "Bogotá’s mayor—Ana Ruiz"
	r := []rune(in)
	for _, tok := range Tokenize(in) {
		if string(r[tok.Start:tok.End]) != tok.Text {
			t.Errorf("token %q at [%d,%d) reads %q", tok.Text, tok.Start, tok.End, string(r[tok.Start:tok.End]))
		}
	}
}

func TestSentences(t *testing.T) {
	in := "Mr. Lang arrived at 9 a.m. on Monday. “We are ready!” he said. The U.S. team left.\nA heading\nLast one"
	toks := Tokenize(in)
	r := []rune(in)
	var got []string
	for _, s := range Sentences(toks) {
		got = append(got, string(r[s.Start:s.End]))
	}
	want := []string{"Mr. Lang arrived at 9 a.m. on Monday.", "“We are ready!” he said.", "The U.S. team left.", "A heading", "Last one"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Sentences = %q, want %q", got, want)
	}
}

func TestTerms(t *testing.T) {
	got := Terms("The ministers' visas were revoked by Petro’s government in 2025.")
	want := []string{"minist", "visa", "revok", "petro", "govern", "2025"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Terms = %q, want %q", got, want)
	}
}

func BenchmarkTokenize(b *testing.B) {
	text := "The bridge over the Tamsin river was closed on Tuesday after engineers found cracks, officials said. “We will not take risks with people's lives,” Mayor Ines Halloran told reporters. "
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Tokenize(text)
	}
}

func BenchmarkTerms(b *testing.B) {
	text := "The bridge over the Tamsin river was closed on Tuesday after engineers found cracks, officials said. “We will not take risks with people's lives,” Mayor Ines Halloran told reporters. "
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Terms(text)
	}
}

func TestNameKeys(t *testing.T) {
	got := NameKeys("The minister met Ana Ruiz’s aide in Bogotá. Later the Senate voted. “We won,” said Ruiz.")
	want := []string{"ana", "bogotá", "ruiz", "senate"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("NameKeys = %q, want %q", got, want)
	}
}

func TestAbbreviationsAreShort(t *testing.T) {
	for w := range abbreviations {
		if n := len([]rune(w)); n > maxAbbreviation {
			t.Errorf("abbreviation %q has %d runes, more than maxAbbreviation", w, n)
		}
	}
}

// FuzzTokenize checks, on any input, that every token's text is the runes
// its offsets span, that tokens come in order without overlap, and that
// AppendTokens agrees with Tokenize.
func FuzzTokenize(f *testing.F) {
	for _, s := range []string{"", "Petro's U.S. visa", "1,200.5 km\n\n“Go!” — he said…", "\xff\xfeab c", "Mr. Jones's 3rd-quarter e-mail"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		toks := Tokenize(text)
		r := []rune(text)
		end := 0
		for i, tk := range toks {
			if tk.Start < end || tk.End <= tk.Start || tk.End > len(r) {
				t.Fatalf("token %d %q has span [%d, %d) after %d in %d runes", i, tk.Text, tk.Start, tk.End, end, len(r))
			}
			if tk.Kind != Space && tk.Text != string(r[tk.Start:tk.End]) {
				t.Fatalf("token %d %q, runes %q", i, tk.Text, string(r[tk.Start:tk.End]))
			}
			end = tk.End
		}
		again := AppendTokens(make([]Token, 0, 4), text)
		if len(again) != len(toks) {
			t.Fatalf("AppendTokens gave %d tokens, Tokenize %d", len(again), len(toks))
		}
		for i := range toks {
			if again[i] != toks[i] {
				t.Fatalf("token %d: AppendTokens %+v, Tokenize %+v", i, again[i], toks[i])
			}
		}
	})
}
