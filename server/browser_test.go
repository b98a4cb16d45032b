package server

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// chromium is where Debian installs its browser; CI installs it (.ci/run).
const chromium = "/usr/bin/chromium"

// browser starts a headless chromium for the test, or skips the test when
// none is installed (CI installs it, so there the test always runs).
func browser(t *testing.T) context.Context {
	t.Helper()
	path := chromium
	if _, err := os.Stat(path); err != nil {
		p, lerr := exec.LookPath("chromium")
		if lerr != nil {
			if os.Getenv("CI") != "" {
				t.Fatalf("chromium is not installed at %s but CI must have it (.ci/run installs it)", chromium)
			}
			t.Skipf("browser test skipped: chromium is not installed at %s (apt-get install chromium)", chromium)
		}
		path = p
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1200, 1600),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancelAlloc)
	ctx, cancelCtx := chromedp.NewContext(actx)
	t.Cleanup(cancelCtx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(cancelTimeout)
	return ctx
}

// TestBrowserDemo opens the demo's front page in a real browser, follows the
// top story, checks the story card's sections, and saves a screenshot.
// STORYLINE_SCREENSHOTS=DIR also writes the screenshots there (how
// docs/screenshots/ was made).
func TestBrowserDemo(t *testing.T) {
	ctx := browser(t)
	f := newFixture(t, true, nil)

	if err := chromedp.Do(ctx,
		chromedp.Navigate(f.http.URL+"/"),
		chromedp.WaitVisible(chromedp.CSS(`ol.stories li.story h2 a`)),
	); err != nil {
		t.Fatal(err)
	}
	front := run(t, ctx, chromedp.FullScreenshot(80))

	// A report arriving while the page is open shows up without a reload,
	// once the page's event stream is connected.
	for deadline := time.Now().Add(10 * time.Second); f.srv.metrics.streams.Load() == 0; time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the front page did not open an event stream")
		}
	}
	if resp, body := f.do(t, "POST", "/api/articles", testToken, "application/json",
		`{"id":"live-1","title":"Live test report","text":"A report posted while the browser watches.","source":"Live Wire"}`); resp.StatusCode != 200 {
		t.Fatalf("POST: %d %s", resp.StatusCode, body)
	}
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.ID("live"))); err != nil {
		t.Fatal(err)
	}
	if notice := run(t, ctx, chromedp.Text(chromedp.ID("live"))); !strings.Contains(notice, "1 new report") {
		t.Errorf("live notice %q", notice)
	}
	if fresh := run(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll("li.story.fresh").length`)); fresh != 1 {
		t.Errorf("%d stories marked fresh after one report", fresh)
	}
	storyCount := run(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll("ol.stories li.story").length`))
	firstTitle := run(t, ctx, chromedp.Text(chromedp.CSS(`ol.stories li.story:not(.fresh) h2 a`)))
	if err := chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`ol.stories li.story:not(.fresh) h2 a`)),
		chromedp.WaitVisible(chromedp.ID("articles")),
	); err != nil {
		t.Fatal(err)
	}
	heading := run(t, ctx, chromedp.Text(chromedp.CSS(`h1`)))
	if storyCount < 5 {
		t.Errorf("front page lists %d stories", storyCount)
	}
	if strings.TrimSpace(heading) != strings.TrimSpace(firstTitle) {
		t.Errorf("followed %q, landed on %q", firstTitle, heading)
	}

	sections := run(t, ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("main h2")).map(h => h.textContent.trim())`))
	articleRows := run(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll("#articles tbody tr").length`))
	// Claims are the table's rows and the single-source claims folded by
	// outlet under it, shown or counted as left for the whole page.
	claimRows := run(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll("#corroboration tbody tr, .single-source li").length +
		Array.from(document.querySelectorAll(".single-source details")).reduce((n, d) => n + Number(d.dataset.hidden), 0)`))
	quoteGroups := run(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll(".quote-group").length`))
	dots := run(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll("figure.chart svg circle").length`))
	story := run(t, ctx, chromedp.FullScreenshot(80))
	for _, want := range []string{"Summary", "Timeline", "Corroboration", "Who said what", "Who and where", "Sources"} {
		if !contains(sections, want) {
			t.Errorf("story page sections %q lack %q", sections, want)
		}
	}
	if articleRows == 0 || dots == 0 {
		t.Errorf("story page: %d article rows, %d timeline dots", articleRows, dots)
	}
	// The corroboration table and quote groups fill as reconcile lands;
	// when the card has claims or quotes, the page must show them all.
	var card struct {
		Claims []any `json:"claims"`
		Quotes []any `json:"quotes"`
	}
	id := run(t, ctx, chromedp.Evaluate[int64](`Number(location.pathname.split("/").pop())`))
	decode(t, f.get(t, fmt.Sprintf("/api/stories/%d", id), 200), &card)
	if claimRows != len(card.Claims) || quoteGroups != len(card.Quotes) {
		t.Errorf("page shows %d claims and %d quote groups, card has %d and %d", claimRows, quoteGroups, len(card.Claims), len(card.Quotes))
	}

	if problems := run(t, ctx, chromedp.Evaluate[[]string](layoutProblems)); len(problems) > 0 {
		t.Errorf("story page at desktop width:\n%s", strings.Join(problems, "\n"))
	}

	// The filter form narrows the front page to one outlet's stories, as
	// the API does, and the order tabs keep the filter.
	var byOutlet []storyItem
	outlet := f.topOutlet(t)
	decode(t, f.get(t, "/api/stories?outlet="+url.QueryEscape(outlet), 200), &byOutlet)
	if err := chromedp.Do(ctx,
		chromedp.Navigate(f.http.URL+"/"),
		chromedp.SendKeys(chromedp.CSS(`form.filters input[name=outlet]`), outlet),
		chromedp.Submit(chromedp.CSS(`form.filters input[name=outlet]`)),
		chromedp.WaitVisible(chromedp.CSS(`nav.tabs a[href*="outlet="]`)),
	); err != nil {
		t.Fatal(err)
	}
	if n := run(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll("ol.stories li.story").length`)); n != min(len(byOutlet), frontPageSize) {
		t.Errorf("filtered by outlet %q the front page lists %d stories, the API %d", outlet, n, len(byOutlet))
	}

	// The story with the longest outlet name, where a label is most likely
	// to run into the chart's dots, at a desktop width and on a phone.
	wide := f.storyWithLongestOutlet(t)
	if err := chromedp.Do(ctx,
		chromedp.Navigate(fmt.Sprintf("%s/stories/%d", f.http.URL, wide)),
		chromedp.WaitVisible(chromedp.CSS(`figure.chart svg`)),
	); err != nil {
		t.Fatal(err)
	}
	if problems := run(t, ctx, chromedp.Evaluate[[]string](layoutProblems)); len(problems) > 0 {
		t.Errorf("story %d at desktop width:\n%s", wide, strings.Join(problems, "\n"))
	}
	storyWide := run(t, ctx, chromedp.FullScreenshot(80))
	phone := map[string][]byte{}
	for _, p := range []struct{ name, path string }{{"front-390.jpg", "/"}, {"story-390.jpg", fmt.Sprintf("/stories/%d", wide)}} {
		if err := chromedp.Do(ctx,
			chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile),
			chromedp.Navigate(f.http.URL+p.path),
			chromedp.WaitVisible(chromedp.CSS(`main h1, main h2`)),
		); err != nil {
			t.Fatal(err)
		}
		if problems := run(t, ctx, chromedp.Evaluate[[]string](layoutProblems)); len(problems) > 0 {
			t.Errorf("%s at 390 px:\n%s", p.path, strings.Join(problems, "\n"))
		}
		phone[p.name] = run(t, ctx, chromedp.FullScreenshot(80))
	}
	// Pages left behind close their event streams (a browser keeps them in
	// its back/forward cache, and six open streams stall the next page).
	for deadline := time.Now().Add(5 * time.Second); f.srv.metrics.streams.Load() > 1; time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Errorf("%d event streams open with one page shown", f.srv.metrics.streams.Load())
			break
		}
	}

	// On a phone the chart scrolls, and says so (the story page is the
	// last one open).
	if hint := run(t, ctx, chromedp.Evaluate[bool](`(() => { const b = document.querySelector("figure.chart .scroller");
		return b.scrollWidth > b.clientWidth && b.previousElementSibling.offsetParent !== null })()`)); !hint {
		t.Error("at 390 px the timeline chart does not scroll with a visible hint")
	}

	dir := t.TempDir()
	if out := os.Getenv("STORYLINE_SCREENSHOTS"); out != "" {
		dir = out
	}
	for name, img := range map[string][]byte{"front.jpg": front, "story.jpg": story, "story-outlets.jpg": storyWide,
		"front-390.jpg": phone["front-390.jpg"], "story-390.jpg": phone["story-390.jpg"]} {
		if err := os.WriteFile(filepath.Join(dir, name), img, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("screenshots in %s", dir)
}

// layoutProblems is a script that returns what is wrong with the layout of
// the page at the browser's width: the page wider than the viewport, an
// element past its right edge outside a box that scrolls sideways, such a
// box without a visible hint above it, a hint shown over a box that fits,
// or an outlet label of the timeline chart reaching its first dot.
const layoutProblems = `(() => {
	const vw = document.documentElement.clientWidth, problems = [];
	const name = el => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + (el.className && el.className.baseVal === undefined && el.className ? "." + el.className.split(" ").join(".") : "");
	if (document.documentElement.scrollWidth > vw + 1) {
		problems.push("the page is " + document.documentElement.scrollWidth + " px wide in a " + vw + " px viewport");
	}
	const scroller = el => {
		for (let p = el.parentElement; p; p = p.parentElement) {
			const o = getComputedStyle(p).overflowX;
			if (o === "auto" || o === "scroll") return p;
		}
		return null;
	};
	for (const el of document.querySelectorAll("body *")) {
		const r = el.getBoundingClientRect();
		if (r.width === 0 || r.right <= vw + 1) continue;
		const box = scroller(el);
		if (!box || box.getBoundingClientRect().right > vw + 1) {
			problems.push(name(el) + " reaches " + Math.round(r.right) + " px, outside any box that scrolls");
			continue;
		}
		const hint = box.previousElementSibling;
		if (!hint || !hint.classList.contains("scroll-hint") || hint.offsetParent === null) {
			problems.push(name(box) + " scrolls sideways with no visible hint");
		}
	}
	for (const box of document.querySelectorAll(".scroller")) {
		const hint = box.previousElementSibling;
		if (box.scrollWidth <= box.clientWidth && hint && hint.offsetParent !== null) {
			problems.push(name(box) + " fits but its scroll hint shows");
		}
	}
	const labels = Array.from(document.querySelectorAll("figure.chart text.row-label"));
	const firstDot = Math.min(...Array.from(document.querySelectorAll("figure.chart circle")).map(c => c.getBoundingClientRect().left));
	for (const l of labels) {
		const right = l.getBoundingClientRect().right;
		if (right >= firstDot) {
			problems.push("label " + JSON.stringify(l.firstChild.textContent) + " ends at " + right.toFixed(1) + " px, over the first dot at " + firstDot.toFixed(1));
		}
	}
	return Array.from(new Set(problems));
})()`

// storyWithLongestOutlet returns the id of the story one of whose outlets
// has the longest name.
func (f *fixture) storyWithLongestOutlet(t *testing.T) int64 {
	t.Helper()
	var items []storyItem
	decode(t, f.get(t, "/api/stories", 200), &items)
	best, longest := items[0].ID, 0
	for _, it := range items {
		var card struct{ Articles []struct{ Source string } }
		decode(t, f.get(t, fmt.Sprintf("/api/stories/%d", it.ID), 200), &card)
		for _, a := range card.Articles {
			if n := len([]rune(a.Source)); n > longest {
				best, longest = it.ID, n
			}
		}
	}
	return best
}

// topOutlet returns the outlet of the top story's first article.
func (f *fixture) topOutlet(t *testing.T) string {
	t.Helper()
	var card struct{ Articles []struct{ Source string } }
	decode(t, f.get(t, fmt.Sprintf("/api/stories/%d", f.firstStory(t)), 200), &card)
	return card.Articles[0].Source
}

// run runs one browser action and fails the test on error.
func run[T any](t *testing.T, ctx context.Context, a chromedp.Action[T]) T {
	t.Helper()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
