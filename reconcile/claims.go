package reconcile

import (
	"github.com/storyline-news/storyline/analyze/document"
	"maps"
	"math"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/analyze"
	"github.com/storyline-news/storyline/reconcile/match"
)

// member is one report's fact in a claim group.
type member struct {
	r *report
	f *document.Fact
}

// factGroup is one claim: the facts of several reports that say the same
// thing (paraphrases), possibly with different figures, dates or negation.
type factGroup struct {
	members []member
	terms   map[string]float64 // term → weight, over the members
	// status and conflict are set by judge.
	status   storyline.Status
	conflict bool
	// disputed is set when a figure that some members give is disputed
	// but the claim is about more than the figure.
	disputed bool
	// later is the group that reports the outcome of this one's plan
	// ("preparing to revoke" → "announced the revocation").
	later *factGroup
	score float64 // centrality, for ordering and the summary
}

// first is the earliest member.
func (g *factGroup) first() member { return g.members[0] }

// outlets returns the independent outlets of the group's members. Reports
// of unknown outlet are left out: they never make a claim corroborated,
// neither with each other nor with one known outlet.
func (g *factGroup) outlets() []string {
	var out []string
	for _, m := range g.members {
		if m.r.unknown {
			continue
		}
		out = appendOnce(out, m.r.outlet)
	}
	return out
}

// post returns the author of the post the group comes from, or "".
func (g *factGroup) post() string { return g.first().f.Post }

// Thresholds for taking two clauses for one claim. Terms are weighted by
// how rare they are in the story (a name every clause repeats says
// little), and the share is taken over the lighter clause.
const (
	claimShare     = 0.5 // shared weight / weight of the lighter clause
	claimDice      = 0.3 // and shared weight / mean weight of the two
	claimMinShared = 2   // and at least this many shared terms that are not names
	mergeShare     = 0.7 // two claims are one when clauses of each share this much
)

// weights gives each term of the story's facts an inverse document
// frequency over those facts.
func weights(facts []member) map[string]float64 {
	df := map[string]int{}
	for _, m := range facts {
		for _, t := range m.f.Terms {
			df[t]++
		}
	}
	w := make(map[string]float64, len(df))
	n := float64(len(facts))
	for t, d := range df {
		w[t] = math.Log(1 + n/float64(d))
		if timeOfDay[t] {
			w[t] /= 2
		}
	}
	return w
}

// timeOfDay are the keys of the words for a part of the day. Outlets
// time one event to different precision ("by midday", "by the
// afternoon", "overnight", "in the early hours"): such a word weighs half
// as much as its rarity says.
// The set holds keys (see termKey; TestTimeOfDayKeys checks them): the
// tables of keys are filled by init functions, after this variable.
var timeOfDay = wordSet(`morn afternoon evening midday noon midnight dusk dawn daybreak night hour`)

// groupFacts groups the facts of all reports into claims. Facts from
// embedded posts stay apart: each is a claim of its post. Clauses that hold
// a quote given without quotation marks (unquoted, by report) are speech,
// not claims.
func groupFacts(reps []*report, unquoted map[*report][]string) []*factGroup {
	var facts []member
	for _, r := range reps {
	next:
		for i := range r.an.Facts {
			for _, q := range unquoted[r] {
				if sharesRun(r.an.Facts[i].Text, q, 3) {
					continue next
				}
			}
			facts = append(facts, member{r: r, f: &r.an.Facts[i]})
		}
	}
	w := weights(facts)
	groups := groupBest(facts, w)
	for _, g := range groups {
		g.score = centrality(g, w, len(facts))
	}
	return groups
}

