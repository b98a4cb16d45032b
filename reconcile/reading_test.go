package reconcile

import (
	"strings"
	"testing"

	"github.com/storyline-news/storyline"
)

// TestReadsAsAReporter checks, on an invented story of three outlets, that
// figures, days and developments are read as a reporter reads them: "at
// least 12" and "twelve" agree; 30 against 25 trapped an hour apart is a
// conflict naming exactly those values and outlets; "on Monday night" and
// "overnight ... on Tuesday" are one night; "all flights were cancelled"
// and "airlines cancelled every departure" corroborate each other; "rose
// to 13" is an update from 12, not a conflict.
func TestReadsAsAReporter(t *testing.T) {
	s, arts := fixture(t, "colliery.json")
	c := Card(s, arts)
	var numbers []string
	for _, f := range c.Flags {
		switch f.Kind {
		case storyline.NumberConflict:
			numbers = append(numbers, f.Text)
		case storyline.DateConflict:
			t.Errorf("date conflict: %s", f.Text)
		}
	}
	if len(numbers) != 1 || !strings.Contains(numbers[0], "30 (Delta Mining Journal) vs 25 (Epsilon News Agency)") {
		t.Errorf("number conflicts %q, want one: 30 (Delta Mining Journal) vs 25 (Epsilon News Agency)", numbers)
	}
	flights := claimWith(c, "flights")
	if flights == nil || flights.Status != storyline.Corroborated {
		t.Errorf("flights claim: %+v, want corroborated by both outlets", flights)
	}
	dead := claimWith(c, "12 people died")
	if dead == nil || dead.Status != storyline.Corroborated {
		t.Errorf("toll claim: %+v, want corroborated (at least 12 / twelve)", dead)
	}
	update := false
	for _, d := range c.Timeline {
		if d.Kind == KindUpdate && strings.Contains(d.Text, "13") {
			update = true
			if !strings.Contains(d.Previous, "12") {
				t.Errorf("update %q: previous %q, want the earlier 12", d.Text, d.Previous)
			}
		}
	}
	if !update {
		t.Errorf("no update to 13 in the timeline: %+v", c.Timeline)
	}
}

// TestStateUndoneIsADevelopment checks that a state a later report says
// was undone ("closed", then "reopened") is a development in the
// timeline with what it undid, not the same claim nor a conflict, and that
// the summary gives the later state.
func TestStateUndoneIsADevelopment(t *testing.T) {
	s, arts := fixture(t, "reopened.json")
	c := Card(s, arts)
	var dev *storyline.Development
	for i, d := range c.Timeline {
		if d.Kind == KindState && strings.Contains(d.Text, "reopened") {
			dev = &c.Timeline[i]
		}
	}
	if dev == nil || !strings.Contains(dev.Previous, "was closed") {
		t.Fatalf("no development from closed to reopened: %+v", c.Timeline)
	}
	closed := claimWith(c, "was closed to traffic")
	if closed == nil || closed.Status != storyline.Corroborated || len(closed.Variants) != 2 {
		t.Errorf("closed claim: %+v, want corroborated by the two first reports only", closed)
	}
	for _, f := range c.Flags {
		t.Errorf("flag %s: %s", f.Kind, f.Text)
	}
	for _, s := range c.Summary {
		if strings.Contains(s, "was closed") {
			t.Errorf("summary gives the undone state: %q", s)
		}
	}
}
