package match

import (
	"math"
	"slices"
)

// forest is a model of gradient-boosted regression trees over a pair's
// features: its score is the log-odds that the pair states the same fact.
type forest struct {
	Base  float64 `json:"base"`
	Trees []tree  `json:"trees"`
}

// tree is one regression tree, its nodes in an array: node 0 is the root;
// a leaf has Feature -1.
type tree struct {
	Nodes []node `json:"nodes"`
}

// node splits on Feature < Threshold (left) or else (right); a leaf gives
// Value.
type node struct {
	Feature   int     `json:"f"`
	Threshold float64 `json:"t,omitempty"`
	Left      int     `json:"l,omitempty"`
	Right     int     `json:"r,omitempty"`
	Value     float64 `json:"v,omitempty"`
}

// score returns the forest's log-odds for a feature vector.
func (f *forest) score(x []float64) float64 {
	s := f.Base
	for i := range f.Trees {
		s += f.Trees[i].value(x)
	}
	return s
}

func (t *tree) value(x []float64) float64 {
	n := &t.Nodes[0]
	for n.Feature >= 0 {
		if x[n.Feature] < n.Threshold {
			n = &t.Nodes[n.Left]
		} else {
			n = &t.Nodes[n.Right]
		}
	}
	return n.Value
}

// boosting holds the settings of training a forest.
type boosting struct {
	Trees   int     // number of trees
	Depth   int     // depth of each tree
	Rate    float64 // shrinkage of each tree's values
	MinLeaf float64 // least hessian mass in a leaf
	Lambda  float64 // L2 penalty on leaf values
	Bins    int     // candidate thresholds per feature, at most 255
}

// grow trains a forest on rows x with labels y (0 or 1) by Newton
// boosting of the logistic loss. It is deterministic: the same rows give
// the same forest, bit for bit.
func grow(x [][]float64, y []float64, o boosting) forest {
	n, d := len(x), len(x[0])
	// Candidate thresholds: midpoints between quantiles of each feature.
	cuts := make([][]float64, d)
	col := make([]float64, n)
	for j := 0; j < d; j++ {
		for i := range x {
			col[i] = x[i][j]
		}
		cuts[j] = quantileCuts(col, o.Bins)
	}
	// bin[i][j] is the number of cuts at or below x[i][j].
	bins := make([][]uint8, n)
	for i := range x {
		bins[i] = make([]uint8, d)
		for j := 0; j < d; j++ {
			bins[i][j] = uint8(binOf(cuts[j], x[i][j]))
		}
	}
	pos := 0.0
	for _, v := range y {
		pos += v
	}
	p := (pos + 1) / (float64(n) + 2)
	f := forest{Base: math.Log(p / (1 - p))}
	margin := make([]float64, n)
	for i := range margin {
		margin[i] = f.Base
	}
	g := make([]float64, n)
	h := make([]float64, n)
	rows := make([]int, n)
	for t := 0; t < o.Trees; t++ {
		for i := range margin {
			q := 1 / (1 + math.Exp(-margin[i]))
			g[i], h[i] = q-y[i], math.Max(q*(1-q), 1e-6)
		}
		for i := range rows {
			rows[i] = i
		}
		b := builder{bins: bins, cuts: cuts, g: g, h: h, o: o}
		b.split(rows, 0)
		tr := tree{Nodes: b.nodes}
		for i := range x {
			margin[i] += tr.value(x[i])
		}
		f.Trees = append(f.Trees, tr)
	}
	return f
}

// quantileCuts returns up to k thresholds that split values into parts of
// about equal size.
func quantileCuts(values []float64, k int) []float64 {
	v := slices.Clone(values)
	slices.Sort(v)
	v = slices.Compact(v)
	if len(v) <= k {
		cuts := make([]float64, 0, len(v))
		for i := 1; i < len(v); i++ {
			cuts = append(cuts, (v[i-1]+v[i])/2)
		}
		return cuts
	}
	sorted := slices.Clone(values)
	slices.Sort(sorted)
	var cuts []float64
	for q := 1; q < k; q++ {
		i := q * len(sorted) / k
		c := sorted[i]
		if i > 0 && sorted[i-1] < c {
			c = (sorted[i-1] + c) / 2
		}
		if len(cuts) == 0 || c > cuts[len(cuts)-1] {
			cuts = append(cuts, c)
		}
	}
	return cuts
}

// binOf returns how many cuts lie at or below v: rows of bin <= k go left
// of cut k.
func binOf(cuts []float64, v float64) int {
	i, _ := slices.BinarySearch(cuts, v)
	// BinarySearch finds the first cut >= v; v < cut goes left of it.
	for i < len(cuts) && cuts[i] <= v {
		i++
	}
	return i
}

// builder grows one tree.
type builder struct {
	bins  [][]uint8
	cuts  [][]float64
	g, h  []float64
	o     boosting
	nodes []node
}

// split adds the node for rows at the given depth and returns its index.
func (b *builder) split(rows []int, depth int) int {
	var G, H float64
	for _, i := range rows {
		G += b.g[i]
		H += b.h[i]
	}
	at := len(b.nodes)
	b.nodes = append(b.nodes, node{Feature: -1, Value: -G / (H + b.o.Lambda) * b.o.Rate})
	if depth >= b.o.Depth || H < 2*b.o.MinLeaf {
		return at
	}
	best, bestF, bestK := 0.0, -1, 0
	parent := G * G / (H + b.o.Lambda)
	var hg, hh [256]float64
	for j := range b.cuts {
		nc := len(b.cuts[j])
		if nc == 0 {
			continue
		}
		clear(hg[:nc+1])
		clear(hh[:nc+1])
		for _, i := range rows {
			k := b.bins[i][j]
			hg[k] += b.g[i]
			hh[k] += b.h[i]
		}
		var gl, hl float64
		for k := 0; k < nc; k++ {
			gl += hg[k]
			hl += hh[k]
			hr := H - hl
			if hl < b.o.MinLeaf || hr < b.o.MinLeaf {
				continue
			}
			gr := G - gl
			gain := gl*gl/(hl+b.o.Lambda) + gr*gr/(hr+b.o.Lambda) - parent
			if gain > best+1e-12 {
				best, bestF, bestK = gain, j, k
			}
		}
	}
	if bestF < 0 {
		return at
	}
	var left, right []int
	for _, i := range rows {
		if int(b.bins[i][bestF]) <= bestK {
			left = append(left, i)
		} else {
			right = append(right, i)
		}
	}
	l := b.split(left, depth+1)
	r := b.split(right, depth+1)
	b.nodes[at] = node{Feature: bestF, Threshold: b.cuts[bestF][bestK], Left: l, Right: r}
	return at
}
