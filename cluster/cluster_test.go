package cluster

import (
	"fmt"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/storyline-news/storyline"
)

var t0 = time.Date(2026, 5, 12, 18, 3, 0, 0, time.UTC)

// Reports of one event land in one story; reports of another event with much
// the same vocabulary (a bridge closing, commuters, engineers, ferries) and
// of a third event in the same town land in stories of their own.
func TestEventsWithSharedVocabularyStayApart(t *testing.T) {
	c := New(Options{})
	stories := map[string]int64{}
	for i, name := range fixtureNames {
		d := fixture(t, name, int64(i+1), t0.Add(time.Duration(i)*3*time.Hour))
		dec := c.Assign(d)
		stories[name] = dec.Story
		t.Logf("%-26s %s", name, dec.Reason)
	}
	same := func(a, b string) bool { return stories[a] == stories[b] }
	if !same("a1-bridge-closed.txt", "a2-bridge-commuters.txt") || !same("a1-bridge-closed.txt", "a3-bridge-repairs.txt") {
		t.Errorf("the three reports of the Kessel Bridge closure are in stories %v", stories)
	}
	if !same("b1-lowmoor-bridge.txt", "b2-lowmoor-diversion.txt") {
		t.Errorf("the two reports of the Lowmoor resurfacing are in stories %v", stories)
	}
	if same("a1-bridge-closed.txt", "b1-lowmoor-bridge.txt") || same("a1-bridge-closed.txt", "c1-ferry-strike.txt") ||
		same("b1-lowmoor-bridge.txt", "c1-ferry-strike.txt") {
		t.Errorf("different events share a story: %v", stories)
	}
}

func TestScoreAndSameStory(t *testing.T) {
	c := New(Options{})
	a1 := fixture(t, "a1-bridge-closed.txt", 1, t0)
	a2 := fixture(t, "a2-bridge-commuters.txt", 2, t0.Add(5*time.Hour))
	b1 := fixture(t, "b1-lowmoor-bridge.txt", 3, t0.Add(5*time.Hour))
	b2 := fixture(t, "b2-lowmoor-diversion.txt", 4, t0.Add(6*time.Hour))
	for i, name := range fixtureNames { // a small background for IDF
		c.Observe(fixture(t, name, int64(10+i), time.Time{}))
	}
	observed := c.vocab.docs
	if s := c.Score(a1, a2); !c.SameStory(s) {
		t.Errorf("Score(a1, a2) = %.3f, not the same story", s)
	}
	if s := c.Score(b1, b2); !c.SameStory(s) {
		t.Errorf("Score(b1, b2) = %.3f, not the same story", s)
	}
	// Two bridge closures in neighbouring towns: related, not one story.
	if s := c.Score(a1, b1); c.SameStory(s) || s > c.Score(a1, a2)-0.1 {
		t.Errorf("Score(a1, b1) = %.3f, want a no well below Score(a1, a2) = %.3f", s, c.Score(a1, a2))
	}
	if s, r := c.Score(a1, a2), c.Score(a2, a1); s != r {
		t.Errorf("Score is not symmetric: %v, %v", s, r)
	}
	if s := c.Score(a1, a1); s < 0.999 {
		t.Errorf("Score of a report with itself = %v", s)
	}
	// A full report carries its own evidence: three days later, the same
	// text is still the same story; three weeks later it is not.
	late := a1
	late.Published = t0.Add(72 * time.Hour)
	if s := c.Score(a1, late); !c.SameStory(s) {
		t.Errorf("Score of a report with itself three days later = %.3f, not the same story", s)
	}
	late.Published = t0.Add(21 * 24 * time.Hour)
	if s := c.Score(a1, late); c.SameStory(s) {
		t.Errorf("Score of a report with itself three weeks later = %.3f, still the same story", s)
	}
	// A headline leans on its time: three days later, the same words are a
	// new development (the next day's market report).
	head := Doc{Title: a1.Title, Published: t0}
	lateHead := Doc{Title: a1.Title, Published: t0.Add(72 * time.Hour)}
	if s := c.Score(head, lateHead); c.SameStory(s) {
		t.Errorf("Score of a headline with itself three days later = %.3f, still the same story", s)
	}
	if c.vocab.docs != observed || len(c.stories) != 0 {
		t.Error("Score changed the clusterer's state")
	}
	if got := c.SharedTerms(a1, a2, 3); len(got) != 3 || !slices.Contains(got, "bridg") {
		t.Errorf("SharedTerms(a1, a2) = %v, want three with bridg", got)
	}
}

