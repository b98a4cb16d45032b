package cluster

import (
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
	terms    int // distinct terms of the documents in the centroid, summed
	// centroid sums the unit vectors of the member documents, per field,
	// capped at MaxTerms terms (the heaviest under the IDF of the moment).
	centroid [nFields]centroid
	// first and last span the publication times of the members, zero when
	// none is known; lastClock is the publication clock when the last
	// member came, by which a story without times ages.
	first, last time.Time
	lastClock   time.Time
	lastSeq     int // the clusterer's document count when the last member came
	mergedInto  int64
}

func (st *story) alive() bool { return st != nil && st.mergedInto == 0 }

// meanTerms is the mean number of distinct terms of the story's documents.
func (st *story) meanTerms() int {
	if st.size == 0 {
		return 0
	}
	return st.terms / st.size
}

func (c *Clusterer) newStory() *story {
	st := &story{id: c.base + int64(len(c.stories)) + 1}
	c.stories = append(c.stories, st)
	c.live = append(c.live, st.id)
	return st
}

// joinCopy adds a copy of an article already in st: it counts as an
// article of the story but adds nothing to its centroid (a wire text run by
// ten outlets is one text, not ten), nor to its time span: a text rerun
// hours or a day after it first ran is no sign that the story is still
// developing, and letting it move the story's last time would let the next
// day's reports on the subject (the next market report) join yesterday's
// story. It only keeps the story from expiring as idle.
func (c *Clusterer) joinCopy(st *story, d Doc) {
	c.article[d.Article] = st.id
	st.articles++
	st.lastClock = c.clock
	st.lastSeq = c.seq
}

// touch records a new member's time.
func (c *Clusterer) touch(st *story, t time.Time) {
	st.lastClock = c.clock
	st.lastSeq = c.seq
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

// addDoc adds a document's vectors to a story.
func (c *Clusterer) addDoc(st *story, d Doc, x docVecs) {
	c.article[d.Article] = st.id
	st.articles++
	st.size++
	st.terms += distinctTerms(x)
	c.touch(st, d.Published)
	c.addVecs(st, x)
}

// distinctTerms counts the terms of a document over its text fields.
func distinctTerms(x docVecs) int {
	return len(x[title].ids) + len(x[body].ids)
}

// addVecs adds vectors to the centroid of st and prunes a field that has
// grown past twice the cap back to the cap (pruning in batches keeps its
// cost low).
func (c *Clusterer) addVecs(st *story, x docVecs) {
	for f := range x {
		if x[f].empty() {
			continue
		}
		st.centroid[f] = c.index.add(field(f), st.id, st.centroid[f], x[f])
		if len(st.centroid[f].ids) > 2*c.opts.MaxTerms {
			st.centroid[f] = c.prune(field(f), st.centroid[f], c.opts.MaxTerms)
		}
	}
	c.normOf(st.id).epoch = 0
}

// storyNorms are the IDF-weighted lengths of a story's centroid fields as
// of an IDF epoch (0: not computed). The clusterer keeps them in a slice by
// story id rather than in the stories, so that ranking the thousands of
// stories a document touches reads one array instead of chasing pointers.
type storyNorms struct {
	epoch int
	norm  [nFields]float64
}

// normOf returns the cached norms of story id, growing the cache as needed.
func (c *Clusterer) normOf(id int64) *storyNorms {
	for c.base+int64(len(c.norms)) < id {
		c.norms = append(c.norms, storyNorms{})
	}
	return &c.norms[id-1-c.base]
}

// norm returns the IDF-weighted length of a centroid field, computed once
// per IDF epoch.
func (c *Clusterer) norm(st *story, f field) float64 {
	n := c.normOf(st.id)
	if n.epoch != c.vocab.epoch {
		for g := range st.centroid {
			n.norm[g] = c.vocab.norm(st.centroid[g].vec)
		}
		n.epoch = c.vocab.epoch
	}
	return n.norm[f]
}

// merge folds story b into a: centroids, counts and times.
func (c *Clusterer) merge(a, b *story) {
	var x docVecs
	for f := range b.centroid {
		x[f] = b.centroid[f].vec
		c.index.drop(field(f), b.centroid[f])
	}
	c.addVecs(a, x)
	a.size += b.size
	a.articles += b.articles
	a.terms += b.terms
	if !b.first.IsZero() && (a.first.IsZero() || b.first.Before(a.first)) {
		a.first = b.first
	}
	if b.last.After(a.last) {
		a.last = b.last
	}
	if b.lastClock.After(a.lastClock) {
		a.lastClock = b.lastClock
	}
	a.lastSeq = max(a.lastSeq, b.lastSeq)
	b.mergedInto = a.id
	b.centroid = [nFields]centroid{}
	c.live = slices.DeleteFunc(c.live, func(id int64) bool { return id == b.id })
}

// expire drops from the candidate index, and forgets with their articles,
// the stories whose last member is older than the window in publication
// time, or came more than MaxIdle documents ago. A story without known
// times ages by the publication clock at the time of its last member.
func (c *Clusterer) expire() {
	cutoff := c.clock.Add(-c.opts.Window)
	gone := false
	c.live = slices.DeleteFunc(c.live, func(id int64) bool {
		st := c.story(id)
		last := st.last
		if last.IsZero() {
			last = st.lastClock
		}
		idle := c.seq-st.lastSeq > c.opts.MaxIdle
		if !idle && (last.IsZero() || !last.Before(cutoff)) {
			return false
		}
		for f := range st.centroid {
			c.index.drop(field(f), st.centroid[f])
		}
		c.stories[id-1-c.base] = nil
		gone = true
		return true
	})
	if !gone {
		return
	}
	for i, st := range c.stories {
		if st != nil && st.mergedInto != 0 && c.resolve(c.base+int64(i)+1) == nil {
			c.stories[i] = nil
		}
	}
	for a, s := range c.article {
		if c.resolve(s) == nil {
			delete(c.article, a)
		}
	}
	c.compact()
}

func itoa(id int64) string { return strconv.FormatInt(id, 10) }

func joinIDs(ids []int64) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = itoa(id)
	}
	return strings.Join(s, ", ")
}
