package cluster

import (
	"math"
	"time"
)

// fieldWeight is the weight of each field's cosine in a score; fields that
// one side lacks are left out and the rest renormalised.
var fieldWeight = [nFields]float64{title: 1, body: 2, entities: 1}

// parts are the components of one score, kept for explanations.
type parts struct {
	cos   [nFields]float64 // cosine per field
	has   [nFields]bool    // whether both sides have the field
	terms int              // document length behind the calibration
	decay float64          // time decay, 1 when none
	burst float64          // factor by which a burst lowers the bar, 1 when none
	gap   time.Duration    // time between the two, -1 if unknown
}

// text returns the weighted mean of the field cosines present on both
// sides, calibrated for length (see calibrate).
func (p *parts) text() float64 {
	var sum, wsum float64
	for f := range p.cos {
		if p.has[f] {
			sum += fieldWeight[f] * p.cos[f]
			wsum += fieldWeight[f]
		}
	}
	if wsum == 0 {
		return 0
	}
	return calibrate(sum/wsum, p.terms)
}

// score is the same-story score: the calibrated text similarity times the
// time decay, in [0, 1].
func (p *parts) score() float64 { return p.text() * p.decay }

// strength is the score with the burst bonus, what a threshold is compared
// with: score·burst ≥ threshold.
func (p *parts) strength() float64 { return p.score() * p.burst }

// Length calibration. Two unrelated texts of a few words rarely share a
// rare term by chance, two unrelated articles of 300 distinct terms on the
// same beat share many: the cosine that says "same story" grows with
// length. Rather than thresholds per length, scores are calibrated: the
// cosine is raised to a power γ that is 1 up to shortTerms distinct terms
// and grows with the logarithm of the length (see longness) to
// 1+lengthPower at longTerms and beyond, so that one threshold serves
// headlines, snippets and full articles (0.12 on the calibrated scale is a
// cosine of 0.12 for a snippet, 0.16 for a full article).
//
// A long text also carries its own evidence of which event it reports
// (names, places, numbers), where a headline leans on its time: the time
// constants Grace and HalfLife stretch with longness by up to
// longTimeScale, so that the second day of a developing story, told in
// full, still joins it while the next day's two-line market report does
// not.
const (
	shortTerms    = 30
	longTerms     = 300
	lengthPower   = 0.15
	longTimeScale = 8
)

// longness is 0 up to shortTerms distinct terms, 1 at longTerms and
// beyond, growing with the logarithm of the length in between.
func longness(n int) float64 {
	if n <= shortTerms {
		return 0
	}
	return min(1, math.Log(float64(n)/shortTerms)/math.Log(longTerms/shortTerms))
}

// calibrate maps a cosine of a document of n distinct terms to the common
// scale (see the constants above).
func calibrate(cos float64, n int) float64 {
	if n <= shortTerms || cos <= 0 {
		return cos
	}
	g := 1 + lengthPower*longness(n)
	return math.Pow(cos, g)
}

// timeFactors returns the decay and burst factors between a document
// published at t and a story whose articles span [first, last], and the
// gap between them:
//
//   - decay is 1 up to Grace and halves every HalfLife after: a story whose
//     last article is a day old is most likely over, and a new report on
//     the same subject is a new development. Both stretch with the
//     longness of a document of terms distinct terms, by up to
//     longTimeScale (see the length calibration);
//   - burst is 1+Burst at no gap and fades by half every BurstHalfLife:
//     reports of an event come in bursts, and a story that got an article
//     minutes ago needs less textual evidence.
//
// Unknown times give 1, 1 and a gap of -1. When either time is a date
// alone (exactly midnight), the gap is counted in whole days less one (the
// same or the next day is no gap) and there is no burst, which a date
// cannot show.
func (c *Clusterer) timeFactors(t, first, last time.Time, terms int) (decay, burst float64, gap time.Duration) {
	if t.IsZero() || last.IsZero() {
		return 1, 1, -1
	}
	var from time.Time
	switch {
	case t.After(last):
		gap, from = t.Sub(last), last
	case t.Before(first):
		gap, from = first.Sub(t), first
	}
	burst = 1
	if dateOnly(t) || (gap > 0 && dateOnly(from)) {
		gap = max(0, gap-24*time.Hour)
	} else {
		burst += c.opts.Burst * math.Exp2(-float64(gap)/float64(c.opts.BurstHalfLife))
	}
	decay = 1
	scale := 1 + (longTimeScale-1)*longness(terms)
	grace, half := time.Duration(float64(c.opts.Grace)*scale), time.Duration(float64(c.opts.HalfLife)*scale)
	if gap > grace {
		decay = math.Exp2(-float64(gap-grace) / float64(half))
	}
	return decay, burst, gap
}

// dateOnly reports whether t is exactly midnight: a publication date given
// without a time of day.
func dateOnly(t time.Time) bool {
	h, m, s := t.Clock()
	return h == 0 && m == 0 && s == 0 && t.Nanosecond() == 0
}

// scored is a candidate story with its score.
type scored struct {
	story *story
	parts parts
}

// docNorms returns the IDF-weighted lengths of a document's fields.
func (c *Clusterer) docNorms(x docVecs) [nFields]float64 {
	var n [nFields]float64
	for f := range x {
		n[f] = c.vocab.norm(x[f])
	}
	return n
}

// scoreStory returns the score parts of a document against a story, given
// the document's field norms and its dot products with the centroid.
func (c *Clusterer) scoreStory(x docVecs, xn, dot [nFields]float64, st *story, t time.Time) parts {
	p := parts{terms: distinctTerms(x)}
	for f := range x {
		if x[f].empty() || st.centroid[f].empty() {
			continue
		}
		p.has[f] = true
		if d := xn[f] * c.norm(st, field(f)); d > 0 {
			p.cos[f] = min(1, dot[f]/d)
		}
	}
	p.decay, p.burst, p.gap = c.timeFactors(t, st.first, st.last, p.terms)
	return p
}

// storySim returns the score parts of two stories' centroids, calibrated
// for the shorter of their mean document lengths, with the time factors
// between their spans.
func (c *Clusterer) storySim(a, b *story) parts {
	p := parts{terms: min(a.meanTerms(), b.meanTerms())}
	for f := range a.centroid {
		if a.centroid[f].empty() || b.centroid[f].empty() {
			continue
		}
		p.has[f] = true
		if d := c.norm(a, field(f)) * c.norm(b, field(f)); d > 0 {
			p.cos[f] = min(1, c.vocab.dot(a.centroid[f].vec, b.centroid[f].vec)/d)
		}
	}
	switch {
	case a.last.IsZero() || b.last.IsZero():
		p.decay, p.burst, p.gap = 1, 1, -1
	case a.first.After(b.last):
		p.decay, p.burst, p.gap = c.timeFactors(a.first, b.first, b.last, p.terms)
	case b.first.After(a.last):
		p.decay, p.burst, p.gap = c.timeFactors(b.first, a.first, a.last, p.terms)
	default: // the spans overlap
		p.decay, p.burst, p.gap = c.timeFactors(b.last, b.first, b.last, p.terms)
	}
	return p
}
