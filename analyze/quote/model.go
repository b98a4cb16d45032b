package quote

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"math"
	"sync"
)

// Model is a logistic model that makes the final decision on each quoted
// segment: is it a direct quote? Its inputs are the hand rules' decision
// and features of the segment and its reporting clause (see featureNames),
// so that it can learn from labelled news which quoted phrases the rules
// keep wrongly — a short phrase after "said" in the writer's sentence, a
// quotation in a headline — and which they miss. `storyline train quotes`
// makes it from PolNeAR; the shipped one is embedded in the binary.
type Model struct {
	// Features names the inputs, in order; a model made for other
	// features is refused.
	Features []string `json:"features"`
	// Weights are the logistic weights, one a feature.
	Weights []float64 `json:"weights"`
	// Threshold is the probability from which a segment is kept.
	Threshold float64 `json:"threshold"`
}

// Keep reports whether the segment with features x is a quote.
func (m *Model) Keep(x []float64) bool { return m.Prob(x) >= m.Threshold }

// Prob returns the model's probability that the segment with features x
// is a quote.
func (m *Model) Prob(x []float64) float64 {
	z := 0.0
	for i, w := range m.Weights {
		z += w * x[i]
	}
	return 1 / (1 + math.Exp(-z))
}

// ReadModel decodes a model written by Model's JSON encoding, and checks
// that its features are this package's.
func ReadModel(data []byte) (*Model, error) {
	m := &Model{}
	if err := json.Unmarshal(data, m); err != nil {
		return nil, fmt.Errorf("read quote model: %w", err)
	}
	if len(m.Features) != nFeatures || len(m.Weights) != nFeatures {
		return nil, fmt.Errorf("read quote model: %d features, want %d", len(m.Features), nFeatures)
	}
	for i, f := range m.Features {
		if f != featureNames[i] {
			return nil, fmt.Errorf("read quote model: feature %d is %q, want %q", i, f, featureNames[i])
		}
	}
	return m, nil
}

//go:embed data/keep.json
var shipped []byte

// DefaultModel returns the model shipped in the binary, or nil when there
// is none and the hand rules decide alone. data/keep.json is empty today:
// a model trained on PolNeAR did no better than the rules on articles it
// was not trained on (docs/QUALITY.md), so none is shipped;
// `storyline train quotes` writes one there.
var DefaultModel = sync.OnceValue(func() *Model {
	if len(shipped) == 0 {
		return nil
	}
	m, err := ReadModel(shipped)
	if err != nil {
		panic(err) // a shipped model is checked by the tests
	}
	return m
})

// TrainOptions set the training of a Model.
type TrainOptions struct {
	// L2 is the weight of the L2 penalty (0: 1e-3).
	L2 float64
	// Epochs is the number of full-batch gradient steps (0: 3000).
	Epochs int
}

// Train fits a logistic model to the features xs of quoted segments and
// whether each is a quote, ys, by full-batch gradient descent from zero
// weights: the same data gives the same model. The threshold is 0.5.
func Train(xs [][]float64, ys []bool, opts TrainOptions) *Model {
	l2, epochs := opts.L2, opts.Epochs
	if l2 == 0 {
		l2 = 1e-3
	}
	if epochs == 0 {
		epochs = 3000
	}
	m := &Model{Features: featureNames[:], Weights: make([]float64, nFeatures), Threshold: 0.5}
	if len(xs) == 0 {
		return m
	}
	grad := make([]float64, nFeatures)
	const rate = 0.5
	n := float64(len(xs))
	for range epochs {
		clear(grad)
		for i, x := range xs {
			y := 0.0
			if ys[i] {
				y = 1
			}
			e := m.Prob(x) - y
			for j := range grad {
				grad[j] += e * x[j]
			}
		}
		for j := range m.Weights {
			g := grad[j] / n
			if j > 0 { // the bias is not penalised
				g += l2 * m.Weights[j]
			}
			m.Weights[j] -= rate * g
		}
	}
	return m
}
