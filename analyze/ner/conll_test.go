package ner

import (
	"os"
	"reflect"
	"strings"
	"testing"
)

func TestReadCoNLL(t *testing.T) {
	f, err := os.Open("testdata/tiny.conll")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sents, err := ReadCoNLL(f)
	if err != nil {
		t.Fatal(err)
	}
	if len(sents) != 6 {
		t.Fatalf("got %d sentences, want 6", len(sents))
	}
	want := Sentence{
		Words: []string{"Maria", "Okafor", "visited", "Lisbon", "on", "Monday", "."},
		Tags:  []string{"B-PER", "I-PER", "O", "B-LOC", "O", "O", "O"},
	}
	if !reflect.DeepEqual(sents[0], want) {
		t.Errorf("first sentence = %+v, want %+v", sents[0], want)
	}
}

func TestReadCoNLLErrors(t *testing.T) {
	for _, in := range []string{"Word\n", "Word X-PER\n"} {
		if _, err := ReadCoNLL(strings.NewReader(in)); err == nil {
			t.Errorf("ReadCoNLL(%q): want an error", in)
		}
	}
}

func TestChunks(t *testing.T) {
	for _, tc := range []struct {
		tags string
		want []Chunk
	}{
		{"O O", nil},
		{"B-PER I-PER O B-LOC", []Chunk{{0, 2, "PER"}, {3, 4, "LOC"}}},
		// conlleval: I-X after O or another type opens an entity (IOB1).
		{"I-ORG I-ORG O I-LOC", []Chunk{{0, 2, "ORG"}, {3, 4, "LOC"}}},
		{"B-PER I-LOC", []Chunk{{0, 1, "PER"}, {1, 2, "LOC"}}},
		{"B-PER B-PER I-PER", []Chunk{{0, 1, "PER"}, {1, 3, "PER"}}},
		{"I-MISC B-MISC", []Chunk{{0, 1, "MISC"}, {1, 2, "MISC"}}},
	} {
		if got := Chunks(strings.Fields(tc.tags)); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Chunks(%s) = %v, want %v", tc.tags, got, tc.want)
		}
	}
}

func TestToIOB2(t *testing.T) {
	got := toIOB2(strings.Fields("I-ORG I-ORG O I-LOC B-LOC"))
	want := strings.Fields("B-ORG I-ORG O B-LOC B-LOC")
	if !reflect.DeepEqual(got, want) {
		t.Errorf("toIOB2 = %v, want %v", got, want)
	}
}
