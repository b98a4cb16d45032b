package match

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"sort"
)

// wordModel is a logistic model over the words of a pair: which words, when
// both passages have them or only one does, make the pair more or less
// likely the same claim. A reporting verb or "also" on one side only
// changes little; a number, a name or "not" on one side only changes
// much. Its log-odds is one feature of the forest (see fit).
type wordModel struct {
	// Weights are keyed "=stem" (both passages have it), "-stem" (only one
	// has it) and "" (the bias); they are what a model file holds.
	Weights map[string]float64

	bias      float64
	both, one map[string]float64
}

// split makes the look-up tables of the weights.
func (l *wordModel) split() {
	l.both, l.one = map[string]float64{}, map[string]float64{}
	for k, v := range l.Weights {
		switch {
		case k == "":
			l.bias = v
		case k[0] == '=':
			l.both[k[1:]] = v
		case k[0] == '-':
			l.one[k[1:]] = v
		}
	}
}

// MarshalJSON writes the weights.
func (l wordModel) MarshalJSON() ([]byte, error) { return json.Marshal(l.Weights) }

// UnmarshalJSON reads the weights.
func (l *wordModel) UnmarshalJSON(b []byte) error {
	if err := json.Unmarshal(b, &l.Weights); err != nil {
		return err
	}
	l.split()
	return nil
}

// lexicalKeys returns the sparse features of a pair: "=stem" for a stem
// both passages have, "-stem" for one only one of them has.
func lexicalKeys(a, b *passage) []string {
	var keys []string
	for i, h := range a.distinctStems {
		if has(b.distinctStems, h) {
			keys = append(keys, "="+a.distinct[i])
		} else {
			keys = append(keys, "-"+a.distinct[i])
		}
	}
	for i, h := range b.distinctStems {
		if !has(a.distinctStems, h) {
			keys = append(keys, "-"+b.distinct[i])
		}
	}
	sort.Strings(keys)
	return keys
}

// score returns the word model's log-odds for a pair, the sum of the
// weights of its keys (see lexicalKeys), without making the keys.
func (l wordModel) score(a, b *passage) float64 {
	if l.both == nil {
		return 0
	}
	s := l.bias
	for i, h := range a.distinctStems {
		if has(b.distinctStems, h) {
			s += l.both[a.distinct[i]]
		} else {
			s += l.one[a.distinct[i]]
		}
	}
	for i, h := range b.distinctStems {
		if !has(a.distinctStems, h) {
			s += l.one[b.distinct[i]]
		}
	}
	return s
}

// scoreKeys returns the log-odds of a pair from its keys, as training
// sees them.
func scoreKeys(w map[string]float64, keys []string) float64 {
	s := w[""]
	for _, k := range keys {
		s += w[k]
	}
	return s
}

// trainWordModel fits the word model by stochastic gradient descent with an L2
// penalty, over rows in an order drawn from a fixed seed, so that the same
// rows give the same model.
func trainWordModel(rows [][]string, y []float64) wordModel {
	const (
		epochs = 8
		rate   = 0.1
		l2     = 1e-4
	)
	w := map[string]float64{}
	order := make([]int, len(rows))
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewPCG(13, 17))
	step := 0
	for e := 0; e < epochs; e++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, i := range order {
			step++
			lr := rate / (1 + float64(step)/float64(len(rows)))
			z := w[""]
			for _, k := range rows[i] {
				z += w[k]
			}
			g := sigmoid(z) - y[i]
			w[""] -= lr * g
			for _, k := range rows[i] {
				w[k] -= lr * (g + l2*w[k])
			}
		}
	}
	out := wordModel{Weights: map[string]float64{}}
	for k, v := range w {
		if r := round(v); math.Abs(r) >= 1e-3 {
			out.Weights[k] = r
		}
	}
	out.split()
	return out
}
