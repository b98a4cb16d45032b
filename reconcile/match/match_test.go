package match

import (
	"bytes"
	"os"
	"testing"
)

// TestFigures checks that numbers are read as a reporter reads them:
// "at least 12", "12", "twelve" and "a dozen" agree; only incompatible
// ranges disagree.
func TestFigures(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"at least 12 people", "twelve people", true},
		{"a dozen people", "12 people", true},
		{"more than 20 homes", "25 homes", true},
		{"more than 20 homes", "15 homes", false},
		{"about 300 residents", "310 residents", true},
		{"about 300 residents", "500 residents", false},
		{"up to 40 cars", "35 cars", true},
		{"rose 4 percent", "rose 4.4 percent", true},
		{"12 dead", "13 dead", false},
		{"twenty-five miners", "25 miners", true},
		{"thirty miners", "twenty-five miners", false},
		{"$2.5 million", "2.5 million dollars", true},
	} {
		fa, fb := read(c.a).figures, read(c.b).figures
		if len(fa) != 1 || len(fb) != 1 {
			t.Errorf("%q / %q: read %v / %v, want one figure each", c.a, c.b, fa, fb)
			continue
		}
		if got := compatible(fa[0], fb[0]); got != c.want {
			t.Errorf("%q / %q: compatible = %v, want %v (%+v / %+v)", c.a, c.b, got, c.want, fa[0], fb[0])
		}
	}
}

// TestPhenomena checks the shipped model on invented pairs it was not
// trained on, one for each thing a reporter reads (testdata/phenomena.jsonl).
func TestPhenomena(t *testing.T) {
	pairs, err := ReadPairsFile("testdata/phenomena.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	m := Default()
	right := 0
	for _, p := range pairs {
		r := m.Compare(p.A.Text, p.B.Text)
		if r.Relation == p.Relation {
			right++
		} else {
			t.Logf("%s: %s, want %s (score %.3f)\n  %s\n  %s", p.ID, r.Relation, p.Relation, r.Score, p.A.Text, p.B.Text)
		}
		if want := p.Relation == Same; r.Relation == Same && !want {
			t.Errorf("%s: called the same claim, labelled %s", p.ID, p.Relation)
		}
	}
	// One pair (related: flood waters / sandbags) is beyond the model: it
	// shares no words.
	if right < len(pairs)-1 {
		t.Errorf("%d of %d relations right, want at least %d", right, len(pairs), len(pairs)-1)
	}
}

// TestDefaultIsDeterministic checks that the shipped model gives one
// answer whatever the order of calls.
func TestDefaultIsDeterministic(t *testing.T) {
	m := Default()
	a, b := "The storm killed 17 people.", "Seventeen people died in the storm."
	r1 := m.Compare(a, b)
	r2 := m.Compare(b, a)
	if r1 != m.Compare(a, b) {
		t.Fatal("two calls gave two answers")
	}
	if r1.Relation != Same || r2.Relation != Same {
		t.Errorf("got %+v and %+v, want the same claim both ways", r1, r2)
	}
}

// TestTrainReproducesShippedModel retrains the model from the shared data
// and the project's own pairs and checks it is the shipped one, byte for
// byte, as `storyline train claims` writes it.
func TestTrainReproducesShippedModel(t *testing.T) {
	if testing.Short() {
		t.Skip("training takes half a minute")
	}
	const msrp = "../../../shared/data/msrp/train.jsonl"
	if _, err := os.Stat(msrp); err != nil {
		t.Skip("shared data not here:", err)
	}
	var pairs []Pair
	for _, f := range []string{msrp, "data/pairs.jsonl"} {
		p, err := ReadPairsFile(f)
		if err != nil {
			t.Fatal(err)
		}
		pairs = append(pairs, p...)
	}
	m, err := Train(pairs, TrainOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := m.Save(&buf); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), shipped) {
		t.Fatalf("trained model (%d bytes) differs from data/model.json (%d bytes): run storyline train claims", buf.Len(), len(shipped))
	}
	if h := m.Report.HeldOut; h.Accuracy < 0.77 || h.F1 < 0.83 {
		t.Errorf("held-out folds: %+v, below what the model scored when shipped", h)
	}
}

// BenchmarkCompare measures one comparison of two sentences, as the story
// card makes for each candidate pair of claims.
func BenchmarkCompare(b *testing.B) {
	m := Default()
	x := "Officials said at least 12 people died when the storm hit the coast of Galdora on Monday night."
	y := "The storm killed twelve people as it struck the Galdoran coast overnight, the coastguard said on Tuesday."
	b.ReportAllocs()
	for b.Loop() {
		m.Compare(x, y)
	}
}

// BenchmarkMatch measures the comparison of two passages read before, as
// the story card compares each clause with many others.
func BenchmarkMatch(b *testing.B) {
	m := Default()
	x := Read("Officials said at least 12 people died when the storm hit the coast of Galdora on Monday night.")
	y := Read("The storm killed twelve people as it struck the Galdoran coast overnight, the coastguard said on Tuesday.")
	b.ReportAllocs()
	for b.Loop() {
		m.Match(x, y)
	}
}
