package document

import (
	"strings"

	"github.com/storyline-news/storyline/analyze"
)

// characterising verbs put a label on something: "characterized the
// comments as reckless", "were branded reckless", "calling Trump
// complicit".
var characterising = wordSet(`brand branded brands branding call called calls calling characterize
	characterized characterizes characterizing characterise characterised characterises describe
	described describes describing label labelled labeled labels term termed dub dubbed denounce
	denounced denounces condemn condemned condemns slam slammed slams decry decried`)

// passiveAux are the auxiliaries of a passive verb ("were branded").
var passiveAux = wordSet(`is are was were be been being`)

// labels returns the keys of the words a characterising verb in tokens
// [first, last) puts on its object: after "as" ("characterized ... as
// reckless and incendiary"), or right after a passive verb ("were branded
// “reckless” by ...").
func (t *text) labels(first, last int) []string {
	var out []string
	for v := first; v < last; v++ {
		if !t.class[v].has(characterisingWord) {
			continue
		}
		start := -1
		for k := v + 1; k < last && k < v+10; k++ {
			if strings.EqualFold(t.toks[k].Text, "as") {
				start = k + 1
				break
			}
		}
		if start < 0 && v > first && t.class[v-1].has(passiveAuxWord) {
			start = v + 1
		}
		if start < 0 {
			continue
		}
		for k := start; k < last && k < start+6; k++ {
			tk := t.toks[k]
			lw := t.low[k]
			if lw == "by" || tk.Kind == analyze.Space || tk.Kind == analyze.Punct && strings.ContainsAny(tk.Text, ",.;:!?") {
				break
			}
			if tk.Kind != analyze.Word || analyze.IsStopword(lw) {
				continue
			}
			out = appendOnce(out, termKey(lw))
		}
	}
	return out
}

// attribution returns who tokens [first, last) are attributed to: the
// agent of a passive characterisation ("by Washington officials"), the
// object of "according to", or the subject of a reporting or
// characterising verb ("The State Department characterized ...").
func (t *text) attribution(first, last int) string {
	for k := first; k < last-1; k++ {
		w := t.low[k]
		switch {
		case w == "according" && strings.EqualFold(t.toks[k+1].Text, "to"):
			return t.phraseFrom(k+2, last)
		case w == "by" && k > first && t.passiveBefore(k):
			return t.phraseFrom(k+1, last)
		}
	}
	for v := first + 1; v < last; v++ {
		if !t.class[v].has(reportingWord|characterisingWord) || t.class[v-1].has(passiveAuxWord) {
			continue
		}
		// The subject: the words before the verb back to the clause
		// start or a comma, if it names someone (a capital or a noun
		// such as "officials").
		s := v
		for s > first && t.toks[s-1].Kind == analyze.Word && v-s < 6 {
			s--
		}
		if s < v && (IsCapital(t.toks[s].Text) || strings.EqualFold(t.toks[s].Text, "the")) {
			return t.span(t.toks[s].Start, t.toks[v-1].End)
		}
		if v-1 >= first && (t.toks[v-1].Text == "," || t.toks[v-1].Kind == analyze.Punct) && v+1 < last {
			return t.phraseFrom(v+1, last) // ", said the minister."
		}
	}
	return ""
}

// passiveBefore reports whether a passive verb comes shortly before "by"
// at token k ("were branded “reckless” by").
func (t *text) passiveBefore(k int) bool {
	for j := k - 1; j > 0 && j >= k-5; j-- {
		if t.class[j].has(passiveAuxWord) && pastTense(t.toks[j+1].Text) {
			return true
		}
	}
	return false
}

// phraseFrom returns the noun phrase that starts at token k: up to six
// words, ending at punctuation or a lower-case verb-like word.
func (t *text) phraseFrom(k, last int) string {
	end := k
	for end < last && end < k+6 {
		tk := t.toks[end]
		if tk.Kind == analyze.Space || tk.Kind == analyze.Punct && tk.Text != "'s" && tk.Text != "’s" {
			break
		}
		w := t.low[end]
		if end > k && (t.class[end].has(auxiliaryWord) || w == "that" || w == "who" || w == "which" || w == "on" || w == "in") {
			break
		}
		end++
	}
	if end == k {
		return ""
	}
	return t.span(t.toks[k].Start, t.toks[end-1].End)
}
