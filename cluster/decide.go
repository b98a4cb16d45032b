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
	cands  []scored // scored candidates, strongest first
	best   scored   // the chosen story; best.story is nil when there is none
	accept bool     // best is close enough to join
	strict bool     // the document is a full-length report without a time (see undated)
}

// match scores the candidate stories of a document and picks the strongest
// one whose bar it clears.
func (c *Clusterer) match(x docVecs, t time.Time) match {
	sts, dots := c.candidates(x, c.opts.Candidates)
	xn := c.docNorms(x)
	m := match{x: x, strict: c.undated(x, t)}
	for i, st := range sts {
		m.cands = append(m.cands, scored{st, c.scoreStory(x, xn, dots[i], st, t)})
	}
	slices.SortStableFunc(m.cands, func(a, b scored) int { return cmp.Compare(b.parts.strength(), a.parts.strength()) })
	for _, cd := range m.cands {
		if cd.parts.strength() >= c.bar(cd.story, m.strict) && c.sameEvent(cd.parts, m.strict) {
			m.best, m.accept = cd, true
			return m
		}
	}
	if len(m.cands) > 0 {
		m.best = m.cands[0]
	}
	return m
}

// threshold is the bar a document's strength must clear to join st:
// SingleThreshold for a story of one document, falling as 1/size toward
// Threshold. A story of one document is one document's reading of an
// event; joining it on weak evidence is how two neighbouring events end up
// in one story.
func (c *Clusterer) threshold(st *story) float64 {
	return c.opts.Threshold + (c.opts.SingleThreshold-c.opts.Threshold)/float64(st.size)
}

// bar is the bar for a document to join st: threshold, or for a
// full-length report without a time (strict, see undated) UndatedThreshold
// whatever the story's size. Without a time nothing tells the next week's
// report on the same subject from a second report of the same event, and a
// large story's centroid is a summary of its beat: a bar that fell with
// size would let every report on the beat chain into one story.
func (c *Clusterer) bar(st *story, strict bool) float64 {
	if strict {
		return max(c.opts.UndatedThreshold, c.threshold(st))
	}
	return c.threshold(st)
}

// sameEvent tells whether the score parts show one event's specifics: for
// a document without a time (strict) its entities, weighted by rarity,
// must be close to the story's too (UndatedEntities), not only its words.
// The same people and the same subject make a beat; the same people, places
// and words in the same proportions make an event.
func (c *Clusterer) sameEvent(p parts, strict bool) bool {
	return !strict || (p.has[entities] && p.cos[entities] >= c.opts.UndatedEntities)
}

// mergeBar is the similarity at which two stories merge: for a document
// without a time (strict), as high as the bar for joining.
func (c *Clusterer) mergeBar(strict bool) float64 {
	if strict {
		return max(c.opts.MergeThreshold, c.opts.UndatedThreshold)
	}
	return c.opts.MergeThreshold
}

