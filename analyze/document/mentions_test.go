package document

import (
	"math/rand"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/analyze"
)

// TestCleanMentions checks that named storms are events, not people, and
// that words starting speech are not taken into names.
func TestCleanMentions(t *testing.T) {
	for _, tc := range []struct {
		body   string
		absent []string                        // no local entity of this name
		typ    map[string]storyline.EntityType // local entity → type
	}{
		{
			body:   "Hurricane Odalys flattened beach huts on Tuesday. Forecasters said Odalys would weaken over land by Thursday.",
			absent: []string{"Hurricane Odalys", "Odalys"},
		},
		{
			body:   "The coastguard said Typhoon Merrow had sunk two barges near Velport. Merrow is the strongest storm of the year.",
			absent: []string{"Typhoon Merrow", "Merrow"},
			typ:    map[string]storyline.EntityType{"Velport": storyline.Place},
		},
		{
			body:   "Mayor Talia Brennock addressed the crowd in Corrin. She declared, Ignore Halvorsen's warnings! Build the wall! Halvorsen, the regional governor, did not respond.",
			absent: []string{"Ignore Halvorsen"},
			typ:    map[string]storyline.EntityType{"Talia Brennock": storyline.Person},
		},
	} {
		an := Analyze(&storyline.Article{ID: 1, Version: 1, Body: tc.body})
		got := map[string]storyline.EntityType{}
		for _, e := range an.Entities {
			got[e.Name] = e.Type
		}
		for _, n := range tc.absent {
			if typ, ok := got[n]; ok {
				t.Errorf("%q: entity %q (%s) should not be there", tc.body, n, typ)
			}
		}
		for n, typ := range tc.typ {
			if got[n] != typ {
				t.Errorf("%q: entity %q is %q, want %q (entities %v)", tc.body, n, got[n], typ, got)
			}
		}
	}
}

func TestSpeechStartTrim(t *testing.T) {
	body := "“Reject Ormond's budget,” the union leader said. Ormond has not replied. The Ormond budget is due."
	ms := []storyline.Mention{{Text: "Reject Ormond", Type: storyline.Person, Start: 1, End: 14}, {Text: "Ormond", Type: storyline.Person, Start: 49, End: 55}}
	out := cleanMentions(body, nil, ms, nil)
	if len(out) != 2 || out[0].Text != "Ormond" || out[0].Start != 8 {
		t.Errorf("cleanMentions = %+v, want the verb cut from the first mention", out)
	}
}

// TestRuneText checks that a runeText reads the runes []rune would, in
// any order, also where the text is not valid UTF-8, whether it walks the
// text or reads a table of rune offsets.
func TestRuneText(t *testing.T) {
	for _, s := range []string{"", "Storm Berenice", "“Élan”, São Paulo —", "bad \xff\xfe byte", "cut \xe2\x82 short €", "\xed\xa0\x80 surrogate", "\xf0\x9f\x98\x80\x80"} {
		for _, offs := range [][]int{nil, analyze.RuneOffsets(s)} {
			checkRuneText(t, s, newRuneText(s, offs))
		}
	}
}

func checkRuneText(t *testing.T, s string, rs *runeText) {
	t.Helper()
	want := []rune(s)
	if rs.n != len(want) {
		t.Errorf("%q: %d runes, want %d", s, rs.n, len(want))
		return
	}
	for _, i := range append(rand.Perm(len(want)), len(want)-1, 0) {
		if i >= 0 && i < len(want) && rs.at(i) != want[i] {
			t.Errorf("%q: rune %d is %q, want %q", s, i, rs.at(i), want[i])
		}
	}
}

func TestHoldsLower(t *testing.T) {
	set := wordSet(`storm said`)
	for w, want := range map[string]bool{"Storm": true, "STORM": true, "said": true, "Stormy": false, "": false, "ſaid": false} {
		if got := holdsLower(set, w); got != want {
			t.Errorf("holdsLower(%q) = %v, want %v", w, got, want)
		}
	}
}

func TestCleanMentionsDatelineAndCommonWords(t *testing.T) {
	text := "HALDEN, March 3 (NPA) - Storms hit on Monday. Power was cut across Halden.\nMIRA, a local charity, said Little was known."
	mention := func(name string, typ storyline.EntityType) storyline.Mention {
		i := strings.Index(text, name) // ASCII: bytes are runes
		return storyline.Mention{Text: name, Type: typ, Start: i, End: i + len(name)}
	}
	ms := []storyline.Mention{
		mention("HALDEN", storyline.Org),
		mention("NPA", storyline.Org),
		mention("Power", storyline.Org),
		mention("Halden", storyline.Org),
		mention("MIRA", storyline.Org),
		mention("Little", storyline.Person),
	}
	got := map[string]storyline.EntityType{}
	for _, m := range cleanMentions(text, nil, ms, nil) {
		got[m.Text] = m.Type
	}
	want := map[string]storyline.EntityType{
		"HALDEN": storyline.Place,  // opens a dateline
		"NPA":    storyline.Org,    // the agency
		"Halden": storyline.Place,  // the same name elsewhere
		"MIRA":   storyline.Org,    // a comma and running text: no dateline
		"Little": storyline.Person, // not at the start of a sentence
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("cleanMentions = %v, want %v (Power, a common word opening a sentence, dropped)", got, want)
	}
}

