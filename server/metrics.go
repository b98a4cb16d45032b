package server

import (
	"context"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/storyline-news/storyline"
)

// metrics holds what /metrics reports, through the Prometheus client
// library, in a registry of the server's own (not the library's global
// one, so that servers in one process, as in tests, count apart).
type metrics struct {
	registry  *prometheus.Registry
	handler   http.Handler
	ingested  *prometheus.CounterVec // by outcome
	feedPolls *prometheus.CounterVec // by feed URL
	feedErrs  *prometheus.CounterVec // by feed URL
	pipeline  prometheus.Histogram
	requests  *prometheus.CounterVec   // by route pattern and status code
	latency   *prometheus.HistogramVec // by route pattern
	streams   atomic.Int64             // open event streams

	// The store's counts scan tables: they are read at most every five
	// seconds, when /metrics is served.
	statsMu                  sync.Mutex
	statsAt                  time.Time
	articles, stories, feeds atomic.Int64
}

// Bucket bounds in seconds.
var (
	pipelineBuckets = []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5}
	requestBuckets  = []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 5}
)

func newMetrics() *metrics {
	start := time.Now()
	m := &metrics{
		registry: prometheus.NewRegistry(),
		ingested: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "storyline_articles_ingested_total", Help: "Articles run through the pipeline, by outcome."}, []string{"outcome"}),
		feedPolls: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "storyline_feed_polls_total", Help: "Feed polls, by feed URL."}, []string{"feed"}),
		feedErrs: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "storyline_feed_fetch_errors_total", Help: "Failed feed polls, by feed URL."}, []string{"feed"}),
		pipeline: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name: "storyline_pipeline_seconds", Help: "Time to analyse, cluster and store one article.", Buckets: pipelineBuckets}),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "storyline_http_requests_total", Help: "HTTP requests, by route pattern and status code."}, []string{"route", "code"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "storyline_http_request_seconds", Help: "HTTP request latency, by route pattern.", Buckets: requestBuckets}, []string{"route"}),
	}
	gauge := func(name, help string, f func() float64) prometheus.Collector {
		return prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: name, Help: help}, f)
	}
	m.registry.MustRegister(m.ingested, m.feedPolls, m.feedErrs, m.pipeline, m.requests, m.latency,
		gauge("storyline_articles", "Articles stored.", func() float64 { return float64(m.articles.Load()) }),
		gauge("storyline_stories", "Live stories.", func() float64 { return float64(m.stories.Load()) }),
		gauge("storyline_feeds", "Feeds polled.", func() float64 { return float64(m.feeds.Load()) }),
		gauge("storyline_event_streams", "Open Server-Sent Events connections.", func() float64 { return float64(m.streams.Load()) }),
		gauge("storyline_uptime_seconds", "Seconds since the server started.", func() float64 { return time.Since(start).Seconds() }),
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
	)
	m.handler = promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{})
	return m
}

// feedPolled counts a poll (the feed poller's hook).
func (m *metrics) feedPolled(f *storyline.Feed, _ int, err error) {
	m.feedPolls.WithLabelValues(f.URL).Inc()
	if err != nil {
		m.feedErrs.WithLabelValues(f.URL).Inc()
	}
}

// observeRequest records one HTTP request under its route pattern.
func (m *metrics) observeRequest(route string, code int, seconds float64) {
	if route == "" {
		route = "unmatched"
	}
	m.requests.WithLabelValues(route, strconv.Itoa(code)).Inc()
	m.latency.WithLabelValues(route).Observe(seconds)
}

// handleMetrics serves /metrics.
func (s *Server) handleMetrics(w http.ResponseWriter, r *http.Request) {
	s.refreshStoreStats(r.Context())
	s.metrics.handler.ServeHTTP(w, r)
}

// refreshStoreStats reads the store's counts for the gauges, at most every
// five seconds (they scan tables); on an error the last counts stay.
func (s *Server) refreshStoreStats(ctx context.Context) {
	m := s.metrics
	m.statsMu.Lock()
	defer m.statsMu.Unlock()
	if time.Since(m.statsAt) < 5*time.Second {
		return
	}
	st, err := s.db.Stats(ctx)
	if err != nil {
		s.log.Warn("metrics: store stats", "err", err)
		return
	}
	m.articles.Store(int64(st.Articles))
	m.stories.Store(int64(st.Stories))
	m.feeds.Store(int64(st.Feeds))
	m.statsAt = time.Now()
}
