package match

import (
	"os"
	"testing"
)

// TestCrossValidateMSRP reports held-out figures on the shared data; run
// with MATCH_CV=1.
func TestCrossValidateMSRP(t *testing.T) {
	if os.Getenv("MATCH_CV") == "" {
		t.Skip("MATCH_CV not set")
	}
	pairs, err := ReadPairsFile("../../../shared/data/msrp/train.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	s, th, err := CrossValidate(pairs, TrainOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("threshold %.2f: %+v", th, s)
}
