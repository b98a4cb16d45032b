package match

import (
	"math"
	"testing"
)

// FuzzCompare checks, on any two passages, that the score is a probability
// rounded to four decimals, that Same and Relation agree with each other,
// that Match on read passages gives what Compare gives, and that the order
// of the two passages changes nothing: the features are built symmetric,
// and the story card compares claims in whatever order they come. Run by
// scripts/fuzz.sh (docs/FUZZING.md).
func FuzzCompare(f *testing.F) {
	for _, p := range [][2]string{
		{"At least 12 people died in the floods, officials said.", "Twelve people were killed by flooding."},
		{"The death toll rose to 30 on Tuesday.", "At least 12 people died."},
		{"The minister will resign.", "The minister resigned on Monday."},
		{"Ferry workers did not strike.", "Ferry workers went on strike."},
		{"", "“$2.5 million”, 4% and twenty-five miners; 1,200.5 km"},
		{"\xff\xfe A A A", "a a a \u0301"},
	} {
		f.Add(p[0], p[1])
	}
	m := Default()
	f.Fuzz(func(t *testing.T, a, b string) {
		ab, ba := m.Compare(a, b), m.Compare(b, a)
		if math.IsNaN(ab.Score) || ab.Score < 0 || ab.Score > 1 || ab.Score != round(ab.Score) {
			t.Fatalf("Compare(%q, %q): score %v", a, b, ab.Score)
		}
		switch ab.Relation {
		case Same, Conflict, Update:
		case Related, Unrelated:
			if ab.Same {
				t.Fatalf("Compare(%q, %q): same claim, yet %s", a, b, ab.Relation)
			}
		default:
			t.Fatalf("Compare(%q, %q): relation %q", a, b, ab.Relation)
		}
		if ab.Relation == Same && !ab.Same {
			t.Fatalf("Compare(%q, %q): relation same, yet not the same claim", a, b)
		}
		if got := m.Match(Read(a), Read(b)); got != ab {
			t.Fatalf("Match(%q, %q) = %+v, Compare %+v", a, b, got, ab)
		}
		// Sums in another order may differ in the last bits: only a score
		// this close to the threshold may fall on the other side of it.
		va, vb := m.judge(read(a), read(b)), m.judge(read(b), read(a))
		if math.Abs(va.score-vb.score) > 1e-9 {
			t.Fatalf("Compare(%q, %q) scores %v, the other way %v", a, b, va.score, vb.score)
		}
		if math.Abs(va.score-m.Threshold) > 1e-9 && math.Abs(va.asIfAgreed-m.Threshold) > 1e-9 && ab != ba {
			t.Fatalf("Compare(%q, %q) = %+v, the other way %+v", a, b, ab, ba)
		}
	})
}
