package server

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"math"
	"net/http"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/storyline-news/storyline"
)

// metrics holds what /metrics reports, written in the Prometheus text
// exposition format (version 0.0.4) without a client library: a few
// counters and histograms do not need one.
type metrics struct {
	start     time.Time
	ingested  *counterVec // by outcome
	feedPolls *counterVec // by feed URL
	feedErrs  *counterVec // by feed URL
	pipeline  *histogram
	streams   atomic.Int64

	// routes holds request counts and latencies by route pattern; a map
	// under a read lock costs no allocation per request, as a sync.Map
	// with string keys would.
	routesMu sync.RWMutex
	routes   map[string]*routeStats

	statsMu   sync.Mutex
	statsAt   time.Time
	statsText string
}

func newMetrics() *metrics {
	return &metrics{
		start:     time.Now(),
		ingested:  newCounterVec("outcome"),
		feedPolls: newCounterVec("feed"),
		feedErrs:  newCounterVec("feed"),
		pipeline:  newHistogram(pipelineBuckets),
		routes:    map[string]*routeStats{},
	}
}

// Bucket bounds in seconds.
var (
	pipelineBuckets = []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5}
	requestBuckets  = []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 5}
)

// feedPolled counts a poll (the feed poller's hook).
func (m *metrics) feedPolled(f *storyline.Feed, _ int, err error) {
	m.feedPolls.inc(f.URL)
	if err != nil {
		m.feedErrs.inc(f.URL)
	}
}

// routeStats are the requests of one route pattern.
type routeStats struct {
	latency *histogram
	codes   map[int]*atomic.Uint64 // guarded by metrics.routesMu
}

// observeRequest records one HTTP request under its route pattern.
func (m *metrics) observeRequest(route string, code int, seconds float64) {
	if route == "" {
		route = "unmatched"
	}
	m.routesMu.RLock()
	rs := m.routes[route]
	var n *atomic.Uint64
	if rs != nil {
		n = rs.codes[code]
	}
	m.routesMu.RUnlock()
	if n == nil {
		m.routesMu.Lock()
		if rs = m.routes[route]; rs == nil {
			rs = &routeStats{latency: newHistogram(requestBuckets), codes: map[int]*atomic.Uint64{}}
			m.routes[route] = rs
		}
		if n = rs.codes[code]; n == nil {
			n = new(atomic.Uint64)
			rs.codes[code] = n
		}
		m.routesMu.Unlock()
	}
	n.Add(1)
	rs.latency.observe(seconds)
}

// writeRoutes prints the request counters and latency histograms.
func (m *metrics) writeRoutes(w io.Writer) {
	m.routesMu.RLock()
	defer m.routesMu.RUnlock()
	routes := make([]string, 0, len(m.routes))
	for r := range m.routes {
		routes = append(routes, r)
	}
	sort.Strings(routes)
	fmt.Fprintf(w, "# HELP storyline_http_requests_total HTTP requests, by route pattern and status code.\n# TYPE storyline_http_requests_total counter\n")
	for _, route := range routes {
		codes := make([]int, 0, len(m.routes[route].codes))
		for c := range m.routes[route].codes {
			codes = append(codes, c)
		}
		sort.Ints(codes)
		for _, c := range codes {
			fmt.Fprintf(w, "storyline_http_requests_total%s %d\n", labelSet([]string{"route", "code"}, []string{route, strconv.Itoa(c)}),
				m.routes[route].codes[c].Load())
		}
	}
	fmt.Fprintf(w, "# HELP storyline_http_request_seconds HTTP request latency, by route pattern.\n# TYPE storyline_http_request_seconds histogram\n")
	for _, route := range routes {
		m.routes[route].latency.write(w, "storyline_http_request_seconds", []string{"route"}, []string{route})
	}
}

// counterVec is a counter with labels.
type counterVec struct {
	labels []string
	values sync.Map // joined label values → *atomic.Uint64
}

func newCounterVec(labels ...string) *counterVec { return &counterVec{labels: labels} }

// inc adds one to the counter with the label values.
func (c *counterVec) inc(values ...string) {
	key := strings.Join(values, "\x00")
	v, ok := c.values.Load(key)
	if !ok {
		v, _ = c.values.LoadOrStore(key, new(atomic.Uint64))
	}
	v.(*atomic.Uint64).Add(1)
}

// write prints the counter's samples, sorted by labels.
func (c *counterVec) write(w io.Writer, name, help string) {
	fmt.Fprintf(w, "# HELP %s %s\n# TYPE %s counter\n", name, help, name)
	var keys []string
	c.values.Range(func(k, _ any) bool { keys = append(keys, k.(string)); return true })
	sort.Strings(keys)
	for _, k := range keys {
		v, _ := c.values.Load(k)
		fmt.Fprintf(w, "%s%s %d\n", name, labelSet(c.labels, strings.Split(k, "\x00")), v.(*atomic.Uint64).Load())
	}
}

