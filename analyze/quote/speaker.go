package quote

import (
	"strings"
	"unicode"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/analyze"
)

// minWords is the length from which a quoted phrase counts as a quote even
// when no reporting clause touches it. Shorter phrases ("reckless", "a
// perception problem") are scare quotes unless a clause attributes them
// directly: “Absolutely,” he said.
const minWords = 4

// quotes decides which segments are quotes, attributes them, and joins the
// pieces of one quotation (see join). The hand rules below decide first;
// the document's model, when it has one, makes the final decision from
// their outcome and other features of the segment (see Model).
func (d *doc) quotes() []storyline.QuoteSpan {
	cs := d.candidates()
	ps := make([]piece, 0, len(cs))
	for _, c := range cs {
		switch {
		case d.model == nil:
			if c.rule {
				ps = append(ps, c.p)
			}
		case d.model.Keep(c.x):
			if !c.rule {
				c.p = d.attribute(c)
			}
			ps = append(ps, c.p)
		}
	}
	// A quotation over several paragraphs is attributed at its end: its
	// first paragraphs take the speaker of the last.
	for k := len(ps) - 2; k >= 0; k-- {
		if ps[k].speaker == nil && ps[k+1].seg == ps[k].seg+1 && d.segs[ps[k+1].seg].continues {
			ps[k].speaker = ps[k+1].speaker
		}
	}
	return d.join(ps)
}

// candidate is a quoted segment with the hand rules' decision and the
// features the model decides by.
type candidate struct {
	p      piece
	clause attribution
	// claused is true when a reporting clause was found for the segment,
	// byClause when the rules keep it for that clause; goesOn when it may
	// take the speaker of the quote before, last.
	claused, byClause, goesOn bool
	last                      *storyline.Speaker
	rule                      bool // the hand rules keep it, and p is attributed
	x                         []float64
}

// candidates reads every segment and decides by the hand rules which are
// quotes: a segment a reporting clause attributes, one that resumes the
// quotation before it after its clause, or one long enough to stand as a
// quote of its own, unless it is a phrase woven into the writer's sentence,
// a nickname, a title or a heading.
func (d *doc) candidates() []candidate {
	out := make([]candidate, 0, len(d.segs))
	var prev piece // the last segment the rules keep, when kept is true
	kept := false
	var last *storyline.Speaker // and its speaker
	lastPara := -1
	for si, s := range d.segs {
		start, end := d.trim(s)
		if end <= start {
			continue
		}
		words := d.countWords(start, end)
		a, ok := d.after(si)
		if !ok {
			a, ok = d.before(si)
		}
		c := candidate{p: piece{seg: si, start: start, end: end}, clause: a, claused: ok, last: last}
		c.goesOn = last != nil && (lastPara == s.para || (s.continues || d.opensParagraph(s)) && lastPara == s.para-1)
		resumes := kept && d.resumes(prev, s)
		// The tests are made in the rules' order, each only when needed:
		// they are the costly part of reading a text's quotes.
		switch {
		case d.woven(s) || d.nickname(s) || d.workTitle(s, start, end):
		case resumes && ok && !a.after && sameRef(a.ref, prev.clause.ref):
			// “…,” said X, the minister, “and …”: the quotation goes on,
			// whatever its first letter.
			c.rule, c.goesOn = true, true
		case ok && (a.tight || words >= minWords):
			c.rule = !((!a.tight || a.lead) && d.lowerStart(start) || !a.tight && d.titleLike(start, end))
			c.byClause = c.rule
		case resumes:
			c.rule, c.goesOn = true, true // “…,” she said. “Barely.”
		case words < minWords || d.titleLike(start, end):
		case c.goesOn:
			c.rule = true // the same speaker goes on
		default:
			c.rule = d.standalone(s) && !d.heading(s, start, end)
		}
		if d.featured {
			x := d.features(s, start, end, words, a, ok, featureFlags{
				rule: c.rule, woven: d.woven(s), nickname: d.nickname(s), work: d.workTitle(s, start, end),
				titled: d.titleLike(start, end), resumes: resumes, goesOn: c.goesOn,
				alone: d.standalone(s) && !d.heading(s, start, end),
			})
			c.x = x[:]
		}
		if c.rule {
			c.p = d.attribute(c)
			prev, kept, last, lastPara = c.p, true, c.p.speaker, s.para
		}
		out = append(out, c)
	}
	return out
}

