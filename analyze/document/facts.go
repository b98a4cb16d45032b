package document

import (
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/analyze"
	wordkeys "github.com/storyline-news/storyline/analyze/lexicon"
)

// Fact is one factual clause of an article, reduced to a form that can be
// compared with other outlets' clauses: its key terms, the figures it gives
// and what they count, dates, negation, modality and attribution.
type Fact struct {
	// Text is the clause as written, with a leading "he" or "she" replaced
	// by the person it stands for.
	Text string `json:"text"`
	// Sentence indexes the article's sentences; -1 for an embedded post.
	Sentence int `json:"sentence"`
	// Terms are the clause's content words as comparable keys (stems, with
	// paraphrases and nominalisations folded: "revocation" = "revoke").
	Terms []string `json:"terms"`
	// Names are the terms that come from names of people, organisations
	// and places: they weigh in a comparison, but do not make a match
	// alone.
	Names []string `json:"names,omitempty"`
	// Figures are the numbers the clause gives, with what they count.
	Figures []Figure `json:"figures,omitempty"`
	// Dates are weekdays and calendar dates ("tuesday", "march 13").
	Dates []string `json:"dates,omitempty"`
	// Negated is set for a denial ("did not", "never").
	Negated bool `json:"negated,omitempty"`
	// Modality is "" for something that happened or is so, "planned"
	// ("preparing to revoke"), "possible" ("could", "potential") or
	// "pending" ("has yet to").
	Modality string `json:"modality,omitempty"`
	// Labels are the words an attribution characterises something with
	// ("the State Department characterized ... as reckless": "reckless").
	Labels []string `json:"labels,omitempty"`
	// Attribution is who the outlet attributes the clause to, if anyone.
	Attribution string `json:"attribution,omitempty"`
	// Frame are the terms of the attribution frame ("state emergency
	// services minister Rhys Kettering told reporters"): who said it is
	// not what was said, so they do not make two clauses one claim.
	Frame []string `json:"frame,omitempty"`
	// Post is the author of the embedded post the clause is from.
	Post string `json:"post,omitempty"`
}

// Modalities of a fact.
const (
	Planned  = "planned"
	Possible = "possible"
	Pending  = "pending"
)

// subordinators start a clause of their own after a comma.
var subordinators = wordSet(`where while whereas although though but when after before because since until`)

// subjects are the pronouns that start a clause.
var subjects = wordSet(`he she they we it i`)

// auxiliaries and frequent verbs help find where a clause's subject ends.
var auxiliaries = wordSet(`is are was were be been being has have had will would can could may might
	shall should must does did do said says told urged called announced`)

// qualifierWords qualify figures ("at least", "nearly"): not terms.
var qualifierWords = wordSet(`least most nearly almost around roughly approximately estimated some`)

// reporting verbs say who said something; they are not part of what a
// clause claims.
var reporting = wordkeys.ReportingVerbs

// appendFacts appends the factual clauses of sentence s (index idx, -1
// in a post) to out. Direct quotes, questions and fragments are not facts.
func (t *text) appendFacts(out []Fact, s analyze.Sentence, idx int, post string) []Fact {
	n := s.End - s.Start
	// A sentence that is a third or more direct quote is speech, which
	// the quote groups report.
	if n == 0 || t.quoted(s.Start, s.End)*3 > n {
		return out
	}
	if last := t.toks[s.Last-1].Text; last == "?" || words(t.toks[s.First:s.Last]) < 5 {
		return out
	}
	// The claim starts after a dateline ("BRISBANE, March 13 (MPA) -").
	s.First = t.datelineEnd(s)
	prev := -1 // the index in out of the fact of the clause before, if kept
	for _, c := range t.clauses(s) {
		if words(t.toks[c.first:c.last]) < 4 {
			prev = -1
			continue
		}
		f := t.fact(c)
		f.Sentence, f.Post = idx, post
		if c.during && prev >= 0 {
			shareMoment(&out[prev], &f)
		}
		prev = -1
		if len(f.Terms) >= 2 {
			out = append(out, f)
			prev = len(out) - 1
		}
	}
	return out
}