func TestHeadedByBody(t *testing.T) {
	for name, want := range map[string]bool{
		"Kelmoor Islands Council":       true,
		"Arvel Centre for Tidal Policy": true,
		"Ministry of Fisheries":         true,
		"Halloran Research Institute":   true,
		"Port Elspeth Gazette":          true,
		"Council":                       false, // one word: the text may mean a place's council or a person
		"West Bank":                     false,
		"Soviet Union":                  false,
		"Oval Office":                   false,
		"Jane Okafor":                   false,
		"Kelmoor Islands":               false,
	} {
		if got := headedByBody(name); got != want {
			t.Errorf("headedByBody(%q) = %v, want %v", name, got, want)
		}
	}
}

// mentionIn returns a mention of name at its last occurrence in text, an
// ASCII text whose byte offsets are its character offsets.
func mentionIn(text, name string, typ storyline.EntityType) storyline.Mention {
	i := strings.LastIndex(text, name)
	return storyline.Mention{Text: name, Type: typ, Start: i, End: i + len(name)}
}

func TestCleanMentionsBodies(t *testing.T) {
	text := "KELMOOR, May 2 - The Kelmoor Islands Council and the Arvel Centre for Tidal Policy met in Kelmoor."
	ms := []storyline.Mention{
		mentionIn(text, "KELMOOR", storyline.Place),
		mentionIn(text, "Kelmoor Islands Council", storyline.Place),
		mentionIn(text, "Arvel Centre for Tidal Policy", storyline.Person),
	}
	got := cleanMentions(text, nil, ms, nil)
	want := []storyline.EntityType{storyline.Place, storyline.Org, storyline.Org}
	for i, m := range got {
		if m.Type != want[i] {
			t.Errorf("%q typed %s, want %s", m.Text, m.Type, want[i])
		}
	}
}

// TestPersonBeforeBody checks that a person's name used as a modifier of a
// body's name ("the Okoro Water Commission") is left out of the body's
// mention when the text also names the body alone, and kept otherwise
// ("Okoro Memorial Fund" is a name of its own).
func TestPersonBeforeBody(t *testing.T) {
	text := "Governor Ada Okoro said the Okoro Water Commission had failed. The Water Commission denied it. The Okoro Memorial Fund paid."
	ms := []storyline.Mention{
		mentionIn(text, "Ada Okoro", storyline.Person),
		mentionIn(text, "Okoro Water Commission", storyline.Org),
		mentionIn(text, "Water Commission", storyline.Org), // the second, alone
		mentionIn(text, "Okoro Memorial Fund", storyline.Org),
	}
	got := cleanMentions(text, nil, ms, nil)
	var names []string
	for _, m := range got {
		names = append(names, m.Text)
		if text[m.Start:m.End] != m.Text {
			t.Errorf("mention %q at %d-%d reads %q", m.Text, m.Start, m.End, text[m.Start:m.End])
		}
	}
	if want := "Ada Okoro|Water Commission|Water Commission|Okoro Memorial Fund"; strings.Join(names, "|") != want {
		t.Errorf("mentions %q, want %q", names, want)
	}
}

// TestPlacesAreNotShortForms checks that a place is not taken for a short
// form of an organisation named after it, nor a place of one word for a
// longer place, while acronyms and longer short forms still are.
func TestPlacesAreNotShortForms(t *testing.T) {
	got := Resolve([]*Entry{
		entryOf("Port Avell", storyline.Place, 9),
		entryOf("Port Avell Maritime Academy", storyline.Org, 2),
		entryOf("Varna", storyline.Place, 4),
		entryOf("North Varna", storyline.Place, 3),
		entryOf("Kessing Free State", storyline.Place, 2),
		entryOf("KFS", storyline.Place, 2),
		entryOf("Kessing Free State Parliament", storyline.Org, 1),
		entryOf("Free State Parliament", storyline.Org, 3),
	})
	var names []string
	for _, e := range got {
		names = append(names, e.name)
	}
	sort.Strings(names)
	if want := "Kessing Free State|Kessing Free State Parliament|North Varna|Port Avell|Port Avell Maritime Academy|Varna"; strings.Join(names, "|") != want {
		t.Errorf("entities %q, want %q", names, want)
	}
}

// TestPlacesTypedAsAReporterWould checks that places the tagger calls
// organisations are places: a name headed by a place noun, a name listed
// with places, and a place the gazetteer knows where a place stands.
func TestPlacesTypedAsAReporterWould(t *testing.T) {
	a := &storyline.Article{Body: "The storm moved towards the Bay of Biscay overnight.\n\n" +
		"The ports of A Coruña, Ferrol and Vigo were closing to shipping.\n\n" +
		"The airline added seats on weekend flights to Bristol."}
	types := map[string]storyline.EntityType{}
	for _, e := range AnalyzeWith(a, Steps{Entities: true}).Entities {
		types[e.Name] = e.Type
	}
	for _, name := range []string{"Bay of Biscay", "A Coruña", "Ferrol", "Vigo", "Bristol"} {
		if types[name] != storyline.Place {
			t.Errorf("%s: %q, want a place (all: %v)", name, types[name], types)
		}
	}
}
