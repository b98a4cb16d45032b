package server

import (
	"fmt"
	"math"
	"time"

	"github.com/storyline-news/storyline"
)

// palette gives outlets distinguishable colours that keep 3:1 contrast on
// the light and the dark background.
var palette = []string{"#2f6fb0", "#c23b3b", "#2e8b57", "#8a55b8", "#c96a12", "#138a9e", "#8c5a3c", "#c2407f", "#5f6b7a", "#8a8a1a"}

// colors assigns each outlet a palette colour, in order.
func colors(outlets []string) map[string]string {
	m := make(map[string]string, len(outlets))
	for i, o := range outlets {
		m[o] = palette[i%len(palette)]
	}
	return m
}

// rect is one bar segment of a chart, in SVG user units.
type rect struct {
	X, Y, W, H float64
	Fill       string
}

// sparkline is a small stacked bar chart of articles per time bucket, a
// colour per outlet: how coverage of a story grew and who drove it.
type sparkline struct {
	Width, Height float64
	Bars          []rect
	// Label describes the chart for screen readers and tooltips.
	Label string
}

// Sparkline geometry.
const (
	sparkWidth   = 120
	sparkHeight  = 28
	sparkBuckets = 48
)

// newSparkline counts the articles per hour (or per several hours, so that
// there are at most sparkBuckets bars) and stacks them by outlet.
func newSparkline(arts []*storyline.Article, outlets []string, colors map[string]string) *sparkline {
	sp := &sparkline{Width: sparkWidth, Height: sparkHeight}
	if len(arts) == 0 {
		sp.Label = "no articles"
		return sp
	}
	sorted := byTime(arts)
	first, last := when(sorted[0]), when(sorted[len(sorted)-1])
	hours := int(last.Sub(first)/time.Hour) + 1
	step := max(1, int(math.Ceil(float64(hours)/sparkBuckets)))
	n := (hours + step - 1) / step
	counts := make([]map[string]int, n)
	totals := make([]int, n)
	for _, a := range sorted {
		i := min(n-1, int(when(a).Sub(first)/time.Hour)/step)
		if counts[i] == nil {
			counts[i] = map[string]int{}
		}
		counts[i][outletName(a)]++
		totals[i]++
	}
	peak := 0
	for _, t := range totals {
		peak = max(peak, t)
	}
	barW := float64(sparkWidth) / float64(max(n, 12))
	for i, c := range counts {
		y := float64(sparkHeight)
		for _, o := range outlets {
			if c[o] == 0 {
				continue
			}
			h := float64(c[o]) / float64(peak) * (sparkHeight - 2)
			y -= h
			sp.Bars = append(sp.Bars, rect{X: float64(i) * barW, Y: y, W: math.Max(barW-0.6, 0.8), H: h, Fill: colors[o]})
		}
	}
	unit := "hour"
	if step > 1 {
		unit = fmt.Sprintf("%d hours", step)
	}
	sp.Label = fmt.Sprintf("Coverage: %s from %s over %s, at most %d per %s",
		plural(len(arts), "article"), plural(len(outlets), "outlet"), span(last.Sub(first)), peak, unit)
	return sp
}

// span says a duration the way a reader would.
func span(d time.Duration) string {
	switch {
	case d < time.Hour:
		return plural(int(d.Minutes()), "minute")
	case d < 48*time.Hour:
		return plural(int(math.Round(d.Hours())), "hour")
	}
	return plural(int(math.Round(d.Hours()/24)), "day")
}

// timelineChart plots each article as a dot at its time, a row per outlet;
// copies are hollow.
type timelineChart struct {
	Width, Height float64
	Rows          []chartRow
	Dots          []chartDot
	Start, End    time.Time
	// AxisY is where the time axis is drawn, TickY its labels, LabelX
	// where the outlet labels start, PlotX the left edge of the plot and
	// EndX its right edge.
	AxisY, TickY, LabelX, PlotX, EndX float64
}

type chartRow struct {
	Y float64
	// Label is the outlet's name cut to fit beside the plot; Outlet is
	// the whole name.
	Label, Outlet string
	Color         string
}

type chartDot struct {
	X, Y    float64
	Color   string
	Copy    bool
	Title   string
	Article int64
}

// Timeline chart geometry, in SVG user units. A label starts after its
// colour swatch (chartLabelX) and gets the width of the widest label, at
// most chartLabelMax: a longer name is cut with an ellipsis, whole in its
// tooltip. The plot begins chartLabelGap after the labels, and a dot's
// centre keeps chartDotInset from the plot's ends, so that no dot (radius
// 5, stroke 2) reaches back over a label.
const (
	chartWidth     = 640
	chartLabelX    = 15
	chartLabelSize = 12 // the .row-label font size
	chartLabelMax  = 170
	chartLabelGap  = 8
	chartDotInset  = 7
	chartRowH      = 22
	chartMaxRows   = 24
)

func newTimelineChart(arts []*storyline.Article, outlets []string, colors map[string]string) *timelineChart {
	rows := outlets
	if len(rows) > chartMaxRows {
		rows = rows[:chartMaxRows]
	}
	tc := &timelineChart{Width: chartWidth, LabelX: chartLabelX}
	rowOf := map[string]int{}
	labelW := 0.0
	for i, o := range rows {
		rowOf[o] = i
		label := fitLabel(o, chartLabelSize, chartLabelMax)
		labelW = max(labelW, boldTextWidth(label, chartLabelSize))
		tc.Rows = append(tc.Rows, chartRow{Y: float64(i)*chartRowH + chartRowH/2 + 4, Label: label, Outlet: o, Color: colors[o]})
	}
	tc.AxisY = float64(len(rows))*chartRowH + 8
	tc.TickY = tc.AxisY + 16
	tc.PlotX, tc.EndX = math.Ceil(chartLabelX+labelW+chartLabelGap), chartWidth-16
	tc.Height = tc.TickY + 6
	if len(arts) == 0 {
		return tc
	}
	sorted := byTime(arts)
	tc.Start, tc.End = when(sorted[0]), when(sorted[len(sorted)-1])
	total := tc.End.Sub(tc.Start)
	left := tc.PlotX + chartDotInset
	plotW := tc.EndX - chartDotInset - left
	for _, a := range sorted {
		row, ok := rowOf[outletName(a)]
		if !ok {
			continue
		}
		x := left + plotW/2
		if total > 0 {
			x = left + plotW*float64(when(a).Sub(tc.Start))/float64(total)
		}
		tc.Dots = append(tc.Dots, chartDot{
			X: x, Y: tc.Rows[row].Y - 4, Color: colors[outletName(a)], Copy: a.DuplicateOf != 0,
			Title:   fmt.Sprintf("%s, %s: %s", outletName(a), when(a).UTC().Format("2 Jan 15:04 MST"), a.Title),
			Article: a.ID,
		})
	}
	return tc
}
