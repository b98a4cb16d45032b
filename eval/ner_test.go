package eval

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/storyline-news/storyline/analyze/ner"
)

func TestScoreNERHandComputed(t *testing.T) {
	gold := []ner.Sentence{
		{Words: strings.Fields("Ana Lopez visited Rome and Acme Corp"), Tags: strings.Fields("B-PER I-PER O B-LOC O B-ORG I-ORG")},
		{Words: strings.Fields("German fans cheered"), Tags: strings.Fields("B-MISC O O")},
	}
	pred := [][]string{
		// Person right, Rome right, Acme Corp cut short: 2 of 3 right.
		strings.Fields("B-PER I-PER O B-LOC O B-ORG O"),
		// MISC right, a spurious PER.
		strings.Fields("B-MISC B-PER O"),
	}
	rep := ScoreNER(gold, pred)
	near(t, "overall precision", rep.Overall.Precision, 3.0/5)
	near(t, "overall recall", rep.Overall.Recall, 3.0/4)
	near(t, "core precision", rep.Core.Precision, 2.0/4)
	near(t, "core recall", rep.Core.Recall, 2.0/3)
	near(t, "PER precision", rep.Types["PER"].Precision, 1.0/2)
	near(t, "ORG recall", rep.Types["ORG"].Recall, 0)
	near(t, "MISC F1", rep.Types["MISC"].F1, 1)
	near(t, "accuracy", rep.Accuracy, 8.0/10)
	if rep.Tokens != 10 || rep.Sentences != 2 {
		t.Errorf("tokens, sentences = %d, %d; want 10, 2", rep.Tokens, rep.Sentences)
	}
}

// echoTagger tags every capitalised word as a one-word location.
type echoTagger struct{}

func (echoTagger) TagTokens(words []string) []string {
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = "O"
		if w != "" && strings.ToUpper(w[:1]) == w[:1] && strings.ToLower(w[:1]) != w[:1] {
			out[i] = "B-LOC"
		}
	}
	return out
}

func TestNERFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "test.conll")
	data := "-DOCSTART- -X- -X- O\n\nRome NNP B-NP B-LOC\nfell VBD B-VP O\n\nAcme NNP B-NP B-ORG\nwon VBD B-VP O\n"
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	rep, err := NER(echoTagger{}, path)
	if err != nil {
		t.Fatal(err)
	}
	near(t, "overall F1", rep.Overall.F1, 0.5)
	near(t, "LOC F1", rep.Types["LOC"].F1, 2.0/3)
	if _, err := NER(echoTagger{}, filepath.Join(t.TempDir(), "missing")); err == nil {
		t.Error("NER on a missing file: want an error")
	}
	if math.IsNaN(rep.TokensPerSecond) {
		t.Error("tokens per second is NaN")
	}
}
