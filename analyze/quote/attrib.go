package quote

import (
	"strings"

	"github.com/storyline-news/storyline/analyze"
)

// refKind tells what kind of phrase names a speaker.
type refKind uint8

const (
	refName    refKind = iota + 1 // "Gustavo Petro", "Sen. Warren"
	refPronoun                    // "he", "she", "they"
	refNoun                       // "the minister", "a spokeswoman for the campaign"
)

// ref is the phrase that names a speaker: tokens [a, b).
type ref struct {
	a, b int
	kind refKind
}

// attribution is the reporting clause of a quote, when one is found.
type attribution struct {
	ref ref
	// tight is true when the clause touches the quote: "…,” she said" or
	// "she said: “…”", rather than a verb somewhere earlier in the sentence.
	tight bool
	// after is true when the clause follows the quote.
	after bool
	// lead is true when the writer's own words open the sentence before a
	// reporting clause that introduces the quote ("An economic downturn, he
	// said, “could …”"): the quote then completes the writer's sentence.
	lead bool
}

// isBreak reports whether token i ends a clause for attribution: sentence
// punctuation, a line break or a quotation mark.
func (d *doc) isBreak(i int) bool {
	t := d.toks[i]
	if t.Kind == analyze.Space {
		return true
	}
	if t.Kind != analyze.Punct {
		return false
	}
	if t.Text == "." && i > 0 && d.toks[i-1].End == t.Start && i+1 < len(d.toks) {
		// "(D-Md.) said", "R-Ky., said": an abbreviation's period.
		n := d.toks[i+1]
		if n.Text == ")" || n.Text == "," || n.Kind == analyze.Word && !d.isCap(i+1) {
			return false
		}
	}
	return isTerminal(t.Text) || t.Text == ";" || d.isMark(t.Start)
}

// speechAt reports whether token i is a verb of saying, and returns the
// index after it (after its particle for "shot back", "put it").
func (d *doc) speechAt(i, lim int) (int, bool) {
	if i >= lim || d.toks[i].Kind != analyze.Word {
		return i, false
	}
	w := d.low(i)
	if !speechVerbs[w] || d.isCap(i) && i > 0 && d.toks[i-1].Text != "," && !d.isBreak(i-1) {
		// "United States", but "Murphy, the head of X, Tweeted" and a
		// sentence that opens with its verb: "Said the minister: …"
		return i, false
	}
	if i > 0 && (articles[d.low(i-1)] || d.toks[i-1].Text == "'s" || d.toks[i-1].Text == "’s") {
		return i, false // a noun: "the report said", "in a post"
	}
	if p, ok := verbNeedsParticle[w]; ok && p != "" {
		if i+1 < lim && d.low(i+1) == p {
			return i + 2, true
		}
		return i, false
	}
	return i + 1, true
}

// limitAfter returns the token index where the text after segment si stops
// being its own: the next quotation in the paragraph or the paragraph end.
func (d *doc) limitAfter(si int) int {
	s := d.segs[si]
	end := d.paras[s.para].end
	if si+1 < len(d.segs) && d.segs[si+1].para == s.para {
		end = d.segs[si+1].open
	}
	return d.tokAfter(end)
}

// after finds a reporting clause right after segment si: "…,” said X",
// "…,” X, the minister, said", "…,” according to X".
func (d *doc) after(si int) (attribution, bool) {
	s := d.segs[si]
	if !s.closed {
		return attribution{}, false
	}
	i, lim := d.tokAfter(s.close), d.limitAfter(si)
	if i < lim && isDash(d.toks[i].Text) {
		// A signature: "“…” ― Ana Ruiz", "“…” — Ana Ruiz, voter".
		if r, ok := d.signature(i+1, lim); ok {
			return attribution{ref: r, tight: true, after: true}, true
		}
	}
	if i < lim && (d.toks[i].Text == "," || isDash(d.toks[i].Text)) {
		i++
	}
	if i >= lim {
		return attribution{}, false
	}
	endsSentence := d.innerEndsSentence(s)
	if v, ok := d.speechAt(i, lim); ok {
		r, ok := d.npForward(v, lim)
		if ok && (!endsSentence || d.shortTail(r.b, lim)) {
			return attribution{ref: r, tight: true, after: true}, true
		}
		return attribution{}, false
	}
	if d.low(i) == "according" && i+1 < lim && d.low(i+1) == "to" {
		if r, ok := d.npForward(i+2, lim); ok {
			return attribution{ref: r, tight: true, after: true}, true
		}
	}
	for v := i + 1; v < lim && v < i+32; v++ {
		if d.isBreak(v) {
			break
		}
		next, ok := d.speechAt(v, lim)
		if !ok {
			continue
		}
		if d.toks[v-1].Text == "," {
			// "“…” for Clinton, said Kunin": the speaker follows the verb.
			if r, ok := d.npForward(next, lim); ok && r.kind != refPronoun {
				return attribution{ref: r, tight: true, after: true}, true
			}
		}
		r, ok := d.subject(i, v)
		if !ok || (endsSentence && !d.shortTail(next, lim)) {
			return attribution{}, false
		}
		return attribution{ref: r, tight: true, after: true}, true
	}
	return attribution{}, false
}

