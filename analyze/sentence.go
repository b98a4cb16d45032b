package analyze

import "unicode"

// Sentence is a span of tokens [First, Last) with rune offsets [Start, End).
type Sentence struct {
	First, Last int
	Start, End  int
}

// closers may follow a sentence's final punctuation and still belong to it.
func isCloser(s string) bool {
	switch s {
	case "\"", "”", "’", "'", ")", "]", "»", "’’", "''":
		return true
	}
	return false
}

func isTerminal(s string) bool {
	switch s {
	case ".", "!", "?", "...", "…", "!!", "??", "?!":
		return true
	}
	return false
}

// Sentences groups tokens into sentences. A sentence ends at a line break, or
// after terminal punctuation (and any closing quotes or brackets) when the
// next token starts with an upper-case letter, a digit or an opening quote.
// Line-break tokens are not part of any sentence.
func Sentences(toks []Token) []Sentence {
	var out []Sentence
	first := -1
	flush := func(last int) {
		if first >= 0 && last > first {
			out = append(out, Sentence{First: first, Last: last, Start: toks[first].Start, End: toks[last-1].End})
		}
		first = -1
	}
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if t.Kind == Space {
			flush(i)
			continue
		}
		if first < 0 {
			first = i
		}
		if t.Kind != Punct || !isTerminal(t.Text) {
			continue
		}
		j := i + 1
		for j < len(toks) && toks[j].Kind == Punct && isCloser(toks[j].Text) {
			j++
		}
		if j >= len(toks) || toks[j].Kind == Space || startsSentence(toks[j]) {
			flush(j)
			i = j - 1
		}
	}
	flush(len(toks))
	return out
}

func startsSentence(t Token) bool {
	for _, c := range t.Text {
		return unicode.IsUpper(c) || unicode.IsDigit(c) || c == '"' || c == '“' || c == '‘' || c == '«' || c == '\''
	}
	return false
}
