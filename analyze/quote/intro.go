package quote

import (
	"strings"

	"github.com/storyline-news/storyline/analyze"
)

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
			return attribution{ref: r, tight: tight, lead: d.leads(cs, min(r.a, v))}, true
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

// leads reports whether words other than a conjunction stand between the
// clause start cs and a, the speaker phrase or the verb before it ("said
// X, “…”" leads into nothing).
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
