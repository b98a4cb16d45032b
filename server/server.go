// Package server is storyline's HTTP face: the JSON API under /api/, the
// server-rendered web UI, Atom and JSON Feed output, Server-Sent Events for
// new articles, Prometheus metrics, and the feed poller's home.
//
// Everything an outlet wrote is untrusted: pages are rendered with
// html/template (contextual escaping), no inline script or style is used,
// and a strict Content-Security-Policy forbids any that might slip in.
package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"sync"
	"time"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/feed"
	"github.com/storyline-news/storyline/fetch"
	"github.com/storyline-news/storyline/ingest"
	"github.com/storyline-news/storyline/reconcile"
)

// Defaults of Options.
const (
	DefaultMaxBody = 32 << 20 // POST /api/articles
	// smallBody caps every other request body (forms, feed JSON).
	smallBody = 1 << 20
	// opmlBody caps an uploaded OPML file.
	opmlBody = 5 << 20
)

// Options configure a Server.
type Options struct {
	// DB is the store; required. The server does not close it.
	DB storyline.Store
	// Pipeline adds articles; required for POST /api/articles and feeds.
	Pipeline *ingest.Pipeline
	// Fetch is the client feeds are polled with; nil turns polling off
	// (feeds can still be managed).
	Fetch *fetch.Client
	// PollInterval is the polling interval of new feeds (feed default).
	PollInterval time.Duration
	// FetchPages fetches each new feed entry's page for its full text.
	FetchPages bool
	// Token authorises writes (and reads); "" disables writes.
	Token string
	// ReadToken, when set, is required for reads (Token also works).
	ReadToken string
	// MaxBody caps POST /api/articles bodies (default DefaultMaxBody).
	MaxBody int64
	// BaseURL is the public address used in feeds ("https://news.example").
	// When "", links point at the address Run listens on; a request's Host
	// header is never used, so that no request can choose the links that
	// are cached and served to everyone.
	BaseURL string
	// Logger receives structured logs; nil discards them.
	Logger *slog.Logger
	// CacheBytes bounds the memory the cache of rendered responses holds
	// (default DefaultCacheBytes).
	CacheBytes int64
	// WatchInterval is how often the server checks the database for
	// articles added by other processes (default 2 s).
	WatchInterval time.Duration
}

// Server serves storyline over HTTP. Create it with New, serve it with Run
// (or use Handler in tests).
type Server struct {
	opts    Options
	db      storyline.Store
	log     *slog.Logger
	poller  *feed.Poller
	metrics *metrics
	views   *views
	events  *hub
	pages   *pages
	handler http.Handler

	responses responseCache

	// streams bounds the open event streams; signIns the sign-in
	// attempts of each client, whose form must arrive within loginTimeout.
	streams      *streamLimit
	signIns      *rateLimit
	loginTimeout time.Duration

	// base is the absolute address of the server's own links: BaseURL, or
	// the listening address (set by Run before it serves).
	base string

	// analyses analyses each stored article for its story card in the
	// background, so that a card follows its story as articles arrive.
	analyses *reconcile.Warmer

	// closing is closed when shutdown starts, ending event streams.
	closing   chan struct{}
	closeOnce sync.Once
}

