// Package match decides whether two short passages — sentences of two
// reports — state the same fact, and how they relate: the same claim, a
// conflict (the same fact with incompatible values), an update (the same
// quantity or state, changed later), related, or unrelated.
//
// The decision is learned from labelled pairs of news sentences (see
// Train): gradient-boosted trees over lexical, alignment, entity, number,
// negation and modality features. The story card groups claims with this
// same matcher, so that its measured figure is the card's.
package match

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"slices"
	"sync"
)

// Relation is how two claims relate.
type Relation string

// Relations between two claims.
const (
	Same      Relation = "same"      // they state the same fact
	Conflict  Relation = "conflict"  // the same fact with incompatible values
	Update    Relation = "update"    // the same quantity or state, changed later
	Related   Relation = "related"   // about the same thing, stating different facts
	Unrelated Relation = "unrelated" // about different things
)

// Result is the matcher's answer for a pair of passages.
type Result struct {
	// Score is the probability that the two state the same fact, from 0 to 1.
	Score float64 `json:"score"`
	// Same is the decision at the model's threshold: the two report the
	// same fact, as people judge news paraphrases. Its Relation tells
	// whether they give it with the same values (same), incompatible
	// ones (conflict) or a later value or state (update).
	Same     bool     `json:"same_claim"`
	Relation Relation `json:"relation"`
}

// Model is a trained claim matcher. Its zero value is not usable: get one
// from Default, Load or Train.
type Model struct {
	Format    int                `json:"format"`
	Features  []string           `json:"features"`
	Threshold float64            `json:"threshold"`
	Missing   float64            `json:"missing_idf"`
	IDF       map[string]float64 `json:"idf"`
	Words     wordModel          `json:"words"`
	Forest    forest             `json:"forest"`
	// Report says how the model was trained and what it scored.
	Report *TrainReport `json:"report,omitempty"`

	vocab vocabulary
}

// format is the version of the saved model; a model of another version is
// refused by Load.
const format = 1

//go:embed data/model.json
var shipped []byte

var (
	defaultOnce  sync.Once
	defaultModel *Model
	defaultErr   error
)

// Default returns the model shipped in the binary. It panics if the
// embedded model cannot be read, which a test guards against.
func Default() *Model {
	defaultOnce.Do(func() {
		defaultModel, defaultErr = Load(bytes.NewReader(shipped))
	})
	if defaultErr != nil {
		panic(fmt.Sprintf("match: shipped model: %v", defaultErr))
	}
	return defaultModel
}

// Load reads a model written by Save. It fails when the model was saved
// by another version or for other features.
func Load(r io.Reader) (*Model, error) {
	var m Model
	if err := json.NewDecoder(r).Decode(&m); err != nil {
		return nil, fmt.Errorf("read claim model: %w", err)
	}
	if m.Format != format || !slices.Equal(m.Features, featureNames) {
		return nil, fmt.Errorf("read claim model: made for other features (format %d); run storyline train claims", m.Format)
	}
	m.vocab = vocabulary{idf: m.IDF, missing: m.Missing}
	return &m, nil
}

// Save writes the model as JSON. The same model always gives the same
// bytes.
func (m *Model) Save(w io.Writer) error {
	b, err := json.Marshal(m)
	if err != nil {
		return err
	}
	b = append(b, '\n')
	_, err = w.Write(b)
	return err
}

// Compare matches two passages.
func (m *Model) Compare(a, b string) Result {
	return m.compare(read(a), read(b))
}

func (m *Model) compare(a, b *passage) Result {
	v := m.judge(a, b)
	return Result{Score: round(v.score), Same: v.score >= m.Threshold, Relation: v.relation(m.Threshold)}
}

func sigmoid(z float64) float64 { return 1 / (1 + math.Exp(-z)) }

// round keeps four decimals of a score, enough to rank and stable to print.
func round(v float64) float64 { return math.Round(v*1e4) / 1e4 }

// Claim is a passage read for matching, to compare with many others
// without reading it again.
type Claim struct{ p *passage }

// Read reads a passage for matching.
func Read(text string) *Claim { return &Claim{read(text)} }

// Match compares two passages read with Read; Compare(a, b) is
// Match(Read(a), Read(b)).
func (m *Model) Match(a, b *Claim) Result { return m.compare(a.p, b.p) }
