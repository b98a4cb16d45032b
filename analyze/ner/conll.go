package ner

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// Sentence is one tokenized sentence with its IOB2 entity tags, one per word
// ("B-PER", "I-PER", "O"); Tags is nil for unlabelled text.
type Sentence struct {
	Words []string
	Tags  []string
}

// ReadCoNLL reads sentences in CoNLL format: one token a line, the word in the
// first column and its tag in the last, a blank line between sentences.
// "-DOCSTART-" lines are skipped. Both IOB2 ("B-X" opens every entity) and
// IOB1 ("B-X" only between two entities of one type) tags are accepted;
// tags are returned as written.
func ReadCoNLL(r io.Reader) ([]Sentence, error) {
	var (
		out  []Sentence
		cur  Sentence
		line int
	)
	flush := func() {
		if len(cur.Words) > 0 {
			out = append(out, cur)
		}
		cur = Sentence{}
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for sc.Scan() {
		line++
		fields := strings.Fields(sc.Text())
		if len(fields) == 0 {
			flush()
			continue
		}
		if fields[0] == "-DOCSTART-" {
			flush()
			continue
		}
		if len(fields) < 2 {
			return nil, fmt.Errorf("conll line %d: want a word and a tag, got %q", line, sc.Text())
		}
		tag := fields[len(fields)-1]
		if !validTag(tag) {
			return nil, fmt.Errorf("conll line %d: bad tag %q", line, tag)
		}
		cur.Words = append(cur.Words, fields[0])
		cur.Tags = append(cur.Tags, tag)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("conll line %d: %w", line, err)
	}
	flush()
	return out, nil
}

func validTag(tag string) bool {
	return tag == "O" || len(tag) > 2 && (tag[0] == 'B' || tag[0] == 'I') && tag[1] == '-'
}

// Chunk is an entity over the words [Start, End) of a sentence, with its
// type as tagged ("PER", "ORG", "LOC", "MISC").
type Chunk struct {
	Start, End int
	Type       string
}

// Chunks returns the entities that tags mark, with the semantics of the
// CoNLL shared task's conlleval script: an entity begins at "B-X", or at
// "I-X" after "O" or after a tag of another type, and runs over the
// following "I-X" tags.
func Chunks(tags []string) []Chunk {
	var out []Chunk
	start, typ := -1, ""
	for i, tag := range tags {
		prefix, t := splitTag(tag)
		continues := prefix == 'I' && start >= 0 && t == typ
		if continues {
			continue
		}
		if start >= 0 {
			out = append(out, Chunk{Start: start, End: i, Type: typ})
			start, typ = -1, ""
		}
		if prefix == 'B' || prefix == 'I' {
			start, typ = i, t
		}
	}
	if start >= 0 {
		out = append(out, Chunk{Start: start, End: len(tags), Type: typ})
	}
	return out
}

// splitTag returns the prefix ('B', 'I' or 'O') and the type of a tag.
func splitTag(tag string) (byte, string) {
	if len(tag) > 2 && tag[1] == '-' {
		return tag[0], tag[2:]
	}
	return 'O', ""
}
