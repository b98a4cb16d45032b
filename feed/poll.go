package feed

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/fetch"
)

// Defaults of Options.
const (
	DefaultInterval   = 15 * time.Minute
	DefaultMaxBackoff = 24 * time.Hour
	DefaultWorkers    = 4
	// MinInterval keeps a user from polling a feed more than once a minute.
	MinInterval = time.Minute
)

// Options configure a Poller.
type Options struct {
	// Client fetches feeds and pages; required.
	Client *fetch.Client
	// Feeds keeps the feed list and status; required.
	Feeds storyline.FeedStore
	// Known reports whether an article key is stored already, so that a
	// known entry is neither fetched nor added again. Nil: none known.
	Known func(ctx context.Context, key string) bool
	// Add hands a new article to the pipeline; required. It is called with a
	// context that is not cancelled by shutdown, so that an article being
	// added is stored whole.
	Add func(ctx context.Context, a *storyline.Article) (storyline.Outcome, error)
	// Page fetches and extracts an entry's linked page for the full text.
	// Nil, or an error from it, means the feed's own content is used.
	Page func(ctx context.Context, url string) (*storyline.Article, error)
	// Interval is the polling interval of feeds that do not set one.
	Interval time.Duration
	// MaxBackoff caps the delay after repeated failures.
	MaxBackoff time.Duration
	// Workers is how many feeds are polled at once.
	Workers int
	// Logger receives one line per poll; nil discards.
	Logger *slog.Logger
	// Polled is called after each poll with the feed's new status, the
	// number of articles added and the poll's error (for metrics).
	Polled func(f *storyline.Feed, added int, err error)
}

// Poller polls feeds when they are due. It is safe for concurrent use.
type Poller struct {
	opts Options
	wake chan struct{}

	mu       sync.Mutex
	inFlight map[int64]bool
	wg       sync.WaitGroup
}

// NewPoller returns a Poller with the options.
func NewPoller(opts Options) *Poller {
	if opts.Interval <= 0 {
		opts.Interval = DefaultInterval
	}
	if opts.MaxBackoff <= 0 {
		opts.MaxBackoff = DefaultMaxBackoff
	}
	if opts.Workers <= 0 {
		opts.Workers = DefaultWorkers
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	return &Poller{opts: opts, wake: make(chan struct{}, 1), inFlight: map[int64]bool{}}
}

// Interval returns the polling interval given to new feeds.
func (p *Poller) Interval() time.Duration { return p.opts.Interval }

// Wake makes Run look for due feeds now (after a feed was added).
func (p *Poller) Wake() {
	select {
	case p.wake <- struct{}{}:
	default:
	}
}

// Run polls due feeds until ctx is done, then waits for the polls under way
// to finish (their network requests are cancelled, an article being added
// is completed) and returns.
func (p *Poller) Run(ctx context.Context) error {
	sem := make(chan struct{}, p.opts.Workers)
	timer := time.NewTimer(0)
	defer timer.Stop()
	defer p.wg.Wait()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-timer.C:
		case <-p.wake:
		}
		next := p.startDue(ctx, sem)
		timer.Reset(max(time.Second, min(time.Until(next), 30*time.Second)))
	}
}

// ClaimHold is how long a claimed feed is held for its poller: other
// pollers of the database (other server processes) leave it alone that
// long, and a poller that dies leaves it due again after it.
const ClaimHold = 10 * time.Minute

// startDue claims from the store as many due feeds as there are free
// workers (so that several processes polling one database never poll one
// feed twice), starts a poll of each, and returns when to look again.
func (p *Poller) startDue(ctx context.Context, sem chan struct{}) time.Time {
	now := time.Now()
	next := now.Add(30 * time.Second)
	p.mu.Lock()
	free := p.opts.Workers - len(p.inFlight)
	p.mu.Unlock()
	if free > 0 {
		due, err := p.opts.Feeds.ClaimDueFeeds(ctx, now, ClaimHold, free)
		if err != nil {
			if ctx.Err() == nil {
				p.opts.Logger.Error("claim due feeds", "err", err)
			}
			return next
		}
		if len(due) == free {
			next = now // there may be more: look again when a poll ends
		}
		for _, f := range due {
			p.start(ctx, sem, f)
		}
	}
	feeds, err := p.opts.Feeds.Feeds(ctx)
	if err != nil {
		if ctx.Err() == nil {
			p.opts.Logger.Error("list feeds", "err", err)
		}
		return next
	}
	for _, f := range feeds {
		if f.NextFetch.After(now) && f.NextFetch.Before(next) {
			next = f.NextFetch
		}
	}
	return next
}

