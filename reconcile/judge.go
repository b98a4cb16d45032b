package reconcile

import (
	"fmt"
	"github.com/storyline-news/storyline/analyze/document"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/analyze"
)

// development is a change a later report brought: a plan carried out, or a
// figure that grew.
type development struct {
	r       *report
	text    string
	kind    string
	earlier string
	group   *factGroup
}

// Kinds of timeline entries.
const (
	KindFirst  = "first_report" // what the first report said
	KindAdded  = "added"        // what a later report added
	KindState  = "development"  // a plan or possibility became a fact
	KindUpdate = "update"       // a figure changed with time
)

// negationShare is how close a denial must be to the claim it denies.
const negationShare = 0.85

// updateWords in a later clause mark a changed figure as news, not a
// dispute ("the toll rose to 20", "all four are now safe").
var updateWords = wordSet(`rose risen rising climbed increased grew now updated revised new latest
	all last another further more total`)

// judge sets each group's status and finds conflicts and developments:
// a plan in one report carried out in a later one is a development; the
// same claim with incompatible figures, weekdays or a denial is a conflict,
// unless a later report gives a figure as an update.
func judge(groups []*factGroup) ([]storyline.Flag, []development) {
	var flags []storyline.Flag
	var devs []development
	var all []member
	for _, g := range groups {
		all = append(all, g.members...)
	}
	w := weights(all)
	for _, g := range groups {
		if g.post() != "" {
			continue
		}
		flags = append(flags, g.negations(w)...)
		f, d := g.figureConflicts()
		flags, devs = append(flags, f...), append(devs, d...)
		flags = append(flags, g.dateConflicts()...)
	}
	f, d := casualtyConflicts(groups)
	flags, devs = append(flags, f...), append(devs, d...)
	devs = append(devs, stateChanges(groups, w)...)
	for _, g := range groups {
		switch {
		case g.conflict:
			g.status = storyline.Conflicting
		case g.post() == "" && len(g.outlets()) > 1:
			g.status = storyline.Corroborated
		default:
			g.status = storyline.SingleSource
		}
	}
	return flags, devs
}

// negations flags a claim that one outlet states and another denies: two
// members, one negated, that are close paraphrases (a denial shares most of
// its words with the claim it denies).
func (g *factGroup) negations(w map[string]float64) []storyline.Flag {
	var yes, no []string
	for i, a := range g.members {
		for _, b := range g.members[i+1:] {
			if a.f.Negated == b.f.Negated || a.r.outlet == b.r.outlet || similarity(a.f, b.f, w) < negationShare {
				continue
			}
			for _, m := range []member{a, b} {
				if m.f.Negated {
					no = appendOnce(no, m.r.outlet)
				} else {
					yes = appendOnce(yes, m.r.outlet)
				}
			}
		}
	}
	if len(yes) == 0 || len(no) == 0 || sameSet(yes, no) {
		return nil
	}
	g.conflict = true
	text := fmt.Sprintf("%s report %q; %s deny it", strings.Join(yes, ", "), g.textWhere(false), strings.Join(no, ", "))
	return []storyline.Flag{{Kind: storyline.Contradiction, Text: text, Sources: append(append([]string{}, yes...), no...)}}
}

// textWhere returns the text of the first member whose negation is neg.
func (g *factGroup) textWhere(neg bool) string {
	for _, m := range g.members {
		if m.f.Negated == neg {
			return m.f.Text
		}
	}
	return g.first().f.Text
}

// sameSet reports whether two lists hold the same strings.
func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for _, x := range a {
		found := false
		for _, y := range b {
			found = found || x == y
		}
		if !found {
			return false
		}
	}
	return true
}

// reading is one report's figure.
type reading struct {
	r   *report
	fig document.Figure
	f   *document.Fact
	g   *factGroup
	// part is set for a count of some group of casualties (see
	// document.Figure.Of).
	part bool
}

// none reports whether the reading is a count of none ("no one was
// killed").
func (r reading) none() bool { return r.fig.Value == 0 && r.fig.Qualifier == "" && !r.part }

// figureConflicts compares the figures of a group's members that count the
// same thing.
func (g *factGroup) figureConflicts() ([]storyline.Flag, []development) {
	byKey := map[string][]reading{}
	for _, m := range g.members {
		for _, fg := range m.f.Figures {
			if document.IsCasualty(fg.Counts) {
				continue // casualtyConflicts compares them across the story
			}
			if fg.Counts == "" {
				// A number whose counted thing is unknown ("made 64 off 41
				// balls to lift his side to 178 for six") may count
				// anything: it disputes no other.
				continue
			}
			byKey[fg.Counts] = append(byKey[fg.Counts], reading{r: m.r, fig: fg, f: m.f, g: g})
		}
	}
	return compareReadings(byKey)
}

