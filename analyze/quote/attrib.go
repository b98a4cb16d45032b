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
	return isTerminal(t.Text) || t.Text == ";" || d.marks[t.Start]
}

// speechAt reports whether token i is a verb of saying, and returns the
// index after it (after its particle for "shot back", "put it").
func (d *doc) speechAt(i, lim int) (int, bool) {
	if i >= lim || d.toks[i].Kind != analyze.Word {
		return i, false
	}
	w := d.low(i)
	if !speechVerbs[w] || d.isCap(i) && (i == 0 || d.toks[i-1].Text != ",") {
		return i, false // "United States", but "Murphy, the head of X, Tweeted"
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
		if r, ok := d.nameRef(s, b); ok {
			return r, true
		}
	}
	if !d.nounPhrase(a, b) {
		return ref{}, false
	}
	return ref{a, b, refNoun}, true
}

// nameRef returns the name among tokens [a, b) without the capitalised
// function words around it ("But Trump", "Trump Wednesday").
func (d *doc) nameRef(a, b int) (ref, bool) {
	for a < b && notNames[d.low(a)] {
		a++
	}
	for b > a && (notNames[d.low(b-1)] || d.toks[b-1].Text == "'s" || d.toks[b-1].Text == "’s") {
		b--
	}
	return ref{a, b, refName}, b > a
}

// nounPhrase reports whether tokens [a, b) can be a common-noun speaker: a
// determiner and at most six words ("the Clinton campaign", "one of his
// aides"), or up to three words that are not function words ("officials",
// "Trump aides").
func (d *doc) nounPhrase(a, b int) bool {
	if b <= a || b-a > 7 {
		return false
	}
	if determiners[d.low(a)] {
		return b-a > 1
	}
	if b-a > 3 {
		return false
	}
	for k := a; k < b; k++ {
		if d.toks[k].Kind != analyze.Word || (analyze.IsStopword(d.low(k)) && d.toks[k].Text != "'s" && d.toks[k].Text != "’s") {
			return false
		}
	}
	return true
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
	// Lower-case modifiers before a name: "said retired Gen. …", "said
	// 9/11 widow Terry Strada".
	for k := j; k < lim && k < j+6; k++ {
		if d.isCap(k) {
			a, b := d.capRun(k)
			if r, ok := d.nameRef(a, min(b, lim)); ok {
				return r, true
			}
			break
		}
		if t := d.toks[k]; t.Kind == analyze.Space || t.Kind == analyze.Punct && t.Text != "/" && t.Text != "-" ||
			determiners[d.low(k)] && k > j || stopAfterNoun[d.low(k)] {
			break
		}
	}
	if !determiners[d.low(j)] {
		return ref{}, false
	}
	k := j + 1
	for k < lim && k < j+7 && d.toks[k].Kind != analyze.Punct && d.toks[k].Kind != analyze.Space &&
		(!stopAfterNoun[d.low(k)] || k == j+1 && d.low(k) == "of") {
		k++
	}
	if k == j+1 && !quantifiers[d.low(j)] {
		return ref{}, false // "read one." names a speaker, "said the." does not
	}
	return ref{j, k, refNoun}, true
}

// articles before a verb form make it a noun: "the report", "a post".
var articles = wordSet(`the a an his her their its our my your this that these those every each`)

// quantifiers can stand alone for a speaker: "“…,” read one."
var quantifiers = wordSet(`one another some many others several both`)

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
	mark := d.toks[p].Text
	switch {
	case mark == ":" || mark == "," || mark == "—" || mark == "–" || mark == "(":
	case d.toks[p].Kind == analyze.Word:
	default:
		return attribution{}, false // a new sentence, not an introduction
	}
	// The clause runs back to the sentence start.
	cs := p
	for cs > 0 && d.toks[cs-1].Start >= floor && !d.isBreak(cs-1) {
		cs--
	}
	for v := p; v >= cs && v > p-25; v-- {
		if d.low(v) == "according" && v+1 <= p && d.low(v+1) == "to" {
			if r, ok := d.npForward(v+2, p+1); ok {
				return attribution{ref: r, tight: d.adjacent(v, p, mark)}, true
			}
		}
		if _, ok := d.speechAt(v, p+1); !ok {
			continue
		}
		tight := d.adjacent(v, p, mark)
		var r ref
		var ok bool
		if d.dependent(cs, v) {
			r, ok = d.firstSubject(cs, v)
		} else {
			r, ok = d.subjectBefore(cs, v)
		}
		if !ok && v == cs {
			r, ok = d.npForward(v+1, p+1) // "Said the minister: …"
		}
		if ok {
			return attribution{ref: r, tight: tight, lead: d.leads(cs, r.a)}, true
		}
		return attribution{}, false
	}
	if mark == ":" {
		// "Trump: …", "Pew Research: …", "Republican nominee Donald Trump
		// issued the following statement: …": the name before the colon,
		// else the clause's subject, speaks.
		if p > cs && d.isCap(p-1) {
			a := p - 1
			for a > cs && (d.isCap(a-1) || particles[d.low(a-1)]) {
				a--
			}
			if r, ok := d.nameRef(a, p); ok {
				return attribution{ref: r, tight: true}, true
			}
		}
		if r, ok := d.firstSubject(cs, p); ok {
			return attribution{ref: r, tight: true}, true
		}
	}
	return attribution{}, false
}

