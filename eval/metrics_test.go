package eval

import (
	"math"
	"testing"
)

func near(t *testing.T, name string, got, want float64) {
	t.Helper()
	if math.Abs(got-want) > 1e-12 {
		t.Errorf("%s = %.15f, want %.15f", name, got, want)
	}
}

// Six items, two true clusters of three; the prediction cuts them into three
// pairs, one of which straddles the true boundary. Expected values worked out
// by hand from the contingency table
//
//	     A  B
//	P1   2  0
//	P2   1  1
//	P3   0  2
func TestClustersHandComputed(t *testing.T) {
	truth := map[string]string{"x1": "A", "x2": "A", "x3": "A", "x4": "B", "x5": "B", "x6": "B"}
	pred := map[string]string{"x1": "1", "x2": "1", "x3": "2", "x4": "2", "x5": "3", "x6": "3"}
	r := Clusters(pred, truth)
	if r.Items != 6 || r.Predicted != 3 || r.True != 2 {
		t.Fatalf("counts = %d/%d/%d", r.Items, r.Predicted, r.True)
	}
	// MI = 2/3 ln 2, H(truth) = ln 2, H(pred) = ln 3.
	near(t, "NMI", r.NMI, 4*math.Ln2/(3*math.Log(6)))
	// Pairs: 3 predicted, 6 true, 2 shared, 15 in all; expected 3·6/15.
	near(t, "ARI", r.ARI, 8.0/33)
	near(t, "pairwise P", r.Pairwise.Precision, 2.0/3)
	near(t, "pairwise R", r.Pairwise.Recall, 1.0/3)
	near(t, "pairwise F1", r.Pairwise.F1, 4.0/9)
	// BCubed: Σ n_ij²/|pred| = 5, Σ n_ij²/|true| = 10/3, over 6 items.
	near(t, "BCubed P", r.BCubed.Precision, 5.0/6)
	near(t, "BCubed R", r.BCubed.Recall, 5.0/9)
	near(t, "BCubed F1", r.BCubed.F1, 2.0/3)
}

func TestClustersIdentical(t *testing.T) {
	truth := map[string]string{"a": "x", "b": "x", "c": "y", "d": "z", "e": "z"}
	pred := map[string]string{"a": "7", "b": "7", "c": "8", "d": "9", "e": "9", "extra": "9"}
	r := Clusters(pred, truth)
	for name, v := range map[string]float64{"NMI": r.NMI, "ARI": r.ARI, "pairF1": r.Pairwise.F1, "B3F1": r.BCubed.F1} {
		near(t, name, v, 1)
	}
}

// An item missing from the prediction is a singleton, not dropped.
func TestClustersMissingIsSingleton(t *testing.T) {
	truth := map[string]string{"a": "A", "b": "A"}
	pred := map[string]string{"a": "1"}
	r := Clusters(pred, truth)
	if r.Predicted != 2 {
		t.Fatalf("predicted clusters = %d, want 2", r.Predicted)
	}
	near(t, "NMI", r.NMI, 0)
	near(t, "ARI", r.ARI, 0)
	near(t, "pairwise P", r.Pairwise.Precision, 1)
	near(t, "pairwise R", r.Pairwise.Recall, 0)
	near(t, "BCubed P", r.BCubed.Precision, 1)
	near(t, "BCubed R", r.BCubed.Recall, 0.5)
	near(t, "BCubed F1", r.BCubed.F1, 2.0/3)
}

func TestClustersEmpty(t *testing.T) {
	r := Clusters(nil, nil)
	if r.Items != 0 || r.NMI != 0 {
		t.Fatalf("empty report = %+v", r)
	}
}

func TestPearson(t *testing.T) {
	// Means 2 and 13/3; Σdxdy = 5, Σdx² = 2, Σdy² = 114/9.
	near(t, "r", Pearson([]float64{1, 2, 3}, []float64{2, 4, 7}), 15/math.Sqrt(228))
	near(t, "perfect", Pearson([]float64{1, 2, 3}, []float64{-2, -4, -6}), -1)
	near(t, "constant", Pearson([]float64{1, 1, 1}, []float64{1, 2, 3}), 0)
	near(t, "short", Pearson([]float64{1}, []float64{1}), 0)
}

func TestBinaryF1(t *testing.T) {
	r := BinaryF1([]bool{true, true, false, false, true}, []bool{true, false, true, false, true})
	near(t, "P", r.Precision, 2.0/3)
	near(t, "R", r.Recall, 2.0/3)
	near(t, "F1", r.F1, 2.0/3)
	r = BinaryF1([]bool{false, true}, []bool{false, false})
	near(t, "P", r.Precision, 0)
	near(t, "R", r.Recall, 1)
	near(t, "F1", r.F1, 0)
}

func BenchmarkClusters(b *testing.B) {
	truth, pred := map[string]string{}, map[string]string{}
	for i := range 100000 {
		k := string(rune('a'+i%26)) + string(rune(i))
		truth[k] = string(rune(i % 500))
		pred[k] = string(rune(i % 480))
	}
	for b.Loop() {
		Clusters(pred, truth)
	}
}
