package eval

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/storyline-news/storyline"
)

// polnear is where the PolNeAR splits are, beside the project.
const polnear = "../../shared/data/polnear"

func TestScoreQuotes(t *testing.T) {
	text := `Intro. “We won,” she said. “It was close.” He called it “fine.”`
	// Gold: one direct quote over both pieces, its Source "she" at 15–18.
	gold := []Attribution{{Source: Span{{15, 18}}, Content: Span{{7, 14}, {25, 41}}}}
	she := &storyline.Speaker{Name: "Ana Ruiz", Start: 15, End: 18}
	pieces := []storyline.QuoteSpan{
		{Text: "We won", Start: 8, End: 14, Speaker: she},
		{Text: "It was close.", Start: 26, End: 39, Speaker: she},
		{Text: "fine.", Start: 56, End: 61},
	}
	// One to one, only the longer piece (13 of the gold's 23 runes)
	// matches; leniently, both pieces do.
	for _, tt := range []struct {
		name       string
		score      func(string, []storyline.QuoteSpan, []Attribution) QuoteScore
		pred       []storyline.QuoteSpan
		matchedPre int
	}{
		{"one to one, pieces", ScoreQuotes, pieces, 1},
		{"lenient, pieces", ScoreQuotesLenient, pieces, 2},
		{"one to one, joined", ScoreQuotes, []storyline.QuoteSpan{
			{Text: "We won … It was close.", Start: 8, End: 39, Spans: [][2]int{{8, 14}, {26, 39}}, Speaker: she},
			pieces[2]}, 1},
	} {
		s := tt.score(text, tt.pred, gold)
		if s.MatchedPredicted != tt.matchedPre || s.MatchedGold != 1 || s.Attributed != 1 || s.Correct != 1 {
			t.Errorf("%s: %+v, want %d predictions and 1 gold matched, speaker right", tt.name, s, tt.matchedPre)
		}
	}
	// A prediction that covers the gold quote and as much again of the
	// writer's words is no match one to one.
	wide := []storyline.QuoteSpan{{Text: "x", Start: 0, End: 61, Speaker: she}}
	if s := ScoreQuotes(text, wide, gold); s.MatchedGold != 0 {
		t.Errorf("a prediction over the whole text matched one to one: %+v", s)
	}
	// A speaker named elsewhere in the text counts by its last name.
	other := &storyline.Speaker{Name: "Ana Ruiz", Start: 0, End: 5}
	if !sameSpeaker("Ruiz said", other, Span{{0, 4}}) {
		t.Error("sameSpeaker: Ana Ruiz does not match a Source reading Ruiz")
	}
}

// minQuoteF1 is the one-to-one detection F1 the PolNeAR test demands, with
// quote.Find's own reading of names: the level reached so far, as a guard
// against going back.
const minQuoteF1 = 0.88

// TestQuotesPolNeAR scores quote.Find, with its own reading of names, on
// the PolNeAR dev split (and train too when STORYLINE_EVAL_TRAIN is set),
// when the data is there.
func TestQuotesPolNeAR(t *testing.T) {
	splits := []string{"dev"}
	if os.Getenv("STORYLINE_EVAL_TRAIN") != "" {
		splits = append(splits, "train")
	}
	for _, split := range splits {
		dir := filepath.Join(polnear, split)
		if _, err := os.Stat(dir); err != nil {
			t.Skipf("no PolNeAR data at %s", dir)
		}
		rep, err := QuotesWith(dir, nil)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s (own names): %s", split, rep)
		if rep.Detection.F1 < minQuoteF1 || rep.SpeakerAccuracy < 0.85 {
			t.Errorf("%s: detection F1 %.3f, speaker accuracy %.3f; want ≥ %.2f and ≥ 0.85", split, rep.Detection.F1, rep.SpeakerAccuracy, minQuoteF1)
		}
		if rep.Lenient.Detection.F1 < 0.9 {
			t.Errorf("%s: lenient detection F1 %.3f, want ≥ 0.90", split, rep.Lenient.Detection.F1)
		}
	}
}
