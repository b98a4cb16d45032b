package eval

import (
	"fmt"
	"os"
	"slices"
	"time"

	"github.com/storyline-news/storyline/analyze/ner"
)

// NERTagger tags the words of one tokenized sentence with IOB2 tags;
// *ner.Tagger is one.
type NERTagger interface {
	TagTokens(words []string) []string
}

// NERReport is the entity-level score of a tagger on a labelled CoNLL file,
// with the semantics of the CoNLL shared task's conlleval: an entity counts
// as found only when both its span and its type are exact.
type NERReport struct {
	Sentences int `json:"sentences"`
	Tokens    int `json:"tokens"`
	// Overall scores every entity type (PER, ORG, LOC and MISC).
	Overall PRF `json:"overall"`
	// Core scores PER, ORG and LOC only: MISC entities are left out of both
	// the truth and the predictions.
	Core PRF `json:"core"`
	// Types scores each type on its own.
	Types map[string]NERTypeScore `json:"types"`
	// Accuracy is the share of tokens whose tag is exactly right.
	Accuracy float64 `json:"accuracy"`
	// TokensPerSecond is the tagging speed over the file.
	TokensPerSecond float64 `json:"tokens_per_second"`
}

// NERTypeScore is the score of one entity type, with its counts.
type NERTypeScore struct {
	PRF
	Gold      int `json:"gold"`
	Predicted int `json:"predicted"`
	Correct   int `json:"correct"`
}

// coreTypes are the entity types that Core scores.
var coreTypes = []string{"PER", "ORG", "LOC"}

// NER tags every sentence of the CoNLL file at path with tagger and scores
// the result against the file's tags.
func NER(tagger NERTagger, path string) (NERReport, error) {
	f, err := os.Open(path)
	if err != nil {
		return NERReport{}, fmt.Errorf("eval ner: %w", err)
	}
	defer f.Close()
	sents, err := ner.ReadCoNLL(f)
	if err != nil {
		return NERReport{}, fmt.Errorf("eval ner %s: %w", path, err)
	}
	pred := make([][]string, len(sents))
	start := time.Now()
	for i, s := range sents {
		pred[i] = tagger.TagTokens(s.Words)
	}
	elapsed := time.Since(start)
	rep := ScoreNER(sents, pred)
	if elapsed > 0 {
		rep.TokensPerSecond = float64(rep.Tokens) / elapsed.Seconds()
	}
	return rep, nil
}

// ScoreNER scores predicted tags (one slice per sentence) against the tags
// of labelled sentences.
func ScoreNER(gold []ner.Sentence, pred [][]string) NERReport {
	rep := NERReport{Sentences: len(gold), Types: map[string]NERTypeScore{}}
	right := 0
	for i, s := range gold {
		rep.Tokens += len(s.Words)
		for j, tag := range s.Tags {
			if j < len(pred[i]) && pred[i][j] == tag {
				right++
			}
		}
		g, p := ner.Chunks(s.Tags), ner.Chunks(pred[i])
		for _, c := range g {
			ts := rep.Types[c.Type]
			ts.Gold++
			if slices.Contains(p, c) {
				ts.Correct++
			}
			rep.Types[c.Type] = ts
		}
		for _, c := range p {
			ts := rep.Types[c.Type]
			ts.Predicted++
			rep.Types[c.Type] = ts
		}
	}
	var all, core NERTypeScore
	for typ, ts := range rep.Types {
		ts.PRF = countsPRF(ts.Gold, ts.Predicted, ts.Correct)
		rep.Types[typ] = ts
		all.Gold, all.Predicted, all.Correct = all.Gold+ts.Gold, all.Predicted+ts.Predicted, all.Correct+ts.Correct
		if slices.Contains(coreTypes, typ) {
			core.Gold, core.Predicted, core.Correct = core.Gold+ts.Gold, core.Predicted+ts.Predicted, core.Correct+ts.Correct
		}
	}
	rep.Overall = countsPRF(all.Gold, all.Predicted, all.Correct)
	rep.Core = countsPRF(core.Gold, core.Predicted, core.Correct)
	if rep.Tokens > 0 {
		rep.Accuracy = float64(right) / float64(rep.Tokens)
	}
	return rep
}

// countsPRF is precision, recall and F1 from entity counts; an empty side
// scores 0.
func countsPRF(gold, predicted, correct int) PRF {
	var p, r float64
	if predicted > 0 {
		p = float64(correct) / float64(predicted)
	}
	if gold > 0 {
		r = float64(correct) / float64(gold)
	}
	return newPRF(p, r)
}
