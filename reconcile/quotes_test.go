package reconcile

import (
	"strings"
	"testing"
)

func TestQuoteTranslation(t *testing.T) {
	a := quoteTerms("We will not give in to threats. Our fishermen will come home, and they will come home with their heads held high")
	b := quoteTerms("We shall not yield to intimidation! Our fishermen are coming home — and they will return with their heads high")
	g := &quoteGroup{terms: map[string]bool{}}
	g.add(quoteVariant{text: "a", terms: a, speaker: "X"})
	if bestGroup([]*quoteGroup{g}, quoteVariant{terms: b, speaker: "X"}) == nil {
		t.Errorf("translations not grouped: %v / %v", a, b)
	}
	if bestGroup([]*quoteGroup{g}, quoteVariant{terms: b, speaker: "Y"}) != nil {
		t.Error("grouped across speakers")
	}
	c := quoteTerms("The budget will be published in the autumn after a review")
	if bestGroup([]*quoteGroup{g}, quoteVariant{terms: c, speaker: "X"}) != nil {
		t.Error("grouped different statements")
	}
}

// TestTimeOfDayKeys checks that the words for a part of the day have
// their keys in timeOfDay.
func TestTimeOfDayKeys(t *testing.T) {
	for _, w := range strings.Fields("morning mornings afternoon evening midday noon midnight dusk dawn daybreak night overnight hours hour") {
		if !timeOfDay[termKey(w)] {
			t.Errorf("%q: key %q is not in timeOfDay", w, termKey(w))
		}
	}
}

func TestGlued(t *testing.T) {
	for name, want := range map[string]bool{
		"Kristi NoemKristi Lynn Noem": true,
		"Ronald McDonald":             false,
		"Ada MacKenzie":               false,
		"DeShawn Wilkes":              false,
		"Gustavo Petro":               false,
	} {
		if got := glued(name); got != want {
			t.Errorf("glued(%q) = %v, want %v", name, got, want)
		}
	}
}
