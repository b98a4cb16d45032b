package cluster

import (
	"cmp"
	"slices"
)

// centroid is one field of a story's centroid: a sparse vector sorted by
// term id, with, for every term, the position of the story's entry in that
// term's posting list.
type centroid struct {
	vec
	pos []int32
}

// posting is one entry of a term's posting list: a story holding the term
// and the term's weight in its centroid. Story 0 marks a free entry.
type posting struct {
	story int64
	w     float64
}

// index is the inverted index over the centroids of live stories, one per
// field: term → postings. Entries carry the centroid weight, so that the
// dot products of a document with every story sharing its terms add up
// while walking the lists, without looking into the stories.
type index struct {
	lists [nFields]map[int32][]posting
	free  [nFields]map[int32]int32 // free entries per list
	story func(id int64) *story    // to tell stories where their entries moved
}

func newIndex(story func(int64) *story) *index {
	ix := index{story: story}
	for f := range ix.lists {
		ix.lists[f] = map[int32][]posting{}
		ix.free[f] = map[int32]int32{}
	}
	return &ix
}

// add adds x to the centroid cen of story id, keeping the postings in step,
// and returns the new centroid. It merges in place, from the back, so that
// the centroid's arrays only grow by the new terms.
func (ix *index) add(f field, id int64, cen centroid, x vec) centroid {
	fresh := 0
	for _, t := range x.ids {
		if _, ok := slices.BinarySearch(cen.ids, t); !ok {
			fresh++
		}
	}
	n := len(cen.ids)
	cen.ids = slices.Grow(cen.ids, fresh)[:n+fresh]
	cen.w = slices.Grow(cen.w, fresh)[:n+fresh]
	cen.pos = slices.Grow(cen.pos, fresh)[:n+fresh]
	i, j := n-1, len(x.ids)-1
	for k := n + fresh - 1; j >= 0; k-- {
		switch {
		case i >= 0 && cen.ids[i] > x.ids[j]:
			cen.ids[k], cen.w[k], cen.pos[k] = cen.ids[i], cen.w[i], cen.pos[i]
			i--
		case i >= 0 && cen.ids[i] == x.ids[j]:
			w := cen.w[i] + x.w[j]
			ix.lists[f][x.ids[j]][cen.pos[i]].w = w
			cen.ids[k], cen.w[k], cen.pos[k] = cen.ids[i], w, cen.pos[i]
			i--
			j--
		default: // a term the centroid did not hold
			t := x.ids[j]
			ix.lists[f][t] = append(ix.lists[f][t], posting{id, x.w[j]})
			cen.ids[k], cen.w[k], cen.pos[k] = t, x.w[j], int32(len(ix.lists[f][t])-1)
			j--
		}
	}
	return cen
}

// keep reduces a centroid to the terms at the sorted positions kept,
// freeing the postings of the others.
func (ix *index) keep(f field, cen centroid, kept []int) centroid {
	out := centroid{vec{make([]int32, 0, len(kept)), make([]float64, 0, len(kept))}, make([]int32, 0, len(kept))}
	k := 0
	for i, t := range cen.ids {
		if k < len(kept) && kept[k] == i {
			out.ids, out.w, out.pos = append(out.ids, t), append(out.w, cen.w[i]), append(out.pos, cen.pos[i])
			k++
			continue
		}
		ix.release(f, t, cen.pos[i])
	}
	return out
}

// drop frees all the postings of a centroid (its story merged or expired).
func (ix *index) drop(f field, cen centroid) {
	for i, t := range cen.ids {
		ix.release(f, t, cen.pos[i])
	}
}

// release frees one entry of a posting list. Free entries are skipped by
// walks; once they are half of a list, it is compacted (so the cost is
// constant per release, amortised) and the stories whose entries moved are
// told where they are now.
func (ix *index) release(f field, t int32, pos int32) {
	list := ix.lists[f][t]
	list[pos] = posting{}
	ix.free[f][t]++
	if int(ix.free[f][t])*2 < len(list) {
		return
	}
	out := list[:0]
	for _, p := range list {
		if p.story == 0 {
			continue
		}
		cen := &ix.story(p.story).centroid[f]
		if k, ok := slices.BinarySearch(cen.ids, t); ok {
			cen.pos[k] = int32(len(out))
		}
		out = append(out, p)
	}
	clear(list[len(out):])
	if len(out) == 0 {
		delete(ix.lists[f], t)
	} else {
		ix.lists[f][t] = out
	}
	delete(ix.free[f], t)
}

