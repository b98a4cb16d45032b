package cluster

import (
	"math"
	"sort"
)

// Observe counts d in the term statistics (document frequencies) without
// assigning it to a story: background for pairwise Score, as when comparing
// a batch of pairs or two reports against a stored corpus.
func (c *Clusterer) Observe(d Doc) {
	x := c.vectors(d)
	c.vocab.count(&x)
	c.vocab.refresh()
}

// Threshold is the pairwise score at and above which SameStory says yes.
func (c *Clusterer) Threshold() float64 {
	return c.opts.SingleThreshold
}

// SharedTerms returns up to n terms and entity keys the two documents share,
// rarest first: what a reader needs to see why two reports match.
func (c *Clusterer) SharedTerms(a, b Doc, n int) []string {
	in := map[string]bool{}
	for _, t := range a.Title {
		in[t] = true
	}
	for _, t := range a.Body {
		in[t] = true
	}
	for _, e := range a.Entities {
		in["\x00"+e] = true
	}
	seen := map[string]bool{}
	var shared []string
	add := func(t string) {
		if in[t] && !seen[t] {
			seen[t] = true
			shared = append(shared, t)
		}
	}
	for _, t := range b.Title {
		add(t)
	}
	for _, t := range b.Body {
		add(t)
	}
	for _, e := range b.Entities {
		add("\x00" + e)
	}
	weight := func(t string) float64 {
		if id := c.vocab.id(t, false); id >= 0 {
			return c.vocab.idf(id)
		}
		return math.Inf(1)
	}
	sort.SliceStable(shared, func(i, j int) bool { return weight(shared[i]) > weight(shared[j]) })
	if len(shared) > n {
		shared = shared[:n]
	}
	for i, t := range shared {
		if len(t) > 0 && t[0] == 0 {
			shared[i] = t[1:]
		}
	}
	return shared
}
