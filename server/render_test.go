package server

import (
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/storyline-news/storyline"
)

// fullCard is an invented story card with every section filled, the way
// reconcile fills it.
func fullCard() (*storyline.Story, []*storyline.Article, *storyline.Card) {
	t0 := time.Date(2025, 10, 7, 6, 0, 0, 0, time.UTC)
	st := &storyline.Story{ID: 7, Title: "Harbour ferry strike", Articles: 3, Sources: 2, Created: t0, Updated: t0.Add(5 * time.Hour)}
	arts := []*storyline.Article{
		{ID: 1, ExternalID: "g-1", Source: "Harbour Gazette", Title: "Ferry crews strike", Published: t0, Story: 7},
		{ID: 2, ExternalID: "c-1", Source: "Valley Courier", Title: "Ferries stop as <crews> walk out", Published: t0.Add(3 * time.Hour), Story: 7},
		{ID: 3, ExternalID: "w-1", Source: "Coast Wire", Title: "Ferry crews strike", Published: t0.Add(5 * time.Hour), Story: 7, DuplicateOf: 1},
	}
	card := &storyline.Card{
		ID: 7, Title: st.Title, Sources: 2,
		Summary: []string{"Ferry crews at the north quay stopped work on Tuesday."},
		Entities: []storyline.CardEntity{
			{Name: "Mira Castell", Type: storyline.Person, Aliases: []string{"Castell", "Mira Castel"}, Roles: []string{"union leader"}, Mentions: 4, Sources: []string{"Harbour Gazette", "Valley Courier"}},
			{Name: "North Quay", Type: storyline.Place, Aliases: []string{}, Mentions: 2, Sources: []string{"Harbour Gazette"}},
		},
		Flags: []storyline.Flag{{Kind: storyline.NameConflict, Text: "Mira Castel is called the union leader, a role every other report gives Mira Castell", Sources: []string{"Valley Courier"}}},
		Quotes: []storyline.QuoteGroup{{
			Speaker: "Mira Castell", Text: "We will not sail until the rosters are fixed", Status: storyline.Corroborated,
			Sources: []string{"Harbour Gazette", "Valley Courier"},
			Variants: []storyline.QuoteVariant{
				{Text: "We will not sail until the rosters are fixed", Article: "g-1", Source: "Harbour Gazette"},
				{Text: "No sailing until rosters are fixed", Article: "c-1", Source: "Valley Courier"},
			},
		}},
		Claims: []storyline.Claim{
			{Text: "Ferry crews stopped work at dawn", Status: storyline.Corroborated, Sources: []string{"Harbour Gazette", "Valley Courier"}},
			{Text: "40 sailings were cancelled", Status: storyline.Conflicting, Sources: []string{"Harbour Gazette", "Valley Courier"},
				Variants: []storyline.ClaimVariant{{Text: "40 sailings were cancelled", Article: "g-1", Source: "Harbour Gazette"}, {Text: "32 sailings were cancelled", Article: "c-1", Source: "Valley Courier"}}},
			{Text: "Buses replaced the ferries <b>all day</b>", Status: storyline.SingleSource, Sources: []string{"Valley Courier"}},
		},
		Timeline: []storyline.Development{
			{Time: t0, Article: "g-1", Source: "Harbour Gazette", Text: "Crews stop work"},
			{Time: t0.Add(3 * time.Hour), Article: "c-1", Source: "Valley Courier", Text: "Sailings cancelled"},
		},
	}
	return st, arts, card
}

func TestStoryPageRendersEveryCardSection(t *testing.T) {
	f := newFixture(t, false, nil)
	st, arts, card := fullCard()
	v := &storyView{Story: st, Card: card, Articles: arts, ArticleID: map[string]int64{"g-1": 1, "c-1": 2, "w-1": 3}}
	v.Outlets = outlets(arts)
	v.Colors = colors(v.Outlets)
	v.Coverage = newSparkline(arts, v.Outlets, v.Colors)
	v.Chart = newTimelineChart(arts, v.Outlets, v.Colors)
	v.Matrix = newMatrix(card, v.Outlets)
	v.Groups = groups(arts)

	if got := strings.Join(v.Outlets, ","); got != "Harbour Gazette,Valley Courier,Coast Wire" {
		t.Errorf("outlets %s", got)
	}
	wantCells := [][]string{
		{cellReports, cellReports, cellSilent},
		{cellReports, cellDiffers, cellSilent},
		{cellSilent, cellReports, cellSilent},
	}
	for i, row := range v.Matrix.Rows {
		for j, c := range row.Cells {
			if c.State != wantCells[i][j] {
				t.Errorf("claim %q × %s: %s, want %s", row.Claim.Text, c.Outlet, c.State, wantCells[i][j])
			}
		}
	}
	if len(v.Groups) != 2 || len(v.Groups[0].Copies) != 1 {
		t.Errorf("groups: %+v", v.Groups)
	}

	r := httptest.NewRequest("GET", "/stories/7", nil)
	page, err := f.srv.renderBytes("story", f.srv.newPage(r, st.Title, "stories", newStoryPage(v, false)))
	if err != nil {
		t.Fatal(err)
	}
	html := string(page)
	if strings.Contains(html, ">name_conflict<") || strings.Contains(html, ">number_conflict<") {
		t.Error("the page shows a flag's code, not its label")
	}
	for _, want := range []string{
		`<span class="flag" title="name_conflict">Names differ</span> Mira Castel is called`,
		`<a href="/entities/Mira%20Castell">Mira Castell</a> <span class="flag" title="Mira Castel is called`,
		`Castell, Mira Castel`,
		`<span class="src">union leader</span>`,
		`<table class="matrix" id="corroboration">`,
		`<td class="cell cell-differs" title="32 sailings were cancelled">`,
		`<span class="status status-conflicting">conflicting</span>`,
		`<li class="quote-group">`,
		`<summary>2 wordings</summary>`,
		`“No sailing until rosters are fixed” <span class="src">Valley Courier</span>`,
		`<ol class="timeline">`,
		`Buses replaced the ferries &lt;b&gt;all day&lt;/b&gt;`,
		`Ferries stop as &lt;crews&gt; walk out`,
		`<tr class="copy">`,
		`+ 1 copy`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("story page lacks %s", want)
		}
	}
}

// TestSpeakerLinksOnlyNames checks that a quote's speaker links to an
// entity page only when the card names one ("his mother" is a description).
func TestSpeakerLinksOnlyNames(t *testing.T) {
	isName := funcs["isName"].(func(string) bool)
	for s, want := range map[string]bool{"Carla Mendes": true, "Ólafur Arnalds": true, "his mother": false, "": false} {
		if got := isName(s); got != want {
			t.Errorf("isName(%q) = %v, want %v", s, got, want)
		}
	}
}
