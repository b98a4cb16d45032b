package cluster

import (
	"time"

	"github.com/storyline-news/storyline"
)

// Doc is what the clusterer reads of an article.
type Doc struct {
	// Article is the store's article ID.
	Article int64
	// Source is the outlet's name.
	Source string
	// Published is the publication time; zero when unknown (no time decay).
	Published time.Time
	// Title and Body are analysed terms (analyze.Terms), in order.
	Title, Body []string
	// Entities are normalised entity keys ("gustavo petro").
	Entities []string
	// DuplicateOf is the article this one is a copy of (dedup), 0 if none.
	DuplicateOf int64
}

// Decision is the story chosen for a document and why.
type Decision struct {
	// Story is the story the document joined or opened.
	Story int64
	// New is true when the document opened Story.
	New bool
	// Score is the same-story score with Story (0 for a new story).
	Score float64
	// Merged lists stories absorbed into Story with this document; the
	// store moves their articles into Story.
	Merged []int64
	// Reason is a one-line explanation.
	Reason string
	// Terms are the shared terms that weighed most.
	Terms []string
}

// Options tune a Clusterer. The zero value of a field means its default.
type Options struct {
	// Threshold is the score a document needs to join a story.
	Threshold float64
	// MergeThreshold is the centroid similarity at which two stories merge.
	MergeThreshold float64
	// Window is how long a story stays a candidate after its last article,
	// in publication time (default 7 days).
	Window time.Duration
	// MaxTerms caps the terms kept per field of a story's centroid.
	MaxTerms int
	// Candidates is how many stories are scored in full per document.
	Candidates int
	// Recent is how many recent member documents a story keeps for the
	// second-chance comparison.
	Recent int
	// DocThreshold is the document-to-document similarity that joins a
	// story through one of its recent members.
	DocThreshold float64
	// MinMerge is the size both stories need before they can merge.
	MinMerge int
	// SingleThreshold is the threshold to join a one-document story; it
	// falls toward Threshold as 1/size.
	SingleThreshold float64
	// Grace is the time gap without decay; HalfLife halves the score after.
	Grace, HalfLife time.Duration
	// Burst is the bonus factor for no time gap; it halves every
	// BurstHalfLife.
	Burst         float64
	BurstHalfLife time.Duration
}

func (o Options) withDefaults() Options {
	if o.Threshold <= 0 {
		o.Threshold = 0.3
	}
	if o.MergeThreshold <= 0 {
		o.MergeThreshold = 0.5
	}
	if o.Window <= 0 {
		o.Window = 7 * 24 * time.Hour
	}
	if o.MaxTerms <= 0 {
		o.MaxTerms = 300
	}
	if o.Candidates <= 0 {
		o.Candidates = 10
	}
	if o.Recent <= 0 {
		o.Recent = 8
	}
	if o.DocThreshold <= 0 {
		o.DocThreshold = 2
	}
	if o.SingleThreshold <= 0 {
		o.SingleThreshold = o.Threshold
	}
	if o.Grace <= 0 {
		o.Grace = 24 * time.Hour
	}
	if o.HalfLife <= 0 {
		o.HalfLife = 72 * time.Hour
	}
	if o.Burst < 0 {
		o.Burst = 0
	} else if o.Burst == 0 {
		o.Burst = 0.5
	}
	if o.BurstHalfLife <= 0 {
		o.BurstHalfLife = time.Hour
	}
	if o.MinMerge <= 0 {
		o.MinMerge = 1
	}
	return o
}

// Clusterer assigns documents to stories, one at a time. It is not safe for
// concurrent use.
type Clusterer struct {
	opts    Options
	vocab   *vocab
	stories []*story // by id-1; nil once expired
	live    []int64  // ids of stories in the candidate index, in creation order
	// postings maps a term to the stories whose centroid holds it. Entries
	// of merged, expired or pruned stories are dropped lazily.
	postings [nFields]map[int32][]int64
	article  map[int64]int64 // article → story it joined (follow merges)
	seq      int
	clock    time.Time // latest publication time seen
	sweepAt  time.Time // next expiry sweep, in publication time

	// scratch space of candidates, indexed by story id-1 (see candidates)
	acc       []float64
	seen, dup []uint32
	touched   []int64

	trace          func(match) // analysis hook, nil in production
	pass, termPass uint32
}

// New returns an empty clusterer.
func New(opts Options) *Clusterer {
	c := &Clusterer{
		opts:    opts.withDefaults(),
		vocab:   newVocab(),
		article: map[int64]int64{},
	}
	for f := range c.postings {
		c.postings[f] = map[int32][]int64{}
	}
	return c
}

// docVecs are a document's vectors, one per field.
type docVecs = [nFields]vec

