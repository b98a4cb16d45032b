package match

import (
	"math"
	"math/rand/v2"
	"sort"
)

// wordModel is a logistic model over the words of a pair: which words, when
// both passages have them or only one does, make the pair more or less
// likely the same claim. A reporting verb or "also" on one side only
// changes little; a number, a name or "not" on one side only changes
// much. Its log-odds is one feature of the forest (see fit).
type wordModel map[string]float64

// lexicalKeys returns the sparse features of a pair: "=stem" for a stem
// both passages have, "-stem" for one only one of them has.
func lexicalKeys(a, b *passage) []string {
	in := func(p *passage) map[string]bool {
		m := make(map[string]bool, len(p.stems))
		for _, s := range p.stems {
			m[s] = true
		}
		return m
	}
	ina, inb := in(a), in(b)
	var keys []string
	for s := range ina {
		if inb[s] {
			keys = append(keys, "="+s)
		} else {
			keys = append(keys, "-"+s)
		}
	}
	for s := range inb {
		if !ina[s] {
			keys = append(keys, "-"+s)
		}
	}
	sort.Strings(keys)
	return keys
}

// score returns the word model's log-odds for a pair's keys.
func (l wordModel) score(keys []string) float64 {
	s := l[""]
	for _, k := range keys {
		s += l[k]
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
	out := wordModel{}
	for k, v := range w {
		if r := round(v); math.Abs(r) >= 1e-3 {
			out[k] = r
		}
	}
	return out
}
