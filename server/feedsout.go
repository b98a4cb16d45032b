package server

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"
	"time"
)

// outFormat is Atom or JSON Feed.
type outFormat int

const (
	atomFormat outFormat = iota
	jsonFeedFormat
)

// outEntry is one entry of an output feed, in neither format yet.
type outEntry struct {
	ID        string
	URL       string
	Title     string
	Text      string
	Published time.Time
	Updated   time.Time
	Authors   []string
}

// outFeed is an output feed before encoding.
type outFeed struct {
	Title   string
	Self    string // the feed's own URL
	Home    string // the page it mirrors
	Updated time.Time
	Entries []outEntry
}

// parseBaseURL checks a configured public address and returns it without
// a final slash: an absolute http or https URL with a host, and nothing
// after its path.
func parseBaseURL(v string) (string, error) {
	u, err := url.Parse(v)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil ||
		u.RawQuery != "" || u.Fragment != "" || u.Opaque != "" {
		return "", fmt.Errorf("server: base URL %q is not an http or https address like https://news.example", v)
	}
	return strings.TrimRight(u.String(), "/"), nil
}

// listenBase is the address links point at when no base URL is set: the
// listening address, with a wildcard host named localhost.
func listenBase(addr net.Addr) string {
	host, port, err := net.SplitHostPort(addr.String())
	if err != nil {
		return defaultBase
	}
	if ip := net.ParseIP(host); host == "" || (ip != nil && ip.IsUnspecified()) {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, port)
}

// defaultBase is where links point before the server listens (a handler
// served by other means) when no base URL is set.
const defaultBase = "http://localhost"

// feedSize is how many stories a stories feed lists by default.
const feedSize = 50

// feedStories serves the ranked stories as a feed, optionally filtered by
// ?entity= or ?q=, an entry per story.
func (s *Server) feedStories(format outFormat) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		q, err := readListQuery(r, feedSize)
		if err != nil {
			s.jsonError(w, r, err)
			return
		}
		q.Latest = true // feed readers order by date anyway
		ctype := "application/atom+xml; charset=utf-8"
		if format == jsonFeedFormat {
			ctype = "application/feed+json; charset=utf-8"
		}
		base := s.base
		s.cached(w, r, q.variant(), ctype, func() ([]byte, error) {
			list, _, err := s.stories(r.Context(), q)
			if err != nil {
				return nil, err
			}
			self := base + r.URL.Path
			if p := feedParams(q); p != "" {
				self += "?" + p
			}
			of := outFeed{Title: "storyline: stories", Self: self, Home: base + "/"}
			switch {
			case q.Entity != "":
				of.Title = "storyline: stories about " + q.Entity
				of.Home = base + "/entities/" + url.PathEscape(q.Entity)
			case q.Q != "":
				of.Title = "storyline: stories matching " + q.Q
				of.Home = base + "/search?q=" + url.QueryEscape(q.Q)
			}
			for _, st := range list {
				e := outEntry{ID: base + storyPath(st.ID), URL: base + storyPath(st.ID), Title: st.Title,
					Published: st.Created, Updated: st.Updated}
				e.Text = plural(st.Sources, "independent source") + ", " + plural(st.Articles, "article") + "."
				if v, err := s.views.story(r.Context(), st.ID); err == nil && len(v.Card.Summary) > 0 {
					e.Text = strings.Join(v.Card.Summary, " ") + "\n\n" + e.Text
				}
				of.Entries = append(of.Entries, e)
				if st.Updated.After(of.Updated) {
					of.Updated = st.Updated
				}
			}
			return encodeFeed(format, of)
		})
	}
}

// feedParams is the query of a stories feed as URL parameters in canonical
// order, those at their default left out (the feed's own URL is built from
// them, not copied from the request, so that it is the same for every
// request that shares a cached feed).
func feedParams(q listQuery) string {
	v := url.Values{}
	if q.Q != "" {
		v.Set("q", q.Q)
	}
	if q.Entity != "" {
		v.Set("entity", q.Entity)
	}
	if q.Limit != feedSize {
		v.Set("limit", strconv.Itoa(q.Limit))
	}
	if q.Offset != 0 {
		v.Set("offset", strconv.Itoa(q.Offset))
	}
	return v.Encode()
}

// feedStory serves one story's developments as a feed: its timeline when
// the card has one, else its articles, newest first.
func (s *Server) feedStory(format outFormat) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, err := parseID(r.PathValue("id"))
		if err != nil {
			s.jsonError(w, r, err)
			return
		}
		ctype := "application/atom+xml; charset=utf-8"
		if format == jsonFeedFormat {
			ctype = "application/feed+json; charset=utf-8"
		}
		base := s.base
		s.cached(w, r, itoa(id), ctype, func() ([]byte, error) {
			v, err := s.views.story(r.Context(), id)
			if err != nil {
				return nil, err
			}
			return encodeFeed(format, storyFeed(v, base, base+storyPath(id)+"/"+path.Base(r.URL.Path)))
		})
	}
}

