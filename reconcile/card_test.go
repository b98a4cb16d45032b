package reconcile

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/storyline-news/storyline"
)

// fixture reads a story of testdata: articles with ids, sources, times,
// bodies, labelled parts, and copies marked by the id of their original.
func fixture(t testing.TB, name string) (*storyline.Story, []*storyline.Article) {
	t.Helper()
	data, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	var raw []struct {
		storyline.Article
		Dup string `json:"duplicate_of"`
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		t.Fatal(err)
	}
	ids := map[string]int64{}
	var arts []*storyline.Article
	for i := range raw {
		a := raw[i].Article
		a.ID, a.Version = int64(i+1), 1
		ids[a.ExternalID] = a.ID
		a.DuplicateOf = ids[raw[i].Dup]
		arts = append(arts, &a)
	}
	return &storyline.Story{ID: 7, Title: arts[0].Title}, arts
}

// claimWith returns the first claim whose text holds all the words.
func claimWith(c *storyline.Card, words ...string) *storyline.Claim {
	for i := range c.Claims {
		if containsAll(c.Claims[i].Text, words) {
			return &c.Claims[i]
		}
	}
	return nil
}

func containsAll(s string, words []string) bool {
	for _, w := range words {
		if !strings.Contains(strings.ToLower(s), strings.ToLower(w)) {
			return false
		}
	}
	return true
}

func TestCardFixture(t *testing.T) {
	s, arts := fixture(t, "ferry.json")
	c := Card(s, arts)
	if c.Sources != 3 {
		t.Errorf("sources = %d, want 3 (the copy counts with its original)", c.Sources)
	}

	// Entities: the president under his full name, with short forms and role.
	var castano *storyline.CardEntity
	for i, e := range c.Entities {
		if e.Name == "Aurelio Castaño" {
			castano = &c.Entities[i]
		}
		if strings.Contains(e.Name, "Brandt") {
			t.Errorf("the misnamed form from the post is an entity of its own: %+v", e)
		}
	}
	if castano == nil {
		t.Fatalf("no entity Aurelio Castaño in %+v", c.Entities)
	}
	if !containsAll(strings.Join(castano.Aliases, "|"), []string{"Castaño", "President Castaño"}) {
		t.Errorf("aliases = %v", castano.Aliases)
	}
	if !containsAll(strings.Join(castano.Roles, "|"), []string{"Veloran President"}) || len(castano.Sources) != 2 {
		t.Errorf("roles = %v, sources = %v", castano.Roles, castano.Sources)
	}

	// Flags: the post's misnamed president, and the disputed toll.
	var kinds []string
	for _, f := range c.Flags {
		kinds = append(kinds, string(f.Kind))
		switch f.Kind {
		case storyline.NameConflict:
			if !containsAll(f.Text, []string{"Aurelio Brandt", "Aurelio Castaño", "@savane_watch"}) {
				t.Errorf("name conflict text: %s", f.Text)
			}
		case storyline.NumberConflict:
			if !containsAll(f.Text, []string{"at least 23 (Harbour Line)", "19 (Coastal Wire)"}) {
				t.Errorf("number conflict text: %s", f.Text)
			}
		}
	}
	if !containsAll(strings.Join(kinds, " "), []string{"name_conflict", "number_conflict"}) {
		t.Errorf("flags = %+v", c.Flags)
	}

	// Quotes: one statement, two outlets, two wordings; the copy adds none.
	var found bool
	for _, q := range c.Quotes {
		if containsAll(q.Text, []string{"find out why"}) {
			found = true
			if q.Status != storyline.Corroborated || len(q.Sources) != 2 || len(q.Variants) != 2 || q.Speaker != "Aurelio Castaño" {
				t.Errorf("quote group = %+v", q)
			}
		}
	}
	if !found {
		t.Errorf("no quote group for the president's words: %+v", c.Quotes)
	}

	// Claims.
	for _, tc := range []struct {
		words  []string
		status storyline.Status
		n      int
	}{
		{[]string{"61 survivors"}, storyline.Corroborated, 2},
		{[]string{"Roldan", "preventable tragedy"}, storyline.Corroborated, 2},
		{[]string{"23 people"}, storyline.Conflicting, 0},
		{[]string{"missing crew member"}, storyline.SingleSource, 1},
	} {
		cl := claimWith(c, tc.words...)
		if cl == nil {
			t.Errorf("no claim with %v", tc.words)
			continue
		}
		if cl.Status != tc.status || tc.n > 0 && len(cl.Sources) != tc.n {
			t.Errorf("claim %q: %s from %v, want %s from %d", cl.Text, cl.Status, cl.Sources, tc.status, tc.n)
		}
	}
	// The other toll is a variant of the same claim or a conflicting claim
	// of its own.
	nineteen := false
	for _, cl := range c.Claims {
		for _, v := range cl.Variants {
			nineteen = nineteen || strings.Contains(v.Text, "Nineteen") && cl.Status == storyline.Conflicting
		}
	}
	if !nineteen {
		t.Error("the lower toll is not shown as conflicting")
	}
	for _, cl := range c.Claims {
		if strings.Contains(cl.Text, "Brandt") && cl.Post != "@savane_watch" {
			t.Errorf("post material counted as reporting: %+v", cl)
		}
		if strings.Contains(cl.Text, "A night of searching") {
			t.Errorf("a sub-heading became a claim: %+v", cl)
		}
	}

	// Timeline: the suspension was planned, then done: a development.
	var dev *storyline.Development
	for i, d := range c.Timeline {
		if d.Kind == KindState {
			dev = &c.Timeline[i]
		}
	}
	if dev == nil || !containsAll(dev.Text, []string{"suspended"}) || !containsAll(dev.Previous, []string{"preparing to suspend"}) {
		t.Errorf("no development from the planned to the done suspension: %+v", c.Timeline)
	}
	if c.Timeline[0].Kind != KindFirst || c.Timeline[0].Article != "hl-1" {
		t.Errorf("timeline starts with %+v", c.Timeline[0])
	}
	for _, d := range c.Timeline {
		if d.Article == "db-1" {
			t.Errorf("a syndicated copy added to the timeline: %+v", d)
		}
	}
	if n := len(c.Summary); n < 2 || n > 4 {
		t.Errorf("summary has %d sentences: %v", n, c.Summary)
	}
}

