package server

import (
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/storyline-news/storyline"
)

// bigView is an invented story of n reports from 60 outlets, a third of
// them syndicated copies, with a card as large as such a story gets: a
// claim per four reports, a quote per five, each worded by many outlets.
func bigView(n int) *storyView {
	t0 := time.Date(2025, 10, 7, 6, 0, 0, 0, time.UTC)
	st := &storyline.Story{ID: 9, Title: "Harbour ferry strike", Articles: n, Sources: 60, Created: t0, Updated: t0.Add(time.Duration(n) * time.Minute)}
	card := &storyline.Card{ID: 9, Title: st.Title, Sources: 60, Summary: []string{"Ferry crews stopped work."}}
	var arts []*storyline.Article
	for i := range n {
		a := &storyline.Article{ID: int64(i + 1), ExternalID: fmt.Sprintf("a-%d", i), Source: fmt.Sprintf("Outlet %02d", i%60),
			URL: fmt.Sprintf("https://outlet%d.example/%d", i%60, i), Title: fmt.Sprintf("Ferry crews strike for a %dth day", i),
			Published: t0.Add(time.Duration(i) * time.Minute), Story: 9}
		if i%3 == 2 {
			a.DuplicateOf = 1 // the first report, syndicated widely
		}
		arts = append(arts, a)
		card.Articles = append(card.Articles, storyline.CardArticle{ID: a.ExternalID, Title: a.Title, Source: a.Source, URL: a.URL, Published: a.Published})
		card.Timeline = append(card.Timeline, storyline.Development{Time: a.Published, Article: a.ExternalID, Source: a.Source, Text: "Crews stop work at pier " + fmt.Sprint(i)})
	}
	for c := range n / 4 {
		cl := storyline.Claim{Text: fmt.Sprintf("%d sailings were cancelled on day %d", 40+c, c), Status: storyline.Conflicting}
		for o := range 60 {
			src := fmt.Sprintf("Outlet %02d", o)
			cl.Sources = append(cl.Sources, src)
			cl.Variants = append(cl.Variants, storyline.ClaimVariant{Text: fmt.Sprintf("%d sailings were cancelled on day %d, %s said", 30+o, c, src), Article: fmt.Sprintf("a-%d", o), Source: src})
		}
		card.Claims = append(card.Claims, cl)
	}
	for q := range n / 5 {
		g := storyline.QuoteGroup{Speaker: "Mira Castell", Text: fmt.Sprintf("We will not sail until rosters are fixed (%d)", q), Status: storyline.Corroborated}
		for i := range min(n/2, 100) {
			g.Sources = append(g.Sources, arts[i].Source)
			g.Variants = append(g.Variants, storyline.QuoteVariant{Text: fmt.Sprintf("No sailing until rosters are fixed (%d)", q), Article: arts[i].ExternalID, Source: arts[i].Source})
		}
		card.Quotes = append(card.Quotes, g)
	}
	for e := range n / 5 {
		card.Entities = append(card.Entities, storyline.CardEntity{Name: fmt.Sprintf("Person %d", e), Type: storyline.Person, Aliases: []string{}, Mentions: 3, Sources: []string{"Outlet 01"}})
		card.Flags = append(card.Flags, storyline.Flag{Kind: storyline.NameConflict, Text: fmt.Sprintf("Person %d is called two things", e), Sources: []string{"Outlet 02"}})
	}
	v := &storyView{Story: st, Card: card, Articles: arts, ArticleID: map[string]int64{}}
	for _, a := range arts {
		v.ArticleID[a.ExternalID] = a.ID
	}
	v.Outlets = outlets(arts)
	v.Colors = colors(v.Outlets)
	v.Coverage = newSparkline(arts, v.Outlets, v.Colors)
	v.Chart = newTimelineChart(arts, v.Outlets, v.Colors)
	v.Matrix = newMatrix(card, v.Outlets)
	v.Groups = groups(arts)
	return v
}