// shareMoment gives each of two clauses that tell of one moment the day
// the other names, when only one names it: "At least 17 people were
// killed" is dated by "when the ferry capsized on Tuesday".
func shareMoment(a, b *Fact) {
	switch {
	case len(a.Dates) == 0 && len(b.Dates) > 0:
		a.Dates = slices.Clone(b.Dates)
	case len(b.Dates) == 0 && len(a.Dates) > 0:
		b.Dates = slices.Clone(a.Dates)
	}
}

// datelineEnd returns the first token after the dateline that opens
// sentence s ("BRISBANE, March 13 (MPA) -", "STOCKHOLM (MPA) —",
// "LERWICK, Scotland, March 9 -"), or s.First when there is none. A
// dateline is a place, possibly a region, a date and an agency in
// parentheses, closed by a dash; its place is in capitals or it names an
// agency.
func (t *text) datelineEnd(s analyze.Sentence) int {
	first := s.First
	for first < s.Last && t.toks[first].Kind == analyze.Space {
		first++
	}
	if first >= s.Last || t.toks[first].Kind != analyze.Word {
		return s.First
	}
	// A place in capitals is a run of capitalised words followed by a
	// comma or the dash ("NEW YORK, ..."; not "US President ... -").
	caps := false
	for k := first; k < s.Last && t.toks[k].Kind == analyze.Word && upperWord(t.toks[k].Text); k++ {
		next := t.toks[k+1].Text
		caps = next == "," || next == "-" || next == "—" || next == "–" || next == "--"
	}
	agency, paren := false, false
	for k := first; k < s.Last && k < first+16; k++ {
		tk := t.toks[k]
		switch {
		case tk.Text == "-" || tk.Text == "—" || tk.Text == "–" || tk.Text == "--":
			if k == first || !caps && !agency || words(t.toks[k+1:s.Last]) < 4 {
				return s.First
			}
			return k + 1
		case tk.Text == "(":
			paren = true
		case tk.Text == ")":
			paren = false
		case tk.Text == "," || tk.Text == "." || tk.Kind == analyze.Space:
		case tk.Kind == analyze.Number:
			if len(tk.Text) > 2 {
				return s.First // a day of the month, not a figure
			}
		case tk.Kind == analyze.Word:
			r, _ := utf8.DecodeRuneInString(tk.Text)
			if !unicode.IsUpper(r) {
				return s.First
			}
			if paren && upperWord(tk.Text) {
				agency = true
			}
		default:
			return s.First
		}
	}
	return s.First
}

// upperWord reports whether w has two or more letters, all capitals.
func upperWord(w string) bool {
	n := 0
	for _, r := range w {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			n++
		}
	}
	return n >= 2
}

// words counts the word tokens.
func words(toks []analyze.Token) int {
	n := 0
	for _, tk := range toks {
		if tk.Kind == analyze.Word || tk.Kind == analyze.Number {
			n++
		}
	}
	return n
}

// clause is a token range of a sentence with the subject it shares with the
// clause before it ("he urged ... and accused ...").
type clause struct {
	first, last int
	subject     string
	// during is set when the clause was cut off the one before at "when",
	// "as" or "while": the two tell of one moment ("17 were killed when
	// the ferry capsized on Tuesday").
	during bool
}

// clauses splits a sentence (into the text's scratch list, valid until
// the next call) where a new clause starts: after a semicolon,
// at a subordinating word after a comma (", where he ..."), at a
// subordinating word followed by a subject ("after he urged"), and at
// "and" followed by a past-tense verb (the subject is carried over).
func (t *text) clauses(s analyze.Sentence) []clause {
	out := t.clauseBuf[:0]
	cur := clause{first: s.First}
	cut := func(end, next int, subject string) {
		if words(t.toks[cur.first:end]) >= 4 && words(t.toks[next:s.Last]) >= 4 {
			out = append(out, cur)
			out[len(out)-1].last = end
			cur = clause{first: next, subject: subject, during: sameMoment[t.low[next-1]]}
		}
	}
	for k := s.First + 1; k < s.Last-1; k++ {
		tk := t.low[k]
		sub := t.class[k].has(subordinatorWord)
		prev := t.toks[k-1].Text
		next := t.toks[k+1]
		switch {
		case tk == ";":
			cut(k, k+1, "")
		case prev == "," && (sub && tk != "but" || (tk == "but" || tk == "and") && t.startsSubject(k+1)):
			cut(k-1, k+1, "")
		case sub && tk != "but" && t.startsSubject(k+1):
			cut(k, k+1, "")
		case tk == "and" && next.Kind == analyze.Word && pastTense(next.Text):
			if subj := t.subjectOf(cur.first, k); subj != "" {
				cut(k, k+1, subj)
			}
		}
	}
	cur.last = s.Last
	out = append(out, cur)
	t.clauseBuf = out
	return out
}