// groupBest groups facts best match first: pairs of clauses are taken in
// order of similarity, so that a paraphrase joins the clause it is most
// like, wherever that clause stands in time. A fact joins the group of its
// partner; two groups are never merged through one pair (that would chain
// loose matches) unless the pair is close (mergeShare) or one group is a
// single clause in copies. Groups come in the order of their first fact.
func groupBest(facts []member, w map[string]float64) []*factGroup {
	type pair struct {
		i, j int
		sim  float64
	}
	var pairs []pair
	cands := candidates(facts)
	paraphrased := matcher(facts)
	// Copies of a clause (a wire text that many reports carry) score alike:
	// each pair of texts is scored once.
	textID := map[string]int{}
	ids := make([]int, len(facts))
	for k, m := range facts {
		id, ok := textID[m.f.Text]
		if !ok {
			id = k
			if m.f.Text != "" {
				textID[m.f.Text] = id
			}
		}
		ids[k] = id
	}
	scored := map[uint64]float64{}
	score := func(i, j int) float64 {
		key := uint64(ids[i])<<32 | uint64(ids[j])
		if s, ok := scored[key]; ok {
			return s
		}
		s := similarity(facts[i].f, facts[j].f, w)
		if s < 1 {
			// The matcher is asked only where the rules leave room.
			s = math.Max(s, paraphrased(i, j))
		}
		scored[key] = s
		return s
	}
	for i := range facts {
		a := facts[i]
		if a.f.Post != "" {
			continue
		}
		for _, j := range cands(i) {
			b := facts[j]
			if b.f.Post != "" || (a.f.Modality == "") != (b.f.Modality == "") || a.r == b.r && a.f.Sentence == b.f.Sentence {
				continue
			}
			// A denial joins what it denies only when it is close enough
			// for judge to flag the contradiction (negationShare); a
			// looser match would hide it in a corroborated claim. A
			// clause that says the same in the negative ("has not been
			// heard from" / "lost contact") denies nothing the other says.
			s := score(i, j)
			if undoes(a.f, b.f) != "" || undoes(b.f, a.f) != "" {
				// "reopened" / "was closed": a development, not one claim.
				continue
			}
			if s > 0 && (s >= negationShare || !denies(a.f, b.f)) {
				pairs = append(pairs, pair{i, j, s})
			}
		}
	}
	sort.SliceStable(pairs, func(x, y int) bool { return pairs[x].sim > pairs[y].sim })
	of := make([]int, len(facts)) // fact → group number + 1
	var sets [][]int
	// joins reports whether fact k may join set: clauses of one sentence
	// are different claims.
	joins := func(k int, set []int) bool {
		for _, o := range set {
			if facts[o].r == facts[k].r && facts[o].f.Sentence == facts[k].f.Sentence {
				return false
			}
		}
		return true
	}
	// oneClause reports whether a set is one outlet's clause in several
	// copies (a wire text and the reports that carry it): it joins a group
	// as a single clause would.
	oneClause := func(set []int) bool {
		for _, k := range set {
			if facts[k].f.Text != facts[set[0]].f.Text || facts[k].r.outlet != facts[set[0]].r.outlet {
				return false
			}
		}
		return true
	}
	mergeable := func(a, b []int) bool {
		for _, k := range b {
			if !joins(k, a) {
				return false
			}
		}
		return true
	}
	for _, p := range pairs {
		gi, gj := of[p.i], of[p.j]
		switch {
		case gi == 0 && gj == 0:
			sets = append(sets, []int{p.i, p.j})
			of[p.i], of[p.j] = len(sets), len(sets)
		case gi == 0 && joins(p.i, sets[gj-1]):
			sets[gj-1] = append(sets[gj-1], p.i)
			of[p.i] = gj
		case gj == 0 && joins(p.j, sets[gi-1]):
			sets[gi-1] = append(sets[gi-1], p.j)
			of[p.j] = gi
		case gi != 0 && gj != 0 && gi != gj && (p.sim >= mergeShare || oneClause(sets[gi-1]) || oneClause(sets[gj-1])) && mergeable(sets[gi-1], sets[gj-1]):
			for _, k := range sets[gj-1] {
				of[k] = gi
			}
			sets[gi-1], sets[gj-1] = append(sets[gi-1], sets[gj-1]...), nil
		}
	}
	var groups []*factGroup
	made := map[int]*factGroup{}
	for k := range facts {
		if of[k] != 0 {
			sort.Ints(sets[of[k]-1])
		}
	}
	for k, m := range facts {
		if of[k] == 0 {
			g := &factGroup{terms: map[string]float64{}}
			g.add(m, w)
			groups = append(groups, g)
			continue
		}
		if made[of[k]] == nil {
			made[of[k]] = &factGroup{terms: map[string]float64{}}
			groups = append(groups, made[of[k]])
		}
		made[of[k]].add(m, w)
	}
	return groups
}

