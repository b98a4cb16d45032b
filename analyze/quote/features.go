package quote

import (
	"math"
	"sort"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/analyze"
)

// featureNames name the inputs of a Model, in order.
var featureNames = [...]string{
	"bias",
	"rule",          // the hand rules keep the segment
	"woven",         // a word that is not a verb of saying leads into it
	"nickname",      // Donald “The Donald” Trump
	"work_title",    // the book “…”
	"clause",        // a reporting clause was found
	"tight",         // the clause touches the quotation
	"clause_after",  // the clause follows it
	"lead",          // the writer's words open the sentence before the clause
	"lower_start",   // it begins with a lower-case letter
	"title_like",    // every long word capitalised, no full stop
	"short",         // fewer than minWords words
	"log_words",     // ln(1 + words) / 4
	"resumes",       // it takes up the quotation before after its clause
	"goes_on",       // it may take the speaker of the quote before
	"standalone",    // a sentence of its own, not a heading
	"opens_para",    // it opens its paragraph
	"ends_para",     // it ends its paragraph
	"continues",     // the quotation runs on from the paragraph before
	"closed",        // it has a closing mark
	"ref_name",      // the clause names the speaker
	"ref_pronoun",   // by a pronoun
	"ref_noun",      // by a common noun ("the minister")
	"ends_sentence", // its words end with a full stop
	"first_para",    // in the first paragraph (often the title)
	"after_colon",   // a colon stands before it
	"single_marks",  // in single quotation marks
	"para_share",    // the share of its paragraph it covers
	"sentences",     // min(sentence ends inside, 4) / 4
	"prev_quote",    // a quotation in the paragraph before
	"prev_speech",   // a verb of saying outside quotation marks in the paragraph before
	"speech_before", // one before it in its own paragraph
	"lead_words",    // ln(1 + words of its sentence before the opening mark) / 3
}

// nFeatures is the number of a Model's inputs.
const nFeatures = len(featureNames)

// features are a segment's inputs to a Model.
type features [nFeatures]float64

// featureFlags are the hand rules' findings about a segment.
type featureFlags struct {
	rule, woven, nickname, work, titled, resumes, goesOn, alone bool
}

// features returns the inputs of a Model for segment s, whose words are
// runes [start, end), with the reporting clause a (found when ok).
func (d *doc) features(s segment, start, end, words int, a attribution, ok bool, f featureFlags) features {
	var x features
	b := func(v bool) float64 {
		if v {
			return 1
		}
		return 0
	}
	p := d.paras[s.para]
	prev := d.tokAfter(s.open) - 1
	sentences := 0
	for i := d.tokAfter(start); i < len(d.toks) && d.toks[i].End <= end; i++ {
		if isTerminal(d.toks[i].Text) {
			sentences++
		}
	}
	x[0] = 1
	x[1] = b(f.rule)
	x[2] = b(f.woven)
	x[3] = b(f.nickname)
	x[4] = b(f.work)
	x[5] = b(ok)
	x[6] = b(ok && a.tight)
	x[7] = b(ok && a.after)
	x[8] = b(ok && a.lead)
	x[9] = b(d.lowerStart(start))
	x[10] = b(f.titled)
	x[11] = b(words < minWords)
	x[12] = math.Log1p(float64(words)) / 4
	x[13] = b(f.resumes)
	x[14] = b(f.goesOn)
	x[15] = b(f.alone)
	x[16] = b(d.opensParagraph(s))
	x[17] = b(!s.closed || s.close == p.end)
	x[18] = b(s.continues)
	x[19] = b(s.closed)
	x[20] = b(ok && a.ref.kind == refName)
	x[21] = b(ok && a.ref.kind == refPronoun)
	x[22] = b(ok && a.ref.kind == refNoun)
	x[23] = b(d.innerEndsSentence(s))
	x[24] = b(s.para == 0)
	x[25] = b(prev >= 0 && d.toks[prev].Text == ":")
	x[26] = b(s.fam == single)
	x[27] = float64(s.close-s.open) / float64(max(1, p.end-p.start))
	x[28] = float64(min(sentences, 4)) / 4
	if s.para > 0 {
		q := d.paras[s.para-1]
		x[29] = b(d.quotedIn(q.start, q.end))
		x[30] = b(d.saysOutside(d.tokAfter(q.start), d.tokAfter(q.end)))
	}
	x[31] = b(d.saysOutside(d.tokAfter(p.start), d.tokAfter(s.open)))
	x[32] = math.Log1p(float64(d.leadWords(s))) / 3
	return x
}

// quotedIn reports whether a segment opens in runes [a, b).
func (d *doc) quotedIn(a, b int) bool {
	k := sort.Search(len(d.segs), func(i int) bool { return d.segs[i].open >= a })
	return k < len(d.segs) && d.segs[k].open < b
}

// saysOutside reports whether a verb of saying stands among tokens [i, lim)
// outside quotation marks.
func (d *doc) saysOutside(i, lim int) bool {
	for ; i < lim; i++ {
		if _, ok := d.speechAt(i, lim); ok && !d.inSegment(d.toks[i].Start) {
			return true
		}
	}
	return false
}

// inSegment reports whether rune offset pos lies inside a segment's marks.
func (dm *Document) inSegment(pos int) bool {
	k := sort.Search(len(dm.segs), func(i int) bool { return dm.segs[i].close > pos })
	return k < len(dm.segs) && dm.segs[k].open <= pos
}

// leadWords counts the words of the sentence before segment s opens, back
// to a sentence break, the paragraph start or the quotation before.
func (d *doc) leadWords(s segment) int {
	floor := d.paras[s.para].start
	n := 0
	for i := d.tokAfter(s.open) - 1; i >= 0 && d.toks[i].Start >= floor; i-- {
		if d.isBreak(i) && d.toks[i].Kind != analyze.Space {
			break
		}
		if k := d.toks[i].Kind; k == analyze.Word || k == analyze.Number {
			n++
		}
	}
	return n
}

// Candidate is a quoted segment of a text, a possible direct quote, with
// the inputs a Model decides it by: for training a Model on labelled text.
type Candidate struct {
	// Start and End are the rune offsets of its words.
	Start, End int
	// Rule tells whether the hand rules keep it.
	Rule bool
	// Features are the Model's inputs.
	Features []float64
}

// Candidates returns every quoted segment of the document read with the
// people (as for Find), with the hand rules' decision and the features a
// Model decides by.
func (dm *Document) Candidates(people []storyline.Mention) []Candidate {
	if len(dm.segs) == 0 {
		return nil
	}
	d := dm.read(people, nil)
	d.featured = true
	cs := d.candidates()
	out := make([]Candidate, len(cs))
	for i, c := range cs {
		out[i] = Candidate{Start: c.p.start, End: c.p.end, Rule: c.rule, Features: c.x}
	}
	return out
}
