package match

// verdict is what the model makes of a pair before the threshold: its
// probability, and what would change it.
type verdict struct {
	score float64
	// asIfAgreed is the probability were the pair's figures to agree: a
	// pair that is the same claim but for its figures is a conflict or an
	// update, not an unrelated pair.
	asIfAgreed    float64
	figuresDiffer bool
	change        bool // either passage marks a change ("rose to", "revised")
	modalDiffers  bool // one passage is a plan or possibility, the other not
	contentMax    float64
	namesShared   bool
}

// judge computes the verdict of a pair.
func (m *Model) judge(a, b *passage) verdict {
	x := features(a, b, &m.vocab, m.Words)
	v := verdict{
		score:        sigmoid(m.Forest.score(x)),
		change:       a.change || b.change,
		modalDiffers: a.modal != b.modal,
		contentMax:   x[idxContentMax],
		namesShared:  x[idxNamesJaccard] > 0 && len(a.names)+len(b.names) > 0,
	}
	v.asIfAgreed = v.score
	if x[idxFiguresDiffer] > 0 {
		// The same pair with every number the same: figures that agree.
		v.figuresDiffer = true
		y := features(a.withoutFigures(), b.withoutFigures(), &m.vocab, m.Words)
		copy(y[idxFiguresBoth:idxFiguresAlone+1], x[idxFiguresBoth:idxFiguresAlone+1])
		y[idxFiguresAgree] += y[idxFiguresDiffer]
		y[idxFiguresDiffer] = 0
		v.asIfAgreed = sigmoid(m.Forest.score(y))
	}
	return v
}

// relation says how a pair relates at a threshold: a conflict when the
// pair is, or would be but for them, the same claim with figures that
// disagree, or an update where either passage marks a change; an update
// when one passage plans or foresees what the other reports done; the
// same claim; related when they share much without stating the same
// fact; else unrelated.
func (v verdict) relation(threshold float64) Relation {
	switch {
	case v.figuresDiffer && v.asIfAgreed >= threshold:
		if v.change {
			return Update
		}
		return Conflict
	case v.score >= threshold && v.modalDiffers:
		return Update
	case v.score >= threshold:
		return Same
	case v.contentMax >= 0.25 || v.namesShared:
		return Related
	}
	return Unrelated
}

// Indexes of the features that judge reads.
var (
	idxContentMax    = index("content_max")
	idxNamesJaccard  = index("names_jaccard")
	idxFiguresBoth   = index("figures_both")
	idxFiguresAgree  = index("figures_agree")
	idxFiguresAlone  = index("figures_alone")
	idxFiguresDiffer = index("figures_differ")
)

func index(name string) int {
	for i, n := range featureNames {
		if n == name {
			return i
		}
	}
	panic("match: no feature " + name)
}
