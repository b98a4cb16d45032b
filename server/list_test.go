package server

import (
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"
)

// storyOutlets returns, for every story listed at path, the outlets of
// its card's articles and the card's first and last publication times.
func (f *fixture) storyOutlets(t *testing.T, path string) map[int64][]string {
	t.Helper()
	var items []storyItem
	decode(t, f.get(t, path, 200), &items)
	out := map[int64][]string{}
	for _, it := range items {
		var card struct{ Articles []struct{ Source string } }
		decode(t, f.get(t, fmt.Sprintf("/api/stories/%d", it.ID), 200), &card)
		out[it.ID] = []string{}
		for _, a := range card.Articles {
			out[it.ID] = append(out[it.ID], a.Source)
		}
	}
	return out
}

func TestStoriesFilteredByOutletAndDates(t *testing.T) {
	f := newFixture(t, true, nil)
	all := f.storyOutlets(t, "/api/stories?limit=500")
	var items []storyItem
	decode(t, f.get(t, "/api/stories?limit=500", 200), &items)

	// An outlet that reports some stories but not all.
	count := map[string]int{}
	for _, outlets := range all {
		seen := map[string]bool{}
		for _, o := range outlets {
			if !seen[o] {
				seen[o] = true
				count[o]++
			}
		}
	}
	outlet := ""
	for o, n := range count {
		if n > 1 && n < len(all) && (outlet == "" || n > count[outlet] || n == count[outlet] && o < outlet) {
			outlet = o
		}
	}
	if outlet == "" {
		t.Fatalf("no outlet reports more than one story and fewer than all: %v", count)
	}
	for _, spelling := range []string{outlet, strings.ToUpper(outlet), "  " + strings.ToLower(outlet) + " "} {
		got := f.storyOutlets(t, "/api/stories?limit=500&outlet="+url.QueryEscape(spelling))
		if len(got) != count[outlet] {
			t.Errorf("outlet=%q: %d stories, want the %d %s reports", spelling, len(got), count[outlet], outlet)
		}
		for id, outlets := range got {
			if !contains(outlets, outlet) {
				t.Errorf("outlet=%q lists story %d, reported by %v", spelling, id, outlets)
			}
		}
	}
	if body := f.get(t, "/api/stories?outlet=No+Such+Outlet", 200); strings.TrimSpace(body) != "[]" {
		t.Errorf("unknown outlet: %s", body)
	}

	// Dates: a range around one story's activity keeps it; ranges before
	// the first story or after the last keep none.
	first, last := items[0].Updated, items[0].Updated
	for _, it := range items {
		if it.Created.Before(first) && !it.Created.IsZero() {
			first = it.Created
		}
		if it.Updated.After(last) {
			last = it.Updated
		}
	}
	day := func(t time.Time) string { return t.UTC().Format(time.DateOnly) }
	st := items[len(items)-1]
	var around []storyItem
	decode(t, f.get(t, "/api/stories?limit=500&from="+day(st.Updated)+"&to="+day(st.Created), 200), &around)
	found := false
	for _, it := range around {
		found = found || it.ID == st.ID
		if it.Updated.Before(st.Updated.Truncate(24*time.Hour)) || it.Created.After(st.Created.Truncate(24*time.Hour).Add(24*time.Hour)) {
			t.Errorf("story %d (%s to %s) outside %s to %s", it.ID, it.Created, it.Updated, day(st.Updated), day(st.Created))
		}
	}
	if !found {
		t.Errorf("story %d (%s to %s) not within its own days", st.ID, st.Created, st.Updated)
	}
	for _, q := range []string{"to=" + day(first.Add(-48*time.Hour)), "from=" + day(last.Add(48*time.Hour)),
		"from=" + url.QueryEscape(last.Add(time.Second).Format(time.RFC3339))} {
		if body := f.get(t, "/api/stories?"+q, 200); strings.TrimSpace(body) != "[]" {
			t.Errorf("%s: %.200s", q, body)
		}
	}
	decode(t, f.get(t, "/api/stories?limit=500&from="+day(first)+"&to="+day(last), 200), &around)
	if len(around) != len(items) {
		t.Errorf("from the first day to the last: %d stories of %d", len(around), len(items))
	}
	for _, q := range []string{"from=yesterday", "to=2026-13-01", "from=2026-03-12&to=2026-03-11"} {
		if body := f.get(t, "/api/stories?"+q, 400); !strings.Contains(body, `"invalid"`) {
			t.Errorf("%s: %s", q, body)
		}
	}

	// The front page filters the same way, keeps the filters in its links
	// and shows them in its form.
	page := f.get(t, "/?outlet="+url.QueryEscape(outlet), 200)
	if n := strings.Count(page, `<li class="story"`); n != min(count[outlet], frontPageSize) {
		t.Errorf("front page for outlet %q lists %d stories, want %d", outlet, n, count[outlet])
	}
	esc := strings.ReplaceAll(url.QueryEscape(outlet), "+", "&#43;") // html/template escapes + in attributes
	for _, want := range []string{`name="outlet" value="` + outlet + `"`, `href="/?outlet=` + esc + `&amp;sort=latest"`, "Clear filters"} {
		if !strings.Contains(page, want) {
			t.Errorf("front page for outlet %q lacks %s", outlet, want)
		}
	}
	if page := f.get(t, "/?outlet=No+Such+Outlet", 200); !strings.Contains(page, "No story matches these filters") {
		t.Error("front page for an unknown outlet does not say that nothing matches")
	}
	f.get(t, "/?from=yesterday", 400)

	// Entity and outlet together: the stories of both.
	var card struct{ Entities []struct{ Name string } }
	decode(t, f.get(t, fmt.Sprintf("/api/stories/%d", items[0].ID), 200), &card)
	entity := card.Entities[0].Name
	var byEntity, both []storyItem
	decode(t, f.get(t, "/api/stories?limit=500&entity="+url.QueryEscape(entity), 200), &byEntity)
	decode(t, f.get(t, "/api/stories?limit=500&entity="+url.QueryEscape(entity)+"&outlet="+url.QueryEscape(outlet), 200), &both)
	want := 0
	for _, it := range byEntity {
		if contains(all[it.ID], outlet) {
			want++
		}
	}
	if len(byEntity) == 0 || len(both) != want {
		t.Errorf("entity %q: %d stories, %d of them with %s; entity and outlet gave %d", entity, len(byEntity), want, outlet, len(both))
	}
	page = f.get(t, "/?entity="+url.QueryEscape(entity), 200)
	if n := strings.Count(page, `<li class="story"`); n != min(len(byEntity), frontPageSize) {
		t.Errorf("front page for entity %q lists %d stories, want %d", entity, n, len(byEntity))
	}
}
