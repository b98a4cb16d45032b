package server

import (
	"context"
	"log/slog"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/reconcile"
	"github.com/storyline-news/storyline/store/sqlite"
)

// storyView is everything the pages, the API and the feeds show about one
// story, built once per change of the database and shared by requests.
type storyView struct {
	Story    *storyline.Story
	Card     *storyline.Card
	Articles []*storyline.Article // ingest order, bodies included
	// ArticleID maps the card's article ids (external ids) to store IDs.
	ArticleID map[string]int64
	// Outlets are the independent outlets, in the order they first
	// reported; Colors gives each its chart colour.
	Outlets []string
	Colors  map[string]string
	// Coverage is the sparkline of articles per hour by outlet.
	Coverage *sparkline
	// Chart plots every article over time, a row per outlet.
	Chart *timelineChart
	// Matrix is the corroboration table, claim × outlet.
	Matrix *matrix
	// Groups are the articles with their copies.
	Groups []articleGroup
}

// articleGroup is an original report and its syndicated copies.
type articleGroup struct {
	Original *storyline.Article
	Copies   []*storyline.Article
}

// views caches story views. Every cached view is dropped when the server
// adds an article, or when the watcher sees that another process did, so a
// view is never older than that (a few seconds for other processes).
type views struct {
	db  *sqlite.DB
	gen atomic.Uint64

	mu      sync.Mutex
	stories map[int64]*cachedView
	// lastArticle is the newest article ID the watcher saw.
	lastArticle int64
}

type cachedView struct {
	gen  uint64
	once sync.Once
	view *storyView
	err  error
}

// maxCachedViews bounds the cache; past it, it starts over.
const maxCachedViews = 4096

func newViews(db *sqlite.DB) *views {
	return &views{db: db, stories: map[int64]*cachedView{}}
}

// generation identifies the current state of the data for caches.
func (v *views) generation() uint64 { return v.gen.Load() }

// invalidate drops every cached view.
func (v *views) invalidate() {
	v.gen.Add(1)
	v.mu.Lock()
	clear(v.stories)
	v.mu.Unlock()
}

// watch notices articles added by other processes (the CLI ingesting into
// the same database) and invalidates the views, until ctx is done.
func (v *views) watch(ctx context.Context, every time.Duration, log *slog.Logger) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		last, err := v.db.LastArticle(ctx)
		if err != nil {
			if ctx.Err() == nil {
				log.Warn("watch database", "err", err)
			}
			continue
		}
		v.mu.Lock()
		changed := last != v.lastArticle
		v.lastArticle = last
		v.mu.Unlock()
		if changed {
			v.invalidate()
		}
	}
}

// story returns the view of the live story that id stands for (following
// merges: the view's Story.ID may differ from id), building it once per
// generation however many requests ask at once. A cached view costs no
// database query.
func (v *views) story(ctx context.Context, id int64) (*storyView, error) {
	gen := v.gen.Load()
	v.mu.Lock()
	c := v.stories[id]
	if c == nil || c.gen != gen {
		if len(v.stories) >= maxCachedViews {
			clear(v.stories)
		}
		c = &cachedView{gen: gen}
		v.stories[id] = c
	}
	v.mu.Unlock()
	c.once.Do(func() {
		// Built for whoever asks; not cut short by the first asker leaving.
		bctx := context.WithoutCancel(ctx)
		resolved, err := v.db.Resolve(bctx, id)
		if err != nil {
			c.err = err
			return
		}
		c.view, c.err = buildView(bctx, v.db, resolved)
	})
	if c.err != nil && storyline.ErrorCode(c.err) == storyline.EINTERNAL {
		// Do not cache a failure that may pass.
		v.mu.Lock()
		if v.stories[id] == c {
			delete(v.stories, id)
		}
		v.mu.Unlock()
	}
	return c.view, c.err
}

// buildView reads a story and its articles and computes its card and charts.
func buildView(ctx context.Context, db *sqlite.DB, id int64) (*storyView, error) {
	s, err := db.Story(ctx, id)
	if err != nil {
		return nil, err
	}
	arts, err := db.Articles(ctx, storyline.Filter{Story: id})
	if err != nil {
		return nil, err
	}
	card := reconcile.Card(s, arts)
	sv := &storyView{Story: s, Card: card, Articles: arts, ArticleID: make(map[string]int64, len(arts))}
	for _, a := range arts {
		if _, dup := sv.ArticleID[a.ExternalID]; !dup {
			sv.ArticleID[a.ExternalID] = a.ID
		}
	}
	sv.Outlets = outlets(arts)
	sv.Colors = colors(sv.Outlets)
	sv.Coverage = newSparkline(arts, sv.Outlets, sv.Colors)
	sv.Chart = newTimelineChart(arts, sv.Outlets, sv.Colors)
	sv.Matrix = newMatrix(card, sv.Outlets)
	sv.Groups = groups(arts)
	return sv, nil
}

// when is an article's time: published, else ingested.
func when(a *storyline.Article) time.Time {
	if a.Published.IsZero() {
		return a.Ingested
	}
	return a.Published
}

// byTime returns the articles sorted by when, ties in ingest order.
func byTime(arts []*storyline.Article) []*storyline.Article {
	out := append([]*storyline.Article(nil), arts...)
	sort.SliceStable(out, func(i, j int) bool { return when(out[i]).Before(when(out[j])) })
	return out
}

// outlets lists the outlets of original (non-copy) articles in the order
// they first reported, then outlets that only carried copies.
func outlets(arts []*storyline.Article) []string {
	var list []string
	seen := map[string]bool{}
	sorted := byTime(arts)
	for _, copies := range []bool{false, true} {
		for _, a := range sorted {
			name := outletName(a)
			if (a.DuplicateOf != 0) == copies && !seen[name] {
				seen[name] = true
				list = append(list, name)
			}
		}
	}
	return list
}

// outletName is an article's outlet, "unknown outlet" when it has none.
func outletName(a *storyline.Article) string {
	if s := strings.TrimSpace(a.Source); s != "" {
		return s
	}
	return "unknown outlet"
}

// groups pairs each original with its copies, in publication order.
func groups(arts []*storyline.Article) []articleGroup {
	sorted := byTime(arts)
	index := map[int64]int{}
	var out []articleGroup
	for _, a := range sorted {
		if a.DuplicateOf == 0 {
			index[a.ID] = len(out)
			out = append(out, articleGroup{Original: a})
		}
	}
	for _, a := range sorted {
		if a.DuplicateOf == 0 {
			continue
		}
		if i, ok := index[a.DuplicateOf]; ok {
			out[i].Copies = append(out[i].Copies, a)
		} else {
			// The original is in another story: show the copy on its own.
			out = append(out, articleGroup{Original: a})
		}
	}
	return out
}