// attribute returns the candidate as a piece with its speaker: the one its
// reporting clause names, else the one it goes on from.
func (d *doc) attribute(c candidate) piece {
	p := c.p
	switch {
	case c.byClause || !c.rule && c.claused:
		p.speaker, p.clause, p.attributed = d.speaker(c.clause.ref), c.clause, true
	case c.goesOn:
		p.speaker = c.last
	}
	return p
}

// trim returns the quote's span without surrounding spaces, without a
// repeat of its opening mark ("" opens an unclosed quotation as one ")
// and without a trailing comma, which belongs to the reporting clause.
func (d *doc) trim(s segment) (int, int) {
	a, b := s.start, s.end
	open := d.r.at(s.open)
	for a < b && (unicode.IsSpace(d.r.at(a)) || d.r.at(a) == open) {
		a++
	}
	for b > a && (unicode.IsSpace(d.r.at(b-1)) || d.r.at(b-1) == ',') {
		b--
	}
	return a, b
}

// countWords counts the word and number tokens in runes [a, b).
func (d *doc) countWords(a, b int) int {
	n := 0
	for i := d.tokAfter(a); i < len(d.toks) && d.toks[i].End <= b; i++ {
		if k := d.toks[i].Kind; k == analyze.Word || k == analyze.Number {
			n++
		}
	}
	return n
}

// lowerStart reports whether the quotation begins with a lower-case letter,
// as the second half of the writer's own sentence does.
func (d *doc) lowerStart(a int) bool { return unicode.IsLower(d.r.at(a)) }

// opensParagraph reports whether the segment is the first thing in its
// paragraph.
func (d *doc) opensParagraph(s segment) bool { return s.open == d.paras[s.para].start }

// standalone reports whether an unattributed quotation stands as a sentence
// of its own (it opens its paragraph or follows a colon) rather than being
// a phrase woven into the writer's sentence.
func (d *doc) standalone(s segment) bool {
	if d.opensParagraph(s) {
		return true
	}
	p := d.tokAfter(s.open) - 1
	return p >= 0 && (d.toks[p].Text == ":" || isTerminal(d.toks[p].Text))
}

// woven reports whether the quotation is part of the writer's own sentence:
// a word that is not a verb of saying leads into it (“the plan was
// “reckless”, “said that “…”). Such partial quotes are the writer's
// sentence quoting words, not a direct quote.
func (d *doc) woven(s segment) bool {
	p := d.tokAfter(s.open) - 1
	if p < 0 || d.toks[p].End <= d.paras[s.para].start {
		return false
	}
	if k := d.toks[p].Kind; k != analyze.Word && k != analyze.Number {
		return false
	}
	_, ok := d.speechAt(p, p+1)
	return !ok
}

// nickname reports whether the quotation sits inside a name: Donald “The
// Donald” Trump.
func (d *doc) nickname(s segment) bool {
	if !s.closed {
		return false
	}
	p := d.tokAfter(s.open) - 1
	n := d.tokAfter(s.close)
	return p >= 0 && n < len(d.toks) && d.isCap(p) && d.isCap(n) && !notNames[d.low(p)] &&
		d.toks[p].End == s.open-1 && d.toks[n].Start == s.close+1
}

// titleLike reports whether runes [a, b) read as the title of a work or a
// slogan: every long word capitalised and no closing sentence punctuation
// (“Saturday Night Live”, “Make America Great Again”).
func (d *doc) titleLike(a, b int) bool {
	if c := d.r.at(b - 1); c == '.' || c == '!' || c == '?' {
		return false
	}
	return d.capitalised(a, b)
}

// capitalised reports whether every word longer than three letters in
// runes [a, b) starts with a capital, in at most ten words.
func (d *doc) capitalised(a, b int) bool {
	n := 0
	for i := d.tokAfter(a); i < len(d.toks) && d.toks[i].End <= b; i++ {
		t := d.toks[i]
		if t.Kind != analyze.Word {
			continue
		}
		n++
		if len(t.Text) > 3 && !d.isCap(i) {
			return false
		}
	}
	return n > 0 && n <= 10
}

// workTitle reports whether a title-like quotation follows a word that
// names a work: the book “…”, a film titled “…”, his show, “…”.
func (d *doc) workTitle(s segment, a, b int) bool {
	if !d.titleLike(a, b) {
		return false
	}
	p := d.tokAfter(s.open) - 1
	if p >= 0 && d.toks[p].Text == "," {
		p--
	}
	return p >= 0 && works[d.low(p)]
}