func isDash(s string) bool { return s == "—" || s == "–" || s == "―" || s == "-" || s == "--" }

// signature reads a name that signs a quotation after a dash: the name
// must be all that follows, but for a short description after a comma.
func (d *doc) signature(j, lim int) (ref, bool) {
	if j >= lim || !d.isCap(j) {
		return ref{}, false
	}
	a, b := d.capRun(j)
	r, ok := d.nameRef(a, min(b, lim))
	if !ok {
		return ref{}, false
	}
	if b < lim && d.toks[b].Text != "," && !(d.toks[b].Text == "." && b+1 >= lim) {
		return ref{}, false
	}
	return r, true
}

// innerEndsSentence reports whether the quotation ends with a full stop, so
// that what follows it is a new sentence rather than its reporting clause.
func (d *doc) innerEndsSentence(s segment) bool {
	for k := s.end - 1; k >= s.start; k-- {
		switch c := d.r.at(k); {
		case c == ' ' || isQuoteRune(c):
			continue
		default:
			return c == '.'
		}
	}
	return false
}

// shortTail reports whether the reporting clause ends at token i: what
// follows is punctuation or a prepositional phrase, not a new statement
// ("He said." vs "He said he would run").
func (d *doc) shortTail(i, lim int) bool {
	if i >= lim {
		return true
	}
	t := d.toks[i]
	if t.Text == "," {
		// "He said, twice, that he would …": a statement of its own.
		for k := i + 1; k < lim && k < i+8 && !d.isBreak(k); k++ {
			if d.low(k) == "that" {
				return false
			}
		}
		return true
	}
	if t.Kind == analyze.Punct {
		return true
	}
	switch d.low(i) {
	case "in", "on", "at", "during", "to", "after", "before", "while", "via", "from", "with",
		"last", "this", "earlier", "later", "monday", "tuesday", "wednesday", "thursday",
		"friday", "saturday", "sunday", "today", "yesterday", "tonight", "recently":
		return true
	}
	return false
}

// subject returns the speaker phrase among tokens [i, v) before the verb at
// v, without adverbs ("he later said"): the words after the last comma, or,
// when the comma touches the verb, the words before the first one, an
// appositive standing between ("Ana Ruiz, the minister, said").
func (d *doc) subject(i, v int) (ref, bool) {
	b := v
	for b > i && isAdverb(d.low(b-1)) {
		b--
	}
	first, last := -1, -1
	for k := i; k < b; k++ {
		if t := d.toks[k].Text; t == "," || t == "(" || t == ")" {
			if first < 0 {
				first = k
			}
			last = k
		}
	}
	switch {
	case last < 0:
		return d.phrase(i, b)
	case last < b-1:
		return d.phrase(last+1, b)
	}
	r, ok := d.phrase(i, first)
	if (!ok || r.kind == refNoun) && first < last {
		if n, ok := d.wholeName(first+1, last); ok {
			return n, true // "its president, Carla Mendes, said"
		}
	}
	return r, ok
}

// wholeName returns the name that fills tokens [a, b), if they are one.
func (d *doc) wholeName(a, b int) (ref, bool) {
	if a >= b || !d.isCap(a) {
		return ref{}, false
	}
	s, e := d.capRun(a)
	if s != a || e != b {
		return ref{}, false
	}
	return d.nameRef(a, b)
}

// isAdverb reports whether a lower-cased word is an adverb that may stand
// next to a verb of saying: a listed one, or a longer word in -ly.
func isAdverb(w string) bool {
	return adverbs[w] || len(w) > 4 && strings.HasSuffix(w, "ly") && !notAdverbs[w]
}

// notAdverbs end in -ly but are nouns or adjectives.
var notAdverbs = wordSet(`family italy ally assembly supply reply rally july anomaly monopoly
	homily jelly belly bully folly holly lily tally sally billy kelly emily molly polly`)
