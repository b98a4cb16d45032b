package reconcile

import (
	"github.com/storyline-news/storyline/analyze/document"
	"strings"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/analyze"
	wordkeys "github.com/storyline-news/storyline/analyze/lexicon"
)

// quoteVariant is one report's wording of a statement.
type quoteVariant struct {
	r       *report
	text    string
	speaker string
	terms   []string
}

// quoteGroup is one statement as the outlets quoted it.
type quoteGroup struct {
	speaker  string
	variants []quoteVariant
	terms    map[string]bool
}

// Thresholds for matching two wordings of one statement. Translations of
// one sentence share about half their content words ("We will not give in
// to threats" / "We shall not yield to intimidation"), so the share is
// taken over the shorter wording, which also lets a part of a quote match
// the whole.
const (
	quoteShare     = 0.5 // shared content words / those of the shorter wording
	quoteMinShared = 2   // and at least this many shared words
	unmarkedShare  = 0.8 // a wording without quotation marks must be closer
	unmarkedMin    = 4
)

// quoteTerms returns the comparable content words of a quote.
func quoteTerms(s string) []string {
	var out []string
	for _, tk := range analyze.Tokenize(s) {
		if k, ok := document.KeyOfToken(tk.Text); ok {
			out = appendOnce(out, k)
			continue
		}
		w := strings.ToLower(tk.Text)
		if tk.Kind != analyze.Word || len(w) < 2 || analyze.IsStopword(w) || w == "'s" || w == "’s" {
			continue
		}
		out = appendOnce(out, termKey(w))
	}
	return out
}

// overlap returns how many of a's terms are in set, and the share of the
// shorter of the two.
func overlap(a []string, set map[string]bool) (int, float64) {
	n := 0
	for _, t := range a {
		if set[t] {
			n++
		}
	}
	short := min(len(a), len(set))
	if short == 0 {
		return 0, 0
	}
	return n, float64(n) / float64(short)
}

// quoteGroups groups the quotes of every report by speaker and content,
// then looks in the reports that have no wording of a group for the same
// words given without quotation marks ("He stated, Disobey Trump's order!").
//
// It also returns, by report, the wordings found without quotation marks,
// so that they are not taken for the outlet's own claims.
func quoteGroups(reps []*report, ix nameIndex) ([]storyline.QuoteGroup, map[*report][]string) {
	var groups []*quoteGroup
	for _, r := range reps {
		for _, q := range r.an.Quotes {
			v := quoteVariant{r: r, text: q.Text, terms: quoteTerms(q.Text)}
			if q.Speaker != "" {
				v.speaker = ix.canonical(q.Speaker)
			}
			if len(v.terms) == 0 || len(plainWords(q.Text)) <= 3 {
				continue // a phrase quoted inside reported speech
			}
			if g := bestGroup(groups, v); g != nil {
				g.add(v)
				continue
			}
			g := &quoteGroup{terms: map[string]bool{}}
			g.add(v)
			groups = append(groups, g)
		}
	}
	found := map[*report][]string{}
	for _, g := range groups {
		if g.speaker == "" || len(g.terms) < unmarkedMin {
			continue
		}
		for _, r := range reps {
			if g.has(r) {
				continue
			}
			if text, ok := unmarked(r.body(), g); ok {
				g.add(quoteVariant{r: r, text: text, speaker: g.speaker, terms: quoteTerms(text)})
				found[r] = append(found[r], text)
			}
		}
	}
	out := make([]storyline.QuoteGroup, 0, len(groups))
	for _, g := range groups {
		out = append(out, g.card())
	}
	return out, found
}

// sharesRun reports whether a and b have a run of n words in common
// (letter case and punctuation aside).
func sharesRun(a, b string, n int) bool {
	wa, wb := plainWords(a), plainWords(b)
	runs := map[string]bool{}
	for i := 0; i+n <= len(wb); i++ {
		runs[strings.Join(wb[i:i+n], " ")] = true
	}
	for i := 0; i+n <= len(wa); i++ {
		if runs[strings.Join(wa[i:i+n], " ")] {
			return true
		}
	}
	return false
}

// plainWords returns the lower-cased words of s without punctuation.
func plainWords(s string) []string {
	var out []string
	for _, tk := range analyze.Tokenize(s) {
		if tk.Kind == analyze.Word || tk.Kind == analyze.Number {
			out = append(out, strings.ToLower(tk.Text))
		}
	}
	return out
}

// bestGroup returns the group a wording belongs to, or nil.
func bestGroup(groups []*quoteGroup, v quoteVariant) *quoteGroup {
	var best *quoteGroup
	bestShare := 0.0
	for _, g := range groups {
		if v.speaker != "" && g.speaker != "" && v.speaker != g.speaker {
			continue
		}
		n, share := overlap(v.terms, g.terms)
		if n >= quoteMinShared && share >= quoteShare && share > bestShare {
			best, bestShare = g, share
		}
	}
	return best
}

// add puts a wording into the group.
func (g *quoteGroup) add(v quoteVariant) {
	if g.speaker == "" {
		g.speaker = v.speaker
	}
	for _, t := range v.terms {
		g.terms[t] = true
	}
	g.variants = append(g.variants, v)
}

