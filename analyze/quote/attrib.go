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
	if isTerminal(t.Text) || t.Text == ";" {
		return true
	}
	for _, c := range t.Text {
		return isQuoteRune(c)
	}
	return false
}

// speechAt reports whether token i is a verb of saying, and returns the
// index after it (after its particle for "shot back", "put it").
func (d *doc) speechAt(i, lim int) (int, bool) {
	if i >= lim || d.toks[i].Kind != analyze.Word {
		return i, false
	}
	w := d.low(i)
	if !speechVerbs[w] {
		return i, false
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
	if i < lim && (d.toks[i].Text == "," || d.toks[i].Text == "—" || d.toks[i].Text == "–") {
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
	for v := i + 1; v < lim && v < i+16; v++ {
		if d.isBreak(v) {
			break
		}
		next, ok := d.speechAt(v, lim)
		if !ok {
			continue
		}
		r, ok := d.subject(i, v)
		if !ok || (endsSentence && !d.shortTail(next, lim)) {
			return attribution{}, false
		}
		return attribution{ref: r, tight: true, after: true}, true
	}
	return attribution{}, false
}

// innerEndsSentence reports whether the quotation ends with a full stop, so
// that what follows it is a new sentence rather than its reporting clause.
func (d *doc) innerEndsSentence(s segment) bool {
	for k := s.end - 1; k >= s.start; k-- {
		switch c := d.r[k]; {
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
// v: the words up to an appositive comma ("Ana Ruiz, the minister, said"),
// without adverbs ("he later said").
func (d *doc) subject(i, v int) (ref, bool) {
	b := v
	for b > i && adverbs[d.low(b-1)] {
		b--
	}
	for k := i; k < b; k++ {
		if d.toks[k].Text == "," || d.toks[k].Text == "(" {
			b = k
			break
		}
	}
	return d.phrase(i, b)
}

// phrase classifies tokens [a, b) as a speaker phrase: a pronoun, a name
// (the last run of capitalised words, titles included), or a short noun
// phrase. Longer stretches are not a speaker.
func (d *doc) phrase(a, b int) (ref, bool) {
	if b <= a || b-a > 9 {
		return ref{}, false
	}
	if b-a == 1 {
		if _, ok := pronouns[d.low(a)]; ok {
			return ref{a, a + 1, refPronoun}, true
		}
	}
	for k := a; k < b; k++ {
		if d.toks[k].Kind == analyze.Punct && d.toks[k].Text != "." && d.toks[k].Text != "-" {
			if d.toks[k].Text != "'s" {
				return ref{}, false
			}
		}
	}
	// A name that ends the phrase: "Army Capt. Christian Pardo".
	if d.isCap(b - 1) {
		s := b - 1
		for s > a && (d.isCap(s-1) || d.toks[s-1].Text == "." || particles[d.low(s-1)]) {
			s--
		}
		for s < b && notNames[d.low(s)] {
			s++
		}
		if s < b {
			return ref{s, b, refName}, true
		}
	}
	if b-a > 6 {
		return ref{}, false
	}
	return ref{a, b, refNoun}, true
}

// npForward reads the speaker phrase that follows a verb at token j:
// "said Tina Tchen", "said retired Army Gen. Mick Bednarek", "said the
// minister", "said he".
func (d *doc) npForward(j, lim int) (ref, bool) {
	if j >= lim {
		return ref{}, false
	}
	if _, ok := pronouns[d.low(j)]; ok && d.low(j) != "who" {
		return ref{j, j + 1, refPronoun}, true
	}
	// Lower-case modifiers before a name: "said retired Gen. ...".
	for k := j; k < lim && k < j+4; k++ {
		if d.isCap(k) {
			a, b := d.capRun(k)
			if b > lim {
				b = lim
			}
			for a < b && notNames[d.low(a)] {
				a++
			}
			if a < b {
				return ref{a, b, refName}, true
			}
			break
		}
		if d.toks[k].Kind != analyze.Word || determiners[d.low(k)] && k > j {
			break
		}
	}
	if !determiners[d.low(j)] {
		return ref{}, false
	}
	k := j + 1
	for k < lim && k < j+7 && d.toks[k].Kind == analyze.Word && !stopAfterNoun[d.low(k)] {
		k++
	}
	if k == j+1 {
		return ref{}, false
	}
	return ref{j, k, refNoun}, true
}

// stopAfterNoun are words that end a noun phrase read forward.
var stopAfterNoun = wordSet(`who which that in on at during to after before while via from with said says
	told added wrote and or but as when where of for`)

// before finds a reporting clause that introduces segment si in the same
// sentence: "X said: “…”", "X told reporters, “…”", "according to X, “…”",
// or, for a quotation opening a paragraph, a clause ending the paragraph
// before with a colon ("Cruz continued:").
func (d *doc) before(si int) (attribution, bool) {
	s := d.segs[si]
	p := d.tokAfter(s.open) - 1 // the token before the opening mark
	for p >= 0 && d.toks[p].Kind == analyze.Space {
		p--
	}
	floor := d.paras[s.para].start
	if si > 0 && d.segs[si-1].para == s.para {
		floor = d.segs[si-1].close
	}
	if s.open == d.paras[s.para].start {
		if s.para == 0 || p < 0 || d.toks[p].Text != ":" {
			return attribution{}, false
		}
		floor = d.paras[s.para-1].start
		if si > 0 && d.segs[si-1].para == s.para-1 {
			floor = d.segs[si-1].close
		}
	}
	if p < 0 || d.toks[p].Start < floor {
		return attribution{}, false
	}
	tight := false
	switch d.toks[p].Text {
	case ":", ",", "—", "–":
		tight = true
	}
	// The clause runs back to the sentence start.
	cs := p
	for cs > 0 && d.toks[cs-1].Start >= floor && !d.isBreak(cs-1) {
		cs--
	}
	for v := p; v >= cs && v > p-25; v-- {
		if d.low(v) == "according" && v+1 <= p && d.low(v+1) == "to" {
			if r, ok := d.npForward(v+2, p+1); ok {
				return attribution{ref: r, tight: tight}, true
			}
		}
		if _, ok := d.speechAt(v, p+1); !ok {
			continue
		}
		if v == p || (v == p-1 && d.low(p) == "that") {
			tight = true
		}
		var r ref
		var ok bool
		if strings.HasSuffix(d.low(v), "ing") {
			r, ok = d.firstSubject(cs, v)
		} else {
			r, ok = d.subjectBefore(cs, v)
		}
		if !ok && v == cs {
			r, ok = d.npForward(v+1, p+1) // "Said the minister: …"
		}
		if ok {
			return attribution{ref: r, tight: tight}, true
		}
		return attribution{}, false
	}
	return attribution{}, false
}

// subjectBefore reads the speaker phrase that ends just before a verb at v,
// back to the clause start cs: "Brian Fallon, a spokesman, said" gives
// "Brian Fallon"; "X, who …, said" gives X.
func (d *doc) subjectBefore(cs, v int) (ref, bool) {
	k := v - 1
	for k >= cs && adverbs[d.low(k)] {
		k--
	}
	if k >= cs && d.toks[k].Text == "," {
		m := k - 1
		for m > cs && m > k-25 && d.toks[m].Text != "," {
			m--
		}
		if m <= cs || d.toks[m].Text != "," {
			return ref{}, false
		}
		k = m - 1
	}
	if k >= cs && d.low(k) == "who" {
		k--
		if k >= cs && d.toks[k].Text == "," {
			k--
		}
	}
	if k < cs {
		return ref{}, false
	}
	b := k + 1
	if _, ok := pronouns[d.low(k)]; ok {
		return ref{k, b, refPronoun}, true
	}
	if d.isCap(k) || (d.toks[k].Text == "." && k > cs && d.isCap(k-1)) {
		a := k
		for a > cs && (d.isCap(a-1) || d.toks[a-1].Text == "." || particles[d.low(a-1)]) {
			a--
		}
		for a < b && notNames[d.low(a)] {
			a++
		}
		if a < b {
			return ref{a, b, refName}, true
		}
		return ref{}, false
	}
	// A noun phrase: back to its determiner, or over at most four words.
	a := k
	for a > cs && a > k-5 && d.toks[a-1].Kind == analyze.Word {
		a--
		if determiners[d.low(a)] {
			break
		}
	}
	if d.toks[a].Kind != analyze.Word {
		return ref{}, false
	}
	return ref{a, b, refNoun}, true
}

// firstSubject returns the first pronoun or name of the clause [cs, v): the
// subject of a sentence whose quote hangs on a participle ("Trump tweeted
// on Monday, saying “…”").
func (d *doc) firstSubject(cs, v int) (ref, bool) {
	for k := cs; k < v; k++ {
		if g, ok := pronouns[d.low(k)]; ok && (g != 0 || d.low(k) == "they" || d.low(k) == "i" || d.low(k) == "we") {
			return ref{k, k + 1, refPronoun}, true
		}
		if d.isCap(k) && !notNames[d.low(k)] {
			a, b := d.capRun(k)
			if b > v {
				b = v
			}
			return ref{a, b, refName}, true
		}
	}
	return ref{}, false
}