// storyFeed lists a story's developments, newest first.
func storyFeed(v *storyView, base, self string) outFeed {
	of := outFeed{Title: "storyline: " + v.Story.Title, Self: self, Home: base + storyPath(v.Story.ID), Updated: v.Story.Updated}
	if len(v.Card.Timeline) > 0 {
		for i, d := range v.Card.Timeline {
			id := v.ArticleID[d.Article]
			e := outEntry{ID: fmt.Sprintf("%s%s#development-%d", base, storyPath(v.Story.ID), i+1), URL: base + "/articles/" + itoa(id),
				Title: d.Source + ": " + firstWords(d.Text, 12), Text: d.Text, Published: d.Time, Updated: d.Time}
			if d.Source != "" {
				e.Authors = []string{d.Source}
			}
			of.Entries = append(of.Entries, e)
		}
	} else {
		for _, a := range v.Articles {
			e := outEntry{ID: base + "/articles/" + itoa(a.ID), URL: base + "/articles/" + itoa(a.ID),
				Title: outletName(a) + ": " + a.Title, Text: firstWords(a.Body, 80), Published: when(a), Updated: when(a)}
			e.Authors = []string{outletName(a)}
			of.Entries = append(of.Entries, e)
		}
	}
	// Newest first, as feed readers expect.
	for i, j := 0, len(of.Entries)-1; i < j; i, j = i+1, j-1 {
		of.Entries[i], of.Entries[j] = of.Entries[j], of.Entries[i]
	}
	return of
}

// firstWords cuts a text after n words.
func firstWords(s string, n int) string {
	words := strings.Fields(s)
	if len(words) <= n {
		return strings.Join(words, " ")
	}
	return strings.Join(words[:n], " ") + " …"
}

func encodeFeed(format outFormat, of outFeed) ([]byte, error) {
	if of.Updated.IsZero() {
		of.Updated = time.Unix(0, 0).UTC()
	}
	if format == jsonFeedFormat {
		return encodeJSONFeed(of)
	}
	return encodeAtom(of)
}

// Atom 1.0 (RFC 4287) documents.
type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Title   string      `xml:"title"`
	ID      string      `xml:"id"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Author  atomPerson  `xml:"author"`
	Gen     string      `xml:"generator"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomEntry struct {
	Title     string       `xml:"title"`
	ID        string       `xml:"id"`
	Updated   string       `xml:"updated"`
	Published string       `xml:"published,omitempty"`
	Links     []atomLink   `xml:"link"`
	Authors   []atomPerson `xml:"author"`
	Summary   atomText     `xml:"summary"`
}

type atomText struct {
	Type string `xml:"type,attr"`
	Text string `xml:",chardata"`
}

func atomTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }

func encodeAtom(of outFeed) ([]byte, error) {
	af := atomFeed{Title: of.Title, ID: of.Self, Updated: atomTime(of.Updated), Author: atomPerson{Name: "storyline"}, Gen: "storyline",
		Links: []atomLink{{Rel: "self", Type: "application/atom+xml", Href: of.Self}, {Rel: "alternate", Type: "text/html", Href: of.Home}}}
	for _, e := range of.Entries {
		updated := e.Updated
		if updated.IsZero() {
			updated = of.Updated
		}
		ae := atomEntry{Title: e.Title, ID: e.ID, Updated: atomTime(updated), Links: []atomLink{{Rel: "alternate", Type: "text/html", Href: e.URL}},
			Summary: atomText{Type: "text", Text: e.Text}}
		if !e.Published.IsZero() {
			ae.Published = atomTime(e.Published)
		}
		for _, a := range e.Authors {
			ae.Authors = append(ae.Authors, atomPerson{Name: a})
		}
		af.Entries = append(af.Entries, ae)
	}
	buf, err := xml.MarshalIndent(af, "", "  ")
	if err != nil {
		return nil, err
	}
	return append([]byte(xml.Header), append(buf, '\n')...), nil
}

// JSON Feed 1.1 (https://jsonfeed.org/version/1.1) documents.
type jsonFeed struct {
	Version     string         `json:"version"`
	Title       string         `json:"title"`
	HomePageURL string         `json:"home_page_url"`
	FeedURL     string         `json:"feed_url"`
	Items       []jsonFeedItem `json:"items"`
}

type jsonFeedItem struct {
	ID            string           `json:"id"`
	URL           string           `json:"url"`
	Title         string           `json:"title"`
	ContentText   string           `json:"content_text"`
	DatePublished string           `json:"date_published,omitempty"`
	DateModified  string           `json:"date_modified,omitempty"`
	Authors       []jsonFeedAuthor `json:"authors,omitempty"`
}

type jsonFeedAuthor struct {
	Name string `json:"name"`
}

func encodeJSONFeed(of outFeed) ([]byte, error) {
	jf := jsonFeed{Version: "https://jsonfeed.org/version/1.1", Title: of.Title, HomePageURL: of.Home, FeedURL: of.Self, Items: []jsonFeedItem{}}
	for _, e := range of.Entries {
		it := jsonFeedItem{ID: e.ID, URL: e.URL, Title: e.Title, ContentText: e.Text}
		if !e.Published.IsZero() {
			it.DatePublished = atomTime(e.Published)
		}
		if !e.Updated.IsZero() {
			it.DateModified = atomTime(e.Updated)
		}
		for _, a := range e.Authors {
			it.Authors = append(it.Authors, jsonFeedAuthor{Name: a})
		}
		jf.Items = append(jf.Items, it)
	}
	buf, err := json.MarshalIndent(jf, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(buf, '\n'), nil
}
