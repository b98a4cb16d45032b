package document

import (
	"encoding/json"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/analyze"
	"github.com/storyline-news/storyline/analyze/ner"
	"github.com/storyline-news/storyline/analyze/quote"
)

// Format is the version of the analysis and card encodings and of what
// they hold: analyses and cards cached under another format are made
// again (reconcile.Format follows it). It changes whenever Analyze or Build would give a different
// result for the same articles (3: datelines, attribution frames, dateline
// places, common words at a sentence start; 4: news-event paraphrases and
// phrases in a fact's terms, relative clauses left out of its modality;
// 5: the tagger retrained by the current code; 6: names headed by a body
// noun are organisations; 7: ages and ranges in figures, and figures of
// another period; 8: a quotation broken by its reporting clause is one
// quote; 9: hyphenated number words, places by their head noun or list,
// claims joined by the claim matcher, plain-worded flags, summary marks;
// 10: reports of unknown outlet count as no source and corroborate
// nothing, and the card counts them; 11: a place the gazetteer knows,
// where a place stands, is a place).
const Format = 11

// Analysis is what reconciliation needs to know about one article, computed
// once per article version by Analyze and cached (as compact JSON) so that a
// card never analyses an article again.
type Analysis struct {
	// Format is the encoding's version (see the Format constant).
	Format  int   `json:"format"`
	Article int64 `json:"article"`
	Version int   `json:"version"`
	// Entities are the article's people, organisations and places, each
	// with the names the article used for it.
	Entities []LocalEntity `json:"entities,omitempty"`
	// Quotes are its direct quotes with their speakers.
	Quotes []Quote `json:"quotes,omitempty"`
	// Facts are its factual clauses, reduced to a comparable form.
	Facts []Fact `json:"facts,omitempty"`
	// Posts are the embedded social posts, analysed apart from the body.
	Posts []Post `json:"posts,omitempty"`
}

// LocalEntity is one entity as one article (or one embedded post) names it.
type LocalEntity struct {
	// Name is the fullest name the article gives it ("Gustavo Petro").
	Name string               `json:"name"`
	Type storyline.EntityType `json:"type"`
	// Forms are the other names the article used ("Petro").
	Forms []string `json:"forms,omitempty"`
	// Roles are the titles put before or after the name ("Colombian
	// President"), as written.
	Roles    []string `json:"roles,omitempty"`
	Mentions int      `json:"mentions"`
	// Post is the author of the embedded post the entity was named in,
	// empty for the outlet's own reporting.
	Post string `json:"post,omitempty"`
}

// Quote is a direct quote of one article.
type Quote struct {
	Text string `json:"text"`
	// Speaker is the resolved name of who said it, empty when unknown.
	Speaker string `json:"speaker,omitempty"`
	Start   int    `json:"start"`
	End     int    `json:"end"`
	// Spans are the pieces of a quotation broken by its reporting clause
	// or by paragraphs (see storyline.QuoteSpan); absent for one piece.
	Spans [][2]int `json:"spans,omitempty"`
}

// Post is an embedded social post: who posted it and what it says.
type Post struct {
	Author string `json:"author"`
	Posted string `json:"posted,omitempty"`
	Text   string `json:"text"`
}

// Analyze reads one article: its sentences, entities, quotes and factual
// claims. Embedded posts (Parts of kind embedded_post) are read apart, and
// what they say is attributed to the post, not to the outlet.
func Analyze(a *storyline.Article) *Analysis { return AnalyzeWith(a, AllSteps) }

// Steps are the steps of reading a report that AnalyzeWith runs. A step
// switched off is not run and leaves its part of the Analysis empty; the
// steps after it do without it (quotes without the tagger's people find
// speakers only by pronoun and title; facts without quotes do not know
// which clauses are speech).
type Steps struct {
	Entities bool // the named-entity tagger and the entities it finds
	Quotes   bool // direct quotes and their speakers
	Facts    bool // factual clauses, their figures, days and attribution
	Posts    bool // embedded social posts, read apart
}

// AllSteps are every step: what Analyze runs.
var AllSteps = Steps{Entities: true, Quotes: true, Facts: true, Posts: true}

