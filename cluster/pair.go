package cluster

import (
	"cmp"
	"math"
	"slices"
	"strings"
)

// Score returns a graded same-story similarity of two documents in [0, 1]:
// 1 for the same text, near 0 for reports of unrelated events, in between
// for reports of related events (the same subject, another day; one event
// seen from two sides). It is the clusterer's score of the second
// document against a story made of the first — the length-calibrated,
// field-weighted cosine of their TF-IDF vectors under the clusterer's IDF
// statistics (see Observe; a term it has not seen counts as seen once),
// times the time decay between them — spread by the power pairSpread. It
// does not change the clusterer's state. Bursts play no part: they are a
// property of a stream, not of a pair.
func (c *Clusterer) Score(a, b Doc) float64 {
	p := c.pairParts(a, b)
	return math.Pow(p.score(), pairSpread)
}

// pairSpread spreads raw scores over the scale of similarity people judge
// by. Cosines of TF-IDF vectors crowd near 0: reports of one event on
// different angles score 0.15 to 0.4, of neighbouring events 0.05 to 0.2,
// of unrelated events below 0.05, while people rate the steps between
// these as equal. Raised to the power 0.4 they become 0.45 to 0.7, 0.3 to
// 0.5 and below 0.3: on labelled article pairs (docs/QUALITY.md) the
// correlation with human ratings rises from 0.78 to 0.90 (invented
// reports), 0.56 to 0.69 (US political reports of one beat) and 0.83 to
// 0.87 (reports on many subjects), with powers from 0.3 to 0.5 within
// 0.02 of each other.
const pairSpread = 0.4

// pairParts returns the score parts of two documents: the field cosines of
// their TF-IDF vectors, the shorter length and the time factors.
func (c *Clusterer) pairParts(a, b Doc) parts {
	xa, xb := c.pairVectors(a, b)
	p := parts{terms: min(len(xa[title])+len(xa[body]), len(xb[title])+len(xb[body]))}
	for f := range xa {
		if len(xa[f]) == 0 || len(xb[f]) == 0 {
			continue
		}
		p.has[f] = true
		p.cos[f] = sparseCosine(xa[f], xb[f])
	}
	p.decay, _, p.gap = c.timeFactors(b.Published, a.Published, a.Published, p.terms)
	p.burst = 1
	return p
}

// SameStory reports whether a pairwise score (see Score) says "same story"
// at the clusterer's threshold (see Threshold).
func (c *Clusterer) SameStory(score float64) bool {
	return score >= c.Threshold()
}

// Threshold returns the pairwise same-story threshold on the scale of
// Score: the bar a document must clear to join a story of many documents
// (Options.Threshold), spread like scores. A story of many documents is a
// good sample of its event, and so is one full report; the stricter bar
// for joining a story of one document (SingleThreshold) guards the
// clusterer against early mistakes it cannot undo, which a single
// comparison does not risk.
func (c *Clusterer) Threshold() float64 {
	return math.Pow(c.opts.Threshold, pairSpread)
}

// Observe counts a document in the IDF statistics without clustering it:
// a background corpus for Score, such as the stored articles or the other
// texts of a batch of pairs.
func (c *Clusterer) Observe(d Doc) {
	x := c.vectors(d)
	c.vocab.count(&x)
	c.vocab.refresh()
}

// SharedTerms returns up to n terms (title and body stems, then entities)
// that the two documents share, those that weigh most in their score
// first.
func (c *Clusterer) SharedTerms(a, b Doc, n int) []string {
	xa, xb := c.pairVectors(a, b)
	var all []weighted
	for _, f := range []field{title, body, entities} {
		for t, w := range xa[f] {
			if v, ok := xb[f][t]; ok {
				all = append(all, weighted{strings.TrimPrefix(t, "\x00"), w * v * fieldWeight[f]})
			}
		}
	}
	slices.SortFunc(all, func(p, q weighted) int { // map order must not leak
		if r := cmp.Compare(q.w, p.w); r != 0 {
			return r
		}
		return strings.Compare(p.term, q.term)
	})
	return heaviest(all, n)
}

// sparse is a TF-IDF vector keyed by term.
type sparse map[string]float64

// pairVectors returns unit TF-IDF vectors of two documents per field, with
// the clusterer's current document frequencies.
func (c *Clusterer) pairVectors(a, b Doc) ([nFields]sparse, [nFields]sparse) {
	fields := func(d Doc) [nFields][]string {
		return [nFields][]string{title: d.Title, body: d.Body, entities: entityKeys(d.Entities)}
	}
	fa, fb := fields(a), fields(b)
	idf := func(t string) float64 {
		df := 1
		if id := c.vocab.id(t, false); id >= 0 {
			df = max(df, int(c.vocab.df[id]))
		}
		return math.Log(float64(c.vocab.docs+idfPrior+1)/float64(df+1)) + idfFloor
	}
	vec := func(terms []string) sparse {
		if len(terms) == 0 {
			return nil
		}
		tf := map[string]int{}
		for _, t := range terms {
			tf[t]++
		}
		keys := make([]string, 0, len(tf))
		for t := range tf {
			keys = append(keys, t)
		}
		slices.Sort(keys) // sum in a fixed order
		x := sparse{}
		var norm float64
		for _, t := range keys {
			w := (1 + math.Log(float64(tf[t]))) * idf(t)
			x[t] = w
			norm += w * w
		}
		norm = math.Sqrt(norm)
		for t := range x {
			x[t] /= norm
		}
		return x
	}
	var xa, xb [nFields]sparse
	for f := range fa {
		xa[f], xb[f] = vec(fa[f]), vec(fb[f])
	}
	return xa, xb
}

// sparseCosine is the dot product of two unit vectors.
func sparseCosine(a, b sparse) float64 {
	keys := make([]string, 0, len(a))
	for t := range a {
		if _, ok := b[t]; ok {
			keys = append(keys, t)
		}
	}
	slices.Sort(keys)
	var s float64
	for _, t := range keys {
		s += a[t] * b[t]
	}
	return min(1, s)
}
