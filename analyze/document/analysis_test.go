package document

import (
	"strings"
	"testing"
	"time"

	"github.com/storyline-news/storyline"
)

// factsOf analyses one sentence and returns its facts.
func factsOf(s string) []Fact {
	return Analyze(&storyline.Article{Body: s}).Facts
}

func TestFigures(t *testing.T) {
	for _, tc := range []struct {
		text         string
		value        float64
		counts, qual string
		none         bool
	}{
		{text: "The attacks have killed at least 17 people, officials said on Monday.", value: 17, counts: "die", qual: "at least"},
		{text: "Spain's government has confirmed nine deaths from the storm overnight.", value: 9, counts: "die"},
		{text: "The company is recalling 240,000 electric vans over a brake fault.", value: 240000, counts: "van"},
		{text: "Tessaro agreed to pay £2.1bn for the bakery group on Monday.", value: 2.1e9, counts: "£"},
		{text: "About 3,500 people were in evacuation centres on Friday night.", value: 3500, counts: "evacu", qual: "about"},
		{text: "The bridge was built in 1891 by a local ironworks company.", none: true},
		{text: "Two of those who died were a couple from a nearby village.", none: true},
		// Ages, ranges, pence and numbered names.
		{text: "The 63-year-old was the second farmer to fall ill with the fever.", none: true},
		{text: "A woman, 41 years old, died in hospital on Sunday.", none: true},
		{text: "Patients have a 20-45 per cent chance of dying without treatment.", value: 20, counts: "%"},
		{text: "A loaf now costs 95p at the village bakery.", value: 95, counts: "p"},
		{text: "Sky Raiders 3 runs at 60 frames a second, the review found.", value: 60, counts: "frame"},
		{text: "Dead Harbour 2 sold poorly in its first week.", none: true},
	} {
		var figs []Figure
		for _, f := range factsOf(tc.text) {
			figs = append(figs, f.Figures...)
		}
		if tc.none {
			if len(figs) != 0 {
				t.Errorf("%q: figures %+v, want none", tc.text, figs)
			}
			continue
		}
		if len(figs) == 0 || figs[0].Value != tc.value || !strings.HasPrefix(figs[0].Counts, tc.counts) || figs[0].Qualifier != tc.qual {
			t.Errorf("%q: figures %+v, want %v of %q (%q)", tc.text, figs, tc.value, tc.counts, tc.qual)
		}
	}
}

// TestFigureRangeAndPeriod checks that a range keeps its upper end and
// that a clause of another time marks its figures with that period, while
// the report's own year and a year after "since" do not.
func TestFigureRangeAndPeriod(t *testing.T) {
	a := &storyline.Article{Published: time.Date(2031, 5, 2, 9, 0, 0, 0, time.UTC), Body: "Patients have a 20-45 per cent chance of dying without treatment. " +
		"Between 2019 and 2024 the region recorded 310 cases and 12 deaths. " +
		"The epidemic of the 15th century killed 8,000 people in the valley. " +
		"In 2031 so far, four people have died. " +
		"The worst floods since 1998 killed 17 people on Tuesday."}
	want := map[float64]string{20: "", 310: "2019 2024", 12: "2019 2024", 8000: "15th century", 4: "", 17: ""}
	got := map[float64]string{}
	for _, f := range Analyze(a).Facts {
		for _, fg := range f.Figures {
			got[fg.Value] = fg.Period
			if fg.Value == 20 && fg.Upper != 45 {
				t.Errorf("%q: upper %v, want 45", fg.Text, fg.Upper)
			}
		}
	}
	for v, p := range want {
		if q, ok := got[v]; !ok || q != p {
			t.Errorf("figure %v: period %q (found %v), want %q", v, q, ok, p)
		}
	}
}

func TestModalityAndNegation(t *testing.T) {
	for _, tc := range []struct {
		text     string
		modality string
		negated  bool
	}{
		{"The United States is preparing to revoke the minister's visa after the speech.", Planned, false},
		{"The United States has announced the revocation of the minister's visa.", "", false},
		{"The move could further complicate diplomatic ties between the two countries.", Possible, false},
		{"The council has yet to decide whether the bridge can be repaired.", Pending, false},
		{"The ministry did not confirm the number of people arrested on Friday.", "", true},
	} {
		fs := factsOf(tc.text)
		if len(fs) == 0 {
			t.Errorf("%q: no fact", tc.text)
			continue
		}
		if fs[0].Modality != tc.modality || fs[0].Negated != tc.negated {
			t.Errorf("%q: modality %q negated %v, want %q %v", tc.text, fs[0].Modality, fs[0].Negated, tc.modality, tc.negated)
		}
	}
}

func TestClausesAndLabels(t *testing.T) {
	fs := factsOf("The ministry is preparing to cancel the permit after his remarks in Lusso, where he urged workers to defy the governor and accused the council of negligence.")
	if len(fs) < 2 {
		t.Fatalf("facts = %+v, want the plan and the speech apart", fs)
	}
	fs = factsOf("The comments were branded “reckless” by government officials in the capital.")
	if len(fs) == 0 || len(fs[0].Labels) == 0 || fs[0].Labels[0] != termKey("reckless") || !strings.Contains(fs[0].Attribution, "officials") {
		t.Errorf("characterisation = %+v", fs)
	}
}

func TestTermKeys(t *testing.T) {
	for _, pair := range [][2]string{{"revocation", "revoke"}, {"suspension", "suspended"}, {"killed", "deaths"}, {"defy", "disobey"}, {"airstrikes", "strikes"}} {
		if termKey(pair[0]) != termKey(pair[1]) {
			t.Errorf("termKey(%q) = %q, termKey(%q) = %q", pair[0], termKey(pair[0]), pair[1], termKey(pair[1]))
		}
	}
}

func TestPostsApart(t *testing.T) {
	a := &storyline.Article{Body: "The mayor spoke to residents on Sunday evening near the harbour.", Parts: []storyline.Part{
		{Kind: storyline.PartEmbeddedPost, Author: "@mayor", Text: "The water is rising fast in the old town tonight.\n— Mayor (@mayor) May 1, 2031\npic.twitter.com/abc"},
		{Kind: storyline.PartSubheading, Text: "Residents react"},
	}}
	an := Analyze(a)
	if len(an.Posts) != 1 || strings.Contains(an.Posts[0].Text, "pic.twitter") || strings.Contains(an.Posts[0].Text, "—") {
		t.Errorf("posts = %+v", an.Posts)
	}
	var post, own int
	for _, f := range an.Facts {
		if f.Post == "@mayor" {
			post++
		} else {
			own++
		}
		if strings.Contains(f.Text, "Residents react") {
			t.Errorf("a sub-heading is a fact: %+v", f)
		}
	}
	if post != 1 || own != 1 {
		t.Errorf("facts = %+v", an.Facts)
	}
}

func TestAnalysisRoundTrip(t *testing.T) {
	an := Analyze(&storyline.Article{ID: 1, Version: 1, Body: "The ferry Saltwind ran aground off Kessing on Tuesday, the coastguard said. All 212 passengers were taken off by lifeboat."})
	data, err := an.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	back, err := UnmarshalAnalysis(data)
	if err != nil || len(back.Facts) != len(an.Facts) || back.Format != Format {
		t.Fatalf("round trip: %v %+v", err, back)
	}
}
