package cluster

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"time"
)

// synthStream returns n documents about the given number of stories, in
// arrival order, for tests and benchmarks: each story has twelve words of
// its own and a start time; a document takes eight of its story's words
// and eight from a Zipf-distributed general vocabulary of 20,000 words, and
// is published within a few hours of its story's start. Stories start
// evenly over span. The stream is the same for the same seed.
func synthStream(n, stories int, span time.Duration, seed uint64) []Doc {
	rng := rand.New(rand.NewPCG(seed, 7))
	zipf := rand.NewZipf(rand.New(rand.NewPCG(seed, 8)), 1.1, 1, 19999)
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	type doc struct {
		story int
		at    time.Time
	}
	docs := make([]doc, n)
	for i := range docs {
		// Stories get documents in proportion to a skewed weight, as news
		// stories do, and in time order overall.
		s := int(float64(stories) * math.Pow(rng.Float64(), 1.5))
		at := start.Add(time.Duration(float64(span) * float64(s) / float64(stories)))
		at = at.Add(time.Duration(rng.ExpFloat64() * float64(2*time.Hour)))
		docs[i] = doc{s, at}
	}
	// Arrival order is time order.
	slices.SortStableFunc(docs, func(a, b doc) int { return a.at.Compare(b.at) })
	out := make([]Doc, n)
	for i, d := range docs {
		terms := make([]string, 0, 16)
		for range 8 {
			terms = append(terms, fmt.Sprintf("s%dw%d", d.story, rng.IntN(12)))
		}
		for range 8 {
			terms = append(terms, fmt.Sprintf("g%d", zipf.Uint64()))
		}
		at := d.at.Truncate(time.Second)
		if dateOnly(at) {
			at = at.Add(time.Second) // a time of day, not a date alone
		}
		out[i] = Doc{Article: int64(i + 1), Source: fmt.Sprintf("outlet%d", rng.IntN(40)), Published: at, Body: terms}
	}
	return out
}
