package quote

import (
	"encoding/json"
	"testing"

	"github.com/storyline-news/storyline/analyze"
)

// TestTrainModel trains on segments whose only sign is the hand rules'
// decision, with one exception, and checks that the model learns to follow
// the rules, survives a round trip through JSON, and refuses a model made
// for other features.
func TestTrainModel(t *testing.T) {
	var xs [][]float64
	var ys []bool
	for i := range 40 {
		x := make([]float64, nFeatures)
		x[0] = 1
		rule := i%2 == 0
		if rule {
			x[1] = 1
		}
		xs = append(xs, x)
		ys = append(ys, rule != (i == 3))
	}
	m := Train(xs, ys, TrainOptions{})
	for i, x := range xs {
		if want := i%2 == 0; m.Keep(x) != want {
			t.Errorf("segment %d: kept %v, want %v", i, m.Keep(x), want)
		}
	}
	data, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	back, err := ReadModel(data)
	if err != nil {
		t.Fatal(err)
	}
	if back.Prob(xs[0]) != m.Prob(xs[0]) {
		t.Errorf("model changed in JSON: %v, want %v", back.Prob(xs[0]), m.Prob(xs[0]))
	}
	m.Features = append([]string{"other"}, m.Features[1:]...)
	data, _ = json.Marshal(m)
	if _, err := ReadModel(data); err == nil {
		t.Error("ReadModel took a model of other features")
	}
}

// TestFindWithModel checks that a model that keeps nothing finds nothing,
// and that nil leaves the decision to the rules.
func TestFindWithModel(t *testing.T) {
	text := "“We are ready,” said Ana Ruiz."
	d := Prepare(text, analyze.Tokenize(text), analyze.RuneOffsets(text))
	none := &Model{Features: featureNames[:], Weights: make([]float64, nFeatures), Threshold: 1.1}
	if got := d.FindWith(nil, none); len(got) != 0 {
		t.Errorf("a model that keeps nothing found %v", got)
	}
	if got := d.FindWith(nil, nil); len(got) != 1 {
		t.Errorf("the rules found %v, want one quote", got)
	}
	cs := d.Candidates(nil)
	if len(cs) != 1 || !cs[0].Rule || len(cs[0].Features) != nFeatures {
		t.Errorf("Candidates = %+v, want one kept by the rules, with %d features", cs, nFeatures)
	}
}