// New returns a Server with the options.
func New(opts Options) (*Server, error) {
	if opts.DB == nil {
		return nil, errors.New("server: a database is required")
	}
	if opts.MaxBody <= 0 {
		opts.MaxBody = DefaultMaxBody
	}
	if opts.WatchInterval <= 0 {
		opts.WatchInterval = 2 * time.Second
	}
	if opts.CacheBytes <= 0 {
		opts.CacheBytes = DefaultCacheBytes
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	base := defaultBase
	if opts.BaseURL != "" {
		var err error
		if base, err = parseBaseURL(opts.BaseURL); err != nil {
			return nil, err
		}
	}
	pg, err := parsePages()
	if err != nil {
		return nil, err
	}
	s := &Server{
		opts:    opts,
		db:      opts.DB,
		log:     opts.Logger,
		metrics: newMetrics(),
		events:  newHub(),
		pages:   pg,
		base:    base,

		streams:      newStreamLimit(maxStreams, maxClientStreams),
		signIns:      newRateLimit(signInBurst, signInInterval),
		loginTimeout: loginTimeout,
		closing:      make(chan struct{}),
	}
	s.responses.budget = opts.CacheBytes
	s.views = newViews(opts.DB)
	s.analyses = reconcile.NewWarmer(opts.DB, 1)
	if opts.Fetch != nil && opts.Pipeline != nil {
		po := feed.Options{
			Client:   opts.Fetch,
			Feeds:    opts.DB,
			Known:    s.known,
			Add:      s.Ingest,
			Interval: opts.PollInterval,
			Logger:   opts.Logger.With("component", "feed"),
			Polled:   s.metrics.feedPolled,
		}
		if opts.FetchPages {
			po.Page = feed.PageReader(opts.Fetch)
		}
		s.poller = feed.NewPoller(po)
	}
	s.handler = s.routes()
	return s, nil
}

// Handler returns the server's HTTP handler.
func (s *Server) Handler() http.Handler { return s.handler }

// Ingest runs one article through the pipeline and tells the views, the
// event stream and the metrics. It is what POST /api/articles and the feed
// poller call.
func (s *Server) Ingest(ctx context.Context, a *storyline.Article) (storyline.Outcome, error) {
	if s.opts.Pipeline == nil {
		return 0, storyline.Errorf(storyline.EINVALID, "This server does not accept articles.")
	}
	start := time.Now()
	res, err := s.opts.Pipeline.Add(ctx, a)
	s.ingested(ctx, ingest.Report{Result: res, Err: err, Elapsed: time.Since(start)})
	return res.Outcome, err
}

// ingested tells the views, the event stream and the metrics what the
// pipeline did with one article.
func (s *Server) ingested(ctx context.Context, r ingest.Report) {
	if r.Elapsed > 0 { // not refused before the pipeline (unreadable)
		s.metrics.pipeline.Observe(r.Elapsed.Seconds())
	}
	if r.Err != nil {
		s.metrics.ingested.WithLabelValues("failed").Inc()
		return
	}
	res := r.Result
	s.metrics.ingested.WithLabelValues(outcomeName(res.Outcome)).Inc()
	if res.Outcome != storyline.Unchanged {
		s.analyses.Add(res.Article)
		s.views.storyChanged(res.Article.Story)
		s.announce(ctx, res.Article, res.Outcome)
	}
}

// storedElsewhere tells the views and the event streams of an article
// that another process stored in the database.
func (s *Server) storedElsewhere(ctx context.Context, c storyline.ArticleChange) {
	a, err := s.db.Article(ctx, c.Article)
	if err != nil {
		return // gone, or the database is away: the watch of LastArticle catches up
	}
	out := storyline.Added
	if c.Revised {
		out = storyline.Revised
	}
	s.views.storyChanged(a.Story)
	s.announce(ctx, a, out)
}

// known reports whether an article key is stored (for the poller).
func (s *Server) known(ctx context.Context, key string) bool {
	_, _, err := s.db.Lookup(ctx, key)
	return err == nil
}

// Run serves on the listener until ctx is done, polling feeds meanwhile,
// then shuts down gracefully: it stops accepting connections, lets every
// request under way finish (an accepted article is always stored), ends the
// event streams and waits for feed polls to finish.
func (s *Server) Run(ctx context.Context, ln net.Listener) error {
	hs := &http.Server{
		Handler:           s.handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       2 * time.Minute,
		WriteTimeout:      2 * time.Minute,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
	hs.RegisterOnShutdown(s.shutdownStreams)
	if s.opts.BaseURL == "" {
		s.base = listenBase(ln.Addr())
		if ap, err := netip.ParseAddrPort(ln.Addr().String()); err == nil && !ap.Addr().IsLoopback() {
			s.log.Warn("no base URL set: links in feeds point at the listening address", "base", s.base)
		}
	}

	var wg sync.WaitGroup
	bg, stopBG := context.WithCancel(context.WithoutCancel(ctx))
	defer stopBG()
	if s.poller != nil {
		wg.Go(func() { s.poller.Run(bg) })
	}
	wg.Go(func() { s.views.watch(bg, s.opts.WatchInterval, s.log) })
	if w, ok := s.db.(storyline.ArticleWatcher); ok {
		// Other processes' articles reach this server's readers at once.
		wg.Go(func() { w.WatchArticles(bg, func(c storyline.ArticleChange) { s.storedElsewhere(bg, c) }) })
	}
	wg.Go(func() { s.warm(bg) })

	serveErr := make(chan error, 1)
	go func() { serveErr <- hs.Serve(ln) }()
	s.log.Info("serving", "addr", ln.Addr().String())

	var err error
	select {
	case err = <-serveErr:
	case <-ctx.Done():
		s.log.Info("shutting down")
		sctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		err = hs.Shutdown(sctx)
		cancel()
		<-serveErr
	}
	stopBG()
	wg.Wait()
	s.views.running.Wait()
	if werr := s.analyses.Close(); werr != nil {
		s.log.Warn("story card analyses", "error", werr)
	}
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	s.log.Info("stopped")
	return nil
}

// warm builds the cards of the front page's stories in the background, so
// that the first visitors do not wait for them.
func (s *Server) warm(ctx context.Context) {
	start := time.Now()
	list, _, err := s.stories(ctx, listQuery{Limit: frontPageSize})
	for _, st := range list {
		if err != nil || ctx.Err() != nil {
			break
		}
		_, err = s.views.story(ctx, st.ID)
	}
	if err != nil && ctx.Err() == nil {
		s.log.Warn("warm story cards", "err", err)
		return
	}
	s.log.Debug("story cards warmed", "stories", len(list), "ms", time.Since(start).Milliseconds())
}

// shutdownStreams ends the event streams so that Shutdown need not wait
// for clients that would stay connected for ever.
func (s *Server) shutdownStreams() {
	s.closeOnce.Do(func() { close(s.closing) })
}

// outcomeName is the metrics label of an outcome.
func outcomeName(o storyline.Outcome) string {
	switch o {
	case storyline.Added:
		return "added"
	case storyline.Revised:
		return "revised"
	}
	return "unchanged"
}