// vectors returns the vectors of d, interning its terms when add is true.
func (c *Clusterer) vectors(d Doc, add bool) docVecs {
	var x docVecs
	x[title] = c.vocab.termVec(d.Title, add)
	x[body] = c.vocab.termVec(d.Body, add)
	ents := make([]string, len(d.Entities))
	for i, e := range d.Entities {
		ents[i] = entityKey(e)
	}
	x[entities] = c.vocab.termVec(ents, add)
	return x
}

// entityKey puts entity keys in their own namespace of the vocabulary.
func entityKey(e string) string { return "\x00" + e }

// Assign chooses the story of d, updates the state and returns the decision.
func (c *Clusterer) Assign(d Doc) Decision {
	if id, ok := c.article[d.Article]; ok {
		st := c.resolve(id)
		return Decision{Story: st.id, Reason: "revision of an article already in story " + itoa(st.id)}
	}
	c.seq++
	c.tick(d.Published)
	if st := c.original(d); st != nil {
		c.joinCopy(st, d)
		return Decision{Story: st.id, Score: 1, Reason: "copy of article " + itoa(d.DuplicateOf) + " in story " + itoa(st.id)}
	}
	x := c.vectors(d, true)
	c.vocab.count(&x)
	c.vocab.refresh()

	m := c.match(x, d.Published)
	if c.trace != nil {
		c.trace(m)
	}
	var st *story
	dec := Decision{}
	if m.accept {
		st = m.best.story
		dec = Decision{Story: st.id, Score: m.best.score, Reason: c.reason(m), Terms: c.topTerms(x, st, 5)}
	} else {
		st = c.newStory()
		dec = Decision{Story: st.id, New: true, Reason: c.newReason(m)}
	}
	c.addDoc(st, d, x)
	if surv, merged := c.consolidate(st, m); len(merged) > 0 {
		dec.Story = surv.id
		dec.Merged = merged
		dec.Reason += "; merged " + joinIDs(merged) + " into " + itoa(surv.id)
	}
	return dec
}

// Restore re-adds a stored article with its known story, as after a
// restart. Restoring every stored article in ingest order, then assigning
// new documents, gives the decisions an uninterrupted clusterer would
// (stories merged in the meantime aside: their members come back already
// together, so a centroid that outgrew MaxTerms may keep other rare terms).
// Call SetLastStory afterwards if the store knows story ids above those of
// the restored articles (stories merged away).
func (c *Clusterer) Restore(f storyline.Features) {
	if _, ok := c.article[f.Article]; ok || f.Story <= 0 {
		return
	}
	c.seq++
	c.tick(f.Published)
	c.SetLastStory(f.Story)
	st := c.stories[f.Story-1]
	if st == nil || !st.alive() {
		st = &story{id: f.Story}
		c.stories[f.Story-1] = st
		c.live = append(c.live, st.id)
	}
	d := Doc{Article: f.Article, Source: f.Source, Published: f.Published, Title: f.Title,
		Body: f.Body, Entities: f.Entities, DuplicateOf: f.DuplicateOf}
	if d.DuplicateOf != 0 {
		if _, ok := c.article[d.DuplicateOf]; ok {
			c.joinCopy(st, d)
			return
		}
	}
	x := c.vectors(d, true)
	c.vocab.count(&x)
	c.vocab.refresh()
	c.addDoc(st, d, x)
}

// SetLastStory makes sure that new stories get ids above last: after a
// restore, pass the largest story id the store has ever given out, merged
// stories included.
func (c *Clusterer) SetLastStory(last int64) {
	for int64(len(c.stories)) < last {
		c.stories = append(c.stories, nil)
	}
}

// original returns the story of the article d is a copy of, nil when d is
// not a copy or its original is no longer known (its story expired).
func (c *Clusterer) original(d Doc) *story {
	if d.DuplicateOf == 0 {
		return nil
	}
	id, ok := c.article[d.DuplicateOf]
	if !ok {
		return nil
	}
	return c.resolve(id)
}

// resolve follows merges from a story id to the story that holds its
// articles now.
func (c *Clusterer) resolve(id int64) *story {
	st := c.stories[id-1]
	for st != nil && st.mergedInto != 0 {
		st = c.stories[st.mergedInto-1]
	}
	return st
}

// tick advances the publication clock and expires stories that fell out of
// the window.
func (c *Clusterer) tick(t time.Time) {
	if !t.After(c.clock) {
		return
	}
	c.clock = t
	if c.sweepAt.IsZero() {
		c.sweepAt = t.Add(c.opts.Window / 8)
	}
	if c.clock.After(c.sweepAt) {
		c.expire()
		c.sweepAt = c.clock.Add(c.opts.Window / 8)
	}
}
