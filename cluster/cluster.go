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
	// Published is the publication time; zero when unknown (no time
	// factors). A time at exactly midnight is taken as a date alone.
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
	// Story is the story the document joined or opened (after merges, the
	// story that holds it).
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

// Options tune a Clusterer. The zero value of a field means its default;
// doc.go explains the defaults.
type Options struct {
	// Threshold is the score a document needs to join a story of many
	// documents (default 0.13).
	Threshold float64
	// SingleThreshold is the score a document needs to join a story of one
	// document; the bar falls as 1/size toward Threshold (default 0.25).
	SingleThreshold float64
	// MergeThreshold is the similarity of two stories' centroids at which
	// they merge (default 0.3).
	MergeThreshold float64
	// Grace is the time gap between a document and a story's articles
	// without decay; beyond it the score halves every HalfLife (defaults 8
	// hours and 6 hours). Both stretch with the document's length, by up
	// to 8 times for a full article (see doc.go).
	Grace, HalfLife time.Duration
	// Burst lowers the bar for a story whose articles are minutes away: by
	// the factor 1+Burst at no gap, fading by half every BurstHalfLife
	// (defaults 1 and 15 minutes). A negative Burst turns it off.
	Burst         float64
	BurstHalfLife time.Duration
	// Window is how long a story stays a candidate after its last article,
	// in publication time (default 7 days).
	Window time.Duration
	// MaxIdle is how many documents may arrive without one joining a story
	// before the story leaves the candidates, whatever the times: the
	// bound on memory for streams without publication times (default
	// 100,000).
	MaxIdle int
	// MaxTerms caps the terms kept per field of a story's centroid
	// (default 300).
	MaxTerms int
	// UndatedThreshold is the score a full-length report without a time
	// (at least UndatedTerms distinct terms) needs to join a story of any
	// size, and the similarity at which stories merge after it (default
	// 0.4); UndatedEntities is the cosine of its entities with the story's
	// that it needs besides (default 0.3). See doc.go.
	UndatedThreshold, UndatedEntities float64
	// UndatedTerms is the length from which a report without a time is
	// held to UndatedThreshold (default 50 distinct terms).
	UndatedTerms int
	// Candidates is how many stories are scored in full per document
	// (default 10).
	Candidates int
}

func (o Options) withDefaults() Options {
	def := func(v *float64, d float64) {
		if *v == 0 {
			*v = d
		}
	}
	defDur := func(v *time.Duration, d time.Duration) {
		if *v <= 0 {
			*v = d
		}
	}
	def(&o.Threshold, 0.13)
	def(&o.SingleThreshold, 0.25)
	def(&o.MergeThreshold, 0.3)
	def(&o.UndatedThreshold, 0.4)
	def(&o.UndatedEntities, 0.3)
	if o.UndatedTerms <= 0 {
		o.UndatedTerms = 50
	}
	def(&o.Burst, 1)
	o.Burst = max(o.Burst, 0)
	defDur(&o.Grace, 8*time.Hour)
	defDur(&o.HalfLife, 6*time.Hour)
	defDur(&o.BurstHalfLife, 15*time.Minute)
	defDur(&o.Window, 7*24*time.Hour)
	if o.MaxTerms <= 0 {
		o.MaxTerms = 300
	}
	if o.MaxIdle <= 0 {
		o.MaxIdle = 100_000
	}
	if o.Candidates <= 0 {
		o.Candidates = 10
	}
	return o
}

// Clusterer assigns documents to stories, one at a time. It is not safe for
// concurrent use.
type Clusterer struct {
	opts    Options
	vocab   *vocab
	index   *index
	stories []*story        // by id-1-base; nil once expired
	base    int64           // ids up to base are cut off the by-id slices (all expired)
	live    []int64         // ids of stories in the candidate index, oldest first
	article map[int64]int64 // article → story it joined (follow merges)
	clock   time.Time       // latest publication time seen
	sweepAt time.Time       // next expiry sweep, in publication time
	seq     int             // documents assigned or restored
	seqAt   int             // next expiry sweep, in documents

	norms []storyNorms // by story id-1, see normOf

	// scratch space of candidates, indexed by story id-1
	acc     [][nFields]float64
	seen    []uint32
	pass    uint32
	touched []int64
}

// New returns an empty clusterer.
func New(opts Options) *Clusterer {
	c := &Clusterer{
		opts:    opts.withDefaults(),
		vocab:   newVocab(),
		article: map[int64]int64{},
	}
	c.index = newIndex(c.story)
	return c
}

// docVecs are a document's vectors, one per field.
type docVecs = [nFields]vec

// vectors returns the vectors of d, interning its terms.
func (c *Clusterer) vectors(d Doc) docVecs {
	var x docVecs
	x[title] = c.vocab.termVec(d.Title)
	x[body] = c.vocab.termVec(d.Body)
	x[entities] = c.vocab.termVec(entityKeys(d.Entities))
	return x
}