// AnalyzeWith reads one article with the given steps (see Steps).
func AnalyzeWith(a *storyline.Article, steps Steps) *Analysis {
	an := &Analysis{Format: Format, Article: a.ID, Version: a.Version}
	body := a.Body
	buf := textBuffers.Get().(*textBuffer)
	defer buf.release()
	toks := analyze.AppendTokens(buf.toks[:0], body)
	offs := analyze.AppendRuneOffsets(buf.offs[:0], body)
	low := lowerTokens(buf.low, toks)
	buf.toks, buf.offs, buf.low = toks, offs, low
	sents := analyze.Sentences(toks)
	var mentions []storyline.Mention
	if steps.Entities {
		mentions = ner.Default().MentionsOf(body, toks, sents, offs)
	}
	var found []storyline.QuoteSpan
	if steps.Quotes {
		people := persons(mentions)
		qdoc := quote.Prepare(body, toks, offs).WithLower(low)
		found = qdoc.Find(people)
		mentions = cleanMentions(body, offs, mentions, found)
		if p := persons(mentions); !slices.Equal(p, people) {
			found = qdoc.Find(p)
		}
	} else {
		mentions = cleanMentions(body, offs, mentions, nil)
	}
	for _, q := range found {
		qt := Quote{Text: q.Text, Start: q.Start, End: q.End}
		if len(q.Spans) > 1 {
			qt.Spans = q.Spans
		}
		if q.Speaker != nil {
			qt.Speaker = q.Speaker.Name
		}
		an.Quotes = append(an.Quotes, qt)
	}
	doc := newText(body, toks, offs, low, sents, mentions, found)
	doc.year = yearOfPublication(a)
	if steps.Entities {
		an.Entities = localEntities(doc, "")
	}
	doc.names = formsIndex(an.Entities)
	if steps.Facts {
		facts := buf.facts[:0]
		for i, s := range sents {
			facts = doc.appendFacts(facts, s, i, "")
		}
		an.Facts, buf.facts = cloneFacts(facts), facts
	}
	if !steps.Posts {
		return an
	}
	for _, p := range a.Parts {
		if p.Kind != storyline.PartEmbeddedPost {
			continue
		}
		an.Posts = append(an.Posts, analysePost(an, p, yearOfPublication(a))...)
	}
	return an
}

// yearOfPublication returns the year a report was published, 0 when it
// does not say.
func yearOfPublication(a *storyline.Article) int {
	if a.Published.IsZero() {
		return 0
	}
	return a.Published.Year()
}

// textBuffer holds the tokens and rune offsets of a text being analysed,
// kept between analyses in textBuffers: nothing an Analysis holds points
// into them.
type textBuffer struct {
	toks []analyze.Token
	offs []int
	low  []string
	// facts gathers the article's facts, copied at their final number.
	facts []Fact
}

var textBuffers = sync.Pool{New: func() any { return new(textBuffer) }}

// release returns the buffer to textBuffers, unless it grew too large to
// keep (a very long text).
func (b *textBuffer) release() {
	if cap(b.offs) > 1<<20 {
		return
	}
	clear(b.toks) // lets go of the text
	clear(b.low)
	clear(b.facts)
	textBuffers.Put(b)
}

// cloneFacts returns a copy of facts, nil when there are none.
func cloneFacts(facts []Fact) []Fact {
	if len(facts) == 0 {
		return nil
	}
	return slices.Clone(facts)
}

// analysePost reads an embedded post apart from the body: its entities and
// claims carry the post's author. It returns the post.
func analysePost(an *Analysis, p storyline.Part, year int) []Post {
	author := p.Author
	if author == "" {
		author = "an embedded post"
	}
	txt := postText(p.Text)
	if strings.TrimSpace(txt) == "" {
		return nil
	}
	toks := analyze.Tokenize(txt)
	sents := analyze.Sentences(toks)
	offs := analyze.RuneOffsets(txt)
	doc := newText(txt, toks, offs, lowerTokens(nil, toks), sents, cleanMentions(txt, offs, ner.Default().MentionsOf(txt, toks, sents, offs), nil), nil)
	doc.year = year
	local := localEntities(doc, author)
	doc.names = formsIndex(local)
	an.Entities = append(an.Entities, local...)
	for _, s := range doc.sents {
		an.Facts = doc.appendFacts(an.Facts, s, -1, author)
	}
	return []Post{{Author: author, Posted: p.Posted, Text: txt}}
}

// postText drops the lines of an embedded post that are not what it says:
// the "— Name (@handle) date" signature, bare links and emoji-only lines;
// it also cuts trailing pic.twitter.com and t.co links.
func postText(s string) string {
	var keep []string
	for _, line := range strings.Split(s, "\n") {
		line = strings.TrimSpace(line)
		for _, cut := range []string{"pic.twitter.com/", "https://t.co/", "http://t.co/", "https://", "http://"} {
			if i := strings.Index(line, cut); i >= 0 {
				line = strings.TrimSpace(line[:i])
			}
		}
		if line == "" || strings.HasPrefix(line, "—") || strings.HasPrefix(line, "- ") || letters(line) < 3 {
			continue
		}
		keep = append(keep, line)
	}
	return strings.Join(keep, "\n")
}

// letters counts the letters of s.
func letters(s string) int {
	n := 0
	for _, c := range s {
		if unicode.IsLetter(c) {
			n++
		}
	}
	return n
}

// persons returns the PERSON mentions.
func persons(ms []storyline.Mention) []storyline.Mention {
	n := 0
	for _, m := range ms {
		if m.Type == storyline.Person {
			n++
		}
	}
	out := make([]storyline.Mention, 0, n)
	for _, m := range ms {
		if m.Type == storyline.Person {
			out = append(out, m)
		}
	}
	return out
}

