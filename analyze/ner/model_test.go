package ner

import (
	"bytes"
	"testing"
)

// TestShippedModelMatchesData checks that the embedded model was trained
// with the committed gazetteer and word table, so that regenerating them
// and retraining gives the shipped model.
func TestShippedModelMatchesData(t *testing.T) {
	lex, err := defaultLexicon(true, true)
	if err != nil {
		t.Fatal(err)
	}
	m := Default()
	if m.lex.gazText != lex.gazText {
		t.Error("the shipped model's gazetteer differs from data/gazetteer.tsv: retrain")
	}
	if m.lex.wordsText != lex.wordsText {
		t.Error("the shipped model's word table differs from data/wordclasses.tsv.gz: retrain")
	}
}

func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := Load(bytes.NewReader(shippedModel)); err != nil {
			b.Fatal(err)
		}
	}
}