// consolidate merges into st the stories that the document's arrival made
// converge with it: the other candidates the document could have joined,
// when their centroid and st's are now close. The larger story absorbs the
// smaller (the older on a tie), so that the store moves as few articles as
// possible. It returns the surviving story and the ids absorbed.
func (c *Clusterer) consolidate(st *story, m match) (*story, []int64) {
	var merged []int64
	for _, cd := range m.cands {
		o := cd.story
		if o == st || !o.alive() || cd.parts.strength() < c.bar(o, m.strict) || !c.sameEvent(cd.parts, m.strict) {
			continue
		}
		if p := c.storySim(st, o); p.strength() < c.mergeBar(m.strict) || !c.sameEvent(p, m.strict) {
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
	if len(merged) > 0 {
		// A merge makes a fuller story: stories that neither half was
		// close to may now be, such as an early report that opened a story
		// of its own.
		var x docVecs
		for f := range x {
			x[f] = st.centroid[f].vec
		}
		sts, _ := c.candidates(x, c.opts.Candidates)
		for _, o := range sts {
			if o == st || !o.alive() || !c.mergeable(st, o, m.strict) {
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
	}
	return st, merged
}

// reason explains why a document joined a story, for example
//
//	joined story 12: score 0.41 (title 0.52, body 0.38, entities 0.40, 2 shared: petro, trump; 3h from its articles)
func (c *Clusterer) reason(m match) string {
	var b strings.Builder
	p := m.best.parts
	fmt.Fprintf(&b, "joined story %d: score %.2f (", m.best.story.id, p.score())
	sep := ""
	for f := range p.cos {
		if !p.has[f] {
			continue
		}
		fmt.Fprintf(&b, "%s%s %.2f", sep, fieldNames[f], p.cos[f])
		if field(f) == entities {
			shared := c.shared(m.x[f], m.best.story, 3)
			fmt.Fprintf(&b, ", %d shared", len(shared))
			if len(shared) > 0 {
				b.WriteString(": " + strings.Join(shared, ", "))
			}
		}
		sep = ", "
	}
	if p.gap >= 0 {
		fmt.Fprintf(&b, "; %s from its articles", roundDuration(p.gap))
		if p.decay < 1 {
			fmt.Fprintf(&b, ", time decay %.2f", p.decay)
		}
		if p.burst > 1.01 {
			fmt.Fprintf(&b, ", in a burst: bar %.2f", c.bar(m.best.story, m.strict)/p.burst)
		}
	}
	b.WriteString(")")
	return b.String()
}

// newReason explains why a document opened a new story.
func (c *Clusterer) newReason(m match) string {
	if m.best.story == nil {
		return "new story: no live story shares its terms"
	}
	p := m.best.parts
	return fmt.Sprintf("new story: closest story %d scores %.2f, below the bar of %.2f",
		m.best.story.id, p.score(), c.bar(m.best.story, m.strict)/p.burst)
}

// weighted is a term and its weight in a match.
type weighted struct {
	term string
	w    float64
}

// topTerms returns up to n terms of the title and body that weigh most in
// the document's match with a story.
func (c *Clusterer) topTerms(x docVecs, st *story, n int) []string {
	var all []weighted
	for _, f := range []field{title, body} {
		for i, id := range x[f].ids {
			if w := st.centroid[f].weight(id); w > 0 {
				idf := c.vocab.idf(id)
				all = append(all, weighted{c.vocab.terms[id], x[f].w[i] * w * idf * idf})
			}
		}
	}
	return heaviest(all, n)
}

// shared returns up to n entities of x also in the story, the weightiest
// first.
func (c *Clusterer) shared(x vec, st *story, n int) []string {
	var all []weighted
	for i, id := range x.ids {
		if w := st.centroid[entities].weight(id); w > 0 {
			all = append(all, weighted{strings.TrimPrefix(c.vocab.terms[id], "\x00"), x.w[i] * w * c.vocab.idf(id)})
		}
	}
	return heaviest(all, n)
}

// heaviest returns the n distinct terms of greatest weight, heaviest first.
func heaviest(all []weighted, n int) []string {
	slices.SortStableFunc(all, func(a, b weighted) int { return cmp.Compare(b.w, a.w) })
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

// mergeable reports whether two stories' centroids are close enough to be
// one story (strict: after a document without a time, see mergeBar).
func (c *Clusterer) mergeable(a, b *story, strict bool) bool {
	p := c.storySim(a, b)
	return p.strength() >= c.mergeBar(strict) && c.sameEvent(p, strict)
}

// undated reports whether a document is a full-length report (at least
// UndatedTerms distinct terms) without a publication time: it must show
// stronger evidence of one event to join a story (see bar, sameEvent). A
// snippet or headline without a time keeps the ordinary bars: its few
// words are specific, and streams of them (search results, a topic feed)
// often come with no times at all.
func (c *Clusterer) undated(x docVecs, t time.Time) bool {
	return t.IsZero() && distinctTerms(x) >= c.opts.UndatedTerms
}
