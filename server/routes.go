package server

import (
	"log/slog"
	"net/http"
	"runtime/debug"
	"strconv"
	"time"

	"github.com/storyline-news/storyline"
)

// routes registers every endpoint. Reads go through requireRead (open
// unless a read token is set), API writes through requireWrite.
func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	read := func(h http.HandlerFunc) http.HandlerFunc { return s.requireRead(h, false) }
	page := func(h http.HandlerFunc) http.HandlerFunc { return s.requireRead(h, true) }

	mux.HandleFunc("GET /healthz", s.handleHealth)
	mux.HandleFunc("GET /metrics", read(s.handleMetrics))
	mux.Handle("GET /static/", staticHandler())
	mux.HandleFunc("GET /events", read(s.handleEvents))

	mux.HandleFunc("GET /api/openapi.json", s.handleOpenAPI)
	mux.HandleFunc("GET /api/stories", read(s.apiStories))
	mux.HandleFunc("GET /api/stories/{id}", read(s.apiStory))
	mux.HandleFunc("GET /api/articles/{id}", read(s.apiArticle))
	mux.HandleFunc("POST /api/articles", s.requireWrite(s.apiAddArticles))
	mux.HandleFunc("GET /api/entities/{name}", read(s.apiEntity))
	mux.HandleFunc("GET /api/search", read(s.apiSearch))
	mux.HandleFunc("GET /api/feeds", read(s.apiFeeds))
	mux.HandleFunc("POST /api/feeds", s.requireWrite(s.apiAddFeed))
	mux.HandleFunc("GET /api/feeds/{id}", read(s.apiFeed))
	mux.HandleFunc("DELETE /api/feeds/{id}", s.requireWrite(s.apiDeleteFeed))
	mux.HandleFunc("POST /api/feeds/{id}/refresh", s.requireWrite(s.apiRefreshFeed))
	mux.HandleFunc("GET /api/feeds.opml", read(s.handleOPMLExport))
	mux.HandleFunc("POST /api/feeds.opml", s.requireWrite(s.apiImportOPML))
	mux.HandleFunc("/api/", s.apiNotFound)

	mux.HandleFunc("GET /feeds/stories.atom", read(s.feedStories(atomFormat)))
	mux.HandleFunc("GET /feeds/stories.json", read(s.feedStories(jsonFeedFormat)))
	mux.HandleFunc("GET /stories/{id}/feed.atom", read(s.feedStory(atomFormat)))
	mux.HandleFunc("GET /stories/{id}/feed.json", read(s.feedStory(jsonFeedFormat)))

	mux.HandleFunc("GET /{$}", page(s.pageFront))
	mux.HandleFunc("GET /stories/{id}", page(s.pageStory))
	mux.HandleFunc("GET /articles/{id}", page(s.pageArticle))
	mux.HandleFunc("GET /entities/{name}", page(s.pageEntity))
	mux.HandleFunc("GET /search", page(s.pageSearch))
	mux.HandleFunc("GET /feeds", page(s.pageFeeds))
	mux.HandleFunc("POST /feeds", s.formAddFeed)
	mux.HandleFunc("POST /feeds/import", s.formImportOPML)
	mux.HandleFunc("POST /feeds/{id}/delete", s.formDeleteFeed)
	mux.HandleFunc("POST /feeds/{id}/refresh", s.formRefreshFeed)
	mux.HandleFunc("GET /feeds.opml", read(s.handleOPMLExport))
	mux.HandleFunc("GET /login", s.pageLogin)
	mux.HandleFunc("POST /login", s.formLogin)
	mux.HandleFunc("POST /logout", s.formLogout)
	mux.HandleFunc("/", s.pageNotFound)
	return s.middleware(mux)
}

// contentSecurityPolicy allows only the server's own scripts, styles and
// images: an injected <script> or onerror= attribute does not run.
const contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; manifest-src 'self'"

// Header values set on every response.
var (
	cspHeader        = []string{contentSecurityPolicy}
	nosniffHeader    = []string{"nosniff"}
	denyHeader       = []string{"DENY"}
	sameOriginHeader = []string{"same-origin"}
)

// middleware sets the security headers, recovers from panics, and records
// each request's route, status and latency in the metrics and the log.
func (s *Server) middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		h := w.Header()
		// Shared, never modified values: no allocation per request.
		h["Content-Security-Policy"] = cspHeader
		h["X-Content-Type-Options"] = nosniffHeader
		h["X-Frame-Options"] = denyHeader
		h["Referrer-Policy"] = sameOriginHeader
		rec := &recorder{ResponseWriter: w, status: http.StatusOK}
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.log.Error("panic", "path", r.URL.Path, "panic", v, "stack", string(debug.Stack()))
				if !rec.wrote {
					s.jsonError(rec, r, storyline.Errorf(storyline.EINTERNAL, "panic"))
				}
			}
			d := time.Since(start)
			s.metrics.observeRequest(r.Pattern, rec.status, d.Seconds())
			// Errors and writes are logged; reads only at debug level.
			level := slog.LevelDebug
			switch {
			case rec.status >= 500:
				level = slog.LevelError
			case r.Method != http.MethodGet && r.Method != http.MethodHead:
				level = slog.LevelInfo
			}
			if s.log.Enabled(r.Context(), level) {
				s.log.Log(r.Context(), level, "request", "method", r.Method, "path", r.URL.Path, "status", rec.status, "ms", d.Milliseconds())
			}
		}()
		next.ServeHTTP(rec, r)
	})
}

// recorder remembers the status a handler wrote.
type recorder struct {
	http.ResponseWriter
	status int
	wrote  bool
}

// WriteHeader records the first status and passes it on.
func (r *recorder) WriteHeader(code int) {
	if !r.wrote {
		r.status, r.wrote = code, true
	}
	r.ResponseWriter.WriteHeader(code)
}

// Write notes that the response has started and passes b on.
func (r *recorder) Write(b []byte) (int, error) {
	r.wrote = true
	return r.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach Flush and deadlines.
func (r *recorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// handleHealth answers whether the server can read its database.
func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request) {
	if _, err := s.db.LastArticle(r.Context()); err != nil {
		writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "unavailable", "error": "database unreadable"})
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

// apiNotFound answers unknown /api/ paths in JSON.
func (s *Server) apiNotFound(w http.ResponseWriter, r *http.Request) {
	s.jsonError(w, r, storyline.Errorf(storyline.ENOTFOUND, "No API endpoint %s %s (see /api/openapi.json).", r.Method, r.URL.Path))
}

// parseID reads a positive integer id from a path or query value.
func parseID(v string) (int64, error) {
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil || id <= 0 {
		return 0, storyline.Errorf(storyline.EINVALID, "%q is not an id.", v)
	}
	return id, nil
}