// sameMoment are the subordinating words after which a clause tells of the
// moment of the clause before it.
var sameMoment = map[string]bool{"when": true, "as": true, "while": true}

// startsSubject reports whether token k starts a clause with a subject: a
// pronoun, or a few words followed by a verb before any punctuation ("after
// the Swedish van maker announced").
func (t *text) startsSubject(k int) bool {
	if k >= len(t.toks) {
		return false
	}
	if t.class[k].has(subjectWord) {
		return true
	}
	if strings.HasSuffix(t.toks[k].Text, "ing") {
		return false // "after discovering a fault": no subject
	}
	for j := k + 1; j < len(t.toks) && j <= k+6; j++ {
		tk := t.toks[j]
		if tk.Kind == analyze.Punct || tk.Kind == analyze.Space {
			return false
		}
		if t.class[j].has(auxiliaryWord) || pastTense(tk.Text) || pastForms[t.low[j]] {
			return true
		}
	}
	return false
}

// pastTense guesses a lower-case past-tense verb ("accused", "urged").
func pastTense(w string) bool {
	if len(w) <= 4 || !strings.HasSuffix(w, "ed") {
		return false
	}
	c, _ := utf8.DecodeRuneInString(w)
	return unicode.IsLower(c)
}

// subjectOf returns the subject of the clause [first, end): the words
// before its first verb, when there are one to six of them.
func (t *text) subjectOf(first, end int) string {
	for k := first; k < end; k++ {
		w := t.low[k]
		if t.class[k].has(auxiliaryWord) || pastTense(t.toks[k].Text) || strings.HasSuffix(w, "s") && k > first && t.toks[k-1].Kind == analyze.Word && t.class[k-1].has(subjectWord) {
			if k == first || k-first > 6 {
				return ""
			}
			return t.span(t.toks[first].Start, t.toks[k-1].End)
		}
	}
	return ""
}

