package extract

import (
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/storyline-news/storyline"
)

// timeLayouts are the ways a publication time is written in JSON records and
// feeds, tried in order. Times without a zone are taken as UTC.
var timeLayouts = []string{
	time.RFC3339Nano,
	time.RFC1123Z,
	time.RFC1123,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST",
	"Mon, 2 Jan 2006 15:04 -0700",
	time.RFC822Z,
	time.RFC822,
	time.RFC850,
	time.ANSIC,
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04:05",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	"2006-01-02",
	"2006/01/02",
	"2 Jan 2006",
	"2 January 2006",
	"January 2, 2006",
	"Jan 2, 2006",
}

// parseTime reads a publication time: a JSON number of unix seconds, or a
// string in one of timeLayouts or of unix seconds. Absent or null is the zero
// time.
func parseTime(raw json.RawMessage) (time.Time, error) {
	if isNull(raw) {
		return time.Time{}, nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		s = string(raw) // a number
	}
	return ParseTime(s)
}

// ParseTime reads a publication time written as RFC 3339, RFC 1123 (as in
// RSS), "2006-01-02 15:04:05", a date alone, or unix seconds. A blank string
// is the zero time; anything else gives an EINVALID error.
func ParseTime(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	if secs, err := strconv.ParseFloat(s, 64); err == nil && !strings.ContainsAny(s, "eE") {
		// ParseFloat also reads "NaN", "Inf" and numbers past any date,
		// which would become times in the year 292277026304.
		if !(secs >= minUnixSeconds && secs < maxUnixSeconds) {
			return time.Time{}, storyline.Errorf(storyline.EINVALID, "unix time %q is not between the years 1 and 9999", s)
		}
		return unixTime(secs), nil
	}
	for _, layout := range timeLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, storyline.Errorf(storyline.EINVALID, "unrecognised time %q", s)
}

// minUnixSeconds and maxUnixSeconds bound the unix times ParseTime
// accepts: from the start of year 1 to the end of year 9999, the years
// RFC 3339 can write.
const (
	minUnixSeconds = -62135596800
	maxUnixSeconds = 253402300800
)

// unixTime converts unix seconds, with a fraction, to a UTC time.
func unixTime(secs float64) time.Time {
	whole := int64(secs)
	return time.Unix(whole, int64((secs-float64(whole))*1e9)).UTC()
}