// cardMatch is the claim matcher's score from which the card takes two
// clauses for one claim when the rules above see them apart ("all flights
// were cancelled" / "airlines cancelled every departure"). It is above the
// matcher's own threshold: the clauses of one story all share its topic,
// where the paraphrase corpus the matcher learned from had pairs of
// sentences from related news, and at the matcher's threshold the card
// joins clauses that give different facts of one event (measured on the
// labelled clauses of TestClaimGroupingQuality: pair precision 0.80 at
// 0.6, 0.90 at 0.8, with the same recall).
const cardMatch = 0.8

// matcher returns a function that scores, from 0 to 1 on the scale of
// similarity, how surely the claim matcher takes facts i and j for the
// same claim, or for the same fact with other figures (a conflict or an
// update, which judge then reads); 0 below cardMatch. Each fact is read
// once, when first compared.
func matcher(facts []member) func(i, j int) float64 {
	m := match.Default()
	read := make([]*match.Claim, len(facts))
	claim := func(k int) *match.Claim {
		if read[k] == nil {
			read[k] = match.Read(facts[k].f.Text)
		}
		return read[k]
	}
	return func(i, j int) float64 {
		// The matcher gives cardMatch only to clauses that share much of
		// their words; the rest need not be read.
		if !sharesMuch(facts[i].f.Terms, facts[j].f.Terms) {
			return 0
		}
		r := m.Match(claim(i), claim(j))
		if r.Score < cardMatch || r.Relation != match.Same && r.Relation != match.Conflict && r.Relation != match.Update {
			return 0
		}
		// cardMatch and above map onto claimShare and above.
		return claimShare + (r.Score-cardMatch)/(1-cardMatch)*(1-claimShare)
	}
}

// sharesMuch reports whether two clauses share at least two terms and a
// third of the terms of the shorter. It is a cheap bound before the claim
// matcher, whose score rises with the words two clauses share: the
// labelled clauses of TestClaimGroupingQuality group the same with and
// without it, and a card of the demo's largest story builds in a third of
// the time.
func sharesMuch(a, b []string) bool {
	shared := 0
	for _, t := range a {
		if slices.Contains(b, t) {
			shared++
		}
	}
	return shared >= 2 && 3*shared >= min(len(a), len(b))
}

// candidates returns, for fact i, the later facts that may be like it, in
// order: those that share a term that is not common in the story, or a
// figure, with it. Others score 0
// (similarity needs a shared term, or a shared figure and nothing else),
// so a story of many reports compares far fewer than all pairs.
func candidates(facts []member) func(i int) []int {
	byTerm := map[string][]int{}
	byFigure := map[document.Figure][]int{}
	for k, m := range facts {
		for _, t := range m.f.Terms {
			if l := byTerm[t]; len(l) == 0 || l[len(l)-1] != k {
				byTerm[t] = append(l, k)
			}
		}
		for _, fg := range m.f.Figures {
			key := document.Figure{Value: fg.Value, Unit: fg.Unit}
			if l := byFigure[key]; len(l) == 0 || l[len(l)-1] != k {
				byFigure[key] = append(l, k)
			}
		}
	}
	seen := make([]int, len(facts)) // the i+1 that last listed a fact
	var out []int
	add := func(i int, list []int) {
		// list is in increasing order: the later facts are at its end.
		for _, j := range list[sort.SearchInts(list, i+1):] {
			if seen[j] != i+1 {
				seen[j] = i + 1
				out = append(out, j)
			}
		}
	}
	// A term that a tenth of a big story's clauses share ("storm",
	// "police") finds no candidates of its own: the clauses that state one
	// fact share a rarer word or a figure too, and comparing every pair of
	// clauses that share a common word makes a card of hundreds of reports
	// take minutes.
	common := max(64, len(facts)/10)
	return func(i int) []int {
		out = out[:0]
		for _, t := range facts[i].f.Terms {
			if l := byTerm[t]; len(l) <= common {
				add(i, l)
			}
		}
		for _, fg := range facts[i].f.Figures {
			add(i, byFigure[document.Figure{Value: fg.Value, Unit: fg.Unit}])
		}
		sort.Ints(out)
		return out
	}
}