// fact reduces a clause.
func (t *text) fact(c clause) Fact {
	toks := t.toks[c.first:c.last]
	low := t.low[c.first:c.last:c.last]
	cls := t.class[c.first:c.last:c.last]
	f := Fact{}
	f.Text = t.clauseText(c)
	f.Modality = modality(low, cls)
	f.Negated = negated(low)
	f.Figures = figures(toks, low, cls)
	if len(f.Figures) > 0 {
		if p := period(toks, low, t.year); p != "" {
			for i := range f.Figures {
				f.Figures[i].Period = p
			}
		}
	}
	f.Dates = dates(low, cls)
	f.Labels = t.labels(c.first, c.last)
	f.Attribution = t.attribution(c.first, c.last)
	// The terms are gathered in the text's scratch lists, then copied at
	// their final length.
	terms, names := t.termBuf[:0], t.nameBuf[:0]
	flo, fhi := t.frameSpan(c.first, c.last)
	var frame []string
	skip := 0 // tokens of a news phrase already taken
	for i, tk := range toks {
		if skip > 0 {
			skip--
			continue
		}
		if k := c.first + i; k >= flo && k < fhi {
			n := len(terms)
			if key, ok := KeyOfToken(tk.Text); ok {
				terms = appendOnce(terms, key)
				names = appendOnce(names, key)
			} else if tk.Kind == analyze.Word && !cls[i].has(figureToken|reportingWord|qualifierWord) && low[i] != "'s" && low[i] != "’s" {
				terms, names = appendWordTerms(terms, names, low[i], cls[i], t.mentionAt(tk.Start) != nil)
			}
			for _, key := range terms[n:] {
				frame = appendOnce(frame, key)
			}
			continue
		}
		if k, ok := KeyOfToken(tk.Text); ok {
			terms = appendOnce(terms, k)
			names = appendOnce(names, k)
			continue
		}
		// A number that a label word names ("category 1", "flight 370",
		// "force 5") is no count, but tells which one: a term of its own
		// ("categori 1").
		if i > 0 && (tk.Kind == analyze.Number || cls[i].has(digitWord)) && cls[i-1].has(notCountWord) {
			terms = appendOnce(terms, termKey(low[i-1])+" "+low[i])
			continue
		}
		// Numbers, reporting verbs and qualifiers of figures are not
		// terms.
		if tk.Kind != analyze.Word || cls[i].has(figureToken|reportingWord|qualifierWord) || low[i] == "'s" || low[i] == "’s" {
			continue
		}
		// A news phrase ("lost their lives") is one term, taken within
		// the part of the clause it starts in.
		end := len(toks)
		if c.first+i < flo {
			end = flo - c.first
		}
		if cls[i].has(phraseWord) {
			if keys, n := phraseAt(low[i:end]); n > 0 {
				for _, key := range keys {
					terms = appendOnce(terms, key)
				}
				skip = n - 1
				continue
			}
		}
		name := t.mentionAt(tk.Start) != nil
		terms, names = appendWordTerms(terms, names, low[i], cls[i], name)
	}
	for _, l := range f.Labels {
		terms = appendOnce(terms, "="+l)
	}
	f.Terms, f.Names = cloneList(terms), cloneList(names)
	// A term of the frame that the claim itself uses is the claim's.
	for _, key := range frame {
		if !t.usedOutside(key, c, flo, fhi) {
			f.Frame = append(f.Frame, key)
		}
	}
	t.termBuf, t.nameBuf = terms, names
	return f
}

// frameSpan returns the tokens of clause [first, last) that attribute it
// rather than state it: "according to ..." to the end; the speaker and
// what follows the verb in "..., the minister told reporters in Brisbane"
// (few words after the verb); the speaker before the verb in "Industry
// groups said it was too early ..." (a short subject). lo == hi when there
// is no frame.
func (t *text) frameSpan(first, last int) (int, int) {
	for v := first; v < last; v++ {
		if t.low[v] == "according" && v+1 < last && t.low[v+1] == "to" {
			end := v + 2
			for end < last && t.toks[end].Kind == analyze.Word || end < last && (t.toks[end].Text == "'s" || t.toks[end].Text == "’s") {
				end++
			}
			return v, end
		}
		if v == first || !t.class[v].has(reportingWord) || t.class[v-1].has(passiveAuxWord|auxiliaryWord) {
			continue
		}
		if t.toks[v-1].Text == "," && words(t.toks[v+1:last]) <= 4 {
			return v, last // "..., said the minister."
		}
		if t.toks[v-1].Kind != analyze.Word {
			continue // ", state emergency services minister": not a verb
		}
		if words(t.toks[v+1:last]) <= 4 {
			lo := first
			for k := v - 1; k > first; k-- {
				if t.toks[k].Text == "," {
					lo = k + 1
					break
				}
			}
			if lo == first {
				return v, v // no content before the speaker
			}
			return lo, last
		}
		if words(t.toks[first:v]) <= 8 {
			return first, v + 1
		}
		return v, v
	}
	return first, first
}

// usedOutside reports whether a term of clause c also comes from a token
// outside [lo, hi).
func (t *text) usedOutside(key string, c clause, lo, hi int) bool {
	for k := c.first; k < c.last; k++ {
		if k >= lo && k < hi || t.toks[k].Kind != analyze.Word {
			continue
		}
		if kk, ok := KeyOfToken(t.toks[k].Text); ok && kk == key {
			return true
		}
		w := t.low[k]
		for {
			part, rest, hyphen := strings.Cut(w, "-")
			if len(part) >= 2 && termKey(part) == key {
				return true
			}
			if !hyphen {
				break
			}
			w = rest
		}
	}
	return false
}

