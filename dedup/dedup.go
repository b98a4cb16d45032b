// Package dedup finds near-duplicate reports: syndicated copies of one wire
// text that outlets run with small edits (a new headline, a trimmed last
// paragraph, an added credit line), so that a copy counts as one source, not
// many.
//
// A text is reduced to its set of shingles (runs of Shingle consecutive
// analysed terms) and summarised by a MinHash signature of Hashes values: the
// fraction of equal values in two signatures estimates the Jaccard similarity
// of the two shingle sets (the standard error at Hashes = 128 is at most
// 0.044). Locality-sensitive hashing over bands of the signature finds the
// candidates without comparing a new text with every stored one.
//
// Why the defaults are what they are:
//
//   - Shingles of 3 content words (stop words are already gone): two
//     independent reports of one event share names and phrases but rarely
//     the same three content words in a row, while a copy keeps nearly all
//     of them. Editing one sentence of a 300-term article changes about 20
//     shingles, so light edits keep the Jaccard similarity above 0.8; a
//     trimmed last paragraph or an added credit line costs a few percent.
//   - Threshold 0.5: a copy with up to a third of its text cut or rewritten
//     still passes (Jaccard of a text and its first two thirds is 0.67),
//     while different reports of the same event stay below 0.1 in practice.
//   - 32 bands of 4 rows: a pair with Jaccard J becomes a candidate with
//     probability 1-(1-J⁴)³²: 0.87 at J = 0.5, 0.99 at 0.6, 1.0 at 0.8, and
//     0.03 at 0.2, so almost every true copy is compared and little else.
//   - Short texts are judged strictly. A text of fewer than MinTerms terms
//     (a bare headline such as "Live updates") gets no signature: too short
//     to tell a copy from a coincidence. A text of fewer than ShortShingles
//     shingles (headline or lede length) must match near-exactly (Jaccard
//     ≥ ShortThreshold, 0.9): two outlets' headlines on one event often share
//     most of their words ("flight MH370 missing" and "flight MH370 missing:
//     search widens" have Jaccard 0.6) without one being a copy of the other.
//
// Everything is deterministic: the hash functions come from fixed seeds, so a
// signature stored today matches one computed after a restart.
package dedup

import "math/bits"

// Defaults of the signature and the index.
const (
	// Hashes is the number of MinHash values in a signature.
	Hashes = 128
	// Shingle is the number of consecutive terms in a shingle.
	Shingle = 3
	// MinTerms is the fewest terms a text needs to get a signature.
	MinTerms = 5
)

// The hash functions: one 64-bit hash per shingle, then Hashes
// multiply-shift permutations of it with fixed odd multipliers.
var mulA, addB [Hashes]uint64

func init() {
	s := uint64(0x5eed_0f_d0c5)
	for i := range Hashes {
		mulA[i] = splitmix(&s) | 1
		addB[i] = splitmix(&s)
	}
}

// splitmix advances the SplitMix64 generator and returns its next value.
func splitmix(s *uint64) uint64 {
	*s += 0x9e3779b97f4a7c15
	z := *s
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// termHash is FNV-1a over the term's bytes, finished with a SplitMix64 step
// so that similar terms spread over all 64 bits. It is fixed across runs and
// machines, unlike hash/maphash.
func termHash(t string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(t); i++ {
		h ^= uint64(t[i])
		h *= 1099511628211
	}
	return splitmix(&h)
}

// Signature returns the MinHash signature of a text given as its analysed
// terms (analyze.Terms), in order: Hashes values followed by one more, the
// number of distinct shingles, which lets Index judge short texts strictly.
// It returns nil for a text of fewer than MinTerms terms.
func Signature(terms []string) []uint32 {
	if len(terms) < MinTerms {
		return nil
	}
	th := make([]uint64, len(terms))
	for i, t := range terms {
		th[i] = termHash(t)
	}
	sig := make([]uint32, Hashes+1)
	for i := range Hashes {
		sig[i] = ^uint32(0)
	}
	seen := make(map[uint64]struct{}, len(terms))
	for i := 0; i+Shingle <= len(th); i++ {
		h := uint64(0x243f6a8885a308d3)
		for _, x := range th[i : i+Shingle] {
			h = bits.RotateLeft64(h, 23) ^ x
			h *= 0x9e3779b97f4a7c15
		}
		if _, dup := seen[h]; dup {
			continue
		}
		seen[h] = struct{}{}
		for j := range Hashes {
			if v := uint32((mulA[j]*h + addB[j]) >> 32); v < sig[j] {
				sig[j] = v
			}
		}
	}
	sig[Hashes] = uint32(min(len(seen), 1<<31))
	return sig
}

// Similarity estimates the Jaccard similarity of the shingle sets behind two
// signatures: the fraction of positions where they agree. It is 0 when
// either signature is missing or they differ in length.
func Similarity(a, b []uint32) float64 {
	if len(a) != Hashes+1 || len(b) != Hashes+1 {
		return 0
	}
	eq := 0
	for i := range Hashes {
		if a[i] == b[i] {
			eq++
		}
	}
	return float64(eq) / Hashes
}

// shingles returns the number of distinct shingles recorded in a signature.
func shingles(sig []uint32) int { return int(sig[Hashes]) }
