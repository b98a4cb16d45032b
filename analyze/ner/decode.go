package ner

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

// lattice is what the decoder needs of a sentence: the static score of each
// label at each token, and a way to add the scores of the features that read
// the previous tags.
type lattice struct {
	static [][numLabels]float32
	// dynamic adds to scores the weights of the tag-history features of
	// token i when the two previous tags are prev2 and prev.
	dynamic func(i, prev, prev2 int, scores *[numLabels]float32)
	scores  [numLabels]float32 // the decoder's scratch
	beams   []hyp              // room for the beams, reused when large enough
	steps   [][]hyp
	path    []int // the best label sequence, see backtrack
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
func beamSearch(lat *lattice, width int, gold []int) ([]int, bool) {
	n := len(lat.static)
	if cap(lat.beams) < n*width {
		lat.beams = make([]hyp, n*width)
	}
	buf := lat.beams[:n*width]
	steps := lat.steps[:0]
	defer func() { lat.steps = steps[:0] }()
	prevBeam := []hyp{{label: 0, back: -1, gold: true}}
	for i := range n {
		beam := buf[i*width : i*width : (i+1)*width]
		for b, h := range prevBeam {
			prev, prev2 := h.label, 0
			if i >= 2 {
				prev2 = steps[i-2][h.back].label
			}
			// scores lives in the lattice: handed to a function value, a
			// local array would be allocated on the heap for every hypothesis.
			scores := &lat.scores
			*scores = lat.static[i]
			lat.dynamic(i, prev, prev2, scores)
			for l := range numLabels {
				if !allowed(prev, l) {
					continue
				}
				g := h.gold && gold != nil && gold[i] == l
				beam = keepBest(beam, hyp{label: l, back: b, score: h.score + scores[l], gold: g})
			}
		}
		steps = append(steps, beam)
		prevBeam = beam
		if gold != nil && !containsGold(beam) {
			return lat.backtrack(steps), false
		}
	}
	return lat.backtrack(steps), true
}

// keepBest inserts c into beam, which is sorted by falling score and holds
// at most cap(beam) hypotheses, after every hypothesis that scores as well:
// the beam is the first cap(beam) of the candidates stably sorted by score.
func keepBest(beam []hyp, c hyp) []hyp {
	j := len(beam)
	for j > 0 && beam[j-1].score < c.score {
		j--
	}
	switch {
	case j == cap(beam):
		return beam
	case len(beam) < cap(beam):
		beam = beam[:len(beam)+1]
	}
	copy(beam[j+1:], beam[j:len(beam)-1])
	beam[j] = c
	return beam
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
// step, in the lattice's path buffer: valid until the next search.
func (lat *lattice) backtrack(steps [][]hyp) []int {
	out := resize(lat.path, len(steps))
	lat.path = out
	b := 0
	for i := len(steps) - 1; i >= 0; i-- {
		h := steps[i][b]
		out[i] = h.label
		b = h.back
	}
	return out
}