func TestDuplicateJoinsOriginalStory(t *testing.T) {
	c := New(Options{})
	a1 := fixture(t, "a1-bridge-closed.txt", 1, t0)
	b1 := fixture(t, "b1-lowmoor-bridge.txt", 2, t0.Add(time.Hour))
	copyOf := fixture(t, "c1-ferry-strike.txt", 3, t0.Add(2*time.Hour)) // the text does not matter
	copyOf.DuplicateOf = 1
	s1 := c.Assign(a1).Story
	c.Assign(b1)
	dec := c.Assign(copyOf)
	if dec.Story != s1 || dec.New {
		t.Fatalf("copy of article 1 went to %+v, want story %d", dec, s1)
	}
	if st := c.stories[s1-1]; st.articles != 2 || st.size != 1 {
		t.Errorf("story of the original: %d articles, %d in the centroid; want 2 and 1", st.articles, st.size)
	}
	// A copy of an unknown article is clustered on its own text.
	copyOf.Article, copyOf.DuplicateOf = 4, 99
	if dec := c.Assign(copyOf); dec.Story == s1 {
		t.Errorf("copy of an unknown article joined story %d", dec.Story)
	}
}

// A document that bridges two stories whose centroids then converge merges
// them, and the decision says so.
func TestBridgeMerges(t *testing.T) {
	c := New(Options{Burst: -1})
	first := c.Assign(Doc{Article: 1, Body: []string{"alpha", "bravo", "charlie", "delta", "echo", "foxtrot"}})
	second := c.Assign(Doc{Article: 2, Body: []string{"golf", "hotel", "india", "juliett", "kilo", "lima"}})
	if !second.New {
		t.Fatalf("unrelated document joined story %d", second.Story)
	}
	bridge := c.Assign(Doc{Article: 3, Body: []string{"alpha", "bravo", "charlie", "delta", "echo", "foxtrot",
		"golf", "hotel", "india", "juliett", "kilo", "lima"}})
	// The bridge joins one of the two (they tie), which then, being the
	// larger, absorbs the other.
	absorbed := first.Story + second.Story - bridge.Story
	if !reflect.DeepEqual(bridge.Merged, []int64{absorbed}) {
		t.Fatalf("bridge decision %+v, want the other story absorbed", bridge)
	}
	for i, body := range [][]string{{"alpha", "bravo", "charlie", "delta", "echo", "foxtrot"}, {"golf", "hotel", "india", "juliett", "kilo", "lima"}} {
		if got := c.Assign(Doc{Article: int64(4 + i), Body: body}); got.Story != bridge.Story {
			t.Errorf("after the merge a document of a merged story went to %d", got.Story)
		}
	}
	if c.resolve(absorbed) != c.stories[bridge.Story-1] {
		t.Error("the absorbed story does not resolve to its absorber")
	}
}

func TestTimeDecayAndExpiry(t *testing.T) {
	c := New(Options{})
	d := func(id int64, at time.Time) Doc {
		return Doc{Article: id, Published: at, Body: []string{"harbour", "bridge", "crack", "support", "kessel", "closed"}}
	}
	s := c.Assign(d(1, t0)).Story
	if dec := c.Assign(d(2, t0.Add(time.Hour))); dec.Story != s {
		t.Errorf("an hour later the same text opened story %d: %s", dec.Story, dec.Reason)
	}
	dec := c.Assign(d(3, t0.Add(4*24*time.Hour)))
	if dec.Story == s {
		t.Errorf("four days later the same text joined the old story: %s", dec.Reason)
	}
	// Ten days on, the first story has left the index and its articles are
	// forgotten: a copy of one of them is clustered on its own.
	late := d(4, t0.Add(10*24*time.Hour))
	late.DuplicateOf = 1
	if dec := c.Assign(late); dec.Story == s || dec.Score == 1 {
		t.Errorf("a story older than the window still took a document: %+v", dec)
	}
	if c.stories[s-1] != nil || len(c.live) != 2 {
		t.Errorf("expired story kept: %v live %v", c.stories[s-1], c.live)
	}
	if _, ok := c.article[1]; ok {
		t.Error("article of an expired story still known")
	}
}

// A date without a time of day shows no burst, and a day's difference is no
// gap.
func TestDateOnlyTimes(t *testing.T) {
	c := New(Options{})
	day := time.Date(2026, 5, 12, 0, 0, 0, 0, time.UTC)
	decay, burst, gap := c.timeFactors(day.Add(24*time.Hour), day, day, 10)
	if decay != 1 || burst != 1 || gap != 0 {
		t.Errorf("next day: decay %v burst %v gap %v; want 1, 1, 0", decay, burst, gap)
	}
	decay, burst, gap = c.timeFactors(day.Add(14*time.Hour), day, day, 10)
	if decay != 1 || burst != 1 || gap != 0 {
		t.Errorf("same day, a time against a date: decay %v burst %v gap %v; want 1, 1, 0", decay, burst, gap)
	}
	_, burst, _ = c.timeFactors(t0.Add(time.Minute), t0, t0, 10)
	if burst < 1.9 {
		t.Errorf("a minute after a story's last article, burst %v; want about 2", burst)
	}
}

