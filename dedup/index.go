package dedup

import "math/bits"

// Options tune an Index. The zero value of a field means its default.
type Options struct {
	// Threshold is the estimated Jaccard similarity at or above which a text
	// is a copy (default 0.5).
	Threshold float64
	// ShortThreshold replaces Threshold when either text has fewer than
	// ShortShingles shingles (default 0.9).
	ShortThreshold float64
	// ShortShingles is the shingle count under which a text is short
	// (default 20, about a headline and a lede sentence).
	ShortShingles int
	// Bands is the number of LSH bands the signature is cut into; it must
	// divide Hashes (default 32, of 4 rows each).
	Bands int
	// MaxArticles is how many of the most recent signatures the index keeps
	// (default 200,000, about 200 MB; negative for no limit). Outlets run a
	// wire text within hours or days of each other: an older original is
	// not worth the memory.
	MaxArticles int
}

func (o Options) withDefaults() Options {
	if o.Threshold <= 0 {
		o.Threshold = 0.5
	}
	if o.ShortThreshold <= 0 {
		o.ShortThreshold = 0.9
	}
	if o.ShortShingles <= 0 {
		o.ShortShingles = 20
	}
	if o.Bands <= 0 || Hashes%o.Bands != 0 {
		o.Bands = 32
	}
	if o.MaxArticles == 0 {
		o.MaxArticles = 200_000
	}
	return o
}

// Index holds the signatures of the articles seen so far (the most recent
// MaxArticles) and finds the earliest one a new text is a copy of. It is
// not safe for concurrent use.
//
// Signatures are numbered by position in order of addition. For each band,
// a hash table maps the band's hash to the newest position holding it, and
// the positions of one bucket are chained from newest to oldest through
// next: two int32 per band and signature rather than a slice per bucket.
type Index struct {
	opts Options
	rows int
	// Positions [start, added) are kept; slices are indexed by position
	// minus base (base ≤ start: evicted entries are cut off in batches).
	start, base, added int
	articles           []int64
	sigs               [][]uint32
	heads              []map[uint32]int32 // per band: bucket → newest position + 1
	next               []int32            // (position-base)·bands + band → older position + 1, 0 at the end
}

// NewIndex returns an empty index.
func NewIndex(opts Options) *Index {
	opts = opts.withDefaults()
	ix := &Index{opts: opts, rows: Hashes / opts.Bands, heads: make([]map[uint32]int32, opts.Bands)}
	for b := range ix.heads {
		ix.heads[b] = map[uint32]int32{}
	}
	return ix
}

// Len returns the number of signatures the index holds.
func (ix *Index) Len() int { return ix.added - ix.start }

// Add records the signature of an article. A nil or malformed signature (a
// text too short to have one) is ignored. When the index holds
// MaxArticles signatures, the oldest is forgotten.
func (ix *Index) Add(article int64, sig []uint32) {
	if len(sig) != Hashes+1 {
		return
	}
	pos := ix.added
	ix.added++
	ix.articles = append(ix.articles, article)
	ix.sigs = append(ix.sigs, sig)
	for b := range ix.heads {
		k := ix.bandKey(sig, b)
		ix.next = append(ix.next, ix.heads[b][k])
		ix.heads[b][k] = int32(pos + 1)
	}
	if ix.opts.MaxArticles > 0 && ix.Len() > ix.opts.MaxArticles {
		ix.evict()
	}
}

// evict forgets the oldest signature; every so often it cuts the forgotten
// ones off the slices and drops the buckets that hold only forgotten ones.
func (ix *Index) evict() {
	ix.sigs[ix.start-ix.base] = nil
	ix.start++
	cut := ix.start - ix.base
	if cut < 1024 || cut < ix.Len()/2 {
		return
	}
	ix.articles = append([]int64(nil), ix.articles[cut:]...)
	ix.sigs = append([][]uint32(nil), ix.sigs[cut:]...)
	ix.next = append([]int32(nil), ix.next[cut*len(ix.heads):]...)
	ix.base = ix.start
	for _, h := range ix.heads {
		for k, p := range h {
			if int(p)-1 < ix.start {
				delete(h, k)
			}
		}
	}
}

// Find returns the earliest-added article whose text the signature is a
// copy of, with their estimated Jaccard similarity. ok is false when there
// is none (or the signature is nil).
func (ix *Index) Find(sig []uint32) (original int64, similarity float64, ok bool) {
	if len(sig) != Hashes+1 {
		return 0, 0, false
	}
	best := -1
	checked := map[int]bool{}
	for b, h := range ix.heads {
		for p := int(h[ix.bandKey(sig, b)]) - 1; p >= ix.start; p = int(ix.next[(p-ix.base)*len(ix.heads)+b]) - 1 {
			if checked[p] {
				continue
			}
			checked[p] = true
			other := ix.sigs[p-ix.base]
			s := Similarity(sig, other)
			if s >= ix.threshold(sig, other) && (best < 0 || p < best) {
				best, similarity = p, s
			}
		}
	}
	if best < 0 {
		return 0, 0, false
	}
	return ix.articles[best-ix.base], similarity, true
}

// threshold is the similarity two texts need to be copies: stricter when
// either is short.
func (ix *Index) threshold(a, b []uint32) float64 {
	if min(shingles(a), shingles(b)) < ix.opts.ShortShingles {
		return ix.opts.ShortThreshold
	}
	return ix.opts.Threshold
}

// bandKey hashes the rows of band b of the signature into one bucket key.
// Two bands that differ but share a key only make one more candidate,
// which the full comparison turns down.
func (ix *Index) bandKey(sig []uint32, b int) uint32 {
	h := uint64(b+1) * 0x9e3779b97f4a7c15
	for _, v := range sig[b*ix.rows : (b+1)*ix.rows] {
		h = bits.RotateLeft64(h^uint64(v), 29) * 0xbf58476d1ce4e5b9
	}
	return uint32(h >> 32)
}
