package server

import (
	"context"
	"log/slog"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/reconcile"
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
	// Preparing is set on a view shown before its card is built: the card
	// is empty.
	Preparing bool
}

// articleGroup is an original report and its syndicated copies.
type articleGroup struct {
	Original *storyline.Article
	Copies   []*storyline.Article
}

// views caches story views. When the data changes (the server adds an
// article, or the watcher sees that another process did) the generation
// moves on; a view is then checked against its story's row (two cheap
// queries) and rebuilt only when the story changed, so that one new
// article does not make every story's card be computed again.
type views struct {
	db  storyline.Store
	gen atomic.Uint64

	mu      sync.Mutex
	stories map[int64]*cachedView
	// changed records, by story, the generation in which the server last
	// stored an article of it (a new version of an article leaves the
	// story's row as it was, so the row alone cannot tell).
	changed map[int64]uint64
	// lastArticle is the newest article ID the watcher saw.
	lastArticle int64
	// building holds a token per view being built, so that readers who do
	// not wait cannot start more builds than there are CPUs.
	building chan struct{}
	// build makes a story's view (buildView; tests slow it down).
	build func(ctx context.Context, db storyline.Store, s *storyline.Story) (*storyView, error)
	// running counts the builds under way, which outlive the requests that
	// started them: the server waits for them before its store closes.
	running sync.WaitGroup
}

// cachedView is the view of the story an id stands for.
type cachedView struct {
	mu   sync.Mutex
	gen  uint64 // generation in which it was built or last checked
	done bool
	view *storyView
	err  error
	// build is the build under way, nil when none.
	build *viewBuild
}

// viewBuild is one build of a story's view, shared by everyone who asks
// while it runs; done is closed when view and err are set.
type viewBuild struct {
	story *storyline.Story
	gen   uint64
	done  chan struct{}
	view  *storyView
	err   error
	// early is set when someone was given an older or preliminary view
	// instead of waiting: the build then moves the generation on when it
	// ends, so that responses made from that view are made again.
	early atomic.Bool

	// preliminary is the view without a card given meanwhile, made once.
	preliminaryOnce sync.Once
	preliminary     *storyView
	preliminaryErr  error
}

// maxCachedViews bounds the cache; past it, it starts over.
const maxCachedViews = 4096

func newViews(db storyline.Store) *views {
	return &views{db: db, stories: map[int64]*cachedView{}, changed: map[int64]uint64{},
		building: make(chan struct{}, runtime.GOMAXPROCS(0)), build: buildView}
}

// generation identifies the current state of the data for caches.
func (v *views) generation() uint64 { return v.gen.Load() }

// invalidate moves to a new generation: every view is checked again.
func (v *views) invalidate() {
	v.gen.Add(1)
}

