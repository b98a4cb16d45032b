package cluster

import (
	"math"
	"time"
)

// fieldWeight is the weight of each field's cosine in a score; fields that
// one side lacks are left out and the rest renormalised.
var fieldWeight = [nFields]float64{title: 1, body: 2, entities: 1}

// parts are the components of one score, for explanations.
type parts struct {
	cos   [nFields]float64
	has   [nFields]bool
	decay float64       // time factor, 1 when no decay
	gap   time.Duration // time from the story's span to the document, -1 if unknown
}

// combine returns the score of the parts: the weighted mean of the field
// cosines, times the time decay.
func (p *parts) combine() float64 {
	var sum, wsum float64
	for f := range p.cos {
		if p.has[f] {
			sum += fieldWeight[f] * p.cos[f]
			wsum += fieldWeight[f]
		}
	}
	if wsum == 0 {
		return 0
	}
	return sum / wsum * p.decay
}

// decay returns the time factor for a document published at t and a story
// spanning [first, last], and the gap between them. It is the product of a
// burst bonus, 1 + Burst at no gap and halving every BurstHalfLife, and a
// decay, 1 up to Grace plus the story's own span and halving every HalfLife
// after: a story that has run for three days may pause for a day, one that
// broke an hour ago and went quiet is over sooner. Unknown times give 1 and
// a gap of -1.
func (c *Clusterer) decay(t, first, last time.Time) (float64, time.Duration) {
	if t.IsZero() || last.IsZero() {
		return 1, -1
	}
	var gap time.Duration
	switch {
	case t.After(last):
		gap = t.Sub(last)
	case t.Before(first):
		gap = first.Sub(t)
	}
	f := 1 + c.opts.Burst*math.Exp2(-float64(gap)/float64(c.opts.BurstHalfLife))
	if grace := c.opts.Grace + last.Sub(first); gap > grace {
		f *= math.Exp2(-float64(gap-grace) / float64(c.opts.HalfLife))
	}
	return f, gap
}

// scored is a candidate story with its score.
type scored struct {
	story *story
	score float64
	parts parts
}

// candidates returns up to n live stories that share the most weight with
// x, best first. It walks the postings of the document's terms (skipping
// terms held by more than maxPosting stories, which tell little), adds up
// the IDF²-weighted products of shared terms and ranks stories by that dot
// product over the centroid's length: the cosine up to the document's own
// length, which does not change the order.
func (c *Clusterer) candidates(x docVecs, n int) []*story {
	if len(c.seen) < len(c.stories) {
		size := 2*len(c.stories) + 64
		c.acc = make([]float64, size)
		c.seen = make([]uint32, size)
		c.dup = make([]uint32, size)
	}
	c.pass++
	touched := c.touched[:0]
	for f := range x {
		for i, id := range x[f].ids {
			list := c.postings[f][id]
			if len(list) > maxPosting {
				continue
			}
			c.termPass++
			idf := c.vocab.idf(id)
			xw := x[f].w[i] * idf * idf * fieldWeight[f]
			keep := list[:0]
			for _, sid := range list {
				st := c.stories[sid-1]
				if !st.alive() || c.dup[sid-1] == c.termPass {
					continue // merged, expired or listed twice: drop
				}
				w := st.centroid[f].weight(id)
				if w == 0 {
					continue // pruned from the centroid: drop
				}
				c.dup[sid-1] = c.termPass
				keep = append(keep, sid)
				if c.seen[sid-1] != c.pass {
					c.seen[sid-1] = c.pass
					c.acc[sid-1] = 0
					touched = append(touched, sid)
				}
				c.acc[sid-1] += xw * w / c.norm(st, field(f))
			}
			clear(list[len(keep):])
			c.postings[f][id] = keep
		}
	}
	c.touched = touched
	// Partial selection of the n best: a small sorted list.
	top := make([]int64, 0, n+1)
	better := func(a, b int64) bool {
		return c.acc[a-1] > c.acc[b-1] || (c.acc[a-1] == c.acc[b-1] && a < b)
	}
	for _, sid := range touched {
		if len(top) == n && !better(sid, top[n-1]) {
			continue
		}
		i := len(top)
		top = append(top, sid)
		for ; i > 0 && better(sid, top[i-1]); i-- {
			top[i] = top[i-1]
		}
		top[i] = sid
		if len(top) > n {
			top = top[:n]
		}
	}
	sts := make([]*story, len(top))
	for i, sid := range top {
		sts[i] = c.stories[sid-1]
	}
	return sts
}

// maxPosting is the most stories a term may be held by and still propose
// candidates: a term in thousands of live stories ("police", "game")
// tells little about which one a document belongs to. It still counts in
// the scores of the candidates that other terms propose.
const maxPosting = 2000

// docNorms returns the IDF-weighted lengths of a document's fields.
func (c *Clusterer) docNorms(x docVecs) [nFields]float64 {
	var n [nFields]float64
	for f := range x {
		n[f] = c.vocab.norm(x[f])
	}
	return n
}

// scoreStory returns the score parts of a document against a story, given
// the document's field norms.
func (c *Clusterer) scoreStory(x docVecs, xn [nFields]float64, st *story, t time.Time) parts {
	var p parts
	for f := range x {
		if x[f].empty() || st.centroid[f].empty() {
			continue
		}
		p.has[f] = true
		if d := xn[f] * c.norm(st, field(f)); d > 0 {
			p.cos[f] = c.vocab.dot(x[f], st.centroid[f]) / d
		}
	}
	p.decay, p.gap = c.decay(t, st.first, st.last)
	return p
}

// memberScore returns the best score of a document against the story's
// recent members, one by one.
func (c *Clusterer) memberScore(x docVecs, xn [nFields]float64, st *story, t time.Time) parts {
	var best parts
	bestScore := -1.0
	for _, m := range st.recent {
		var p parts
		for f := range x {
			if x[f].empty() || m[f].empty() {
				continue
			}
			p.has[f] = true
			if d := xn[f] * c.vocab.norm(m[f]); d > 0 {
				p.cos[f] = c.vocab.dot(x[f], m[f]) / d
			}
		}
		p.decay, p.gap = c.decay(t, st.first, st.last)
		if s := p.combine(); s > bestScore {
			best, bestScore = p, s
		}
	}
	return best
}

// storySim returns the similarity of two stories' centroids: the weighted
// mean of the field cosines present in both.
func (c *Clusterer) storySim(a, b *story) float64 {
	var p parts
	for f := range a.centroid {
		if a.centroid[f].empty() || b.centroid[f].empty() {
			continue
		}
		p.has[f] = true
		if d := c.norm(a, field(f)) * c.norm(b, field(f)); d > 0 {
			p.cos[f] = c.vocab.dot(a.centroid[f], b.centroid[f]) / d
		}
	}
	p.decay = 1
	if !a.last.IsZero() && !b.last.IsZero() {
		// the gap between the two spans
		switch {
		case a.first.After(b.last):
			p.decay, _ = c.decay(a.first, b.first, b.last)
		case b.first.After(a.last):
			p.decay, _ = c.decay(b.first, a.first, a.last)
		}
	}
	return p.combine()
}
