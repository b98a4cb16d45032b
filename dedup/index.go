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
	return o
}

// Index holds the signatures of the articles seen so far and finds the
// earliest one a new text is a copy of. It is not safe for concurrent use.
type Index struct {
	opts     Options
	rows     int
	articles []int64
	sigs     [][]uint32
	// buckets[b] maps the hash of band b of a signature to the positions
	// (in articles) of the signatures that share it, in order of addition.
	buckets []map[uint64][]int32
}

// NewIndex returns an empty index.
func NewIndex(opts Options) *Index {
	opts = opts.withDefaults()
	ix := &Index{opts: opts, rows: Hashes / opts.Bands, buckets: make([]map[uint64][]int32, opts.Bands)}
	for b := range ix.buckets {
		ix.buckets[b] = map[uint64][]int32{}
	}
	return ix
}

// Len returns the number of signatures in the index.
func (ix *Index) Len() int { return len(ix.articles) }

// Add records the signature of an article. A nil or malformed signature (a
// text too short to have one) is ignored.
func (ix *Index) Add(article int64, sig []uint32) {
	if len(sig) != Hashes+1 {
		return
	}
	pos := int32(len(ix.articles))
	ix.articles = append(ix.articles, article)
	ix.sigs = append(ix.sigs, sig)
	for b := range ix.buckets {
		k := ix.bandKey(sig, b)
		ix.buckets[b][k] = append(ix.buckets[b][k], pos)
	}
}

// Find returns the earliest-added article whose text the signature is a
// copy of, with their estimated Jaccard similarity. ok is false when there
// is none (or the signature is nil).
func (ix *Index) Find(sig []uint32) (original int64, similarity float64, ok bool) {
	if len(sig) != Hashes+1 {
		return 0, 0, false
	}
	best := int32(-1)
	checked := map[int32]bool{}
	for b := range ix.buckets {
		for _, pos := range ix.buckets[b][ix.bandKey(sig, b)] {
			if best >= 0 && pos >= best {
				break // positions are ascending: nothing earlier remains here
			}
			if checked[pos] {
				continue
			}
			checked[pos] = true
			other := ix.sigs[pos]
			s := Similarity(sig, other)
			if s >= ix.threshold(sig, other) {
				best, similarity = pos, s
			}
		}
	}
	if best < 0 {
		return 0, 0, false
	}
	return ix.articles[best], similarity, true
}

// threshold is the similarity two texts need to be copies: stricter when
// either is short.
func (ix *Index) threshold(a, b []uint32) float64 {
	if min(shingles(a), shingles(b)) < ix.opts.ShortShingles {
		return ix.opts.ShortThreshold
	}
	return ix.opts.Threshold
}

// bandKey hashes rows of band b of the signature into one bucket key.
func (ix *Index) bandKey(sig []uint32, b int) uint64 {
	h := uint64(b+1) * 0x9e3779b97f4a7c15
	for _, v := range sig[b*ix.rows : (b+1)*ix.rows] {
		h = bits.RotateLeft64(h^uint64(v), 29) * 0xbf58476d1ce4e5b9
	}
	return h
}