// text is a text being analysed: the body or an embedded post.
type text struct {
	body     string
	toks     []analyze.Token
	offs     []int // rune offset to byte offset
	mentions []storyline.Mention
	quotes   []storyline.QuoteSpan
	sents    []analyze.Sentence
	low      []string    // the tokens in lower case
	class    []wordClass // the word lists each token is in (see classify)
	year     int         // the year the report was published, 0 when unknown
	// maxStart and maxEnd hold, for each mention, the latest start and end
	// of the mentions up to it (see mentionAt).
	maxStart, maxEnd []int
	// names maps the name key of every form of a local entity to the
	// entity's full name ("petro" → "Gustavo Petro").
	names map[string]string
	// clauseBuf, termBuf and nameBuf are scratch lists reused from one
	// sentence or clause to the next.
	clauseBuf        []clause
	termBuf, nameBuf []string
}

// newText prepares a text for analysis, working out once what the
// analysis asks of each token: its lower case and its word classes.
func newText(body string, toks []analyze.Token, offs []int, low []string, sents []analyze.Sentence, mentions []storyline.Mention, quotes []storyline.QuoteSpan) *text {
	return &text{body: body, toks: toks, offs: offs, sents: sents, mentions: mentions, quotes: quotes, low: low, class: classify(toks, low)}
}

// lowerTokens returns the text of each token in lower case, as
// strings.ToLower would, in dst when it is large enough. A token in lower
// case already is its own lower case; the ASCII tokens with capitals are
// lowered into one buffer for the text rather than a string each.
func lowerTokens(dst []string, toks []analyze.Token) []string {
	low := slices.Grow(dst[:0], len(toks))[:len(toks)]
	clear(low)
	n := 0 // bytes of the ASCII tokens with capitals, left "" for now
	for i, tk := range toks {
		switch ascii, upper := asciiCase(tk.Text); {
		case !ascii:
			low[i] = strings.ToLower(tk.Text)
		case upper:
			n += len(tk.Text)
		default:
			low[i] = tk.Text
		}
	}
	if n == 0 {
		return low
	}
	var b strings.Builder
	b.Grow(n)
	for i, tk := range toks {
		if low[i] != "" {
			continue
		}
		for j := 0; j < len(tk.Text); j++ {
			c := tk.Text[j]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b.WriteByte(c)
		}
	}
	lowered := b.String()
	for i, tk := range toks {
		if low[i] == "" {
			low[i], lowered = lowered[:len(tk.Text)], lowered[len(tk.Text):]
		}
	}
	return low
}

// asciiCase reports whether s is ASCII and, if so, whether it has a
// capital letter.
func asciiCase(s string) (ascii, upper bool) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return false, false
		}
		upper = upper || 'A' <= c && c <= 'Z'
	}
	return true, upper
}

// span returns the text of runes [a, b).
func (t *text) span(a, b int) string { return t.body[t.offs[a]:t.offs[b]] }

// mentionAt returns the mention that covers rune offset pos, or nil.
func (t *text) mentionAt(pos int) *storyline.Mention {
	// Most words are in no mention: the running maxima of the mentions'
	// starts and ends rule them out without a scan.
	if t.maxStart == nil {
		t.maxStart, t.maxEnd = make([]int, len(t.mentions)), make([]int, len(t.mentions))
		for i, m := range t.mentions {
			t.maxStart[i], t.maxEnd[i] = m.Start, m.End
			if i > 0 {
				t.maxStart[i], t.maxEnd[i] = max(m.Start, t.maxStart[i-1]), max(m.End, t.maxEnd[i-1])
			}
		}
	}
	// The scan below stops at the first mention that starts after pos.
	n := sort.SearchInts(t.maxStart, pos+1)
	if n == 0 || t.maxEnd[n-1] <= pos {
		return nil
	}
	for i := range t.mentions {
		m := &t.mentions[i]
		if m.Start <= pos && pos < m.End {
			return m
		}
		if m.Start > pos {
			break
		}
	}
	return nil
}

// quoted returns how many runes of [a, b) lie inside direct quotes.
func (t *text) quoted(a, b int) int {
	n := 0
	for _, q := range t.quotes {
		for _, sp := range q.Pieces() {
			if lo, hi := max(a, sp[0]), min(b, sp[1]); hi > lo {
				n += hi - lo
			}
		}
	}
	return n
}

// Marshal encodes an analysis as compact JSON for the cache.
func (an *Analysis) Marshal() ([]byte, error) { return json.Marshal(an) }

// UnmarshalAnalysis decodes a cached analysis.
func UnmarshalAnalysis(data []byte) (*Analysis, error) {
	an := &Analysis{}
	if err := json.Unmarshal(data, an); err != nil {
		return nil, err
	}
	return an, nil
}

// formsIndex maps the key of each form of each entity to its full name.
func formsIndex(list []LocalEntity) map[string]string {
	m := map[string]string{}
	for _, e := range list {
		m[NameKey(e.Name)] = e.Name
		for _, f := range e.Forms {
			m[NameKey(f)] = e.Name
		}
	}
	return m
}