// renderStory renders the story page of v, folded or whole.
func renderStory(t testing.TB, f *fixture, v *storyView, all bool) string {
	t.Helper()
	r := httptest.NewRequest("GET", "/stories/9", nil)
	page, err := f.srv.renderBytes("story", f.srv.newPage(r, v.Story.Title, "stories", newStoryPage(v, all)))
	if err != nil {
		t.Fatal(err)
	}
	return string(page)
}

// A story page is bounded whatever the story's size: long lists are cut
// with a link to the whole page, which has everything.
func TestStoryPageIsBounded(t *testing.T) {
	f := newFixture(t, false, nil)
	small := renderStory(t, f, bigView(8), false)
	if strings.Contains(small, "show everything") || strings.Contains(small, "?all=1#") {
		t.Error("the page of a small story offers to show everything")
	}
	for _, n := range []int{500, 2000} {
		v := bigView(n)
		page := renderStory(t, f, v, false)
		t.Logf("%d reports: %d bytes folded", n, len(page))
		// What grows with the story is its chart, a dot per report.
		if limit := 200<<10 + 100*n; len(page) > limit {
			t.Errorf("%d reports: the folded page is %d bytes, over %d", n, len(page), limit)
		}
		for _, want := range []string{`?all=1">show everything</a>`, `?all=1#claims-h">Show `, `more claims</a>`, `more outlets</a>`,
			`more quotes</a>`, `more names</a>`, `more reports</a>`, `more disagreements</a>`, `more developments</a>`, `more copies`} {
			if !strings.Contains(page, want) {
				t.Errorf("%d reports: the folded page lacks %s", n, want)
			}
		}
		// The whole page has far more, and is bounded too.
		whole := renderStory(t, f, v, true)
		t.Logf("%d reports: %d bytes whole", n, len(whole))
		if len(whole) > 8<<20 {
			t.Errorf("%d reports: the whole page is %d bytes", n, len(whole))
		}
		claims := min(len(v.Card.Claims), wholePage.Claims)
		if strings.Count(whole, `<th scope="row" class="claim">`) != claims || strings.Contains(whole, "show everything") ||
			!strings.Contains(whole, "Show the short page") || !strings.Contains(whole, `more copies in the <a href="/api/stories/9">JSON card</a>`) {
			t.Errorf("%d reports: the whole page misses part of the story", n)
		}
		if n == 500 && strings.Count(whole, `<li class="quote-group">`) != len(v.Card.Quotes) {
			t.Errorf("%d reports: the whole page lacks quotes", n)
		}
	}
}

// The reader asks for the whole page with ?all=1, cached apart.
func TestStoryPageAllParameter(t *testing.T) {
	f := newFixture(t, true, nil)
	id := f.firstStory(t)
	// The API waits for the card, so that both pages have it, however
	// loaded the machine (a page shows no card it has not got in 0.7 s).
	f.get(t, fmt.Sprintf("/api/stories/%d", id), 200)
	folded := f.get(t, storyPath(id), 200)
	whole := f.get(t, storyPath(id)+"?all=1", 200)
	if f.get(t, storyPath(id)+"?all=yes", 200) != folded {
		t.Error("?all=yes is not the folded page")
	}
	if strings.Contains(folded, "show everything") != (len(whole) > len(folded)) {
		t.Errorf("folded %d bytes, whole %d", len(folded), len(whole))
	}
}

// BenchmarkBigStoryPageRender measures rendering the folded page of a
// 500-report story, its view already built.
func BenchmarkBigStoryPageRender(b *testing.B) {
	f := newFixture(b, false, nil)
	v := bigView(500)
	b.ReportAllocs()
	for b.Loop() {
		renderStory(b, f, v, false)
	}
}

// BenchmarkBigStoryPageRenderAll measures the whole page, for comparison:
// what every view of the story cost before pages were folded.
func BenchmarkBigStoryPageRenderAll(b *testing.B) {
	f := newFixture(b, false, nil)
	v := bigView(500)
	b.ReportAllocs()
	for b.Loop() {
		renderStory(b, f, v, true)
	}
}
