package analyze

import "testing"

// FuzzSentences checks, on any text, that sentences come in order without
// overlap, that their rune offsets are those of their first and last
// tokens, that no line break lies inside one, and that every other token
// belongs to exactly one sentence. Run by scripts/fuzz.sh (docs/FUZZING.md).
func FuzzSentences(f *testing.F) {
	for _, s := range []string{
		"",
		"Mr. Ansah left at 3 p.m. on Jan. 4. He said: “We are done.” Then he went home!",
		"Line one\nline two?! (Yes.) 'Quoted.' «Next» …and so on...",
		"\n\n. . .\n?",
		"U.S. officials met... 12 more arrived.\xffThe end",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		toks := Tokenize(text)
		in := make([]int, len(toks)) // how many sentences hold each token
		next := 0
		for i, s := range Sentences(toks) {
			if s.First < next || s.First >= s.Last || s.Last > len(toks) {
				t.Fatalf("sentence %d spans tokens [%d, %d) after %d of %d", i, s.First, s.Last, next, len(toks))
			}
			if s.Start != toks[s.First].Start || s.End != toks[s.Last-1].End {
				t.Fatalf("sentence %d at runes [%d, %d), its tokens at [%d, %d)", i, s.Start, s.End, toks[s.First].Start, toks[s.Last-1].End)
			}
			for j := s.First; j < s.Last; j++ {
				if toks[j].Kind == Space {
					t.Fatalf("sentence %d holds a line break at token %d", i, j)
				}
				in[j]++
			}
			next = s.Last
		}
		for j, n := range in {
			if toks[j].Kind != Space && n != 1 {
				t.Fatalf("token %d %q is in %d sentences", j, toks[j].Text, n)
			}
		}
	})
}