// histogram counts observations in cumulative buckets.
type histogram struct {
	bounds []float64
	counts []atomic.Uint64 // per bucket, not cumulative; last is +Inf
	sum    atomic.Uint64   // float64 bits
}

func newHistogram(bounds []float64) *histogram {
	return &histogram{bounds: bounds, counts: make([]atomic.Uint64, len(bounds)+1)}
}

func (h *histogram) observe(v float64) {
	i := sort.SearchFloat64s(h.bounds, v)
	h.counts[i].Add(1)
	for {
		old := h.sum.Load()
		if h.sum.CompareAndSwap(old, math.Float64bits(math.Float64frombits(old)+v)) {
			return
		}
	}
}

// write prints the histogram's series with extra labels.
func (h *histogram) write(w io.Writer, name string, labels []string, values []string) {
	var cum uint64
	for i, b := range h.bounds {
		cum += h.counts[i].Load()
		fmt.Fprintf(w, "%s_bucket%s %d\n", name, labelSet(append(labels, "le"), append(values, formatFloat(b))), cum)
	}
	cum += h.counts[len(h.bounds)].Load()
	fmt.Fprintf(w, "%s_bucket%s %d\n", name, labelSet(append(labels, "le"), append(values, "+Inf")), cum)
	fmt.Fprintf(w, "%s_sum%s %s\n", name, labelSet(labels, values), formatFloat(math.Float64frombits(h.sum.Load())))
	fmt.Fprintf(w, "%s_count%s %d\n", name, labelSet(labels, values), cum)
}

// labelSet formats {a="x",b="y"}, escaping values as the format requires.
func labelSet(names, values []string) string {
	if len(names) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteByte('{')
	for i, n := range names {
		if i > 0 {
			b.WriteByte(',')
		}
		v := ""
		if i < len(values) {
			v = values[i]
		}
		b.WriteString(n)
		b.WriteString(`="`)
		b.WriteString(strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`).Replace(v))
		b.WriteByte('"')
	}
	b.WriteByte('}')
	return b.String()
}

func formatFloat(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }

// handleMetrics serves /metrics.
func (s *Server) handleMetrics(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	bw := bufio.NewWriter(w)
	m := s.metrics
	m.ingested.write(bw, "storyline_articles_ingested_total", "Articles run through the pipeline, by outcome.")
	fmt.Fprintf(bw, "# HELP storyline_pipeline_seconds Time to analyse, cluster and store one article.\n# TYPE storyline_pipeline_seconds histogram\n")
	m.pipeline.write(bw, "storyline_pipeline_seconds", nil, nil)
	bw.WriteString(s.storeGauges(r.Context()))
	m.feedPolls.write(bw, "storyline_feed_polls_total", "Feed polls, by feed URL.")
	m.feedErrs.write(bw, "storyline_feed_fetch_errors_total", "Failed feed polls, by feed URL.")
	m.writeRoutes(bw)
	fmt.Fprintf(bw, "# HELP storyline_event_streams Open Server-Sent Events connections.\n# TYPE storyline_event_streams gauge\nstoryline_event_streams %d\n", m.streams.Load())
	fmt.Fprintf(bw, "# HELP storyline_uptime_seconds Seconds since the server started.\n# TYPE storyline_uptime_seconds gauge\nstoryline_uptime_seconds %s\n", formatFloat(time.Since(m.start).Seconds()))
	fmt.Fprintf(bw, "# HELP go_goroutines Number of goroutines.\n# TYPE go_goroutines gauge\ngo_goroutines %d\n", runtime.NumGoroutine())
	bw.Flush()
}

// storeGauges returns the store's counts as gauges, recomputed at most
// every five seconds (they scan tables).
func (s *Server) storeGauges(ctx context.Context) string {
	m := s.metrics
	m.statsMu.Lock()
	defer m.statsMu.Unlock()
	if time.Since(m.statsAt) < 5*time.Second && m.statsText != "" {
		return m.statsText
	}
	st, err := s.db.Stats(ctx)
	if err != nil {
		s.log.Warn("metrics: store stats", "err", err)
		return m.statsText
	}
	m.statsText = fmt.Sprintf("# HELP storyline_articles Articles stored.\n# TYPE storyline_articles gauge\nstoryline_articles %d\n"+
		"# HELP storyline_stories Live stories.\n# TYPE storyline_stories gauge\nstoryline_stories %d\n"+
		"# HELP storyline_feeds Feeds polled.\n# TYPE storyline_feeds gauge\nstoryline_feeds %d\n",
		st.Articles, st.Stories, st.Feeds)
	m.statsAt = time.Now()
	return m.statsText
}