// add puts a fact into the group.
func (g *factGroup) add(m member, w map[string]float64) {
	g.members = append(g.members, m)
	for _, t := range m.f.Terms {
		g.terms[t] = w[t]
	}
}

// similarity scores how likely two clauses state the same fact, 0 when
// they do not.
func similarity(a, b *document.Fact, w map[string]float64) float64 {
	in := make(map[string]bool, len(b.Terms))
	for _, t := range b.Terms {
		in[t] = true
	}
	names := map[string]bool{}
	for _, t := range a.Names {
		names[t] = true
	}
	for _, t := range b.Names {
		names[t] = true
	}
	// A clause that refers back to a figure the other gives ("power was
	// restored to 26,000 of the 48,000 homes" / "48,000 homes were without
	// power") reports what followed, not the same fact.
	if refersTo(a, b) || refersTo(b, a) {
		return 0
	}
	// The attribution frame of either clause is not what it says.
	frame := map[string]bool{}
	for _, t := range a.Frame {
		frame[t] = true
	}
	for _, t := range b.Frame {
		frame[t] = true
	}
	// A noun that both clauses count, with figures that disagree, does not
	// make them one claim ("about 40 homes lost their roofs" / "48,000
	// homes were without power"): the rest of the clauses must.
	for _, fa := range a.Figures {
		for _, fb := range b.Figures {
			if fa.Counts == fb.Counts && fa.Counts != "" && !document.IsCasualty(fa.Counts) && !compatibleFigures(fa, fb) {
				frame[fa.Counts] = true
			}
		}
	}
	var shared, wa, wb float64
	plain, labels := 0, 0
	for _, t := range a.Terms {
		if frame[t] {
			continue
		}
		wa += w[t]
		if in[t] {
			shared += w[t]
			switch {
			case strings.HasPrefix(t, "="):
				labels++
			case !names[t]:
				plain++
			}
		}
	}
	for _, t := range b.Terms {
		if !frame[t] {
			wb += w[t]
		}
	}
	// A figure both clauses give (not a small one) counts as two shared
	// terms as heavy as their rarest: "48,000 homes were without power" / "48,000
	// customers had lost power".
	// A smaller count of the same thing ("14 low-speed collisions" / "14
	// minor collisions") counts as one such term: the number and what it
	// counts together are the slot both clauses fill.
	if n := figureWeight(a, b); n > 0 {
		top := 0.0
		for _, t := range a.Terms {
			top = math.Max(top, w[t])
		}
		shared, wa, wb = shared+n*top, wa+n*top, wb+n*top
		plain++
	}
	if wa == 0 || wb == 0 {
		return 0
	}
	share := shared / math.Min(wa, wb)
	dice := 2 * shared / (wa + wb)
	// Two characterisations with the same label of the same thing ("branded
	// reckless" / "characterized as reckless") are one claim.
	if labels > 0 && plain >= 1 {
		return math.Max(share, claimShare)
	}
	// Clauses that say just the same few words besides who said them are
	// one claim ("no deaths had been reported").
	if plain >= 1 && dice > 0.999 {
		return share
	}
	if plain < claimMinShared || share < claimShare || dice < claimDice {
		return 0
	}
	return share
}

// denies reports whether one of two clauses negates what the other
// states: it is negated, the other is not, and the other has the word it
// negates ("had not passed" / "had passed").
func denies(a, b *document.Fact) bool {
	if a.Negated == b.Negated {
		return false
	}
	if b.Negated {
		a, b = b, a
	}
	k := deniedKey(a.Text)
	return k != "" && slices.Contains(b.Terms, k)
}

// deniedKey returns the key of the word a denial negates: the first
// content word after "not", "never" or a word ending in "n't" ("had not
// been inspected" → "inspect"), "" when there is none.
func deniedKey(text string) string {
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && r != '\'' && r != '’'
	})
	for i, w := range words {
		if w != "not" && w != "never" && !strings.HasSuffix(w, "n't") && !strings.HasSuffix(w, "n’t") {
			continue
		}
		for _, v := range words[i+1:] {
			if !document.IsAuxiliary(v) && !analyze.IsStopword(v) {
				return termKey(v)
			}
		}
	}
	return ""
}

