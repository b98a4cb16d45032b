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
	pred := []storyline.QuoteSpan{
		{Text: "We won", Start: 8, End: 14, Speaker: she},
		{Text: "It was close.", Start: 26, End: 39, Speaker: she},
		{Text: "fine.", Start: 56, End: 61},
	}
	s := ScoreQuotes(text, pred, gold)
	if s.MatchedPredicted != 2 || s.MatchedGold != 1 || s.Attributed != 1 || s.Correct != 1 {
		t.Errorf("ScoreQuotes = %+v, want 2 predictions and 1 gold matched, speaker right", s)
	}
	// A speaker named elsewhere in the text counts by its last name.
	other := &storyline.Speaker{Name: "Ana Ruiz", Start: 0, End: 5}
	if !sameSpeaker("Ruiz said", other, Span{{0, 4}}) {
		t.Error("sameSpeaker: Ana Ruiz does not match a Source reading Ruiz")
	}
}

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
		if rep.Detection.F1 < 0.9 || rep.SpeakerAccuracy < 0.85 {
			t.Errorf("%s: detection F1 %.3f, speaker accuracy %.3f; want ≥ 0.90 and ≥ 0.85", split, rep.Detection.F1, rep.SpeakerAccuracy)
		}
	}
}
