package reconcile

import (
	"github.com/storyline-news/storyline/analyze/document"
	"strings"
	"testing"

	"github.com/storyline-news/storyline"
)

// TestStateChanges checks that plans worded one way are matched to
// outcomes worded another ("preparing to shut" → "was closed"; "plans to
// cancel" → "has been revoked"), and only to outcomes about the same
// thing: the swimming club that "closed" its list is not the centre.
func TestStateChanges(t *testing.T) {
	s, arts := fixture(t, "states.json")
	c := Card(s, arts)
	want := map[string]string{
		"preparing to shut": "leisure centre was closed",
		"plans to cancel":   "has been revoked",
	}
	found := map[string]bool{}
	for _, d := range c.Timeline {
		if d.Kind != KindState {
			continue
		}
		matched := false
		for plan, outcome := range want {
			if strings.Contains(d.Previous, plan) && strings.Contains(d.Text, outcome) {
				found[plan], matched = true, true
			}
		}
		if !matched {
			t.Errorf("wrong development %q ← %q", d.Text, d.Previous)
		}
	}
	for plan := range want {
		if !found[plan] {
			t.Errorf("no development for %q in %+v", plan, c.Timeline)
		}
	}
}

func TestPlannedAction(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"Officials are preparing to shut the bridge.", termKey("close")},
		{"The ministry will revoke the permit.", termKey("cancel")},
		{"The hall is to be demolished next year.", termKey("demolished")},
		{"Ministers were prepared to recall the envoy.", termKey("recalled")},
		{"The river flooded the town.", ""},
	} {
		if got := plannedAction(tc.text); got != tc.want {
			t.Errorf("plannedAction(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// TestDisputedFigureSlot checks that a disputed toll makes the toll
// conflict, not the other content of a clause that gives it: the victim
// both outlets name is corroborated, and the summary marks the figure as
// disputed when it quotes that clause.
func TestDisputedFigureSlot(t *testing.T) {
	s, arts := fixture(t, "toll.json")
	c := Card(s, arts)
	toll := false
	for _, f := range c.Flags {
		toll = toll || f.Kind == storyline.NumberConflict && strings.Contains(f.Text, "14 (North Sentinel) vs 8 (Plains Courier)")
	}
	if !toll {
		t.Errorf("no number conflict over the toll: %+v", c.Flags)
	}
	if cl := claimWith(c, "schoolteacher"); cl == nil || cl.Status != storyline.Corroborated {
		t.Errorf("schoolteacher claim: %+v", cl)
	}
	if cl := claimWith(c, "people were killed"); cl == nil || cl.Status != storyline.Conflicting {
		t.Errorf("toll claim: %+v", cl)
	}
	for _, line := range c.Summary {
		if strings.Contains(line, "schoolteacher") && !strings.Contains(line, "disputed") {
			t.Errorf("summary gives a disputed toll as fact: %q", line)
		}
	}
}

// TestGroupBestMatch checks that clauses are grouped best match first: a
// clause that is loosely like an earlier report's clause but a close
// paraphrase of a later one goes with the later one, and the two claims
// are not chained into one.
func TestGroupBestMatch(t *testing.T) {
	fact := func(terms string) *document.Fact { return &document.Fact{Terms: strings.Fields(terms)} }
	r := func(n int) *report { return &report{outlet: string(rune('A' + n))} }
	r1, r2, r3, r4 := r(1), r(2), r(3), r(4)
	facts := []member{
		{r1, fact("ferry hull crack dock")},              // a: like d closely, b loosely
		{r2, fact("ferry hull inspector fine operator")}, // b: like c closely
		{r3, fact("inspector fine operator ferri")},      // c
		{r4, fact("ferry hull crack dock found")},        // d
	}
	w := map[string]float64{}
	for _, m := range facts {
		for _, t := range m.f.Terms {
			w[t] = 1
		}
	}
	groups := groupBest(facts, w)
	if len(groups) != 2 {
		t.Fatalf("%d groups, want 2 (a+d, b+c)", len(groups))
	}
	for _, g := range groups {
		if len(g.members) != 2 || (g.members[0].r == r1) != (g.members[1].r == r4) {
			t.Errorf("group of %s and %s", g.members[0].r.outlet, g.members[1].r.outlet)
		}
	}
}

// TestMomentDatesBothClauses checks that a clause cut off at "when" dates
// the clause before it: "nine were rescued when a barge capsized on
// Monday" against "nine were rescued when a barge overturned on Tuesday"
// is a date conflict over the rescue, not only over the barge.
func TestMomentDatesBothClauses(t *testing.T) {
	s, arts := fixture(t, "moment.json")
	an := document.Analyze(arts[0])
	var rescued *document.Fact
	for i := range an.Facts {
		if strings.Contains(an.Facts[i].Text, "rescued") {
			rescued = &an.Facts[i]
		}
	}
	if rescued == nil || len(rescued.Dates) != 1 || rescued.Dates[0] != "monday" {
		t.Fatalf("the rescue clause is not dated by its when-clause: %+v", rescued)
	}
	c := Card(s, arts)
	dated := false
	for _, f := range c.Flags {
		dated = dated || f.Kind == storyline.DateConflict && strings.Contains(f.Text, "rescued") && strings.Contains(f.Text, "Monday") && strings.Contains(f.Text, "Tuesday")
	}
	if !dated {
		t.Errorf("no date conflict over the rescue between Monday and Tuesday: %+v", c.Flags)
	}
}

// TestOneTollOneFlag checks that a disputed death toll gives one number
// conflict, however many claims carry it.
func TestOneTollOneFlag(t *testing.T) {
	s, arts := fixture(t, "toll.json")
	c := Card(s, arts)
	n := 0
	for _, f := range c.Flags {
		if f.Kind == storyline.NumberConflict && strings.Contains(f.Text, "dead") {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d number conflicts over the toll, want 1: %+v", n, c.Flags)
	}
}

// TestNoDeathsIsACount checks that "No one was killed" is a count of the
// dead, zero, which a report of two dead disputes, and that "Nobody knows"
// counts nothing.
func TestNoDeathsIsACount(t *testing.T) {
	for _, tc := range []struct {
		text   string
		counts string // "" for no figure
	}{
		{"No one was killed in the blast at the depot, the spokeswoman said.", "die"},
		{"Nobody was seriously hurt when the roof gave way on Tuesday.", "injur"},
		{"There were no deaths among the crew of the trawler, the coastguard said.", "die"},
		{"No serious injuries were reported after the train left the tracks.", "injur"},
		{"None of the 40 passengers on the ferry was hurt, the operator said.", "injur"},
		{"None of the residents have been told when they can go home.", ""},
		{"Nobody knows yet how many tanks were damaged in the fire.", ""},
		{"No one has claimed responsibility for the attack on the depot.", ""},
		{"No one knows how many people died in the flood on Tuesday.", ""},
	} {
		var got []document.Figure
		for _, f := range factsOf(tc.text) {
			for _, fg := range f.Figures {
				if fg.Value == 0 {
					got = append(got, fg)
				}
			}
		}
		switch {
		case tc.counts == "" && len(got) > 0:
			t.Errorf("%q: zero figures %+v, want none", tc.text, got)
		case tc.counts != "" && (len(got) != 1 || got[0].Counts != tc.counts):
			t.Errorf("%q: zero figures %+v, want one of %q", tc.text, got, tc.counts)
		}
	}
	s, arts := fixture(t, "nodeaths.json")
	c := Card(s, arts)
	n := 0
	for _, f := range c.Flags {
		if f.Kind == storyline.NumberConflict {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d number conflicts, want 1 (no one killed vs two killed): %+v", n, c.Flags)
	}
}

// TestBackgroundFiguresDoNotDispute checks that figures of another time
// ("between 2015 and 2020", "in the 1950s"), ages and percentage ranges
// are not read as rival counts of the story's dead, while two outlets'
// counts of this month's dead still conflict.
func TestBackgroundFiguresDoNotDispute(t *testing.T) {
	s, arts := fixture(t, "background.json")
	c := Card(s, arts)
	var flags []string
	for _, f := range c.Flags {
		if f.Kind == storyline.NumberConflict {
			flags = append(flags, f.Text)
		}
	}
	if len(flags) != 1 || !strings.Contains(flags[0], "9 (Oskar Valley Post) vs 6 (Riverside Tribune)") {
		t.Fatalf("number conflicts %q, want one: nine against six dead", flags)
	}
	for _, w := range []string{"40", "1,200", "58", "20-45"} {
		if strings.Contains(flags[0], w) {
			t.Errorf("conflict %q reads %s as a count of the dead", flags[0], w)
		}
	}
}

// TestCompatibleFigures checks which readings of one counted thing can
// both be right.
func TestCompatibleFigures(t *testing.T) {
	for _, tc := range []struct {
		a, b document.Figure
		ok   bool
	}{
		{document.Figure{Value: 14}, document.Figure{Value: 17}, false},
		{document.Figure{Value: 14, Qualifier: "at least"}, document.Figure{Value: 17}, true},
		{document.Figure{Value: 20, Upper: 45, Unit: "%"}, document.Figure{Value: 30, Unit: "%"}, true},
		{document.Figure{Value: 20, Upper: 45, Unit: "%"}, document.Figure{Value: 60, Unit: "%"}, false},
		// A share price and a revenue, both in dollars: not one figure.
		{document.Figure{Value: 27.53e9, Unit: "$"}, document.Figure{Value: 2.52, Unit: "$"}, true},
		{document.Figure{Value: 0}, document.Figure{Value: 2}, false},
	} {
		if got := compatibleFigures(tc.a, tc.b); got != tc.ok {
			t.Errorf("compatibleFigures(%+v, %+v) = %v, want %v", tc.a, tc.b, got, tc.ok)
		}
	}
}
