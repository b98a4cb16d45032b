package cluster

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"
)

// match is what the clusterer found for a document.
type match struct {
	x      docVecs
	cands  []scored // scored candidates, best first
	best   scored   // the chosen story; best.story is nil when there is none
	accept bool     // best is close enough to join
	member bool     // accepted through a recent member, not the centroid
}

// match scores the candidate stories of a document and picks one.
func (c *Clusterer) match(x docVecs, t time.Time) match {
	sts := c.candidates(x, c.opts.Candidates)
	xn := c.docNorms(x)
	m := match{x: x}
	for _, st := range sts {
		p := c.scoreStory(x, xn, st, t)
		m.cands = append(m.cands, scored{st, p.combine(), p})
	}
	slices.SortStableFunc(m.cands, func(a, b scored) int { return cmp.Compare(b.score, a.score) })
	for _, cd := range m.cands {
		if cd.score >= c.threshold(cd.story) {
			m.best, m.accept = cd, true
			break
		}
	}
	if !m.accept && len(m.cands) > 0 {
		m.best = m.cands[0]
	}
	if !m.accept && c.opts.DocThreshold <= 1 {
		for _, cd := range m.cands {
			p := c.memberScore(x, xn, cd.story, t)
			if s := p.combine(); s >= c.opts.DocThreshold && (!m.member || s > m.best.score) {
				m.best, m.accept, m.member = scored{cd.story, s, p}, true, true
			}
		}
	}
	return m
}

// threshold is the score a document needs to join st: SingleThreshold for
// a story of one document, falling as 1/size toward Threshold.
func (c *Clusterer) threshold(st *story) float64 {
	return c.opts.Threshold + (c.opts.SingleThreshold-c.opts.Threshold)/float64(st.size)
}

// consolidate merges into one the stories that the document's arrival made
// converge with st: candidates of the document whose centroid is now close
// to st's. The larger story absorbs the smaller (the older on a tie), so
// that the store moves as few articles as possible. It returns the
// surviving story and the ids absorbed.
func (c *Clusterer) consolidate(st *story, m match) (*story, []int64) {
	var merged []int64
	for _, cd := range m.cands {
		o := cd.story
		if o == st || !o.alive() || min(o.size, st.size) < c.opts.MinMerge {
			continue
		}
		if c.storySim(st, o) < c.opts.MergeThreshold {
			continue
		}
		a, b := st, o
		if b.size > a.size || (b.size == a.size && b.id < a.id) {
			a, b = b, a
		}
		c.merge(a, b)
		merged = append(merged, b.id)
		st = a
	}
	return st, merged
}

// reason explains why a document joined a story, for example
//
//	joined story 12: score 0.41 (title 0.52, body 0.38, entities 2 shared: petro, trump; 3h after its last article)
func (c *Clusterer) reason(m match) string {
	var b strings.Builder
	fmt.Fprintf(&b, "joined story %d: score %.2f (", m.best.story.id, m.best.score)
	if m.member {
		b.WriteString("closest recent article: ")
	}
	sep := ""
	p := m.best.parts
	for f := range p.cos {
		if !p.has[f] {
			continue
		}
		if field(f) == entities {
			shared := c.shared(m.x[f], m.best.story, entities, 3)
			fmt.Fprintf(&b, "%sentities %.2f, %d shared", sep, p.cos[f], len(shared))
			if len(shared) > 0 {
				b.WriteString(": " + strings.Join(shared, ", "))
			}
		} else {
			fmt.Fprintf(&b, "%s%s %.2f", sep, fieldNames[f], p.cos[f])
		}
		sep = ", "
	}
	if p.gap >= 0 {
		fmt.Fprintf(&b, "; %s from its articles", roundDuration(p.gap))
		if p.decay < 1 {
			fmt.Fprintf(&b, ", time factor %.2f", p.decay)
		}
	}
	b.WriteString(")")
	return b.String()
}

// newReason explains why a document opened a new story.
func (c *Clusterer) newReason(m match) string {
	if m.best.story == nil {
		return "new story: no earlier story shares its terms"
	}
	return fmt.Sprintf("new story: closest story %d scores %.2f, below %.2f", m.best.story.id, m.best.score, c.threshold(m.best.story))
}

// topTerms returns up to n terms of the title and body that weigh most in
// the document's match with a story.
func (c *Clusterer) topTerms(x docVecs, st *story, n int) []string {
	type tw struct {
		term string
		w    float64
	}
	var all []tw
	for _, f := range []field{title, body} {
		for i, id := range x[f].ids {
			if w := st.centroid[f].weight(id); w > 0 {
				idf := c.vocab.idf(id)
				all = append(all, tw{c.vocab.terms[id], x[f].w[i] * w * idf * idf})
			}
		}
	}
	slices.SortStableFunc(all, func(a, b tw) int { return cmp.Compare(b.w, a.w) })
	var out []string
	for _, t := range all {
		if len(out) == n {
			break
		}
		if !slices.Contains(out, t.term) {
			out = append(out, t.term)
		}
	}
	return out
}

// shared returns up to n terms of field f in both x and the story, most
// weighty first.
func (c *Clusterer) shared(x vec, st *story, f field, n int) []string {
	type tw struct {
		term string
		w    float64
	}
	var all []tw
	for i, id := range x.ids {
		if w := st.centroid[f].weight(id); w > 0 {
			all = append(all, tw{strings.TrimPrefix(c.vocab.terms[id], "\x00"), x.w[i] * w * c.vocab.idf(id)})
		}
	}
	slices.SortStableFunc(all, func(a, b tw) int { return cmp.Compare(b.w, a.w) })
	out := make([]string, 0, min(n, len(all)))
	for _, t := range all[:min(n, len(all))] {
		out = append(out, t.term)
	}
	return out
}

// roundDuration prints a duration as people say it: 40s, 12m, 3h, 2d.
func roundDuration(d time.Duration) string {
	switch {
	case d < time.Minute:
		return fmt.Sprintf("%ds", int(d.Seconds()))
	case d < time.Hour:
		return fmt.Sprintf("%dm", int(d.Minutes()))
	case d < 48*time.Hour:
		return fmt.Sprintf("%dh", int(d.Hours()))
	}
	return fmt.Sprintf("%dd", int(d.Hours()/24))
}
