package quote

import (
	"strings"

	"github.com/storyline-news/storyline/analyze"
)

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
	if r, ok := d.appositiveName(k, lim); ok {
		return r, true
	}
	return ref{j, k, refNoun}, true
}

// appositiveName reads the name set off by a comma after a noun phrase
// that ends at token k: "said its director, Esi Quaye." gives Esi Quaye,
// as does "said the group's spokesman, Kofi Addo, on Tuesday". The name
// must end the clause, or be a full name closed by a comma, so that "said
// the minister, Mr Reid's deputy" or a list of names is read as before.
func (d *doc) appositiveName(k, lim int) (ref, bool) {
	if k+1 >= lim || d.toks[k].Text != "," || !d.isCap(k+1) {
		return ref{}, false
	}
	a, b := d.capRun(k + 1)
	if b < lim {
		switch t := d.toks[b]; {
		case t.Kind == analyze.Space:
		case t.Kind == analyze.Punct && (t.Text == "." || t.Text == ";"):
		case t.Text == "," && b-a >= 2 && (b+1 >= lim || d.low(b+1) != "and"):
		default:
			return ref{}, false
		}
	}
	return d.nameRef(a, min(b, lim))
}

// articles before a verb form make it a noun: "the report", "a post".
var articles = wordSet(`the a an his her their its our my your this that these those every each`)

// quantifiers can stand alone for a speaker: "“…,” read one."
var quantifiers = wordSet(`one another some many others several both`)

// stopAfterNoun are words that end a noun phrase read forward.
var stopAfterNoun = wordSet(`who which that in on at during to after before while via from with said says
	told added wrote and or but as when where of for`)

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
