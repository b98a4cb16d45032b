package server

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/storyline-news/storyline"
)

func TestBoldTextWidth(t *testing.T) {
	// Widths chromium's canvas gives for bold 12px system-ui (DejaVu Sans
	// Bold on Debian): ASCII exactly, other characters never less.
	for _, c := range []struct {
		text     string
		measured float64
		slack    float64
	}{
		{"The Monsoon Herald", 139.03, 0.05},
		{"Meridian Press Agency", 154.44, 0.05},
		{"The Very Long Name of…", 169.36, 3},
		{"", 0, 0},
	} {
		if got := boldTextWidth(c.text, 12); got < c.measured-0.05 || got > c.measured+c.slack {
			t.Errorf("boldTextWidth(%q) = %.2f, measured %.2f", c.text, got, c.measured)
		}
	}
	if w := boldTextWidth("新华社", 12); w != 36 {
		t.Errorf("three Han characters are %.1f wide at 12, want 36", w)
	}
}

func TestFitLabel(t *testing.T) {
	for _, c := range []struct {
		text, want string
	}{
		{"The Monsoon Herald", "The Monsoon Herald"},
		{"The Very Long Name of a Regional Broadcaster", "The Very Long Name o…"},
		{"WWWWWWWWWWWWWWWWWWWWWWWW", "WWWWWWWWWWW…"},
		{"Gazette of the Northern Isles", "Gazette of the Norther…"},
		{"The Northern Echo of Wales", "The Northern Echo of…"}, // no space before the ellipsis
	} {
		got := fitLabel(c.text, chartLabelSize, chartLabelMax)
		if got != c.want {
			t.Errorf("fitLabel(%q) = %q, want %q", c.text, got, c.want)
		}
		if w := boldTextWidth(got, chartLabelSize); w > chartLabelMax {
			t.Errorf("fitLabel(%q) = %q is %.1f wide, more than %d", c.text, got, w, chartLabelMax)
		}
	}
}

// TestTimelineChartLabelsClearDots checks the chart's geometry: whatever
// the outlets' names, every label ends before the leftmost a dot can reach.
func TestTimelineChartLabelsClearDots(t *testing.T) {
	start := time.Date(2026, 3, 11, 15, 20, 0, 0, time.UTC)
	for _, outlets := range [][]string{
		{"AP", "BBC"},
		{"The Monsoon Herald", "Iberian Dispatch"},
		{"The Very Long Name of a Regional Broadcaster", "WWWWWWWWWWWWWWWWWWWWWWWW"},
	} {
		var arts []*storyline.Article
		for i, o := range outlets {
			arts = append(arts, &storyline.Article{ID: int64(i + 1), Source: o, Title: "t", Published: start.Add(time.Duration(i) * time.Hour)})
		}
		tc := newTimelineChart(arts, outlets, colors(outlets))
		firstDot := math.Inf(1)
		for _, d := range tc.Dots {
			firstDot = min(firstDot, d.X-6) // radius 5 and half the copy's stroke
		}
		for _, r := range tc.Rows {
			right := tc.LabelX + boldTextWidth(r.Label, chartLabelSize)
			if right >= firstDot || right > tc.PlotX {
				t.Errorf("%s: label %q ends at %.1f, plot at %.1f, first dot at %.1f", strings.Join(outlets, ", "), r.Label, right, tc.PlotX, firstDot)
			}
		}
		if last := tc.Dots[len(tc.Dots)-1].X; last+6 > tc.Width {
			t.Errorf("%s: last dot at %.1f past the chart's width %.0f", strings.Join(outlets, ", "), last, tc.Width)
		}
	}
}