// casualtyConflicts compares death, injury and missing counts across
// claims, and within them (figureConflicts leaves them here, so that one
// toll makes one flag): outlets often word the toll differently ("killed
// at least 12", "put the death toll at nine"), so such counts are compared
// whenever the two clauses share a word besides the count itself.
func casualtyConflicts(groups []*factGroup) ([]storyline.Flag, []development) {
	byKey := map[string][]reading{}
	for _, g := range groups {
		if g.post() != "" {
			continue
		}
		for _, m := range g.members {
			for _, fg := range m.f.Figures {
				switch {
				case fg.Counts == "die" || fg.Counts == "injur" || fg.Counts == "missing":
					byKey[fg.Counts] = append(byKey[fg.Counts], reading{r: m.r, fig: fg, f: m.f, g: g})
				case fg.Of == "die" || fg.Of == "injur" || fg.Of == "missing":
					byKey[fg.Of] = append(byKey[fg.Of], reading{r: m.r, fig: fg, f: m.f, g: g, part: true})
				}
			}
		}
	}
	return compareReadings(byKey)
}

// compareReadings finds incompatible readings of each counted thing from
// different outlets. A later, larger figure given as an update ("rose
// to", "all four") is a development; anything else is a conflict.
func compareReadings(byKey map[string][]reading) ([]storyline.Flag, []development) {
	keys := make([]string, 0, len(byKey))
	for k := range byKey {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var flags []storyline.Flag
	var devs []development
	for _, k := range keys {
		rs := byKey[k]
		var clash []reading
		for i, a := range rs {
			for _, b := range rs[i+1:] {
				if a.r.outlet == b.r.outlet || a.fig.Period != b.fig.Period || compatibleFigures(a.fig, b.fig) || !related(a, b) {
					continue
				}
				// A count of some of the casualties disputes only a
				// report of none.
				if (a.part || b.part) && !(a.none() || b.none()) {
					continue
				}
				early, late := a, b
				if late.r.when.Before(early.r.when) {
					early, late = late, early
				}
				if late.r.when.After(early.r.when) && late.fig.Value > early.fig.Value && hasUpdateWord(late.f) {
					devs = append(devs, development{r: late.r, kind: KindUpdate, group: late.g,
						text: late.f.Text, earlier: fmt.Sprintf("%s (%s)", sayFigure([]document.Figure{early.fig}), early.r.outlet)})
					continue
				}
				a.g.disputeFigure(k)
				b.g.disputeFigure(k)
				clash = append(clash, a, b)
			}
		}
		if len(clash) > 0 {
			flags = append(flags, numberFlag(k, clash))
		}
	}
	return flags, devs
}

// disputeFigure records that outlets disagree on the figure counting key
// that the group gives. The claim conflicts when the figure is what the
// claim is about, that is when every member gives it; otherwise only the
// figure's slot is disputed (the flag tells), and the rest of the claim
// ("among them a couple whose car was swept away") keeps the status its
// outlets give it.
func (g *factGroup) disputeFigure(key string) {
	for _, m := range g.members {
		has := false
		for _, fg := range m.f.Figures {
			has = has || fg.Counts == key
		}
		if !has {
			g.disputed = true
			return
		}
	}
	g.conflict = true
}

// related reports whether two readings from different claims are about the
// same thing: the same claim, clauses that share a word besides the count,
// or a bare count ("At least 23 people were killed.") that can only be
// about the story's event.
func related(a, b reading) bool {
	if a.g == b.g {
		return true
	}
	other := func(t string) bool { return t != a.fig.Counts && t != "peopl" }
	in := map[string]bool{}
	na, nb := 0, 0
	for _, t := range a.f.Terms {
		in[t] = true
		if other(t) {
			na++
		}
	}
	shared := false
	for _, t := range b.f.Terms {
		if other(t) {
			nb++
			shared = shared || in[t]
		}
	}
	return shared || na == 0 || nb == 0
}

// hasUpdateWord reports whether a clause presents its figure as an update.
func hasUpdateWord(f *document.Fact) bool {
	for _, w := range strings.Fields(strings.ToLower(f.Text)) {
		if updateWords[strings.Trim(w, ",.;:!?")] {
			return true
		}
	}
	return false
}

// compatibleFigures reports whether two figures can both be right: their
// ranges overlap ("at least 17" and "20"; "about 200,000" and "210,000"),
// or they are of different units or scales, and so not readings of one
// figure.
func compatibleFigures(a, b document.Figure) bool {
	if a.Unit != b.Unit {
		return true // different things
	}
	if lo, hi := min(a.Value, b.Value), max(a.Value, b.Value); lo > 0 && hi >= 100*lo {
		return true // different scales: a share price and a revenue
	}
	alo, ahi := figureRange(a)
	blo, bhi := figureRange(b)
	return alo <= bhi && blo <= ahi
}

// figureRange returns the values a figure allows.
func figureRange(f document.Figure) (float64, float64) {
	v := f.Value
	if f.Upper > v {
		return v, f.Upper
	}
	switch f.Qualifier {
	case "at least", "more than", "over", "just over", "as many as":
		return v, math.Inf(1)
	case "up to", "fewer than", "less than", "at most", "under", "just under":
		return 0, v
	case "about", "around", "roughly", "approximately", "some", "nearly", "almost", "an estimated", "close to":
		return v * 0.85, v * 1.15
	}
	return v * 0.99, v * 1.01
}

// countNames says in words what a casualty class counts.
var countNames = map[string]string{"die": "the number of dead", "injur": "the number of injured", "missing": "the number missing",
	"arrest": "the number detained", "evacu": "the number evacuated", "rescu": "the number rescued"}

// numberFlag describes incompatible figures in plain words: readings that
// can all be right are one value ("at least 12", "12 people" and "12" are
// 12), said once with every outlet that gives it.
func numberFlag(key string, rs []reading) storyline.Flag {
	what := countNames[key]
	if what == "" {
		what = "the number of " + key
	}
	type value struct {
		readings []reading
		outlets  []string
	}
	var values []*value
	var sources []string
next:
	for _, r := range rs {
		sources = appendOnce(sources, r.r.outlet)
		for _, v := range values {
			fits := true
			for _, o := range v.readings {
				fits = fits && compatibleFigures(o.fig, r.fig)
			}
			if fits {
				v.readings = append(v.readings, r)
				v.outlets = appendOnce(v.outlets, r.r.outlet)
				continue next
			}
		}
		values = append(values, &value{readings: []reading{r}, outlets: []string{r.r.outlet}})
	}
	parts := make([]string, len(values))
	for i, v := range values {
		figs := make([]document.Figure, len(v.readings))
		for k, r := range v.readings {
			figs[k] = r.fig
		}
		parts[i] = fmt.Sprintf("%s (%s)", sayFigure(figs), strings.Join(v.outlets, ", "))
	}
	return storyline.Flag{Kind: storyline.NumberConflict, Text: "Outlets disagree on " + what + ": " + strings.Join(parts, " vs "), Sources: sources}
}

// sayFigure says in words the value that compatible figures give: the
// most precise of them (an exact 12 before "at least 12"), with its
// qualifier when every figure has one.
func sayFigure(figs []document.Figure) string {
	best := figs[0]
	for _, f := range figs[1:] {
		if best.Qualifier != "" && f.Qualifier == "" {
			best = f
		}
	}
	n := formatCount(best.Value)
	if best.Upper > best.Value {
		n += "–" + formatCount(best.Upper)
	}
	if best.Unit != "" {
		if best.Unit == "%" {
			n += "%"
		} else {
			n = best.Unit + n
		}
	}
	if best.Qualifier != "" {
		n = best.Qualifier + " " + n
	}
	return n
}

// formatCount writes a number with thousands separators and no needless
// decimals: 12, 1,400, 2.5.
func formatCount(v float64) string {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i, c := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if frac != "" {
		b.WriteString("." + frac)
	}
	return b.String()
}

// dateConflicts flags a claim dated to different weekdays or dates by
// different outlets.
func (g *factGroup) dateConflicts() []storyline.Flag {
	byDate := map[string][]string{}
	var order []string
	for _, m := range g.members {
		if len(m.f.Dates) != 1 {
			continue
		}
		d := m.f.Dates[0]
		if _, ok := byDate[d]; !ok {
			order = append(order, d)
		}
		byDate[d] = appendOnce(byDate[d], m.r.outlet)
	}
	if len(order) < 2 || len(order) == 2 && nextDays(order[0], order[1]) && g.aroundNight() || !outletsDisagree(byDate) {
		return nil
	}
	g.conflict = true
	var parts, sources []string
	for _, d := range order {
		parts = append(parts, fmt.Sprintf("%s (%s)", capitalWords(d), strings.Join(byDate[d], ", ")))
		for _, s := range byDate[d] {
			sources = appendOnce(sources, s)
		}
	}
	return []storyline.Flag{{Kind: storyline.DateConflict, Text: fmt.Sprintf("Outlets give different days for %q: %s", g.first().f.Text, strings.Join(parts, " vs ")), Sources: sources}}
}

// outletsDisagree reports whether two of the dates are each given by an
// outlet that does not give the other: one outlet that gives two days
// (the ruling on Thursday, the appeal on Friday) disputes nothing.
func outletsDisagree(byDate map[string][]string) bool {
	only := 0
	for d, outlets := range byDate {
		for _, o := range outlets {
			alone := true
			for e, others := range byDate {
				if e != d && slices.Contains(others, o) {
					alone = false
				}
			}
			if alone {
				only++
				break
			}
		}
	}
	return only >= 2
}

// nextDays reports whether two dates (weekdays, or days of one month)
// follow one another.
func nextDays(a, b string) bool {
	if i, j := slices.Index(weekdayOrder, a), slices.Index(weekdayOrder, b); i >= 0 && j >= 0 {
		return (i+1)%7 == j || (j+1)%7 == i
	}
	ma, da, okA := strings.Cut(a, " ")
	mb, db, okB := strings.Cut(b, " ")
	if !okA || !okB || ma != mb {
		return false
	}
	x, errA := strconv.Atoi(da)
	y, errB := strconv.Atoi(db)
	return errA == nil && errB == nil && (x-y == 1 || y-x == 1)
}

// weekdayOrder lists the weekdays in order.
var weekdayOrder = []string{"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}

// aroundNight reports whether a member of the group places the event
// around a night ("overnight", "late on Monday", "in the early hours",
// "this morning"): then two days that follow one another ("on Monday
// night" / "on Tuesday") are one moment told from either side of
// midnight, not a conflict.
func (g *factGroup) aroundNight() bool {
	for _, m := range g.members {
		for _, t := range m.f.Terms {
			if nightWords[t] {
				return true
			}
		}
	}
	return false
}

// nightWords are the keys of words that place an event around midnight.
var nightWords = map[string]bool{termKey("night"): true, termKey("midnight"): true, termKey("dawn"): true,
	termKey("daybreak"): true, termKey("morning"): true, termKey("early"): true, termKey("late"): true, termKey("hours"): true}

// capitalWords writes a date key as a reader expects it: "tuesday" as
// "Tuesday", "march 13" as "March 13".
func capitalWords(s string) string {
	words := strings.Fields(s)
	for i, w := range words {
		r, n := utf8.DecodeRuneInString(w)
		words[i] = string(unicode.ToUpper(r)) + w[n:]
	}
	return strings.Join(words, " ")
}

// stateChanges finds plans and pending steps that a later report gives as
// done ("is preparing to revoke" → "has announced the revocation";
// "will close" → "was shut"). A plan and its outcome must share the
// planned action (folded over tense, nominalisation and synonyms) and what
// it concerns: a name or a key term besides the action. Pairs are taken
// best first, so that each plan goes to the outcome most like it and each
// outcome reports one plan.
func stateChanges(groups []*factGroup, w map[string]float64) []development {
	devs := planChanges(groups, w)
	devs = append(devs, reversals(groups, w)...)
	sort.SliceStable(devs, func(i, j int) bool { return devs[i].r.when.Before(devs[j].r.when) })
	return devs
}

// reversedStates maps the key of a state a story can be put in to the keys
// of the words that undo it: a bridge closed, then reopened; a service
// suspended, then resumed; a ban imposed, then lifted.
var reversedStates = func() map[string][]string {
	m := map[string][]string{}
	for state, undo := range map[string]string{
		"close": "reopen resume", "suspend": "resume reinstate restore reopen", "ban": "lift", "impose": "lift",
		"cut": "restore", "arrest": "release free", "evacuate": "return", "ground": "resume", "block": "unblock reopen",
		"halt": "resume restart", "shut": "reopen resume",
	} {
		k := termKey(state)
		for _, u := range strings.Fields(undo) {
			if uk := termKey(u); !slices.Contains(m[k], uk) {
				m[k] = append(m[k], uk)
			}
		}
	}
	return m
}()

// undoes returns the state key that clause b undoes of clause a ("reopened"
// of "was closed"), or "" when it undoes none: b has a word that undoes a
// state a is in, and not the state's own word.
func undoes(a, b *document.Fact) string {
	for _, t := range a.Terms {
		for _, u := range reversedStates[t] {
			if containsKey(b.Terms, u) && !containsKey(b.Terms, t) {
				return t
			}
		}
	}
	return ""
}

// reversals finds the states a later report says were undone: the claim
// that the bridge was closed, then a later one that it reopened, share
// what they are about (the bridge) and differ by the state's word and the
// word that undoes it. That is a development, not the same claim.
func reversals(groups []*factGroup, w map[string]float64) []development {
	var devs []development
	for _, d := range groups {
		if d.post() != "" {
			continue
		}
		for _, p := range groups {
			if p == d || p.post() != "" || p.later != nil || !d.firstSeen().After(p.firstSeen()) {
				continue
			}
			a, b := p.first().f, laterMember(d, p).f
			state := undoes(a, b)
			if state == "" || a.Negated || b.Negated || aboutShare(a, b, w, state) < 0.5 {
				continue
			}
			p.later = d
			m := laterMember(d, p)
			devs = append(devs, development{r: m.r, kind: KindState, group: d,
				text: m.f.Text, earlier: fmt.Sprintf("%s (%s)", a.Text, p.first().r.outlet)})
			break
		}
	}
	return devs
}

// aboutShare is the share of the lighter clause's terms, by weight, that
// the other has, leaving out the state's words and days: what the two
// clauses are about.
func aboutShare(a, b *document.Fact, w map[string]float64, state string) float64 {
	skip := func(t string) bool {
		return t == state || slices.Contains(reversedStates[state], t) || slices.Contains(weekdayOrder, t) || timeOfDay[t]
	}
	weigh := func(f, other *document.Fact) (all, shared float64) {
		for _, t := range f.Terms {
			if skip(t) {
				continue
			}
			all += w[t]
			if containsKey(other.Terms, t) {
				shared += w[t]
			}
		}
		return all, shared
	}
	wa, sa := weigh(a, b)
	wb, _ := weigh(b, a)
	if wa == 0 || wb == 0 {
		return 0
	}
	return sa / math.Min(wa, wb)
}

// planChanges finds plans that a later report says were carried out.
func planChanges(groups []*factGroup, w map[string]float64) []development {
	type pair struct {
		p, d  *factGroup
		score float64
	}
	var pairs []pair
	// The action each plan names, worked out once per clause.
	actions := map[*document.Fact]string{}
	actionOf := func(f *document.Fact) string {
		a, ok := actions[f]
		if !ok {
			a = plannedAction(f.Text)
			actions[f] = a
		}
		return a
	}
	for _, d := range groups {
		if d.post() != "" || d.first().f.Modality != "" {
			continue
		}
		for _, p := range groups {
			// Plans and pending steps are carried out; a mere possibility
			// ("a fault could delay braking") is not a step of the story.
			if p == d || p.post() != "" || !planned(p) || d.firstSeen().Before(p.firstSeen()) || !laterReport(d, p) {
				continue
			}
			best := 0.0
			for _, a := range p.members {
				if a.f.Modality != document.Planned && a.f.Modality != document.Pending {
					continue
				}
				for _, b := range d.members {
					if b.f.Negated || b.f.Modality != "" {
						continue
					}
					best = math.Max(best, stateSimilarity(actionOf(a.f), a.f, b.f, w))
				}
			}
			if best > 0 {
				pairs = append(pairs, pair{p, d, best})
			}
		}
	}
	sort.SliceStable(pairs, func(i, j int) bool { return pairs[i].score > pairs[j].score })
	taken := map[*factGroup]bool{}
	var devs []development
	for _, pr := range pairs {
		if pr.p.later != nil || taken[pr.d] {
			continue
		}
		// The first report of the outcome dates the development, when it
		// is nearly as close a match.
		for _, o := range pairs {
			if o.p == pr.p && !taken[o.d] && o.score >= earliestShare*pr.score && o.d.firstSeen().Before(pr.d.firstSeen()) {
				pr = o
			}
		}
		pr.p.later, taken[pr.d] = pr.d, true
		m := laterMember(pr.d, pr.p)
		devs = append(devs, development{r: m.r, kind: KindState, group: pr.d,
			text: m.f.Text, earlier: fmt.Sprintf("%s (%s)", pr.p.first().f.Text, pr.p.first().r.outlet)})
	}
	sort.SliceStable(devs, func(i, j int) bool { return devs[i].r.when.Before(devs[j].r.when) })
	return devs
}

// laterReport reports whether d has a member published after p's first.
func laterReport(d, p *factGroup) bool {
	return laterMember(d, p).r != nil
}

// laterMember returns d's first member published after p's first member,
// or a zero member.
func laterMember(d, p *factGroup) member {
	t := p.firstSeen()
	for _, m := range d.members {
		if m.r.when.After(t) || m.r.when.Equal(t) && m.r != p.first().r {
			return m
		}
	}
	return member{}
}

// Least overlap of a plan and its outcome besides the action: the shared
// weight over the lighter of the two clauses' other terms.
const stateShare = 0.2

// earliestShare is how close a match an earlier outcome needs to be taken
// for the outcome of a plan instead of the best.
const earliestShare = 0.6

// stateSimilarity scores a plan, whose action is plannedAction of its
// text, against a later fact, 0 when the later fact does not carry it
// out. The fact must hold the planned action
// ("preparing to shut" / "closed"; "to revoke" / "the revocation"), and
// the two must share what the action concerns: a name and another term, or
// two terms, besides the action and the words of planning ("preparing",
// "will"). A plan and its outcome often share little else ("Officials are
// preparing to shut Pont y Felin" / "Pont y Felin closed this morning").
func stateSimilarity(action string, plan, done *document.Fact, w map[string]float64) float64 {
	if action == "" || !containsKey(done.Terms, action) {
		return 0
	}
	in := map[string]bool{}
	for _, t := range done.Terms {
		in[t] = true
	}
	names := map[string]bool{}
	for _, t := range append(append([]string{}, plan.Names...), done.Names...) {
		names[t] = true
	}
	skip := func(t string) bool { return t == action || planKeys[t] || strings.HasPrefix(t, "=") }
	var shared, wa, wb float64
	plain, named := 0, 0
	for _, t := range plan.Terms {
		if skip(t) {
			continue
		}
		wa += w[t]
		if in[t] {
			shared += w[t]
			if names[t] {
				named++
			} else {
				plain++
			}
		}
	}
	for _, t := range done.Terms {
		if !skip(t) {
			wb += w[t]
		}
	}
	if plain+named < 2 || wa == 0 || wb == 0 {
		return 0
	}
	share := shared / math.Min(wa, wb)
	if share < stateShare {
		return 0
	}
	return share
}

// planKeys are the keys of the words that say something is planned, not
// what is planned.
var planKeys = func() map[string]bool {
	m := map[string]bool{}
	for w := range document.PlanVerbs {
		m[termKey(w)] = true
	}
	for _, w := range []string{"will", "plan", "plans", "planned", "expected", "set", "considering", "weighing", "due", "yet", "announced", "announce"} {
		m[termKey(w)] = true
	}
	return m
}()

// plannedAction returns the key of the verb a plan is about: the verb
// after "preparing to", "plans to", "will", "is to" ("is to be closed",
// "will shut", "was prepared to recall"), or "".
func plannedAction(text string) string {
	ws := strings.Fields(strings.ToLower(text))
	for i := range ws {
		ws[i] = strings.Trim(ws[i], ",.;:!?\"“”‘’'()")
	}
	for i, w := range ws {
		start := -1
		switch {
		case w == "will" || w == "would" || w == "shall":
			start = i + 1
		case w == "to" && i > 0 && (document.PlanVerbs[ws[i-1]] || beForms[ws[i-1]] || ws[i-1] == "planned" || ws[i-1] == "prepared" || ws[i-1] == "yet"):
			start = i + 1
		}
		if start < 0 {
			continue
		}
		for k := start; k < len(ws) && k < start+4; k++ {
			v := ws[k]
			if v == "be" || v == "have" || v == "been" || v == "not" || v == "soon" || v == "also" || v == "then" || v == "formally" || v == "now" || v == "to" || v == "" {
				continue
			}
			if analyze.IsStopword(v) || len(v) < 3 {
				break
			}
			return termKey(v)
		}
	}
	return ""
}

// beForms are the forms of "to be" that make "is to close" a plan.
var beForms = wordSet(`is are was were`)

// containsKey reports whether a list of term keys holds k.
func containsKey(list []string, k string) bool {
	for _, t := range list {
		if t == k {
			return true
		}
	}
	return false
}

// planned reports whether a group holds a plan or a pending step.
func planned(g *factGroup) bool {
	for _, m := range g.members {
		if m.f.Modality == document.Planned || m.f.Modality == document.Pending {
			return true
		}
	}
	return false
}
