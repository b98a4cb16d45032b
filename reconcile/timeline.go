package reconcile

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/storyline-news/storyline"
)

// Limits of the timeline and summary.
const (
	addedPerReport = 2 // claims quoted in a report's timeline entry
	summaryMin     = 2
	summaryMax     = 4
)

// timeline lists, in publication order, what each report added that
// earlier reports had not said, and the developments: a plan carried out,
// a figure updated. Syndicated copies add nothing of their own.
func timeline(reps []*report, groups []*factGroup, devs []development) []storyline.Development {
	news := map[*report][]*factGroup{}
	for _, g := range groups {
		if g.post() != "" {
			continue
		}
		r := g.first().r
		news[r] = append(news[r], g)
	}
	devAt := map[*report][]development{}
	for _, d := range devs {
		devAt[d.r] = append(devAt[d.r], d)
	}
	out := []storyline.Development{}
	first := true
	for _, r := range reps {
		if r.copyOf != nil {
			continue
		}
		for _, d := range devAt[r] {
			out = append(out, storyline.Development{Time: r.when, Article: r.a.ExternalID, Source: r.source,
				Kind: d.kind, Text: d.text, Previous: d.earlier})
		}
		gs := news[r]
		sort.SliceStable(gs, func(i, j int) bool { return gs[i].score > gs[j].score })
		if first {
			// The first report is told by its lead, in its own order.
			sort.SliceStable(gs, func(i, j int) bool { return gs[i].first().f.Sentence < gs[j].first().f.Sentence })
		}
		var added []string
		for _, g := range gs {
			if len(added) == addedPerReport {
				break
			}
			if isDevelopment(g, devAt[r]) {
				continue
			}
			added = append(added, g.first().f.Text)
		}
		if len(added) == 0 && len(devAt[r]) > 0 {
			continue
		}
		kind := KindAdded
		if first {
			kind = KindFirst
		}
		text := strings.Join(added, " ")
		if text == "" {
			text = "Nothing new: " + r.a.Title
		} else if more := len(gs) - len(added); more > 0 {
			text += fmt.Sprintf(" (+%d more)", more)
		}
		first = false
		out = append(out, storyline.Development{Time: r.when, Article: r.a.ExternalID, Source: r.source, Kind: kind, Text: text})
	}
	return out
}

// isDevelopment reports whether g is the outcome of one of the developments.
func isDevelopment(g *factGroup, devs []development) bool {
	for _, d := range devs {
		if d.group == g {
			return true
		}
	}
	return false
}

// summary picks two to four claims: the story's core event first (what
// most outlets lead with), then the latest state of what developed, then
// corroborated claims by centrality (one disputed central claim may come
// in), then the most central others; never two that say nearly the same,
// never one from an embedded post, never a superseded plan, never a
// fragment that leans on a sentence before it ("It was due back."). It
// returns the sentences and the indexes of those whose figures outlets
// dispute: the card marks them, the sentences stay as written.
func summary(groups []*factGroup, devs []development) ([]string, []int) {
	var picks []*factGroup
	pick := func(g *factGroup) {
		if len(picks) >= summaryMax || g.post() != "" || g.later != nil || fragment(g.first().f.Text) {
			return
		}
		for _, p := range picks {
			if p == g || termShare(p, g) >= 0.5 {
				return
			}
		}
		picks = append(picks, g)
	}
	if core := coreEvent(groups); core != nil {
		pick(core)
	}
	states := append([]development(nil), devs...)
	sort.SliceStable(states, func(i, j int) bool { return states[i].group.score > states[j].group.score })
	for _, d := range states {
		if d.kind == KindState {
			pick(d.group)
			break
		}
	}
	bonus := map[storyline.Status]float64{storyline.Corroborated: 1.5, storyline.Conflicting: 1.5}
	byScore := append([]*factGroup(nil), groups...)
	sort.SliceStable(byScore, func(i, j int) bool {
		return byScore[i].score+bonus[byScore[i].status] > byScore[j].score+bonus[byScore[j].status]
	})
	disputed := 0
	for _, g := range byScore {
		switch {
		case g.status == storyline.Corroborated && !g.disputed:
			pick(g)
		case (g.status == storyline.Conflicting || g.disputed) && disputed == 0 && len(picks) < summaryMax-1:
			disputed++
			pick(g)
		}
	}
	for _, g := range byScore {
		if len(picks) >= summaryMin {
			break
		}
		if g.status == storyline.SingleSource {
			pick(g)
		}
	}
	out := make([]string, 0, len(picks))
	var marked []int
	for i, g := range picks {
		out = append(out, g.first().f.Text)
		if g.status == storyline.Conflicting || g.disputed {
			marked = append(marked, i)
		}
	}
	return out, marked
}

// coreEvent returns the claim that says what the story is about: the one
// that the most outlets give in the first sentences of their reports (the
// lead says what happened, where, when and how many), by centrality among
// equals; nil when no report leads with a claim.
func coreEvent(groups []*factGroup) *factGroup {
	var best *factGroup
	bestLeads := 0
	for _, g := range groups {
		if g.post() != "" || fragment(g.first().f.Text) {
			continue
		}
		var leads []string
		for _, m := range g.members {
			if m.f.Sentence >= 0 && m.f.Sentence <= 1 {
				leads = appendOnce(leads, m.r.outlet)
			}
		}
		if len(leads) > bestLeads || len(leads) == bestLeads && best != nil && len(leads) > 0 && g.score > best.score {
			best, bestLeads = g, len(leads)
		}
	}
	return best
}

// fragment reports whether a clause cannot stand alone in a summary: it
// starts with a pronoun or a demonstrative that points back to a sentence
// the summary does not give, or it is too short to say anything.
func fragment(text string) bool {
	fields := strings.Fields(text)
	if len(fields) < 4 {
		return true
	}
	return leaningWords[strings.ToLower(strings.Trim(fields[0], "\"'“”‘’"))]
}

// leaningWords start clauses that lean on what came before.
var leaningWords = wordSet(`it its they their them he his she her this these those that there such both`)

// termShare returns the share of the lighter group's terms that the other
// group has.
func termShare(a, b *factGroup) float64 {
	// Summed in a fixed order, so that the result is the same every time.
	shared, wa, wb := 0.0, 0.0, 0.0
	for _, t := range slices.Sorted(maps.Keys(a.terms)) {
		w := a.terms[t]
		wa += w
		if _, ok := b.terms[t]; ok {
			shared += w
		}
	}
	for _, t := range slices.Sorted(maps.Keys(b.terms)) {
		wb += b.terms[t]
	}
	if wa == 0 || wb == 0 {
		return 0
	}
	return shared / min(wa, wb)
}