// cloneList returns a copy of list, nil when it is empty.
func cloneList(list []string) []string {
	if len(list) == 0 {
		return nil
	}
	return slices.Clone(list)
}

// appendWordTerms appends the keys of the content words of the lower-cased
// word w, split at its hyphens, to terms, and to names too when w is part
// of a name; c is w's word class.
func appendWordTerms(terms, names []string, w string, c wordClass, name bool) ([]string, []string) {
	whole := strings.IndexByte(w, '-') < 0 // c tells whether it is a stop word
	for {
		part, rest, hyphen := strings.Cut(w, "-")
		var stop bool
		if whole {
			stop = c.has(stopWord)
		} else {
			stop = analyze.IsStopword(part)
		}
		if len(part) >= 2 && !stop && !isDigits(part) {
			k := termKey(part)
			terms = appendOnce(terms, k)
			if name {
				names = appendOnce(names, k)
			}
		}
		if !hyphen {
			return terms, names
		}
		w = rest
	}
}

// clauseText returns a clause as a sentence of its own: the carried or
// resolved subject first, a capital at the start, a full stop at the end.
func (t *text) clauseText(c clause) string {
	first := c.first
	subject := c.subject
	if w := strings.ToLower(subject); w == "he" || w == "she" {
		if name := t.personBefore(t.toks[first].Start); name != "" {
			subject = name
		}
	}
	if w := t.low[first]; (w == "he" || w == "she") && subject == "" {
		if name := t.personBefore(t.toks[first].Start); name != "" {
			subject = name
			first++
		}
	}
	last := c.last
	for last > first+1 && t.toks[last-1].Kind == analyze.Punct && strings.ContainsAny(t.toks[last-1].Text, ",;:—–-") {
		last--
	}
	return asSentence(subject, t.span(t.toks[first].Start, t.toks[last-1].End))
}

// asSentence returns subject (if any) and s as a sentence: a capital at
// the start, a full stop at the end unless it ends with one or a quotation
// mark.
func asSentence(subject, s string) string {
	if !utf8.ValidString(subject) || !utf8.ValidString(s) {
		return asSentenceRunes(subject, s)
	}
	head := s
	if subject != "" {
		head = subject
	}
	first, size := utf8.DecodeRuneInString(head)
	upper := unicode.ToUpper(first)
	last, _ := utf8.DecodeLastRuneInString(s)
	stop := !strings.ContainsRune(".!?”\"’'", last)
	var b strings.Builder
	b.Grow(len(subject) + 1 + len(s) + utf8.UTFMax + 1)
	b.WriteRune(upper)
	b.WriteString(head[size:])
	if subject != "" {
		b.WriteByte(' ')
		b.WriteString(s)
	}
	if stop {
		b.WriteByte('.')
	}
	return b.String()
}

// asSentenceRunes is asSentence for text that is not valid UTF-8, whose
// invalid bytes become U+FFFD as they did when clauses were made of runes.
func asSentenceRunes(subject, s string) string {
	if subject != "" {
		s = subject + " " + s
	}
	r := []rune(s)
	r[0] = unicode.ToUpper(r[0])
	s = string(r)
	if !strings.ContainsAny(string(r[len(r)-1]), ".!?”\"’'") {
		s += "."
	}
	return s
}

// personBefore returns who "he" or "she" at pos most likely stands for:
// the first person named earlier in the same sentence, else the first
// person named in one of the three sentences before (the subject of the
// story's sentences is usually named first).
func (t *text) personBefore(pos int) string {
	cur := sort.Search(len(t.sents), func(i int) bool { return t.sents[i].End > pos })
	for k := cur; k >= 0 && k >= cur-3; k-- {
		lo, hi := 0, pos
		if k < len(t.sents) {
			lo = t.sents[k].Start
			if k < cur {
				hi = t.sents[k].End
			}
		}
		byline := false
		for _, m := range t.mentions {
			if m.Start >= hi {
				break
			}
			if m.Start >= lo && m.Type == storyline.Person {
				if t.reportsFor(m) {
					byline = true
					continue
				}
				_, n := SplitTitle(CleanName(m.Text))
				if full := t.names[NameKey(n)]; full != "" {
					n = full
				}
				return n
			}
		}
		if byline {
			return "" // the sentence's own subject is no person named
		}
	}
	return ""
}