// storyChanged notes that the server stored an article of the story.
func (v *views) storyChanged(story int64) {
	gen := v.gen.Add(1)
	v.mu.Lock()
	v.changed[story] = gen
	if len(v.changed) > maxCachedViews {
		// Forget old marks; views older than the oldest kept are rebuilt.
		clear(v.changed)
		clear(v.stories)
	}
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
// merges: the view's Story.ID may differ from id). Requests that ask at
// once share one build; a view of the current generation costs no query.
func (v *views) story(ctx context.Context, id int64) (*storyView, error) {
	return v.storyWithin(ctx, id, -1)
}

// storyWithin is story for a reader who should not wait long: when the
// view must be built and that takes longer than wait (< 0: no limit), it
// returns the story's previous view or, when there is none, a preliminary
// one without a card (Preparing), and the build goes on.
func (v *views) storyWithin(ctx context.Context, id int64, wait time.Duration) (*storyView, error) {
	gen := v.gen.Load()
	v.mu.Lock()
	c := v.stories[id]
	if c == nil {
		if len(v.stories) >= maxCachedViews {
			clear(v.stories)
		}
		c = &cachedView{}
		v.stories[id] = c
	}
	v.mu.Unlock()

	c.mu.Lock()
	if c.done && c.gen == gen {
		defer c.mu.Unlock()
		return c.view, c.err
	}
	b := c.build
	if b == nil {
		// Built for whoever asks; not cut short by the first asker leaving.
		bctx := context.WithoutCancel(ctx)
		st, err := v.live(bctx, id)
		if err != nil {
			c.view, c.err = nil, err
			c.done = storyline.ErrorCode(err) != storyline.EINTERNAL // retry failures that may pass
			c.gen = gen
			c.mu.Unlock()
			return nil, err
		}
		if c.done && c.view != nil && sameStory(c.view.Story, st) && !v.changedSince(st.ID, c.gen) {
			c.gen = gen
			c.mu.Unlock()
			return c.view, nil
		}
		b = &viewBuild{story: st, gen: gen, done: make(chan struct{})}
		c.build = b
		v.running.Add(1)
		go v.run(c, b)
	}
	var previous *storyView
	if c.done {
		previous = c.view
	}
	c.mu.Unlock()

	if b.early.Load() {
		// The build is known to be slow: nobody else waits for it.
		wait = min(wait, 0)
	}
	var timeout <-chan time.Time
	if wait >= 0 {
		t := time.NewTimer(wait)
		defer t.Stop()
		timeout = t.C
	}
	select {
	case <-b.done:
		return b.view, b.err
	case <-timeout:
		b.early.Store(true)
		if previous != nil {
			return previous, nil
		}
		b.preliminaryOnce.Do(func() {
			b.preliminary, b.preliminaryErr = preliminaryView(context.WithoutCancel(ctx), v.db, b.story)
		})
		return b.preliminary, b.preliminaryErr
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// run builds a view, one story at a time per CPU, and keeps it.
func (v *views) run(c *cachedView, b *viewBuild) {
	defer v.running.Done()
	v.building <- struct{}{}
	b.view, b.err = v.build(context.Background(), v.db, b.story)
	<-v.building
	c.mu.Lock()
	if b.err == nil {
		c.view, c.err, c.done, c.gen = b.view, nil, true, b.gen
	}
	c.build = nil
	c.mu.Unlock()
	close(b.done)
	if b.early.Load() {
		v.invalidate()
	}
}

// live reads the live story that id stands for.
func (v *views) live(ctx context.Context, id int64) (*storyline.Story, error) {
	resolved, err := v.db.Resolve(ctx, id)
	if err != nil {
		return nil, err
	}
	return v.db.Story(ctx, resolved)
}

// sameStory reports whether two reads of a story's row agree.
func sameStory(a, b *storyline.Story) bool {
	return a.ID == b.ID && a.Title == b.Title && a.Articles == b.Articles && a.Sources == b.Sources &&
		a.Created.Equal(b.Created) && a.Updated.Equal(b.Updated)
}

// changedSince reports whether the server stored an article of the story
// after generation gen.
func (v *views) changedSince(story int64, gen uint64) bool {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.changed[story] > gen
}

// buildView reads a story's articles and computes its card and charts.
func buildView(ctx context.Context, db storyline.Store, s *storyline.Story) (*storyView, error) {
	arts, err := db.Articles(ctx, storyline.Filter{Story: s.ID})
	if err != nil {
		return nil, err
	}
	// The card comes from the store's cache while the story is unchanged;
	// otherwise only new articles are analysed.
	card, err := reconcile.Load(ctx, db, s, arts)
	if err != nil {
		return nil, err
	}
	return assembleView(s, arts, card), nil
}

// preliminaryView is a story's view without its card, shown while the card
// is built: the articles, the chart and the coverage cost one query.
func preliminaryView(ctx context.Context, db storyline.Store, s *storyline.Story) (*storyView, error) {
	arts, err := db.Articles(ctx, storyline.Filter{Story: s.ID})
	if err != nil {
		return nil, err
	}
	card := &storyline.Card{ID: s.ID, Title: s.Title, Sources: s.Sources, Updated: s.Updated}
	v := assembleView(s, arts, card)
	v.Preparing = true
	return v, nil
}

// assembleView puts a story's view together from its articles and card.
func assembleView(s *storyline.Story, arts []*storyline.Article, card *storyline.Card) *storyView {
	// Links in articles stored before ingest checked them, and in cards
	// built from those, may be no web address: they are dropped.
	// The card may be shared: the copy is changed.
	clean := *card
	clean.Articles = slices.Clone(card.Articles)
	for i := range clean.Articles {
		clean.Articles[i].URL = storyline.LinkURL(clean.Articles[i].URL)
	}
	card = &clean
	sv := &storyView{Story: s, Card: card, Articles: arts, ArticleID: make(map[string]int64, len(arts))}
	for _, a := range arts {
		a.URL = storyline.LinkURL(a.URL)
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
	return sv
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
