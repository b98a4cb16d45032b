package match

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strings"

	"github.com/storyline-news/storyline/eval"
)

// Pair is one labelled pair of passages, a line of a pairs file:
// {"id","a":{"id","text"},"b":{"id","text"},"same_claim","relation"}.
type Pair struct {
	ID        string   `json:"id"`
	A         Side     `json:"a"`
	B         Side     `json:"b"`
	SameClaim *bool    `json:"same_claim,omitempty"`
	Relation  Relation `json:"relation,omitempty"`
}

// Side is one passage of a pair.
type Side struct {
	ID   string `json:"id"`
	Text string `json:"text"`
}

// Same reports the pair's label: its same_claim field, else whether its
// relation is "same".
func (p *Pair) Same() (same, labelled bool) {
	if p.SameClaim != nil {
		return *p.SameClaim, true
	}
	if p.Relation != "" {
		return p.Relation == Same, true
	}
	return false, false
}

// ReadPairs reads a JSON lines file of pairs. Blank lines are skipped; a
// line that is not a pair is an error naming the line.
func ReadPairs(r io.Reader, name string) ([]Pair, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 16<<20)
	var out []Pair
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var p Pair
		if err := json.Unmarshal([]byte(line), &p); err != nil {
			return nil, fmt.Errorf("%s:%d: not a pair: %w", name, n, err)
		}
		out = append(out, p)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return out, nil
}

// ReadPairsFile reads a pairs file (see ReadPairs).
func ReadPairsFile(path string) ([]Pair, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadPairs(f, path)
}

// TrainOptions are the settings of Train; the zero value gives the
// settings that made the shipped model.
type TrainOptions struct {
	Trees   int     // boosting rounds (default 300)
	Depth   int     // tree depth (default 3)
	Rate    float64 // shrinkage (default 0.05)
	Folds   int     // cross-validation folds that pick the threshold (default 10)
	MinLeaf float64 // least hessian mass in a leaf (default 5)
}

func (o TrainOptions) boosting() boosting {
	b := boosting{Trees: o.Trees, Depth: o.Depth, Rate: o.Rate, MinLeaf: o.MinLeaf, Lambda: 1, Bins: 64}
	if b.Trees == 0 {
		b.Trees = 300
	}
	if b.Depth == 0 {
		b.Depth = 3
	}
	if b.Rate == 0 {
		b.Rate = 0.05
	}
	if b.MinLeaf == 0 {
		b.MinLeaf = 5
	}
	return b
}

func (o TrainOptions) folds() int {
	if o.Folds == 0 {
		return 10
	}
	return o.Folds
}

// TrainReport says how a model was trained and how it scored on pairs it
// had not seen (held-out folds).
type TrainReport struct {
	Pairs    int     `json:"pairs"`
	Positive int     `json:"positive"`
	Folds    int     `json:"folds"`
	Trees    int     `json:"trees"`
	Depth    int     `json:"depth"`
	Rate     float64 `json:"rate"`
	// Threshold is the decision threshold chosen on the held-out folds'
	// scores.
	Threshold float64 `json:"threshold"`
	// Held-out figures at that threshold, every pair scored by a model
	// that did not see it.
	HeldOut Scores `json:"held_out"`
}