// reportsFor reports whether a person mention names a journalist whose
// reporting a text cites ("As Mira Holt reports for the Daily Ledger",
// "Mira Holt wrote in the Ledger", "..., reports Holt."): the journalist is
// not whom a later "he" or "she" stands for.
func (t *text) reportsFor(m storyline.Mention) bool {
	if i := t.tokenAt(m.Start); i > 0 && journalismVerbs[t.low[i-1]] {
		return true
	}
	i := t.tokenAt(m.End)
	if i+1 >= len(t.toks) || !journalismVerbs[t.low[i]] {
		return false
	}
	next := t.low[i+1]
	return next == "for" || next == "in"
}

// tokenAt returns the index of the first token starting at or after
// offset pos.
func (t *text) tokenAt(pos int) int {
	return sort.Search(len(t.toks), func(i int) bool { return t.toks[i].Start >= pos })
}

// journalismVerbs are the verbs that cite a journalist's reporting.
var journalismVerbs = wordSet(`reports reported writes wrote`)

// modality tells whether a clause, given as lower-cased words, reports a
// plan, a possibility or something still pending rather than a fact; cls
// holds the words' classes.
func modality(low []string, cls []wordClass) string {
	mod := ""
	relative := false // in a relative clause, up to its comma
	for i, w := range low {
		next := ""
		if i+1 < len(low) {
			next = low[i+1]
		}
		// What a relative clause says of a noun ("a march that had been
		// planned for Sunday", "collisions in which the fault may have
		// played a part") is not the clause's own modality.
		switch {
		case cls[i].has(relativeWord) || w == "that" && cls[min(i+1, len(low)-1)].has(auxiliaryWord|passiveAuxWord):
			relative = true
		case w == "," || w == ";":
			relative = false
		}
		if relative {
			continue
		}
		switch {
		case (w == "not" && next == "yet") || (w == "yet" && next == "to"):
			return Pending
		case next == "to" && cls[i].has(planVerbWord), cls[i].has(forecastWord) && toFollows(low[i+1:]), w == "will", w == "is" && next == "to", w == "are" && next == "to",
			w == "considering", w == "weighing", w == "plans", w == "planned":
			mod = Planned
		case mod == "" && cls[i].has(possibleWord):
			mod = Possible
		}
	}
	return mod
}

// forecastVerbs say what someone expects of something: "forecasters
// expect the wind to ease" is a forecast, not what happened.
var forecastVerbs = wordSet(`expect expects expected forecast forecasts predict predicts predicted`)

// toFollows reports whether "to" comes within the next four words, before
// any punctuation ("expect the wind to ease").
func toFollows(low []string) bool {
	for i, w := range low {
		switch {
		case w == "to":
			return true
		case i == 4 || w == "," || w == ";" || w == ".":
			return false
		}
	}
	return false
}

// relativeWords open a relative clause.
var relativeWords = wordSet(`which who whom whose`)

var (
	// PlanVerbs are the words that make a clause a plan ("is preparing to
	// revoke", "plans to"). Callers must not change it.
	PlanVerbs     = wordSet(`preparing prepares prepare prepared plans planning plan set poised intends intend intending expected about going aims aiming seeks seeking moving moves due`)
	possibleWords = wordSet(`may might could potential possible possibly likely reportedly`)
)

// negated reports a denial: "not", "n't", "never", "no longer", "neither".
func negated(low []string) bool {
	for i, w := range low {
		next := ""
		if i+1 < len(low) {
			next = low[i+1]
		}
		switch {
		case w == "not" && (next == "yet" || next == "only"):
		case w == "not" || w == "n't" || w == "never" || w == "neither" || strings.HasSuffix(w, "n't"):
			return true
		case w == "no" && next == "longer":
			return true
		}
	}
	return false
}

// isDigits reports whether s is all ASCII digits.
func isDigits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s != ""
}