// sameFigure reports whether two clauses give one figure of 1,000 or more
// (or in money or per cent), the same value in the same unit.
func sameFigure(a, b *document.Fact) bool {
	for _, fa := range a.Figures {
		for _, fb := range b.Figures {
			if fa.Value == fb.Value && fa.Unit == fb.Unit && !fa.Ref && !fb.Ref && (fa.Value >= 1000 || fa.Unit != "") {
				return true
			}
		}
	}
	return false
}

// figureWeight returns how many shared terms the figures two clauses both
// give count for: 2 for a large figure (sameFigure), 1 for a smaller count
// of the same thing, else 0. Casualty counts are left out: a report often
// gives its toll again in a clause about something else ("14 had died,
// among them a teacher"), and judge compares tolls across claims anyway.
func figureWeight(a, b *document.Fact) float64 {
	if sameFigure(a, b) {
		return 2
	}
	for _, fa := range a.Figures {
		for _, fb := range b.Figures {
			if fa.Value == fb.Value && fa.Unit == fb.Unit && fa.Counts == fb.Counts && fa.Counts != "" && !document.IsCasualty(fa.Counts) && !fa.Ref && !fb.Ref {
				return 1
			}
		}
	}
	return 0
}

// refersTo reports whether a refers back to a figure that b gives.
func refersTo(a, b *document.Fact) bool {
	for _, fa := range a.Figures {
		for _, fb := range b.Figures {
			if fa.Ref && !fb.Ref && fa.Value == fb.Value && fa.Unit == fb.Unit {
				return true
			}
		}
	}
	return false
}

// centrality scores how central a claim is to the story: how many outlets
// carry it, how much its terms recur in the story, and whether it leads
// its article.
func centrality(g *factGroup, w map[string]float64, n int) float64 {
	s := float64(len(g.outlets()))
	if n > 0 && len(g.terms) > 0 {
		// Summed in a fixed order, so that the same story always ranks its
		// claims alike (a map's order would change the last bits).
		common := 0.0
		for _, t := range slices.Sorted(maps.Keys(g.terms)) {
			// w = log(1 + n/df): recover df/n.
			common += 1 / (math.Exp(w[t]) - 1)
		}
		s += 2 * common / float64(len(g.terms))
	}
	if g.first().f.Sentence == 0 {
		s += 0.75
	}
	if g.post() != "" {
		s -= 2
	}
	return s
}

// claims renders the groups for the card: conflicting claims first, then
// corroborated, then single-source, each by centrality; claims from
// embedded posts last.
func claims(groups []*factGroup) []storyline.Claim {
	sorted := append([]*factGroup(nil), groups...)
	rank := map[storyline.Status]int{storyline.Conflicting: 0, storyline.Corroborated: 1, storyline.SingleSource: 2}
	sort.SliceStable(sorted, func(i, j int) bool {
		a, b := sorted[i], sorted[j]
		if (a.post() != "") != (b.post() != "") {
			return a.post() == ""
		}
		if rank[a.status] != rank[b.status] {
			return rank[a.status] < rank[b.status]
		}
		return a.score > b.score
	})
	out := make([]storyline.Claim, 0, len(sorted))
	for _, g := range sorted {
		out = append(out, g.claim())
	}
	return out
}

// claim renders one group.
func (g *factGroup) claim() storyline.Claim {
	c := storyline.Claim{Text: g.first().f.Text, Status: g.status, Sources: []string{}, FirstSeen: g.first().r.when, Post: g.post()}
	if c.Post != "" {
		c.Sources = []string{c.Post}
	} else {
		c.Sources = g.outlets()
	}
	seen := map[string]bool{}
	for _, m := range g.members {
		if seen[m.f.Text] {
			continue
		}
		seen[m.f.Text] = true
		c.Variants = append(c.Variants, storyline.ClaimVariant{Text: m.f.Text, Article: m.r.a.ExternalID, Source: m.r.source})
	}
	return c
}

// firstSeen is when the group's first member was published.
func (g *factGroup) firstSeen() time.Time { return g.first().r.when }
