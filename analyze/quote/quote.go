// Package quote finds the direct quotations in a news text and who said
// them: quotation marks of every style are paired into quotes, and each
// quote is attributed by the reporting clause around it ("X said", "said X",
// "according to X", "X told reporters:"), by the quote it continues, or by
// a pronoun resolved to the person it stands for.
package quote

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/analyze"
)

// Document is a text prepared for finding its quotes: its runes, tokens,
// paragraphs and quotation segments, which do not depend on the people it
// names. Prepare it once and call Find with each list of people. Find
// caches lower-cased words in the Document: one Document is not for
// several goroutines at once.
type Document struct {
	r runes
	// valid is true when the text is valid UTF-8: its spans are then
	// slices of it, not new strings.
	valid bool
	toks  []analyze.Token
	paras []paragraph
	segs  []segment
	// lower holds the lower-cased tokens read so far ("" when not yet):
	// both lists of people read the same words.
	lower []string
}

// doc is a Document being read with one list of people: their mentions
// and the entities they name.
type doc struct {
	*Document
	// model makes the final decision on each segment; nil leaves it to the
	// hand rules.
	model *Model
	// featured is true when the candidates need their features: for the
	// model, or for training one.
	featured bool
	people   []person
	// byWord finds entities by the first or last word of their name.
	byWord map[string][]*entity
}

// Find returns the direct quotes of text in order, each with its speaker
// when one is found (nil otherwise). Offsets are runes; a quote's spans
// cover its pieces as typeset, quotation marks included (as annotated
// corpora such as PolNeAR mark them), while its Text is the words between
// the marks, without a trailing comma that only links a piece to its
// reporting clause.
//
// people are the PERSON mentions of text from a named-entity tagger; with
// nil, Find falls back on its own reading of capitalised names. They are
// used to name speakers in full ("Petro" → "Gustavo Petro") and to resolve
// "he said" to the last fitting person.
//
// A quotation split by its reporting clause ("…,” he said. “…”) is one
// quote of several Spans, as is a quotation that runs over several
// paragraphs or goes on in the next paragraph without a clause of its own;
// its Text joins the pieces with storyline.PieceBreak where the clause is
// left out. Quoted phrases of one to three words that no reporting clause
// attributes (scare quotes: called it “reckless”), titles of works and
// nicknames are not quotes.
//
// Find tokenises text itself; a caller that has the tokens already, or
// that reads one text with several lists of people, should use Prepare.
func Find(text string, people []storyline.Mention) []storyline.QuoteSpan {
	d := segmented(text, analyze.RuneOffsets(text))
	if len(d.segs) == 0 {
		return nil // no quotation marks: no need for tokens
	}
	d.toks = analyze.Tokenize(text)
	return d.Find(people)
}

// Prepare reads text for Document.Find. toks and offs must be the tokens
// and rune offsets of text, as analyze.Tokenize and analyze.RuneOffsets
// give them; the Document keeps them.
func Prepare(text string, toks []analyze.Token, offs []int) *Document {
	d := segmented(text, offs)
	d.toks = toks
	return d
}

// segmented returns a Document of text with its paragraphs and quotation
// segments, and no tokens yet. offs are the rune offsets of text.
func segmented(text string, offs []int) *Document {
	d := &Document{r: runes{s: text, offs: offs}, valid: utf8.ValidString(text)}
	d.paras = paragraphs(d.r)
	d.segs = scan(d.r, d.paras)
	return d
}

// WithLower gives the document its tokens in lower case, as
// strings.ToLower makes them, when the caller has them already, and
// returns it.
func (dm *Document) WithLower(lower []string) *Document {
	if len(lower) == len(dm.toks) {
		dm.lower = lower
	}
	return dm
}

// Find returns the direct quotes of the document's text, with people the
// PERSON mentions of the text or nil: the same as the package's Find of the
// text and people.
func (dm *Document) Find(people []storyline.Mention) []storyline.QuoteSpan {
	return dm.FindWith(people, DefaultModel())
}

// FindWith is Find with another model deciding which quoted segments are
// quotes; with nil, the hand rules alone decide.
func (dm *Document) FindWith(people []storyline.Mention, m *Model) []storyline.QuoteSpan {
	if len(dm.segs) == 0 {
		return nil
	}
	return dm.read(people, m).quotes()
}

// read returns the document read with the people (nil: its own reading of
// names) and the model.
func (dm *Document) read(people []storyline.Mention, m *Model) *doc {
	d := &doc{Document: dm, model: m, featured: m != nil}
	tagged := people != nil
	if !tagged {
		people = guessPeople(d)
	}
	cast(d, append([]storyline.Mention(nil), people...), tagged)
	return d
}

// span returns the text of runes [a, b): a slice of the text, unless it is
// invalid UTF-8, whose bad bytes then read as utf8.RuneError.
func (dm *Document) span(a, b int) string {
	s := dm.r.s[dm.r.offs[a]:dm.r.offs[b]]
	if !dm.valid {
		return string([]rune(s))
	}
	return s
}

// tokAfter returns the index of the first token that starts at or after pos.
func (d *doc) tokAfter(pos int) int {
	return sort.Search(len(d.toks), func(i int) bool { return d.toks[i].Start >= pos })
}

// low returns token i lower-cased.
func (dm *Document) low(i int) string {
	if dm.lower == nil {
		dm.lower = make([]string, len(dm.toks))
	}
	w := dm.lower[i]
	if w == "" {
		w = strings.ToLower(dm.toks[i].Text)
		dm.lower[i] = w
	}
	return w
}

// isCap reports whether token i is a word that starts with a capital.
func (d *doc) isCap(i int) bool {
	t := d.toks[i]
	if t.Kind != analyze.Word {
		return false
	}
	for _, c := range t.Text {
		return unicode.IsUpper(c)
	}
	return false
}

// capRun returns the run [a, b) of name tokens starting at i: capitalised
// words, titles, initials ("F."), and particles between capitalised words
// ("Charles de Gaulle"). It returns (i, i) when token i starts no name.
func (d *doc) capRun(i int) (int, int) {
	if i >= len(d.toks) || !d.isCap(i) {
		return i, i
	}
	j := i
	for j < len(d.toks) {
		switch {
		case d.isCap(j):
			// An initial: "F" followed by ".".
			if len([]rune(d.toks[j].Text)) == 1 && j+1 < len(d.toks) && d.toks[j+1].Text == "." && d.toks[j+1].Start == d.toks[j].End {
				j += 2
				continue
			}
			j++
		case d.toks[j].Kind == analyze.Word && particles[d.low(j)] && j+1 < len(d.toks) && d.isCap(j+1) && j > i:
			j++
		default:
			return i, j
		}
		if j < len(d.toks) && d.toks[j].Start > d.toks[j-1].End+1 {
			return i, j // a gap wider than one space: not one name
		}
	}
	return i, j
}

// personAt returns the index of the person mention that overlaps [a, b),
// or -1.
func (d *doc) personAt(a, b int) int {
	k := sort.Search(len(d.people), func(i int) bool { return d.people[i].end > a })
	if k < len(d.people) && d.people[k].start < b {
		return k
	}
	return -1
}