// dependent reports whether the verb at v has its subject further back in
// the sentence: a participle ("…, saying"), an infinitive ("went on to
// say") or a second verb of one subject ("noted …, and added").
func (d *doc) dependent(cs, v int) bool {
	if strings.HasSuffix(d.low(v), "ing") {
		return true
	}
	k := v - 1
	for k >= cs && isAdverb(d.low(k)) {
		k--
	}
	if k < cs {
		return false
	}
	switch d.low(k) {
	case "to", "and", "but", "then", "or":
		return true
	}
	return false
}

// isAdverb reports whether a lower-cased word is an adverb that may stand
// next to a verb of saying: a listed one, or a longer word in -ly.
func isAdverb(w string) bool {
	return adverbs[w] || len(w) > 4 && strings.HasSuffix(w, "ly") && !notAdverbs[w]
}

// notAdverbs end in -ly but are nouns or adjectives.
var notAdverbs = wordSet(`family italy ally assembly supply reply rally july anomaly monopoly
	homily jelly belly bully folly holly lily tally sally billy kelly emily molly polly`)

// leads reports whether words other than a conjunction stand between the
// clause start cs and the speaker phrase at a.
func (d *doc) leads(cs, a int) bool {
	for k := cs; k < a; k++ {
		switch d.low(k) {
		case "and", "but", "so", "yet", "or", "then", "still":
			continue
		}
		if d.toks[k].Kind == analyze.Punct {
			continue
		}
		return true
	}
	return false
}

// adjacent reports whether a reporting clause whose verb is token v leads
// straight into the quotation whose preceding token is p: the verb itself
// (said “…”), a colon after it at any distance ("said in a statement on
// Monday: “…”"), or a comma or dash after the verb and a few words of
// object or time ("told reporters on Monday, “…”"), with no other comma
// between.
func (d *doc) adjacent(v, p int, mark string) bool {
	switch mark {
	case ":":
		return true
	case ",", "—", "–":
		if p-v > 8 {
			return false
		}
		for k := v + 1; k < p; k++ {
			if d.toks[k].Kind == analyze.Punct && d.toks[k].Text != "." {
				return false
			}
		}
		return true
	}
	return v == p
}

// subjectBefore reads the speaker phrase that ends just before a verb at v,
// back to the clause start cs: "Brian Fallon, a spokesman, said" gives
// "Brian Fallon"; "X, who …, said" gives X.
func (d *doc) subjectBefore(cs, v int) (ref, bool) {
	k := v - 1
	for k >= cs && isAdverb(d.low(k)) {
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
		if r, ok := d.wholeName(m+1, k); ok && !d.isCap(m-1) {
			return r, true // "its president, Carla Mendes, wrote"
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
		return d.nameRef(a, b)
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

// firstSubject returns the subject of the clause [cs, v): its first
// pronoun, name or determiner phrase, after an opening adverbial that a
// comma closes ("On Friday, Trump tweeted …, saying “…”").
func (d *doc) firstSubject(cs, v int) (ref, bool) {
	k := cs
	for k < v && (openers[d.low(k)] || d.toks[k].Kind == analyze.Number) {
		c := k
		for c < v && d.toks[c].Text != "," {
			c++
		}
		if c >= v {
			break // no comma closes it: the opener was the subject's clause
		}
		k = c + 1
	}
	for ; k < v; k++ {
		w := d.low(k)
		if g, ok := pronouns[w]; ok && w != "it" && w != "you" && (g != 0 || w != "who") {
			return ref{k, k + 1, refPronoun}, true
		}
		if d.isCap(k) && !notNames[w] && !shouted(d.toks[k].Text) {
			a, b := d.capRun(k)
			if r, ok := d.nameRef(a, min(b, v)); ok {
				return r, true
			}
		}
		if determiners[w] {
			b := k + 1
			for b < v && d.toks[b].Kind == analyze.Word && !stopAfterNoun[d.low(b)] && !speechVerbs[d.low(b)] && b < k+6 {
				b++
			}
			if b > k+1 {
				return ref{k, b, refNoun}, true
			}
		}
		if d.toks[k].Kind == analyze.Punct && d.toks[k].Text != "," {
			break
		}
	}
	return ref{}, false
}

// shouted reports whether a word is in capitals and longer than an
// acronym: a dateline ("WASHINGTON") or a headline word.
func shouted(w string) bool { return len(w) > 4 && strings.ToUpper(w) == w }

// openers are prepositions and adverbs that open a sentence with an
// adverbial before its subject: "In a statement, …", "Later, …".
var openers = wordSet(`in on at after before during since until with without amid among following
	despite alongside asked when while later earlier meanwhile still yet instead also separately
	as if because although though once whether unlike like
	speaking addressing writing responding appearing interviewed`)
