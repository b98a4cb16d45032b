package server

import "strings"

// boldWidths are the advance widths, in em, of the printable ASCII
// characters (from ' ' to '~') in DejaVu Sans Bold, as chromium's canvas
// measures them: the font Debian's browser gives the chart's bold system-ui
// labels, and wider than the sans fonts of other systems, so that a width
// measured with it leaves room to spare elsewhere.
var boldWidths = [...]float64{
	0.348, 0.456, 0.521, 0.838, 0.696, 1.002, 0.872, 0.306, 0.457, 0.457, 0.523, 0.838, 0.380, 0.415, 0.380, 0.365, // space to /
	0.696, 0.696, 0.696, 0.696, 0.696, 0.696, 0.696, 0.696, 0.696, 0.696, 0.400, 0.400, 0.838, 0.838, 0.838, 0.580, // 0 to ?
	1.000, 0.774, 0.762, 0.734, 0.830, 0.683, 0.683, 0.821, 0.837, 0.372, 0.372, 0.775, 0.637, 0.995, 0.837, 0.850, // @ to O
	0.733, 0.850, 0.770, 0.720, 0.682, 0.812, 0.774, 1.103, 0.771, 0.724, 0.725, 0.457, 0.365, 0.457, 0.838, 0.500, // P to _
	0.500, 0.675, 0.716, 0.593, 0.716, 0.678, 0.435, 0.716, 0.712, 0.343, 0.343, 0.665, 0.343, 1.042, 0.712, 0.687, // ` to o
	0.716, 0.716, 0.493, 0.595, 0.478, 0.712, 0.652, 0.924, 0.645, 0.652, 0.582, 0.712, 0.365, 0.712, 0.838, // p to ~
}

// boldTextWidth estimates the width of s set in a bold sans-serif font of
// the given size, in the same unit as size. A character outside ASCII
// counts a full em, as wide as an ellipsis or a Chinese character and more
// than an accented letter: the estimate errs on the side of room to spare.
func boldTextWidth(s string, size float64) float64 {
	w := 0.0
	for _, r := range s {
		if r >= ' ' && r <= '~' {
			w += boldWidths[r-' ']
		} else {
			w++
		}
	}
	return w * size
}

// fitLabel returns s if it fits in width at size, or else its longest
// prefix that fits with an ellipsis after it.
func fitLabel(s string, size, width float64) string {
	if boldTextWidth(s, size) <= width {
		return s
	}
	r := []rune(s)
	for n := len(r) - 1; n > 0; n-- {
		cut := strings.TrimRight(string(r[:n]), " ") + "…"
		if boldTextWidth(cut, size) <= width {
			return cut
		}
	}
	return "…"
}