// entityKeys puts entity keys in their own namespace of the vocabulary.
func entityKeys(es []string) []string {
	keys := make([]string, len(es))
	for i, e := range es {
		keys[i] = "\x00" + e
	}
	return keys
}

// Assign chooses the story of d, updates the state and returns the decision.
func (c *Clusterer) Assign(d Doc) Decision {
	if id, ok := c.article[d.Article]; ok {
		st := c.resolve(id)
		return Decision{Story: st.id, Reason: "revision of an article already in story " + itoa(st.id)}
	}
	c.tick(d.Published)
	if st := c.original(d); st != nil {
		c.joinCopy(st, d)
		return Decision{Story: st.id, Score: 1, Reason: "copy of article " + itoa(d.DuplicateOf) + " in story " + itoa(st.id)}
	}
	x := c.vectors(d)
	c.vocab.count(&x)
	c.vocab.refresh()

	m := c.match(x, d.Published)
	var st *story
	var dec Decision
	if m.accept {
		st = m.best.story
		dec = Decision{Story: st.id, Score: m.best.parts.score(), Reason: c.reason(m), Terms: c.topTerms(x, st, 5)}
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
// new documents, gives the decisions an uninterrupted clusterer would. (Up
// to one detail: the members of stories merged in the meantime come back
// already together, so a centroid that outgrew MaxTerms may keep other
// rare terms.) Call SetLastStory afterwards when the store knows story ids
// above those of the restored articles (stories merged away).
func (c *Clusterer) Restore(f storyline.Features) {
	if _, ok := c.article[f.Article]; ok || f.Story <= 0 {
		return
	}
	c.tick(f.Published)
	c.SetLastStory(f.Story)
	c.reach(f.Story)
	st := c.story(f.Story)
	if !st.alive() {
		st = &story{id: f.Story}
		c.stories[f.Story-1-c.base] = st
		c.live = append(c.live, st.id)
	}
	d := Doc{Article: f.Article, Source: f.Source, Published: f.Published, Title: f.Title,
		Body: f.Body, Entities: f.Entities, DuplicateOf: f.DuplicateOf}
	if c.original(d) != nil {
		c.joinCopy(st, d)
		return
	}
	x := c.vectors(d)
	c.vocab.count(&x)
	c.vocab.refresh()
	c.addDoc(st, d, x)
}

// SetLastStory makes sure that new stories get ids above last: after a
// restore, pass the largest story id the store has ever given out, merged
// stories included.
func (c *Clusterer) SetLastStory(last int64) {
	for c.base+int64(len(c.stories)) < last {
		c.stories = append(c.stories, nil)
	}
}

// story returns the story of an id, nil once it expired.
func (c *Clusterer) story(id int64) *story {
	if id <= c.base {
		return nil
	}
	return c.stories[id-1-c.base]
}

// reach makes the by-id slices hold id: a restored article may belong to a
// story older than those cut off (rare: it comes back to life).
func (c *Clusterer) reach(id int64) {
	if id <= c.base {
		n := c.base - id + 1
		c.stories = append(make([]*story, n), c.stories...)
		if len(c.norms) > 0 {
			c.norms = append(make([]storyNorms, n), c.norms...)
		}
		c.base -= n
		c.acc, c.seen = nil, nil
	}
	c.SetLastStory(id)
}

// compact cuts the expired stories at the start of the by-id slices off
// once they are more than half of them, so that what is kept per story
// ever made (a pointer, norms, scratch) does not grow with the stream.
func (c *Clusterer) compact() {
	cut := 0
	for cut < len(c.stories) && c.stories[cut] == nil {
		cut++
	}
	if cut < 1024 || cut < len(c.stories)/2 {
		return
	}
	c.stories = append([]*story(nil), c.stories[cut:]...)
	if len(c.norms) > cut {
		c.norms = append([]storyNorms(nil), c.norms[cut:]...)
	} else {
		c.norms = nil
	}
	c.base += int64(cut)
	c.acc, c.seen = nil, nil
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
// articles now, nil if that story expired.
func (c *Clusterer) resolve(id int64) *story {
	st := c.story(id)
	for st != nil && st.mergedInto != 0 {
		st = c.story(st.mergedInto)
	}
	return st
}

// tick counts a document, advances the publication clock and, every
// eighth of the window or of MaxIdle documents, expires the stories that
// fell out of them.
func (c *Clusterer) tick(t time.Time) {
	c.seq++
	sweep := false
	if c.seq >= c.seqAt {
		c.seqAt = c.seq + max(c.opts.MaxIdle/8, 1)
		sweep = c.seq > 1
	}
	if t.After(c.clock) {
		c.clock = t
		if c.sweepAt.IsZero() {
			c.sweepAt = t.Add(c.opts.Window / 8)
		}
		if c.clock.After(c.sweepAt) {
			c.sweepAt = c.clock.Add(c.opts.Window / 8)
			sweep = true
		}
	}
	if sweep {
		c.expire()
	}
}