// has reports whether the group holds a wording from r or from the outlet
// r counts for.
func (g *quoteGroup) has(r *report) bool {
	for _, v := range g.variants {
		if v.r == r || v.r.outlet == r.outlet {
			return true
		}
	}
	return false
}

// card renders the group for the card.
func (g *quoteGroup) card() storyline.QuoteGroup {
	q := storyline.QuoteGroup{Speaker: g.speaker, Text: g.variants[0].text, Variants: []storyline.QuoteVariant{}, Sources: []string{}}
	seen := map[string]bool{}
	for _, v := range g.variants {
		if !v.r.unknown { // an unknown outlet never corroborates
			q.Sources = appendOnce(q.Sources, v.r.outlet)
		}
		if seen[v.text] {
			continue
		}
		seen[v.text] = true
		q.Variants = append(q.Variants, storyline.QuoteVariant{Text: v.text, Article: v.r.a.ExternalID, Source: v.r.source})
	}
	q.Status = storyline.SingleSource
	if len(q.Sources) > 1 {
		q.Status = storyline.Corroborated
	}
	return q
}

// speechVerbs introduce speech given without quotation marks.
var speechVerbs = wordkeys.UnmarkedSpeechVerbs

// body is a report's text read once for the search for unmarked quotes:
// its tokens, rune offsets and the key of each token.
type body struct {
	text string
	toks []analyze.Token
	offs []int
	keys []string
}

// body returns the report's tokenised body, made on first use.
func (r *report) body() *body {
	if r.tokens == nil {
		b := &body{text: r.a.Body, toks: analyze.Tokenize(r.a.Body), offs: analyze.RuneOffsets(r.a.Body)}
		b.keys = make([]string, len(b.toks))
		for i, tk := range b.toks {
			b.keys[i] = tokenKey(tk)
		}
		r.tokens = b
	}
	return r.tokens
}

// unmarked looks in a body for the group's words given as speech without
// quotation marks: a run of words made almost only of the group's words,
// shortly after a speech verb, in a paragraph that names the speaker. It
// returns the run, to its closing punctuation.
func unmarked(b *body, g *quoteGroup) (string, bool) {
	toks := b.toks
	surname := strings.Fields(document.NameKey(g.speaker))
	if len(surname) == 0 {
		return "", false
	}
	last := surname[len(surname)-1]
	bestScore, bestI, bestJ := 0.0, -1, -1
	paraStart := 0
	for i := range toks {
		if toks[i].Kind == analyze.Space {
			paraStart = i + 1
			continue
		}
		key := b.keys[i]
		if key == "" || !g.terms[key] || !speechBefore(toks, paraStart, i) || !namesIn(toks[paraStart:i], last) {
			continue
		}
		matched := map[string]bool{}
		miss := 0
		for j := i; j < len(toks) && toks[j].Kind != analyze.Space && j < i+60; j++ {
			k := b.keys[j]
			if k == "" {
				continue
			}
			if g.terms[k] {
				matched[k] = true
			} else {
				miss++
			}
			score := float64(len(matched)) - 0.75*float64(miss)
			if g.terms[k] && score > bestScore {
				bestScore, bestI, bestJ = score, i, j
			}
		}
	}
	if bestI < 0 {
		return "", false
	}
	// Close the run at the punctuation that ends it.
	if bestJ+1 < len(toks) && toks[bestJ+1].Kind == analyze.Punct && strings.ContainsAny(toks[bestJ+1].Text, ".!?") {
		bestJ++
	}
	run := b.text[b.offs[toks[bestI].Start]:b.offs[toks[bestJ].End]]
	terms := quoteTerms(run)
	n, _ := overlap(terms, g.terms)
	if n < unmarkedMin || float64(n) < unmarkedShare*float64(len(terms)) {
		return "", false
	}
	return run, true
}

// tokenKey returns the comparable key of a content word token, or "".
func tokenKey(tk analyze.Token) string {
	if k, ok := document.KeyOfToken(tk.Text); ok {
		return k
	}
	w := strings.ToLower(tk.Text)
	if tk.Kind != analyze.Word || len(w) < 2 || analyze.IsStopword(w) || w == "'s" || w == "’s" {
		return ""
	}
	return termKey(w)
}

// speechBefore reports whether a speech verb comes in the dozen tokens
// before token i, within its paragraph.
func speechBefore(toks []analyze.Token, para, i int) bool {
	for k := i - 1; k >= para && k >= i-12; k-- {
		if speechVerbs[strings.ToLower(toks[k].Text)] {
			return true
		}
	}
	return false
}

// namesIn reports whether the tokens name the speaker (by surname) or
// refer to someone by pronoun.
func namesIn(toks []analyze.Token, surname string) bool {
	for _, tk := range toks {
		if tk.Kind != analyze.Word {
			continue
		}
		w := strings.ToLower(tk.Text)
		if w == "he" || w == "she" || w == surname || document.NameKey(w) == surname {
			return true
		}
	}
	return false
}
