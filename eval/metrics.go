// Package eval measures storyline against labelled data: clustering,
// pairwise same-story decisions, quotes, entities and extraction.
package eval

import (
	"math"
	"sort"
)

// ClusterReport compares a predicted clustering with the true one. Every
// figure lies in [0, 1] except ARI, which is 0 for a chance clustering and
// may go below it.
type ClusterReport struct {
	// Items is the number of items in the truth; only they are scored.
	Items int `json:"items"`
	// Predicted and True count the clusters among those items.
	Predicted int `json:"predicted_clusters"`
	True      int `json:"true_clusters"`
	// NMI is mutual information normalised by the arithmetic mean of the
	// two entropies (scikit-learn's default), 1 for identical clusterings.
	NMI float64 `json:"nmi"`
	// ARI is the adjusted Rand index (Hubert and Arabie).
	ARI float64 `json:"ari"`
	// Pairwise scores the pairs of items put together.
	Pairwise PRF `json:"pairwise"`
	// BCubed averages per-item precision and recall (Bagga and Baldwin).
	BCubed PRF `json:"bcubed"`
}

// PRF is precision, recall and their harmonic mean.
type PRF struct {
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
}

func newPRF(p, r float64) PRF {
	f := 0.0
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return PRF{Precision: p, Recall: r, F1: f}
}

// Clusters scores the clustering pred (item → cluster label) against truth
// (item → true label). Only the items in truth count; an item missing from
// pred is a singleton cluster of its own. It runs in time linear in the
// number of items (plus the number of non-empty cells of the contingency
// table, itself at most the number of items).
func Clusters(pred, truth map[string]string) ClusterReport {
	// Number the labels, visiting items in sorted order so that the result
	// does not depend on map iteration (floating-point sums are not
	// associative).
	items := make([]string, 0, len(truth))
	for it := range truth {
		items = append(items, it)
	}
	sort.Strings(items)

	type cell struct{ p, t int }
	predID := map[string]int{}
	trueID := map[string]int{}
	var predSize, trueSize []int
	cells := map[cell]int{}
	var order []cell // cells in first-seen order, for deterministic sums
	for _, it := range items {
		pl, ok := pred[it]
		if !ok {
			pl = "\x00singleton\x00" + it
		}
		p, ok := predID[pl]
		if !ok {
			p = len(predSize)
			predID[pl] = p
			predSize = append(predSize, 0)
		}
		t, ok := trueID[truth[it]]
		if !ok {
			t = len(trueSize)
			trueID[truth[it]] = t
			trueSize = append(trueSize, 0)
		}
		predSize[p]++
		trueSize[t]++
		c := cell{p, t}
		if cells[c] == 0 {
			order = append(order, c)
		}
		cells[c]++
	}

	n := float64(len(items))
	r := ClusterReport{Items: len(items), Predicted: len(predSize), True: len(trueSize)}
	if len(items) == 0 {
		return r
	}

	// Entropies, mutual information, pair counts and BCubed sums, all from
	// the contingency table.
	var hp, ht, mi, pairsP, pairsT, pairsBoth, bcP, bcR float64
	for _, a := range predSize {
		fa := float64(a)
		hp -= fa / n * math.Log(fa/n)
		pairsP += choose2(fa)
	}
	for _, b := range trueSize {
		fb := float64(b)
		ht -= fb / n * math.Log(fb/n)
		pairsT += choose2(fb)
	}
	for _, c := range order {
		nij := float64(cells[c])
		a, b := float64(predSize[c.p]), float64(trueSize[c.t])
		mi += nij / n * math.Log(nij*n/(a*b))
		pairsBoth += choose2(nij)
		bcP += nij * nij / a
		bcR += nij * nij / b
	}

	switch {
	case hp+ht == 0: // both clusterings put everything in one cluster
		r.NMI = 1
	default:
		r.NMI = clamp01(mi / ((hp + ht) / 2))
	}

	total := choose2(n)
	expected := 0.0
	if total > 0 {
		expected = pairsP * pairsT / total
	}
	if den := (pairsP+pairsT)/2 - expected; den != 0 {
		r.ARI = (pairsBoth - expected) / den
	} else {
		r.ARI = 1 // both clusterings are all-singletons or all-in-one alike
	}

	pp, pr := 1.0, 1.0 // no pairs predicted (or true) means nothing wrong (or missed)
	if pairsP > 0 {
		pp = pairsBoth / pairsP
	}
	if pairsT > 0 {
		pr = pairsBoth / pairsT
	}
	r.Pairwise = newPRF(pp, pr)
	r.BCubed = newPRF(bcP/n, bcR/n)
	return r
}

func choose2(x float64) float64 { return x * (x - 1) / 2 }

func clamp01(x float64) float64 { return math.Max(0, math.Min(1, x)) }

// Pearson returns the Pearson correlation coefficient of x and y over their
// common length, or 0 when either has no variance or fewer than two values.
func Pearson(x, y []float64) float64 {
	n := min(len(x), len(y))
	if n < 2 {
		return 0
	}
	var mx, my float64
	for i := range n {
		mx += x[i]
		my += y[i]
	}
	mx /= float64(n)
	my /= float64(n)
	var sxy, sxx, syy float64
	for i := range n {
		dx, dy := x[i]-mx, y[i]-my
		sxy += dx * dy
		sxx += dx * dx
		syy += dy * dy
	}
	if sxx == 0 || syy == 0 {
		return 0
	}
	return sxy / math.Sqrt(sxx*syy)
}

// BinaryF1 scores yes/no decisions pred against truth over their common
// length: precision and recall of the "true" class. Precision is 1 when
// nothing is predicted true, recall 1 when nothing is truly true.
func BinaryF1(pred, truth []bool) PRF {
	var tp, fp, fn float64
	for i := range min(len(pred), len(truth)) {
		switch {
		case pred[i] && truth[i]:
			tp++
		case pred[i]:
			fp++
		case truth[i]:
			fn++
		}
	}
	p, r := 1.0, 1.0
	if tp+fp > 0 {
		p = tp / (tp + fp)
	}
	if tp+fn > 0 {
		r = tp / (tp + fn)
	}
	return newPRF(p, r)
}
