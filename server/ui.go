package server

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/storyline-news/storyline"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// pages holds one template set per page, each with the shared layout.
type pages struct {
	byName map[string]*template.Template
}

// funcs are the helpers templates may call.
var funcs = template.FuncMap{
	"date":       formatDate,
	"isodate":    func(t time.Time) string { return t.UTC().Format(time.RFC3339) },
	"pathEscape": url.PathEscape,
	"join":       strings.Join,
	"paragraphs": paragraphs,
	"snippet":    markedSnippet,
	"status":     statusLabel,
	"plural":     plural,
	"f1":         func(f float64) string { return fmt.Sprintf("%.1f", f) },
	"add":        func(a, b int) int { return a + b },
	"disputed":   func(c *storyline.Card, i int) bool { return slices.Contains(c.SummaryDisputed, i) },
	// isName tells a speaker's name ("Carla Mendes") from a description
	// the card gives when it has none ("his mother"): only a name links to
	// an entity page.
	"isName": func(s string) bool {
		r, _ := utf8.DecodeRuneInString(s)
		return unicode.IsUpper(r)
	},
	"sub": func(a, b int) int { return a - b },
	"more": func(p *storyPage, section string, hidden int, noun string) moreLink {
		return moreLink{Story: p.Story.ID, All: p.All, Section: section, Hidden: hidden, Noun: noun}
	},
	"rowSwatchY": func(y float64) float64 { return y - 9 },
	"entityFlags": func(e storyline.CardEntity, flags []storyline.Flag) []storyline.Flag {
		return entityFlags(e, flags)
	},
	"cellSymbol": func(state string) string {
		switch state {
		case cellReports:
			return "●"
		case cellDiffers:
			return "▲"
		}
		return "·"
	},
}

// parsePages parses every page template with the layout.
func parsePages() (*pages, error) {
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return nil, err
	}
	p := &pages{byName: map[string]*template.Template{}}
	for _, name := range names {
		base := path.Base(name)
		if base == "layout.html" {
			continue
		}
		t, err := template.New(base).Funcs(funcs).ParseFS(templateFS, "templates/layout.html", name)
		if err != nil {
			return nil, fmt.Errorf("parse %s: %w", name, err)
		}
		p.byName[strings.TrimSuffix(base, ".html")] = t
	}
	return p, nil
}

// pageData is what the layout needs, with the page's own data.
type pageData struct {
	Title string
	// Nav names the current section, for aria-current.
	Nav string
	// Query fills the search box.
	Query string
	// Live turns on live updates: "all" or "story:ID".
	Live string
	// Feeds are alternate links (Atom, JSON Feed) of the page.
	Feeds []altLink
	// CanWrite tells whether the visitor may change data; WritesOn whether
	// the server accepts writes at all; SignedIn whether a session is set.
	CanWrite, WritesOn, SignedIn bool
	Data                         any
}

// altLink is a <link rel="alternate">.
type altLink struct {
	Type, Title, Href string
}

// newPage fills the layout fields from the request.
func (s *Server) newPage(r *http.Request, title, nav string, data any) *pageData {
	pd := &pageData{Title: title, Nav: nav, Data: data, WritesOn: s.opts.Token != ""}
	level := s.access(r)
	pd.CanWrite = pd.WritesOn && level == writeAccess
	// Derived from the access level alone, so that cached pages (keyed by
	// it) are right for everyone who shares it.
	pd.SignedIn = pd.CanWrite || (s.opts.ReadToken != "" && level == readAccess)
	return pd
}

// renderBytes executes a page template.
func (s *Server) renderBytes(name string, pd *pageData) ([]byte, error) {
	t := s.pages.byName[name]
	if t == nil {
		return nil, fmt.Errorf("no page template %q", name)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", pd); err != nil {
		return nil, fmt.Errorf("render %s: %w", name, err)
	}
	return buf.Bytes(), nil
}

// render writes a page with the status.
func (s *Server) render(w http.ResponseWriter, r *http.Request, code int, name string, pd *pageData) {
	body, err := s.renderBytes(name, pd)
	if err != nil {
		s.log.Error("render", "page", name, "err", err)
		http.Error(w, "Internal error.", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", htmlType)
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	w.Write(body)
}

const htmlType = "text/html; charset=utf-8"

// errorPage is the data of the error page.
type errorPage struct {
	Status  int
	Message string
}

// pageError answers a page request with an error page.
func (s *Server) pageError(w http.ResponseWriter, r *http.Request, err error) {
	err = classify(err)
	code := storyline.ErrorCode(err)
	if code == storyline.EINTERNAL {
		s.log.Error("page failed", "path", r.URL.Path, "err", err)
	}
	st := status(code)
	s.render(w, r, st, "error", s.newPage(r, http.StatusText(st), "", errorPage{Status: st, Message: storyline.ErrorMessage(err)}))
}

func (s *Server) pageNotFound(w http.ResponseWriter, r *http.Request) {
	s.pageError(w, r, storyline.Errorf(storyline.ENOTFOUND, "There is no page at %s.", r.URL.Path))
}

// staticHandler serves the embedded CSS and JavaScript, cacheable for a day.
func staticHandler() http.Handler {
	sub, _ := fs.Sub(staticFS, "static")
	files := http.StripPrefix("/static/", http.FileServerFS(sub))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=86400")
		files.ServeHTTP(w, r)
	})
}

// formatDate prints a time for readers, in UTC: "7 Oct 2025 14:05 UTC".
func formatDate(t time.Time) string {
	if t.IsZero() {
		return "date unknown"
	}
	return t.UTC().Format("2 Jan 2006 15:04 MST")
}

// paragraphs splits a body into its paragraphs.
func paragraphs(body string) []string {
	var out []string
	for _, p := range strings.Split(body, "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// statusLabel says a claim or quote status in words.
func statusLabel(st storyline.Status) string {
	switch st {
	case storyline.Corroborated:
		return "corroborated"
	case storyline.SingleSource:
		return "single source"
	case storyline.Conflicting:
		return "conflicting"
	}
	return string(st)
}

// plural says "1 article", "3 articles".
func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	if strings.HasSuffix(word, "y") && !strings.HasSuffix(word, "ey") {
		return fmt.Sprintf("%d %sies", n, strings.TrimSuffix(word, "y"))
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// Highlight markers put into search snippets by the store, which pages
// turn into <mark> after escaping the text around them, and the API strips.
const (
	markStart = storyline.SnippetMarkStart
	markEnd   = storyline.SnippetMarkEnd
)

// markedSnippet escapes a snippet and turns the markers into <mark>: the
// only HTML in the result is what this function writes.
func markedSnippet(s string) template.HTML {
	var b strings.Builder
	for s != "" {
		i := strings.IndexAny(s, markStart+markEnd)
		if i < 0 {
			b.WriteString(template.HTMLEscapeString(s))
			break
		}
		b.WriteString(template.HTMLEscapeString(s[:i]))
		if s[i] == markStart[0] {
			b.WriteString("<mark>")
		} else {
			b.WriteString("</mark>")
		}
		s = s[i+1:]
	}
	return template.HTML(b.String())
}

// plainSnippet removes the markers.
func plainSnippet(s string) string {
	return storyline.PlainSnippet(s)
}
