package quote

import (
	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/analyze"
)

// piece is a quoted segment kept as a quote, or as a piece of one.
type piece struct {
	seg        int // index in Document.segs
	start, end int // the words, as trim gives them
	speaker    *storyline.Speaker
	// clause is the piece's own reporting clause, when attributed is true;
	// a piece without one continues the speaker before it, or has none.
	clause     attribution
	attributed bool
}

// join turns pieces into quotes: one quotation the writer breaks with its
// reporting clause ("…,” she said. “…”), or runs over several paragraphs,
// is one quote of several spans. Pieces belong together when each
// following piece has no reporting clause of its own (or shares the one
// before it: "“…,” he said, “…”") and nothing but that clause, or only
// spaces, stand between them; see follows.
func (d *doc) join(ps []piece) []storyline.QuoteSpan {
	out := make([]storyline.QuoteSpan, 0, len(ps))
	for k := 0; k < len(ps); {
		p := ps[k]
		first := d.marked(p)
		q := storyline.QuoteSpan{Start: first[0], End: first[1], Spans: [][2]int{first}, Speaker: p.speaker}
		text := d.span(p.start, p.end)
		claused := p.attributed // the quote so far has a reporting clause
		k++
		for ; k < len(ps); k++ {
			if !d.follows(ps[k-1], ps[k], claused) {
				break
			}
			claused = claused || ps[k].attributed
			n := ps[k]
			sep := " "
			if d.hasWord(d.tokAfter(d.segs[ps[k-1].seg].close), d.tokAfter(d.segs[n.seg].open)) {
				sep = storyline.PieceBreak // the reporting clause left out
			}
			sp := d.marked(n)
			q.End = sp[1]
			q.Spans = append(q.Spans, sp)
			text += sep + d.span(n.start, n.end)
			if q.Speaker == nil {
				q.Speaker = n.speaker
			}
		}
		q.Text = text
		out = append(out, q)
	}
	return out
}

// follows reports whether piece b goes on with the quotation of piece a,
// whose pieces so far have a reporting clause when claused is true. One
// quotation has one reporting clause: b has none of its own, or shares
// a's, or is the first clause of a quotation run over paragraphs; and
// either the quotation runs on into b's paragraph, or b opens the next
// paragraph, or nothing but a's clause (or spaces) stands between them in
// one paragraph, or b, in a's paragraph, goes on with the speaker of a
// quotation that has its clause ("“…,” she said. The crowd cheered. “…”":
// PolNeAR's annotators make that one quotation of one reporting clause).
func (d *doc) follows(a, b piece, claused bool) bool {
	sa, sb := d.segs[a.seg], d.segs[b.seg]
	if a.speaker != nil && b.speaker != nil && a.speaker.Name != b.speaker.Name {
		return false // two speakers' quotes
	}
	if sb.continues && b.seg == a.seg+1 && !(claused && b.attributed) {
		return true // the quotation goes on in the next paragraph
	}
	if sb.para == sa.para+1 && !b.attributed && d.opensParagraph(sb) {
		return true // the next paragraph quotes on, no clause of its own
	}
	if sa.para != sb.para || !sa.closed {
		return false
	}
	if b.attributed && !(a.attributed && a.clause.after && sameRef(a.clause.ref, b.clause.ref)) {
		return false // a reporting clause of its own: another quotation
	}
	i, lim := d.tokAfter(sa.close), d.tokAfter(sb.open)
	if !d.hasWord(i, lim) {
		return true // “…” “…”
	}
	return d.resumes(a, sb) || !b.attributed && claused && b.speaker == a.speaker
}

// resumes reports whether segment s takes up the quotation of piece a
// after its reporting clause: a's clause follows it, s is in the same
// paragraph, and nothing but the clause stands between them — after the
// sentence break that ends the clause, no other words.
func (d *doc) resumes(a piece, s segment) bool {
	sa := d.segs[a.seg]
	if !a.attributed || !a.clause.after || sa.para != s.para || s.open < sa.close {
		return false
	}
	lim := d.tokAfter(s.open)
	for k := a.clause.ref.b; k < lim; k++ {
		if isTerminal(d.toks[k].Text) && d.isBreak(k) {
			return !d.hasWord(k+1, lim)
		}
	}
	return true
}

// marked returns the runes of a piece with its quotation marks: from the
// opening mark to the closing one, or to the end of its words when the
// quotation runs on into the next paragraph.
func (d *doc) marked(p piece) [2]int {
	s := d.segs[p.seg]
	if s.closed {
		return [2]int{s.open, s.close}
	}
	return [2]int{s.open, p.end}
}

// sameRef reports whether two reporting clauses name the speaker with the
// same words.
func sameRef(x, y ref) bool { return x.a == y.a && x.b == y.b }

// hasWord reports whether a word or number is among tokens [i, lim).
func (d *doc) hasWord(i, lim int) bool {
	for ; i < lim; i++ {
		if k := d.toks[i].Kind; k == analyze.Word || k == analyze.Number {
			return true
		}
	}
	return false
}
