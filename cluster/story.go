package cluster

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// story is the clusterer's state for one story.
type story struct {
	id       int64
	size     int // documents in the centroid (copies excluded)
	articles int // all articles, copies included
	// centroid sums the unit vectors of the member documents, per field,
	// capped at MaxTerms terms (the heaviest under the IDF of the moment).
	centroid [nFields]vec
	// norms caches the IDF-weighted lengths of the centroid fields for the
	// vocabulary's IDF epoch normEpoch (0: not cached).
	norms     [nFields]float64
	normEpoch int
	// recent holds the last members' vectors, oldest first, for the
	// second-chance comparison with single documents.
	recent []docVecs
	// first and last span the publication times of the members (zero when
	// none is known); seq is the sequence number of the last member and
	// lastClock the publication clock when it came.
	first, last time.Time
	lastClock   time.Time
	seq         int
	mergedInto  int64
}

func (st *story) alive() bool { return st != nil && st.mergedInto == 0 }

func (c *Clusterer) newStory() *story {
	st := &story{id: int64(len(c.stories)) + 1}
	c.stories = append(c.stories, st)
	c.live = append(c.live, st.id)
	return st
}

// joinCopy adds a copy of an article already in st: it counts as an
// article of the story but adds nothing to its centroid (a wire text run by
// ten outlets is one text, not ten).
func (c *Clusterer) joinCopy(st *story, d Doc) {
	c.article[d.Article] = st.id
	st.articles++
	c.touch(st, d.Published)
}

// touch records a new member's time.
func (c *Clusterer) touch(st *story, t time.Time) {
	st.seq = c.seq
	st.lastClock = c.clock
	if t.IsZero() {
		return
	}
	if st.first.IsZero() || t.Before(st.first) {
		st.first = t
	}
	if t.After(st.last) {
		st.last = t
	}
}

// addDoc adds a document's vectors to a story and indexes its new terms.
func (c *Clusterer) addDoc(st *story, d Doc, x docVecs) {
	c.article[d.Article] = st.id
	st.articles++
	st.size++
	c.touch(st, d.Published)
	c.addVecs(st, x)
	st.recent = append(st.recent, x)
	if len(st.recent) > c.opts.Recent {
		st.recent = slices.Delete(st.recent, 0, len(st.recent)-c.opts.Recent)
	}
}

// addVecs adds vectors to the centroid of st, indexing the terms it did not
// hold, and prunes the centroid when it has grown past twice the cap.
func (c *Clusterer) addVecs(st *story, x docVecs) {
	for f := range x {
		old := st.centroid[f]
		st.centroid[f] = add(old, x[f])
		for _, id := range x[f].ids {
			if _, had := slices.BinarySearch(old.ids, id); !had {
				c.postings[f][id] = append(c.postings[f][id], st.id)
			}
		}
		if len(st.centroid[f].ids) > 2*c.opts.MaxTerms {
			st.centroid[f] = c.prune(st.centroid[f], c.opts.MaxTerms)
		}
	}
	st.normEpoch = 0
}

// prune keeps the n heaviest terms of x under the current IDF (ties go to
// the older term), in term order.
func (c *Clusterer) prune(x vec, n int) vec {
	idx := make([]int, len(x.ids))
	for i := range idx {
		idx[i] = i
	}
	weight := func(i int) float64 { return x.w[i] * c.vocab.idf(x.ids[i]) }
	slices.SortFunc(idx, func(a, b int) int {
		if r := cmp.Compare(weight(b), weight(a)); r != 0 {
			return r
		}
		return cmp.Compare(x.ids[a], x.ids[b])
	})
	idx = idx[:n]
	slices.Sort(idx)
	out := vec{ids: make([]int32, n), w: make([]float64, n)}
	for j, i := range idx {
		out.ids[j], out.w[j] = x.ids[i], x.w[i]
	}
	return out
}

// norm returns the IDF-weighted length of a centroid field, cached for the
// current IDF epoch.
func (c *Clusterer) norm(st *story, f field) float64 {
	if st.normEpoch != c.vocab.epoch {
		for g := range st.centroid {
			st.norms[g] = c.vocab.norm(st.centroid[g])
		}
		st.normEpoch = c.vocab.epoch
	}
	return st.norms[f]
}

// merge folds story b into a: centroids, counts, times and recent members.
func (c *Clusterer) merge(a, b *story) {
	for f := range b.centroid {
		if b.centroid[f].empty() {
			continue
		}
		var x docVecs
		x[f] = b.centroid[f]
		c.addVecs(a, x)
	}
	a.size += b.size
	a.articles += b.articles
	if !b.first.IsZero() && (a.first.IsZero() || b.first.Before(a.first)) {
		a.first = b.first
	}
	if b.last.After(a.last) {
		a.last = b.last
	}
	if b.lastClock.After(a.lastClock) {
		a.lastClock = b.lastClock
	}
	a.seq = max(a.seq, b.seq)
	a.recent = append(a.recent, b.recent...)
	if len(a.recent) > c.opts.Recent {
		a.recent = slices.Delete(a.recent, 0, len(a.recent)-c.opts.Recent)
	}
	b.mergedInto = a.id
	b.centroid = [nFields]vec{}
	b.recent = nil
	c.live = slices.DeleteFunc(c.live, func(id int64) bool { return id == b.id })
}

// expire drops the stories whose last member is older than the window
// (in publication time) from the candidate index and forgets their
// articles. Stories without known times age by the clock at the time of
// their last member.
func (c *Clusterer) expire() {
	cutoff := c.clock.Add(-c.opts.Window)
	gone := map[int64]bool{}
	c.live = slices.DeleteFunc(c.live, func(id int64) bool {
		st := c.stories[id-1]
		last := st.last
		if last.IsZero() {
			last = st.lastClock
		}
		if last.IsZero() || !last.Before(cutoff) {
			return false
		}
		gone[id] = true
		return true
	})
	if len(gone) == 0 {
		return
	}
	for id := range gone {
		c.stories[id-1] = nil
	}
	for i, st := range c.stories {
		if st != nil && st.mergedInto != 0 && c.resolve(int64(i)+1) == nil {
			c.stories[i] = nil
		}
	}
	for a, s := range c.article {
		if c.resolve(s) == nil {
			delete(c.article, a)
		}
	}
}

func itoa(id int64) string { return strconv.FormatInt(id, 10) }

func joinIDs(ids []int64) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = itoa(id)
	}
	return strings.Join(s, ", ")
}