func TestDeterministic(t *testing.T) {
	docs := synthStream(3000, 150, 3*24*time.Hour, 1)
	run := func() []Decision {
		c := New(Options{})
		out := make([]Decision, len(docs))
		for i, d := range docs {
			out[i] = c.Assign(d)
		}
		return out
	}
	a, b := run(), run()
	merges := 0
	for i := range a {
		if !reflect.DeepEqual(a[i], b[i]) {
			t.Fatalf("document %d: %+v then %+v", i, a[i], b[i])
		}
		merges += len(a[i].Merged)
	}
	if merges == 0 {
		t.Error("the stream made no merges; the test does not cover them")
	}
}

// Restoring the stored articles after a restart, then assigning new ones,
// decides as a clusterer that never stopped.
func TestRestoreEquivalence(t *testing.T) {
	docs := synthStream(4000, 200, 4*24*time.Hour, 2)
	// A cap no synthetic story reaches: pruning a merged story's centroid
	// depends on the order its members came in (see Restore).
	opts := Options{MaxTerms: 100000}
	for _, stop := range []int{1, 500, 2500} {
		live := New(opts)
		story := map[int64]int64{} // article → story, as the store keeps it
		var lastStory int64
		for _, d := range docs[:stop] {
			dec := live.Assign(d)
			story[d.Article] = dec.Story
			for _, m := range dec.Merged {
				for a, s := range story {
					if s == m {
						story[a] = dec.Story
					}
				}
			}
			lastStory = max(lastStory, dec.Story)
		}
		restored := New(opts)
		for _, d := range docs[:stop] {
			restored.Restore(storyline.Features{Article: d.Article, Story: story[d.Article], DuplicateOf: d.DuplicateOf,
				Source: d.Source, Published: d.Published, Title: d.Title, Body: d.Body, Entities: d.Entities})
		}
		restored.SetLastStory(lastStory)
		for i, d := range docs[stop:] {
			a, b := live.Assign(d), restored.Assign(d)
			if !reflect.DeepEqual(a, b) {
				t.Fatalf("restored after %d: document %d: %+v, uninterrupted %+v", stop, stop+i, b, a)
			}
		}
	}
}

func TestRevisionKeepsStory(t *testing.T) {
	c := New(Options{})
	a1 := fixture(t, "a1-bridge-closed.txt", 1, t0)
	s := c.Assign(a1).Story
	again := fixture(t, "c1-ferry-strike.txt", 1, t0.Add(time.Hour))
	if dec := c.Assign(again); dec.Story != s || dec.New {
		t.Errorf("revision of article 1 went to %+v", dec)
	}
}

func TestReason(t *testing.T) {
	c := New(Options{})
	a := Doc{Article: 1, Published: t0, Title: []string{"petro", "visa"}, Body: []string{"petro", "visa", "revok", "soldier"},
		Entities: []string{"gustavo petro", "donald trump", "new york"}}
	b := a
	b.Article, b.Published = 2, t0.Add(3*time.Hour)
	c.Assign(a)
	dec := c.Assign(b)
	want := fmt.Sprintf("joined story %d: score 1.00 (title 1.00, body 1.00, entities 1.00, 3 shared: ", dec.Story)
	if len(dec.Reason) < len(want) || dec.Reason[:len(want)] != want {
		t.Errorf("reason %q, want it to start %q", dec.Reason, want)
	}
	if len(dec.Terms) == 0 || dec.Terms[0] != "petro" && dec.Terms[0] != "visa" {
		t.Errorf("terms %v", dec.Terms)
	}
}

// Without publication times, stories that get no article for MaxIdle
// documents leave the index.
func TestIdleExpiry(t *testing.T) {
	c := New(Options{MaxIdle: 16})
	s := c.Assign(Doc{Article: 1, Body: []string{"kessel", "bridge", "crack"}}).Story
	for i := range 40 {
		c.Assign(Doc{Article: int64(2 + i), Body: []string{fmt.Sprintf("other%d", i), fmt.Sprintf("topic%d", i)}})
	}
	if c.stories[s-1] != nil {
		t.Error("idle story still in the index")
	}
	if dec := c.Assign(Doc{Article: 100, Body: []string{"kessel", "bridge", "crack"}}); dec.Story == s {
		t.Error("an idle story took a document")
	}
	if len(c.live) > 20 {
		t.Errorf("%d stories live, want at most 16+a sweep's worth", len(c.live))
	}
}
