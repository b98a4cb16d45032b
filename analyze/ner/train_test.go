package ner

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func readTiny(t *testing.T) []Sentence {
	t.Helper()
	s, err := readCoNLLFile("testdata/tiny.conll")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestTrainSaveLoad trains on the tiny fixture, saves, loads and checks that
// the loaded model tags as the trained one and fits its own training data.
func TestTrainSaveLoad(t *testing.T) {
	sents := readTiny(t)
	tagger, rep, err := Train(sents, sents, TrainOptions{Epochs: 8})
	if err != nil {
		t.Fatal(err)
	}
	if rep.DevF1 < 0.99 {
		t.Errorf("F1 on the training data = %.3f, want 1", rep.DevF1)
	}
	var buf bytes.Buffer
	if err := tagger.Save(&buf); err != nil {
		t.Fatal(err)
	}
	loaded, err := Load(&buf)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range sents {
		if got, want := loaded.TagTokens(s.Words), tagger.TagTokens(s.Words); !reflect.DeepEqual(got, want) {
			t.Errorf("loaded model tags %v as %v, trained one as %v", s.Words, got, want)
		}
		if got := loaded.TagTokens(s.Words); !reflect.DeepEqual(got, s.Tags) {
			t.Errorf("tags of %v = %v, want %v", s.Words, got, s.Tags)
		}
	}
}

// TestTrainDeterministic checks that training twice writes the same model.
func TestTrainDeterministic(t *testing.T) {
	dir := t.TempDir()
	var models [2][]byte
	for i := range models {
		out := filepath.Join(dir, "model.bin.gz")
		if _, err := TrainFromFiles("testdata/tiny.conll", "testdata/tiny.conll", out, TrainOptions{Epochs: 3}); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		models[i] = b
	}
	if !bytes.Equal(models[0], models[1]) {
		t.Error("two trainings on the same data wrote different models")
	}
}

func TestTrainErrors(t *testing.T) {
	if _, _, err := Train(nil, nil, TrainOptions{}); err == nil {
		t.Error("Train(nil): want an error")
	}
	bad := []Sentence{{Words: []string{"a"}, Tags: []string{"B-DATE"}}}
	if _, _, err := Train(bad, nil, TrainOptions{}); err == nil {
		t.Error("Train with an unknown type: want an error")
	}
}

func TestLoadRejectsGarbage(t *testing.T) {
	if _, err := Load(bytes.NewReader([]byte("not a model"))); err == nil {
		t.Error("Load(garbage): want an error")
	}
}
