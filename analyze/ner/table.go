package ner

import (
	"maps"
	"math"
	"slices"
)

// table is a read-only copy of a weight table laid out for decoding: an
// open-addressing hash of the feature keys (linear probing, at most half
// full), with each key's weights, quantised to 16 bits, stored beside it.
// Finding a feature costs one read of a 24-byte slot in a 6 MB array, where
// a Go map costs several scattered reads; sums of quantised weights are
// exact in integers and scaled once.
type table struct {
	slots []slot
	// marks holds a byte of each slot's key, 0 for a free slot: probing
	// it, a quarter of a megabyte that stays in cache, finds most absent
	// features (a third of the look-ups) without reading a slot.
	marks []uint8
	scale float32 // a quantised weight times scale is the weight
	empty uint32  // marks a free slot: a key that no feature has
	shift uint    // 32 - log2(len(slots))
	// The tag-history features that read no word, resolved once: the slot
	// of fTag1 by previous tag and of fTag2 by (tag before that, previous).
	tag1 [numLabels]int32
	tag2 [numLabels][numLabels]int32
	// tagSums are the sums of the weights of fTag1 and fTag2 by (tag before
	// that, previous tag).
	tagSums [numLabels][numLabels][numLabels]int32
	// The sums of the features that read a neighbour alone (sideKeys,
	// farKeys) where the neighbour is beyond the sentence's ends.
	edge struct{ prev, next, prev2, next2 [numLabels]int32 }
}

// slot is a feature key with its weights, one per label.
type slot struct {
	key uint32
	w   [numLabels]int16
}

// newTable copies a weight table into decoding layout. The weights are
// quantised as Save does, so that a loaded model decodes with exactly the
// weights it was saved with.
func newTable(m *weights) *table {
	maxAbs := 0.0
	for _, v := range m.w {
		maxAbs = max(maxAbs, math.Abs(float64(v)))
	}
	scale := maxAbs / math.MaxInt16
	if scale == 0 {
		scale = 1
	}
	keys := slices.Sorted(maps.Keys(m.index))
	q := make([]int16, 0, len(keys)*numLabels)
	for _, k := range keys {
		r := m.index[k]
		for _, v := range m.w[int(r)*numLabels : int(r)*numLabels+numLabels] {
			q = append(q, int16(math.Round(float64(v)/scale)))
		}
	}
	return tableOf(keys, q, float32(scale))
}

// tableOf lays out feature keys, in increasing order, each with its
// numLabels quantised weights in q, for decoding; a quantised weight times
// scale is the weight.
func tableOf(keys []uint32, q []int16, scale float32) *table {
	bits := uint(4)
	for 1<<bits < 2*len(keys) {
		bits++
	}
	t := &table{slots: make([]slot, 1<<bits), marks: make([]uint8, 1<<bits), shift: 32 - bits, scale: scale}
	for {
		if _, found := slices.BinarySearch(keys, t.empty); !found {
			break
		}
		t.empty++
	}
	for i := range t.slots {
		t.slots[i].key = t.empty
	}
	mask := uint32(len(t.slots) - 1)
	for r, k := range keys {
		i := t.home(k)
		for t.slots[i].key != t.empty {
			i = (i + 1) & mask
		}
		t.slots[i].key = k
		t.marks[i] = mark(k)
		copy(t.slots[i].w[:], q[r*numLabels:r*numLabels+numLabels])
	}
	t.sumKeys(&t.edge.prev, sideKeys(nil, &boundary, &prevSide))
	t.sumKeys(&t.edge.next, sideKeys(nil, &boundary, &nextSide))
	t.sumKeys(&t.edge.prev2, farKeys(nil, &boundary, &prevSide))
	t.sumKeys(&t.edge.next2, farKeys(nil, &boundary, &nextSide))
	var dyn [5]uint32
	for prev := range numLabels {
		for prev2 := range numLabels {
			dynamicFeatures(&boundary, prev, prev2, &dyn)
			t.tag1[prev] = t.slot(dyn[0])
			t.tag2[prev2][prev] = t.slot(dyn[1])
			t.sumKeys(&t.tagSums[prev2][prev], dyn[:2])
		}
	}
	return t
}

