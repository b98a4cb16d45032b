package ner

// table is a read-only copy of a weight table laid out for decoding: an
// open-addressing hash of the feature keys (linear probing, at most half
// full), with each key's weights stored at its slot. Finding a feature costs
// a probe or two in a key array small enough to stay in cache and one read
// of its weights, where a Go map costs several scattered reads.
type table struct {
	keys  []uint32
	w     [][numLabels]float32
	empty uint32 // marks a free slot: a key that no feature has
	shift uint   // 32 - log2(len(keys))
	// The tag-history features that read no word, resolved once: the slot
	// of fTag1 by previous tag and of fTag2 by (tag before that, previous).
	tag1 [numLabels]int32
	tag2 [numLabels][numLabels]int32
}

// newTable copies a weight table into decoding layout.
func newTable(m *weights) *table {
	bits := uint(4)
	for 1<<bits < 2*len(m.index) {
		bits++
	}
	t := &table{keys: make([]uint32, 1<<bits), w: make([][numLabels]float32, 1<<bits), shift: 32 - bits}
	for {
		if _, ok := m.index[t.empty]; !ok {
			break
		}
		t.empty++
	}
	for i := range t.keys {
		t.keys[i] = t.empty
	}
	mask := uint32(len(t.keys) - 1)
	for k, r := range m.index {
		i := t.home(k)
		for t.keys[i] != t.empty {
			i = (i + 1) & mask
		}
		t.keys[i] = k
		copy(t.w[i][:], m.w[int(r)*numLabels:int(r)*numLabels+numLabels])
	}
	var keys [5]uint32
	for prev := range numLabels {
		for prev2 := range numLabels {
			dynamicFeatures(&boundary, prev, prev2, &keys)
			t.tag1[prev] = t.slot(keys[0])
			t.tag2[prev2][prev] = t.slot(keys[1])
		}
	}
	return t
}

// home is the first slot to probe for a key. Keys are already hashes; the
// multiplication spreads them over the high bits the shift keeps.
func (t *table) home(k uint32) uint32 { return (k * 0x9E3779B1) >> t.shift }

// slot returns the slot of a feature key, -1 when the model lacks it.
func (t *table) slot(k uint32) int32 {
	if k == t.empty {
		return -1
	}
	mask := uint32(len(t.keys) - 1)
	for i := t.home(k); ; i = (i + 1) & mask {
		switch t.keys[i] {
		case k:
			return int32(i)
		case t.empty:
			return -1
		}
	}
}

// addKeys adds the weights of feature keys to scores, in order. The sums
// are kept in locals, which the compiler holds in registers.
func (t *table) addKeys(scores *[numLabels]float32, keys []uint32) {
	s0, s1, s2, s3, s4, s5, s6, s7, s8 := scores[0], scores[1], scores[2], scores[3], scores[4], scores[5], scores[6], scores[7], scores[8]
	for _, k := range keys {
		s := t.slot(k)
		if s < 0 {
			continue
		}
		w := &t.w[s]
		s0, s1, s2, s3, s4, s5, s6, s7, s8 = s0+w[0], s1+w[1], s2+w[2], s3+w[3], s4+w[4], s5+w[5], s6+w[6], s7+w[7], s8+w[8]
	}
	*scores = [numLabels]float32{s0, s1, s2, s3, s4, s5, s6, s7, s8}
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

// addSlots adds the weights at slots (-1: none) to scores, in order, as
// add would one slot after the other, keeping the sums in registers.
func (t *table) addSlots(scores *[numLabels]float32, slots [5]int32) {
	s0, s1, s2, s3, s4, s5, s6, s7, s8 := scores[0], scores[1], scores[2], scores[3], scores[4], scores[5], scores[6], scores[7], scores[8]
	for _, s := range slots {
		if s < 0 {
			continue
		}
		w := &t.w[s]
		s0, s1, s2, s3, s4, s5, s6, s7, s8 = s0+w[0], s1+w[1], s2+w[2], s3+w[3], s4+w[4], s5+w[5], s6+w[6], s7+w[7], s8+w[8]
	}
	*scores = [numLabels]float32{s0, s1, s2, s3, s4, s5, s6, s7, s8}
}
