package document

import (
	"strings"
	"testing"
)

// TestAsSentence checks the capital and the full stop of a clause made a
// sentence, and that text with invalid UTF-8 reads as it did as runes.
func TestAsSentence(t *testing.T) {
	for _, tc := range []struct{ subject, s, want string }{
		{"", "the mayor spoke on Monday", "The mayor spoke on Monday."},
		{"Gustavo Petro", "urged soldiers to disobey", "Gustavo Petro urged soldiers to disobey."},
		{"", "élan, he said”", "Élan, he said”"},
		{"", "x", "X."},
		{"", "?", "?"},
		{"", "bad \xff byte", "Bad \uFFFD byte."},
	} {
		if got := asSentence(tc.subject, tc.s); got != tc.want {
			t.Errorf("asSentence(%q, %q) = %q, want %q", tc.subject, tc.s, got, tc.want)
		}
		if got, want := asSentence(tc.subject, tc.s), asSentenceRunes(tc.subject, tc.s); got != want {
			t.Errorf("asSentence(%q, %q) = %q, as runes %q", tc.subject, tc.s, got, want)
		}
	}
}

// TestZoneConversionDates checks that a weekday converting a time into
// another zone does not date the fact; the event's own day does.
func TestZoneConversionDates(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"The storm made landfall at about 2 a.m. local time (1600 GMT Thursday) near the town.", ""},
		{"The storm made landfall at about 2am local time on Friday near the town.", "friday"},
		{"The rocket lifted off at 9.30pm local time on Friday, 0130 GMT Saturday, from the coast.", "friday"},
		{"The talks ended late on Tuesday (after midnight in Brussels) without a deal.", "tuesday"},
		{"The vote will be held at 1400 GMT on Thursday in the capital.", "thursday"},
	} {
		fs := factsOf(tc.text)
		if len(fs) == 0 {
			t.Errorf("no fact in %q", tc.text)
			continue
		}
		if got := strings.Join(fs[0].Dates, ","); got != tc.want {
			t.Errorf("%q: dates %q, want %q", tc.text, got, tc.want)
		}
	}
}

// TestDateline checks that a fact starts after the dateline of its
// sentence, and only after a dateline.
func TestDateline(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"BRISBANE, March 13 (MPA) - Tropical Cyclone Tamsin crossed the coast near Sarina early on Friday.", "Tropical Cyclone Tamsin crossed"},
		{"STOCKHOLM (MPA) — Swedish van maker Halvard Motors said it would recall about 240,000 vehicles.", "Swedish van maker"},
		{"LERWICK, Scotland, March 9 (MPA) - Rescuers widened their search for a missing fishing boat on Monday.", "Rescuers widened"},
		{"ACCRA — Ghana's opposition has tabled a motion of censure against the interior minister.", "Ghana's opposition"},
		{"NEW YORK, March 3 — Sugar futures rose to a four-month high after the storm hit the coast.", "Sugar futures rose"},
		{"US President Joe Biden - speaking in Ohio on Monday - said the plant would reopen soon.", "US President Joe Biden"},
		{"The storm - the worst in a decade - flooded the town centre and closed the roads.", "The storm"},
	} {
		fs := factsOf(tc.text)
		if len(fs) == 0 {
			t.Errorf("no fact in %q", tc.text)
			continue
		}
		if !strings.HasPrefix(fs[0].Text, tc.want) {
			t.Errorf("%q: fact %q, want it to start %q", tc.text, fs[0].Text, tc.want)
		}
	}
}

// TestPronounSkipsCitedJournalist checks that "he" after a sentence citing
// a journalist's report does not become the journalist, while "he" after a
// sentence naming the man himself does.
func TestPronounSkipsCitedJournalist(t *testing.T) {
	for _, tc := range []struct{ body, notWant, want string }{
		{body: "A farmer fell ill after eating a hare, as Mira Holt reports for the Daily Ledger. He had caught it near the river, officials said.",
			notWant: "Mira Holt had caught"},
		{body: "The clinic was closed on Friday, reports Mira Holt. A second case was found in a farmer. He had caught a hare near the river.",
			notWant: "Mira Holt had caught"},
		{body: "Tomas Brekke fell ill after eating a hare, health officials said. He had caught it near the river, they said.",
			want: "Tomas Brekke had caught"},
	} {
		var texts []string
		for _, f := range factsOf(tc.body) {
			texts = append(texts, f.Text)
		}
		all := strings.Join(texts, " | ")
		if tc.notWant != "" && strings.Contains(all, tc.notWant) {
			t.Errorf("facts %q: the pronoun became the journalist", all)
		}
		if tc.want != "" && !strings.Contains(all, tc.want) {
			t.Errorf("facts %q, want one with %q", all, tc.want)
		}
	}
}