// weights returns the table's weights as a weight table.
func (t *table) weights() weights {
	m := weights{index: make(map[uint32]int32)}
	for _, s := range t.slots {
		if s.key == t.empty {
			continue
		}
		m.index[s.key] = int32(len(m.w) / numLabels)
		for _, q := range s.w {
			m.w = append(m.w, float32(q)*t.scale)
		}
	}
	return m
}

// home is the first slot to probe for a key. Keys are already hashes; the
// multiplication spreads them over the high bits the shift keeps.
func (t *table) home(k uint32) uint32 { return (k * 0x9E3779B1) >> t.shift }

// mark is the byte of key k kept in table.marks: never 0.
func mark(k uint32) uint8 { return uint8(k) | 1 }

// slot returns the slot of a feature key, -1 when the model lacks it.
func (t *table) slot(k uint32) int32 {
	if k == t.empty {
		return -1
	}
	mask := uint32(len(t.slots) - 1)
	m := mark(k)
	for i := t.home(k); ; i = (i + 1) & mask {
		switch t.marks[i] {
		case 0:
			return -1
		case m:
			if t.slots[i].key == k {
				return int32(i)
			}
		}
	}
}

// sumKeys adds the quantised weights of feature keys to sum, keeping the
// running sums in locals, which the compiler holds in registers.
func (t *table) sumKeys(sum *[numLabels]int32, keys []uint32) {
	s0, s1, s2, s3, s4, s5, s6, s7, s8 := sum[0], sum[1], sum[2], sum[3], sum[4], sum[5], sum[6], sum[7], sum[8]
	for _, k := range keys {
		s := t.slot(k)
		if s < 0 {
			continue
		}
		w := &t.slots[s].w
		s0, s1, s2, s3, s4, s5, s6, s7, s8 = s0+int32(w[0]), s1+int32(w[1]), s2+int32(w[2]), s3+int32(w[3]), s4+int32(w[4]), s5+int32(w[5]), s6+int32(w[6]), s7+int32(w[7]), s8+int32(w[8])
	}
	*sum = [numLabels]int32{s0, s1, s2, s3, s4, s5, s6, s7, s8}
}

// scaleInto adds integer sums of quantised weights to scores.
func (t *table) scaleInto(scores *[numLabels]float32, sums [numLabels]int32) {
	for l, v := range sums {
		scores[l] += float32(v) * t.scale
	}
}

// wordHistory caches, for one token, the slots of the tag-history features
// that read the word (fTag1Word, fTag1Shape, fTag1Class) by previous tag:
// the hypotheses of a beam mostly share their last tag.
type wordHistory struct {
	known uint16 // bit prev: slots[prev] is filled
	slots [numLabels][3]int32
}

// add adds to scores the weights of all the tag-history features of tok, in
// the order of dynamicFeatures, as the training decoder does.
func (h *wordHistory) add(t *table, tok *token, prev, prev2 int, scores *[numLabels]float32) {
	if h.known&(1<<prev) == 0 {
		var keys [5]uint32
		dynamicFeatures(tok, prev, prev2, &keys)
		for j := range h.slots[prev] {
			h.slots[prev][j] = t.slot(keys[2+j])
		}
		h.known |= 1 << prev
	}
	sl := &h.slots[prev]
	t.addSlots(scores, [5]int32{t.tag1[prev], t.tag2[prev2][prev], sl[0], sl[1], sl[2]})
}

// addSlots adds the weights at slots (-1: none) to scores, as addKeys
// does.
func (t *table) addSlots(scores *[numLabels]float32, slots [5]int32) {
	var s0, s1, s2, s3, s4, s5, s6, s7, s8 int32
	for _, s := range slots {
		if s < 0 {
			continue
		}
		w := &t.slots[s].w
		s0, s1, s2, s3, s4, s5, s6, s7, s8 = s0+int32(w[0]), s1+int32(w[1]), s2+int32(w[2]), s3+int32(w[3]), s4+int32(w[4]), s5+int32(w[5]), s6+int32(w[6]), s7+int32(w[7]), s8+int32(w[8])
	}
	t.scaleInto(scores, [numLabels]int32{s0, s1, s2, s3, s4, s5, s6, s7, s8})
}