// Scores are the figures of binary decisions against labels.
type Scores struct {
	Accuracy  float64 `json:"accuracy"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
}

// Score computes the figures of predictions against labels: accuracy, and
// precision, recall and F1 of "the same claim" as eval.BinaryF1 gives them.
func Score(pred, truth []bool) Scores {
	right := 0
	for i := range pred {
		if pred[i] == truth[i] {
			right++
		}
	}
	s := Scores{}
	if len(pred) > 0 {
		s.Accuracy = round(float64(right) / float64(len(pred)))
	}
	prf := eval.BinaryF1(pred, truth)
	s.Precision, s.Recall, s.F1 = round(prf.Precision), round(prf.Recall), round(prf.F1)
	return s
}

// labelled keeps the pairs that carry a label, with their labels.
func labelled(pairs []Pair) ([]Pair, []bool) {
	var out []Pair
	var y []bool
	for _, p := range pairs {
		if same, ok := p.Same(); ok {
			out = append(out, p)
			y = append(y, same)
		}
	}
	return out, y
}

// Train learns a model from labelled pairs. It cross-validates first: the
// threshold is the one that gives the best accuracy on the held-out
// folds' scores, and the report gives the held-out figures. Training is
// deterministic: the same pairs and options give the same model, byte
// for byte.
func Train(pairs []Pair, o TrainOptions) (*Model, error) {
	pairs, y := labelled(pairs)
	if len(pairs) < 2*o.folds() {
		return nil, fmt.Errorf("train claims: %d labelled pairs, too few", len(pairs))
	}
	verdicts, err := crossValidate(pairs, o)
	if err != nil {
		return nil, err
	}
	th := bestThreshold(verdicts, y)
	m := fit(pairs, y, o.boosting())
	m.Threshold = th
	pos := 0
	for _, v := range y {
		if v {
			pos++
		}
	}
	b := o.boosting()
	m.Report = &TrainReport{Pairs: len(pairs), Positive: pos, Folds: o.folds(), Trees: b.Trees, Depth: b.Depth, Rate: b.Rate,
		Threshold: th, HeldOut: Score(decide(verdicts, th), y)}
	return m, nil
}

// CrossValidate judges every labelled pair with a model trained on the
// other folds (fold k holds the pairs at positions k, k+folds, ...), picks
// the threshold as Train does, and returns the held-out figures.
func CrossValidate(pairs []Pair, o TrainOptions) (Scores, float64, error) {
	vs, err := crossValidate(pairs, o)
	if err != nil {
		return Scores{}, 0, err
	}
	_, y := labelled(pairs)
	th := bestThreshold(vs, y)
	return Score(decide(vs, th), y), th, nil
}

// crossValidate returns the held-out verdicts of the labelled pairs, in
// their order.
func crossValidate(pairs []Pair, o TrainOptions) ([]verdict, error) {
	pairs, y := labelled(pairs)
	k := o.folds()
	if len(pairs) < 2*k {
		return nil, fmt.Errorf("cross-validate claims: %d labelled pairs for %d folds", len(pairs), k)
	}
	out := make([]verdict, len(pairs))
	for fold := 0; fold < k; fold++ {
		var trainP, testP []Pair
		var trainY []bool
		var testAt []int
		for i := range pairs {
			if i%k == fold {
				testP = append(testP, pairs[i])
				testAt = append(testAt, i)
			} else {
				trainP = append(trainP, pairs[i])
				trainY = append(trainY, y[i])
			}
		}
		m := fit(trainP, trainY, o.boosting())
		for j, p := range testP {
			out[testAt[j]] = m.judge(read(p.A.Text), read(p.B.Text))
		}
	}
	return out, nil
}

// fit trains a model without cross-validation.
func fit(pairs []Pair, y []bool, b boosting) *Model {
	m := &Model{Format: format, Features: slices.Clone(featureNames)}
	ps := make([][2]*passage, len(pairs))
	for i, p := range pairs {
		ps[i] = [2]*passage{read(p.A.Text), read(p.B.Text)}
	}
	m.IDF, m.Missing = documentFrequencies(ps)
	m.vocab = vocabulary{idf: m.IDF, missing: m.Missing}
	yy := make([]float64, len(pairs))
	keys := make([][]string, len(pairs))
	for i := range ps {
		if y[i] {
			yy[i] = 1
		}
		keys[i] = lexicalKeys(ps[i][0], ps[i][1])
	}
	// The forest learns from the word model's scores on pairs it did not see
	// (stacking): a word model scores its own training pairs too well.
	lex := make([]float64, len(pairs))
	const inner = 5
	for fold := 0; fold < inner; fold++ {
		var rows [][]string
		var ry []float64
		for i := range keys {
			if i%inner != fold {
				rows, ry = append(rows, keys[i]), append(ry, yy[i])
			}
		}
		l := trainWordModel(rows, ry)
		for i := fold; i < len(keys); i += inner {
			lex[i] = scoreKeys(l.Weights, keys[i])
		}
	}
	m.Words = trainWordModel(keys, yy)
	x := make([][]float64, len(pairs))
	for i := range ps {
		x[i] = features(ps[i][0], ps[i][1], &m.vocab, wordModel{})
		x[i][len(x[i])-1] = lex[i]
	}
	m.Forest = grow(x, yy, b)
	return m
}

// documentFrequencies returns the inverse document frequency of every stem
// seen in at least two passages, and the weight of any other stem. Each
// distinct passage counts once.
func documentFrequencies(ps [][2]*passage) (map[string]float64, float64) {
	df := map[string]int{}
	seen := map[string]bool{}
	n := 0
	for _, pair := range ps {
		for _, p := range pair {
			if seen[p.text] {
				continue
			}
			seen[p.text] = true
			n++
			done := map[string]bool{}
			for _, s := range p.stems {
				if !done[s] {
					done[s] = true
					df[s]++
				}
			}
		}
	}
	idf := map[string]float64{}
	for s, c := range df {
		if c >= 2 {
			idf[s] = round(math.Log(float64(n+1) / float64(c+1)))
		}
	}
	return idf, round(math.Log(float64(n+1) / 2))
}

// decide turns verdicts into same-claim decisions at a threshold.
func decide(vs []verdict, th float64) []bool {
	out := make([]bool, len(vs))
	for i, v := range vs {
		out[i] = v.score >= th
	}
	return out
}

// bestThreshold returns the threshold, on a grid of hundredths, that gives
// the best accuracy; ties go to the higher F1, then the lower threshold.
func bestThreshold(scores []verdict, y []bool) float64 {
	best, bestAcc, bestF1 := 0.5, -1.0, -1.0
	for t := 5; t <= 95; t++ {
		th := float64(t) / 100
		s := Score(decide(scores, th), y)
		if s.Accuracy > bestAcc || s.Accuracy == bestAcc && s.F1 > bestF1 {
			best, bestAcc, bestF1 = th, s.Accuracy, s.F1
		}
	}
	return best
}
