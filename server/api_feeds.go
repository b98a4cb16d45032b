package server

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/feed"
)

// feedItem is a feed as the API shows it.
type feedItem struct {
	*storyline.Feed
	Status          storyline.FeedStatus `json:"status"`
	IntervalSeconds int64                `json:"interval_seconds"`
}

func (s *Server) feedItem(f *storyline.Feed) feedItem {
	iv := f.Interval
	if iv <= 0 && s.poller != nil {
		iv = s.poller.Interval()
	}
	return feedItem{Feed: f, Status: f.Status(), IntervalSeconds: int64(iv / time.Second)}
}

func (s *Server) apiFeeds(w http.ResponseWriter, r *http.Request) {
	feeds, err := s.db.Feeds(r.Context())
	if err != nil {
		s.jsonError(w, r, err)
		return
	}
	items := make([]feedItem, 0, len(feeds))
	for _, f := range feeds {
		items = append(items, s.feedItem(f))
	}
	writeJSON(w, http.StatusOK, items)
}

func (s *Server) apiFeed(w http.ResponseWriter, r *http.Request) {
	f, err := s.feedFromPath(r)
	if err != nil {
		s.jsonError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, s.feedItem(f))
}

func (s *Server) feedFromPath(r *http.Request) (*storyline.Feed, error) {
	id, err := parseID(r.PathValue("id"))
	if err != nil {
		return nil, err
	}
	return s.db.Feed(r.Context(), id)
}

// newFeed is the body of POST /api/feeds.
type newFeed struct {
	URL             string `json:"url"`
	Title           string `json:"title"`
	Source          string `json:"source"`
	IntervalSeconds int64  `json:"interval_seconds"`
}

func (s *Server) apiAddFeed(w http.ResponseWriter, r *http.Request) {
	var nf newFeed
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, smallBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&nf); err != nil {
		s.jsonError(w, r, storyline.Errorf(storyline.EINVALID, "The body must be a JSON object {\"url\", \"title\", \"source\", \"interval_seconds\"}: %v.", classify(err)))
		return
	}
	f, err := s.addFeed(r.Context(), nf)
	if err != nil {
		s.jsonError(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/feeds/"+itoa(f.ID))
	writeJSON(w, http.StatusCreated, s.feedItem(f))
}

// addFeed checks and stores a new feed, due at once.
func (s *Server) addFeed(ctx context.Context, nf newFeed) (*storyline.Feed, error) {
	u, err := checkFeedURL(nf.URL)
	if err != nil {
		return nil, err
	}
	iv := time.Duration(nf.IntervalSeconds) * time.Second
	if iv != 0 && iv < feed.MinInterval {
		return nil, storyline.Errorf(storyline.EINVALID, "The interval must be at least %d seconds.", int(feed.MinInterval.Seconds()))
	}
	f := &storyline.Feed{URL: u, Title: clip(nf.Title, 200), Source: clip(nf.Source, 200), Interval: iv, NextFetch: time.Now().UTC()}
	if err := s.db.AddFeed(ctx, f); err != nil {
		return nil, err
	}
	s.log.Info("feed added", "feed", f.ID, "url", f.URL)
	if s.poller != nil {
		s.poller.Wake()
	}
	return f, nil
}

// checkFeedURL accepts absolute http(s) URLs; where they point is checked
// when they are fetched (the fetch client refuses private addresses).
func checkFeedURL(raw string) (string, error) {
	raw = strings.TrimSpace(raw)
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || len(raw) > 2048 {
		return "", storyline.Errorf(storyline.EINVALID, "A feed URL must be an absolute http or https address.")
	}
	u.Fragment = ""
	return u.String(), nil
}

// clip trims s and cuts it to n runes.
func clip(s string, n int) string {
	s = strings.TrimSpace(s)
	if r := []rune(s); len(r) > n {
		return string(r[:n])
	}
	return s
}

func (s *Server) apiDeleteFeed(w http.ResponseWriter, r *http.Request) {
	id, err := parseID(r.PathValue("id"))
	if err == nil {
		err = s.db.DeleteFeed(r.Context(), id)
	}
	if err != nil {
		s.jsonError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) apiRefreshFeed(w http.ResponseWriter, r *http.Request) {
	f, err := s.refreshFeed(r)
	if err != nil {
		s.jsonError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, s.feedItem(f))
}

// refreshFeed polls the feed of the path now and returns its new status.
func (s *Server) refreshFeed(r *http.Request) (*storyline.Feed, error) {
	id, err := parseID(r.PathValue("id"))
	if err != nil {
		return nil, err
	}
	if s.poller == nil {
		return nil, storyline.Errorf(storyline.EINVALID, "Feed polling is off on this server.")
	}
	ctx, cancel := context.WithTimeout(r.Context(), 90*time.Second)
	defer cancel()
	return s.poller.PollNow(ctx, id)
}

// importReply is the answer to an OPML import.
type importReply struct {
	Added    int           `json:"added"`
	Existing int           `json:"existing"`
	Errors   []ingestError `json:"errors"`
}

func (s *Server) apiImportOPML(w http.ResponseWriter, r *http.Request) {
	reply, err := s.importOPML(r.Context(), http.MaxBytesReader(w, r.Body, opmlBody))
	if err != nil {
		s.jsonError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, reply)
}

// importOPML adds every feed an OPML file lists that is not there yet.
func (s *Server) importOPML(ctx context.Context, body io.Reader) (importReply, error) {
	reply := importReply{Errors: []ingestError{}}
	subs, err := feed.ReadOPML(body, opmlBody)
	if err != nil {
		return reply, classify(err)
	}
	for _, sub := range subs {
		_, err := s.addFeed(ctx, newFeed{URL: sub.URL, Title: sub.Title})
		switch storyline.ErrorCode(err) {
		case "":
			reply.Added++
		case storyline.ECONFLICT:
			reply.Existing++
		case storyline.EINTERNAL:
			return reply, err
		default:
			reply.Errors = append(reply.Errors, ingestError{At: sub.URL, Code: storyline.ErrorCode(err), Message: storyline.ErrorMessage(err)})
		}
	}
	return reply, nil
}

// handleOPMLExport serves the feed list as OPML.
func (s *Server) handleOPMLExport(w http.ResponseWriter, r *http.Request) {
	feeds, err := s.db.Feeds(r.Context())
	if err != nil {
		s.jsonError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/x-opml; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="storyline-feeds.opml"`)
	if err := feed.WriteOPML(w, "storyline feeds", feeds); err != nil {
		s.log.Warn("write OPML", "err", err)
	}
}
