package ner

import "sort"

// weights is the table the decoder scores with: for every feature row,
// one weight per label.
type weights struct {
	index map[uint32]int32 // feature key → row
	w     []float32        // numLabels weights a row
}

// addRows adds the weights of rows (-1: none) to scores.
func (m *weights) addRows(scores *[numLabels]float32, rows []int32) {
	for _, r := range rows {
		if r < 0 {
			continue
		}
		w := m.w[int(r)*numLabels : int(r)*numLabels+numLabels]
		for l := range numLabels {
			scores[l] += w[l]
		}
	}
}

// rowsOf resolves feature keys to rows, -1 for unknown keys.
func (m *weights) rowsOf(keys []uint32, rows []int32) []int32 {
	rows = rows[:0]
	for _, k := range keys {
		r, ok := m.index[k]
		if !ok {
			r = -1
		}
		rows = append(rows, r)
	}
	return rows
}

// lattice is what the decoder needs of a sentence: the tokens, the static
// feature rows of each, and a way to resolve the tag-history features.
type lattice struct {
	toks   []token
	static [][numLabels]float32 // static score of each label at each token
	// dynRows resolves the history-feature keys of a token to rows.
	dynRows func(keys *[5]uint32, rows *[5]int32)
}

// hyp is one hypothesis in the beam: its last label, its predecessor in the
// previous step's beam, its score, and whether it is the gold prefix.
type hyp struct {
	label, back int
	score       float32
	gold        bool
}

// beamSearch decodes a sentence left to right, keeping the width best label
// sequences. When gold is given (training), it stops as soon as the gold
// prefix falls out of the beam and returns the best sequence up to that
// point, so that the caller can make an early update. It returns the best
// sequence (possibly a prefix) and whether the gold prefix survived.
func (m *weights) beamSearch(lat *lattice, width int, gold []int) ([]int, bool) {
	n := len(lat.toks)
	steps := make([][]hyp, 0, n)
	prevBeam := []hyp{{label: 0, back: -1, gold: true}}
	var cands []hyp
	var keys [5]uint32
	var rows [5]int32
	for i := range n {
		cands = cands[:0]
		for b, h := range prevBeam {
			prev, prev2 := h.label, 0
			if i >= 2 {
				prev2 = steps[i-2][h.back].label
			}
			dynamicFeatures(&lat.toks[i], prev, prev2, &keys)
			lat.dynRows(&keys, &rows)
			scores := lat.static[i]
			m.addRows(&scores, rows[:])
			for l := range numLabels {
				if !allowed(prev, l) {
					continue
				}
				g := h.gold && gold != nil && gold[i] == l
				cands = append(cands, hyp{label: l, back: b, score: h.score + scores[l], gold: g})
			}
		}
		// Stable sort: ties keep the order of (beam position, label).
		sort.SliceStable(cands, func(a, b int) bool { return cands[a].score > cands[b].score })
		if len(cands) > width {
			cands = cands[:width]
		}
		beam := append([]hyp(nil), cands...)
		steps = append(steps, beam)
		prevBeam = beam
		if gold != nil && !containsGold(beam) {
			return backtrack(steps), false
		}
	}
	return backtrack(steps), true
}

func containsGold(beam []hyp) bool {
	for _, h := range beam {
		if h.gold {
			return true
		}
	}
	return false
}

// backtrack returns the label sequence of the best hypothesis of the last
// step.
func backtrack(steps [][]hyp) []int {
	out := make([]int, len(steps))
	b := 0
	for i := len(steps) - 1; i >= 0; i-- {
		h := steps[i][b]
		out[i] = h.label
		b = h.back
	}
	return out
}
