package cluster

import (
	"math"
	"slices"
)

// field is one kind of evidence a document carries: its headline terms, its
// body terms, its entities. Each has its own vectors and weight in a score.
type field int

const (
	title field = iota
	body
	entities
	nFields
)

// fieldNames name the fields in explanations.
var fieldNames = [nFields]string{"title", "body", "entities"}

// vocab interns terms and counts, per term, the documents that contain it
// (over all fields: an entity key lives in its own namespace, see
// entityKeys), for incremental IDF.
type vocab struct {
	ids   map[string]int32
	terms []string
	df    []int32
	docs  int       // documents counted
	logs  []float64 // logs[k] = ln k, grown on demand
	// table holds the IDF of every term as of epochDocs documents; epoch
	// counts the refreshes (see refresh).
	table     []float64
	unseen    float64
	epochDocs int
	epoch     int
}

func newVocab() *vocab {
	v := &vocab{ids: map[string]int32{}, logs: []float64{0}}
	v.refresh()
	return v
}

// id returns the id of term, interning it when add is true; -1 when the
// term is unknown and add is false.
func (v *vocab) id(term string, add bool) int32 {
	if id, ok := v.ids[term]; ok {
		return id
	}
	if !add {
		return -1
	}
	id := int32(len(v.terms))
	v.ids[term] = id
	v.terms = append(v.terms, term)
	v.df = append(v.df, 0)
	return id
}

// ln returns ln k from a table, for k ≥ 1.
func (v *vocab) ln(k int) float64 {
	for len(v.logs) <= k {
		v.logs = append(v.logs, math.Log(float64(len(v.logs))))
	}
	return v.logs[k]
}

// refresh recomputes the IDF table when the document count has grown by
// more than 1% since the last time (every document while there are fewer
// than 100). Between refreshes IDF is frozen, so that story norms can be
// cached; the refresh points depend only on the count, so a clusterer
// restored from the store refreshes exactly where an uninterrupted one did.
func (v *vocab) refresh() {
	if v.epochDocs > 0 && v.docs*100 <= v.epochDocs*101 {
		return
	}
	v.epochDocs = v.docs
	v.epoch++
	n := v.ln(v.docs + idfPrior + 1)
	v.unseen = n - v.ln(2) + idfFloor
	v.table = v.table[:0]
	for _, df := range v.df {
		v.table = append(v.table, n-v.ln(int(max(df, 1))+1)+idfFloor)
	}
}

// idf is the smoothed inverse document frequency ln((N+P+1)/(df+1)) (plus a
// small floor) of a term under the last refreshed counts; a term unknown
// then (or id -1) counts as seen once.
func (v *vocab) idf(id int32) float64 {
	if id >= 0 && int(id) < len(v.table) {
		return v.table[id]
	}
	return v.unseen
}

// idfPrior is a number of imaginary documents, none holding any term, added
// to the count so that the first documents do not get IDF weights near
// zero (with two documents every term would look common).
const idfPrior = 20

// idfFloor keeps a term that is in every document from vanishing entirely:
// it still tells a little.
const idfFloor = 0.1

// vec is a sparse vector sorted by term id.
type vec struct {
	ids []int32
	w   []float64
}

func (x vec) empty() bool { return len(x.ids) == 0 }

// quantum is the resolution of centroid weights. Weights are rounded to
// multiples of it, so that sums of them are exact in float64 whatever the
// order of addition: a story's centroid is then a function of its members,
// not of the order they came in, which restoring after a restart relies on.
const quantum = 1.0 / (1 << 20)

// termVec returns the sublinear term-frequency vector (1 + ln tf) of terms,
// interning them, scaled to unit length under the current IDF weights and
// quantised.
func (v *vocab) termVec(terms []string) vec {
	if len(terms) == 0 {
		return vec{}
	}
	ids := make([]int32, 0, len(terms))
	for _, t := range terms {
		ids = append(ids, v.id(t, true))
	}
	slices.Sort(ids)
	x := vec{ids: ids[:0], w: make([]float64, 0, len(ids))}
	var norm float64
	for i := 0; i < len(ids); {
		j := i + 1
		for j < len(ids) && ids[j] == ids[i] {
			j++
		}
		id := ids[i]
		w := 1 + math.Log(float64(j-i))
		x.ids = append(x.ids, id) // writes behind the reads: len(x.ids) ≤ i
		x.w = append(x.w, w)
		norm += w * w * v.idf(id) * v.idf(id)
		i = j
	}
	norm = math.Sqrt(norm)
	for i := range x.w {
		x.w[i] = math.Round(x.w[i]/norm/quantum) * quantum
	}
	return x
}

// count adds one document containing the given term sets to the DF counts.
func (v *vocab) count(fields *[nFields]vec) {
	v.docs++
	seen := map[int32]bool{}
	for f := range fields {
		for _, id := range fields[f].ids {
			if !seen[id] {
				seen[id] = true
				v.df[id]++
			}
		}
	}
}

// norm returns the length of x weighted by IDF.
func (v *vocab) norm(x vec) float64 {
	var s float64
	for i, id := range x.ids {
		w := x.w[i] * v.idf(id)
		s += w * w
	}
	return math.Sqrt(s)
}

// dot returns the IDF²-weighted dot product of two sorted vectors. When one
// is much shorter (a document against a centroid) it looks its terms up in
// the other by binary search; either way the products are summed in term
// order, so the result is the same.
func (v *vocab) dot(a, b vec) float64 {
	if len(a.ids) > len(b.ids) {
		a, b = b, a
	}
	var s float64
	if len(a.ids)*8 < len(b.ids) {
		rest := b.ids
		off := 0
		for i, id := range a.ids {
			k, ok := slices.BinarySearch(rest, id)
			if ok {
				idf := v.idf(id)
				s += a.w[i] * b.w[off+k] * idf * idf
				k++
			}
			rest, off = rest[k:], off+k
		}
		return s
	}
	i, j := 0, 0
	for i < len(a.ids) && j < len(b.ids) {
		switch {
		case a.ids[i] < b.ids[j]:
			i++
		case a.ids[i] > b.ids[j]:
			j++
		default:
			idf := v.idf(a.ids[i])
			s += a.w[i] * b.w[j] * idf * idf
			i++
			j++
		}
	}
	return s
}

// weight returns the weight of term id in x, 0 if absent.
func (x vec) weight(id int32) float64 {
	if i, ok := slices.BinarySearch(x.ids, id); ok {
		return x.w[i]
	}
	return 0
}