// works are words that introduce the title of a work.
var works = wordSet(`book books film films movie movies novel novels show shows series song songs album
	albums play plays article articles column columns essay essays memoir memoirs headline headlines
	titled entitled called named dubbed documentary documentaries program programme podcast
	magazine newspaper poem opera musical painting exhibition report paper op-ed editorial slogan
	hashtag banner sign signs`)

// heading reports whether an unattributed quotation is a paragraph of its
// own in title case: a section heading set in quotation marks.
func (d *doc) heading(s segment, a, b int) bool {
	p := d.paras[s.para]
	return s.open == p.start && (s.close == p.end || !s.closed) && d.capitalised(a, b)
}

// speaker turns a speaker phrase into the Speaker: its span, and the name it
// resolves to.
func (d *doc) speaker(r ref) *storyline.Speaker {
	start, end := d.toks[r.a].Start, d.toks[r.b-1].End
	text := d.span(start, end)
	sp := &storyline.Speaker{Name: text, Start: start, End: end}
	switch r.kind {
	case refName:
		sp.Name = d.fullName(start, end, text)
	case refPronoun:
		if e := d.antecedent(start, pronouns[strings.ToLower(text)]); e != nil {
			sp.Name = e.name
		}
	case refNoun:
		if e := d.role(start, text); e != nil {
			sp.Name = e.name
		}
	}
	return sp
}

// fullName returns the fullest name the text gives the person named at
// [start, end): the entity of a person mention there, else of a mention of
// which the name is a part, else the name without its titles. A person a
// reporting clause names is surely a person, for resolving pronouns later.
func (d *doc) fullName(start, end int, text string) string {
	if k := d.personAt(start, end); k >= 0 {
		d.people[k].ent.sure = true
		return d.people[k].ent.name
	}
	words, _ := nameWords(text)
	if len(words) == 0 {
		return text
	}
	lw := lowerAll(words)
	var best *entity // the latest named before start, else the first
	for _, e := range d.byWord[lw[len(lw)-1]] {
		if !partOf(lw, e.words) {
			continue
		}
		if best == nil || e.first < start && (best.first > start || e.first > best.first) || best.first > start && e.first < best.first {
			best = e
		}
	}
	if best != nil {
		best.sure = true
		return best.name
	}
	return strings.Join(words, " ")
}

// antecedent resolves a pronoun at pos to the last person mentioned before
// it, within a few paragraphs, whose gender fits. A person the text surely
// names (see entity.sure) comes before a capitalised phrase that may be a
// place, and a known gender before an unknown one.
func (d *doc) antecedent(pos int, gender byte) *entity {
	if gender == 0 {
		return nil
	}
	var found [4]*entity // sure and fitting, fitting, sure and unknown, unknown
	// reach is how far back (in runes) each kind of candidate may stand:
	// the less certain, the nearer.
	reach := [4]int{3000, 1000, 1500, 500}
	for k := len(d.people) - 1; k >= 0; k-- {
		p := d.people[k]
		if p.start >= pos {
			continue
		}
		if pos-p.end > reach[0] {
			break
		}
		if d.afterPreposition(p.start) {
			continue
		}
		class := -1
		switch p.ent.gender {
		case gender:
			class = 1
		case 0:
			class = 3
		}
		if class < 0 {
			continue
		}
		if p.ent.sure {
			class--
		}
		if found[class] == nil && pos-p.end <= reach[class] {
			found[class] = p.ent
		}
	}
	for _, e := range found {
		if e != nil {
			return e
		}
	}
	return nil
}

// role resolves a common-noun speaker ("the minister") to the nearest
// person mentioned before with that role word among their titles or
// appositives.
func (d *doc) role(pos int, phrase string) *entity {
	f := strings.Fields(strings.ToLower(phrase))
	if len(f) < 2 || (f[0] != "the" && f[0] != "this" && f[0] != "that") {
		return nil // "a supporter" is someone new
	}
	for i, w := range f {
		if w == "of" || w == "for" || w == "at" || w == "with" {
			f = f[:i] // "the spokesman for the ministry" → spokesman
			break
		}
	}
	head := strings.Trim(f[len(f)-1], ".,")
	for k := len(d.people) - 1; k >= 0; k-- {
		if p := d.people[k]; p.start < pos && p.ent.roles[head] {
			return p.ent
		}
	}
	return nil
}