func TestCardJSONFields(t *testing.T) {
	s, arts := fixture(t, "ferry.json")
	data, err := json.Marshal(Card(s, arts))
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"id", "title", "summary", "articles", "sources", "unknown_outlet", "entities", "flags", "quotes", "claims", "timeline"} {
		if _, ok := m[k]; !ok {
			t.Errorf("card JSON lacks %q", k)
		}
	}
	claim := m["claims"].([]any)[0].(map[string]any)
	for _, k := range []string{"text", "status", "sources", "first_seen"} {
		if _, ok := claim[k]; !ok {
			t.Errorf("claim JSON lacks %q", k)
		}
	}
}

func TestRender(t *testing.T) {
	s, arts := fixture(t, "ferry.json")
	c := Card(s, arts)
	for _, out := range []string{Text(c), Markdown(c)} {
		for _, want := range []string{"Summary", "Flags", "Who and where", "Who said what", "Claims", "Timeline", "Articles", "also worded", "development"} {
			if !strings.Contains(strings.ToLower(out), strings.ToLower(want)) {
				t.Errorf("rendered card lacks %q:\n%s", want, out)
			}
		}
	}
	if !strings.Contains(Markdown(c), "## Claims") {
		t.Error("markdown has no headings")
	}
}

func TestCardEmptyStory(t *testing.T) {
	c := Card(&storyline.Story{ID: 1}, nil)
	if c.Claims == nil || c.Entities == nil || c.Timeline == nil || len(c.Articles) != 0 {
		t.Errorf("empty card = %+v", c)
	}
	_ = Text(c)
	a := &storyline.Article{ID: 1, ExternalID: "x", Title: "T", Body: "Short.", Published: time.Now()}
	_ = Card(&storyline.Story{ID: 2}, []*storyline.Article{a})
}

func TestCompare(t *testing.T) {
	_, arts := fixture(t, "ferry.json")
	c := Compare(arts[0], arts[1])
	if len(c.Quotes.Both) != 1 || len(c.Claims.Both) == 0 || len(c.Conflicts) == 0 || len(c.NameIssues) != 1 {
		t.Errorf("comparison = %+v", c)
	}
	if out := CompareText(c); !strings.Contains(out, "CONFLICTS") || !strings.Contains(out, "only Harbour Line") {
		t.Errorf("comparison text:\n%s", out)
	}
}

// TestCardDeterministic builds the cards of the demo stories several times:
// the same articles must give the same card, byte for byte (Go randomises
// map order, so sums over maps must not decide anything).
func TestCardDeterministic(t *testing.T) {
	for name, arts := range demoStories(t) {
		s := &storyline.Story{ID: 1, Title: name}
		first, err := json.Marshal(Card(s, arts))
		if err != nil {
			t.Fatal(err)
		}
		for range 4 {
			again, _ := json.Marshal(Card(s, arts))
			if string(again) != string(first) {
				t.Fatalf("story %s: the card changed between two builds", name)
			}
		}
	}
}