// candidates returns up to n live stories that share the most with x, best
// first, each with its exact IDF²-weighted dot products with x per field.
//
// It walks the posting lists of the document's terms and adds up, per story
// and field, the products of the shared terms' weights. A term held by more
// than one in postingShare live stories ("police", "game") proposes no
// candidates: it
// tells little about which story a document belongs to, and its list is
// long. Its share of the dot products of the chosen candidates is added
// afterwards by looking it up in their centroids. Stories are ranked by the
// dot products over their centroid lengths (the cosine but for the
// document's own length, which does not change the order).
func (c *Clusterer) candidates(x docVecs, n int) ([]*story, [][nFields]float64) {
	if len(c.seen) < len(c.stories) {
		size := 2*len(c.stories) + 64
		c.acc = make([][nFields]float64, size)
		c.seen = make([]uint32, size)
	}
	c.pass++
	touched := c.touched[:0]
	var common [nFields][]int // positions in x of terms with long lists
	limit := max(minPosting, len(c.live)/postingShare)
	for f := range x {
		for i, t := range x[f].ids {
			list := c.index.lists[f][t]
			if len(list) > limit {
				common[f] = append(common[f], i)
				continue
			}
			idf := c.vocab.idf(t)
			for _, p := range list {
				if p.story == 0 {
					continue
				}
				k := p.story - 1 - c.base
				if c.seen[k] != c.pass {
					c.seen[k] = c.pass
					c.acc[k] = [nFields]float64{}
					touched = append(touched, p.story)
				}
				c.acc[k][f] += x[f].w[i] * p.w * idf * idf
			}
		}
	}
	c.touched = touched

	rank := func(id int64) float64 {
		n := c.normOf(id)
		if n.epoch != c.vocab.epoch {
			c.norm(c.story(id), title) // refreshes all fields
		}
		var s float64
		for f := range nFields {
			if d := c.acc[id-1-c.base][f]; d != 0 {
				s += fieldWeight[f] * d / n.norm[f]
			}
		}
		return s
	}
	type cand struct {
		id   int64
		rank float64
	}
	top := make([]cand, 0, n+1)
	for _, id := range touched {
		cd := cand{id, rank(id)}
		i := len(top)
		for i > 0 && (cd.rank > top[i-1].rank || (cd.rank == top[i-1].rank && cd.id < top[i-1].id)) {
			i--
		}
		if i < n {
			top = slices.Insert(top, i, cd)
			if len(top) > n {
				top = top[:n]
			}
		}
	}
	sts := make([]*story, len(top))
	dots := make([][nFields]float64, len(top))
	for j, cd := range top {
		st := c.story(cd.id)
		sts[j], dots[j] = st, c.acc[cd.id-1-c.base]
		for f, pos := range common {
			for _, i := range pos {
				t := x[f].ids[i]
				if w := st.centroid[f].weight(t); w != 0 {
					idf := c.vocab.idf(t)
					dots[j][f] += x[f].w[i] * w * idf * idf
				}
			}
		}
	}
	return sts, dots
}

// A term held by more than one in postingShare live stories (and by more
// than minPosting) proposes no candidates.
const minPosting, postingShare = 50, 8

// prune keeps the n heaviest terms of a centroid field under the current
// IDF (ties to the lower term id), freeing the postings of the rest.
func (c *Clusterer) prune(f field, cen centroid, n int) centroid {
	idx := make([]int, len(cen.ids))
	for i := range idx {
		idx[i] = i
	}
	weight := func(i int) float64 { return cen.w[i] * c.vocab.idf(cen.ids[i]) }
	slices.SortFunc(idx, func(a, b int) int {
		if r := cmp.Compare(weight(b), weight(a)); r != 0 {
			return r
		}
		return cmp.Compare(cen.ids[a], cen.ids[b])
	})
	idx = idx[:n]
	slices.Sort(idx)
	return c.index.keep(f, cen, idx)
}