// start polls a claimed feed in a goroutine of its own, unless this
// poller is polling it already (PollNow), and wakes Run when it ends.
func (p *Poller) start(ctx context.Context, sem chan struct{}, f *storyline.Feed) {
	if !p.claim(f.ID) {
		return // the poll under way sets its next time
	}
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		defer p.Wake()
		defer p.release(f.ID)
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
			p.unclaim(f)
			return
		}
		defer func() { <-sem }()
		p.poll(ctx, f)
	}()
}

// unclaim gives a claimed feed back as it was, due, so that the next start
// (of this process or another) polls it without waiting for the hold.
func (p *Poller) unclaim(f *storyline.Feed) {
	if err := p.opts.Feeds.UpdateFeed(context.Background(), f); err != nil &&
		storyline.ErrorCode(err) != storyline.ENOTFOUND {
		p.opts.Logger.Error("release feed", "feed", f.ID, "err", err)
	}
}

func (p *Poller) claim(id int64) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.inFlight[id] {
		return false
	}
	p.inFlight[id] = true
	return true
}

func (p *Poller) release(id int64) {
	p.mu.Lock()
	delete(p.inFlight, id)
	p.mu.Unlock()
}

// PollNow polls one feed at once, whatever its schedule, and returns its
// new status. It returns ECONFLICT when the feed is being polled already.
func (p *Poller) PollNow(ctx context.Context, id int64) (*storyline.Feed, error) {
	f, err := p.opts.Feeds.Feed(ctx, id)
	if err != nil {
		return nil, err
	}
	if !p.claim(id) {
		return nil, storyline.Errorf(storyline.ECONFLICT, "Feed %d is being fetched; try again in a moment.", id)
	}
	defer p.release(id)
	p.poll(ctx, f)
	return p.opts.Feeds.Feed(context.WithoutCancel(ctx), id)
}

// poll fetches one feed, adds its new entries and records the outcome.
func (p *Poller) poll(ctx context.Context, f *storyline.Feed) {
	start := time.Now()
	added, err := p.fetchAndAdd(ctx, f)
	if ctx.Err() != nil && err != nil {
		// Shutting down: leave the feed due, its validators unchanged, so
		// that the next start fetches it again.
		p.unclaim(f)
		return
	}
	now := time.Now().UTC()
	f.LastFetch = now
	f.Articles += added
	interval := p.interval(f)
	if err != nil {
		f.Failures++
		f.LastError = storyline.ErrorMessage(err)
		if storyline.ErrorCode(err) == storyline.EINTERNAL {
			f.LastError = unwrapMessage(err)
		}
		f.NextFetch = now.Add(Backoff(interval, f.Failures, p.opts.MaxBackoff))
		p.opts.Logger.Warn("feed failed", "feed", f.ID, "url", f.URL, "failures", f.Failures,
			"next", f.NextFetch, "err", f.LastError)
	} else {
		f.Failures, f.LastError, f.LastSuccess = 0, "", now
		f.NextFetch = now.Add(interval)
		p.opts.Logger.Info("feed polled", "feed", f.ID, "url", f.URL, "added", added,
			"ms", time.Since(start).Milliseconds())
	}
	if uerr := p.opts.Feeds.UpdateFeed(context.WithoutCancel(ctx), f); uerr != nil &&
		storyline.ErrorCode(uerr) != storyline.ENOTFOUND {
		p.opts.Logger.Error("save feed status", "feed", f.ID, "err", uerr)
	}
	if p.opts.Polled != nil {
		p.opts.Polled(f, added, err)
	}
}

// interval is the feed's own interval, or the default, at least MinInterval.
func (p *Poller) interval(f *storyline.Feed) time.Duration {
	if f.Interval <= 0 {
		return p.opts.Interval
	}
	return max(f.Interval, MinInterval)
}

// Backoff is the delay before polling again after failures failed polls in
// a row: the interval doubled for each failure, at most maxDelay.
func Backoff(interval time.Duration, failures int, maxDelay time.Duration) time.Duration {
	d := interval
	for i := 0; i < failures && d < maxDelay; i++ {
		d *= 2
	}
	return min(d, maxDelay)
}

// unwrapMessage is the innermost message of an internal error: the part a
// user can act on ("connection refused"), without the layers of context.
func unwrapMessage(err error) string {
	for {
		next := errors.Unwrap(err)
		if next == nil {
			return oneLine(err.Error())
		}
		err = next
	}
}
