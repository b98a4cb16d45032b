package server

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/storyline-news/storyline"
)

// listQuery selects and orders stories for the front page, the API and
// the feeds.
type listQuery struct {
	// Q keeps stories with an article matching a full-text query.
	Q string
	// Entity keeps stories in which the entity appears.
	Entity string
	// Outlet keeps stories with an article from this outlet (its name,
	// case aside).
	Outlet string
	// From and To keep stories active within the range: updated at or
	// after From and begun at or before To. Either may be zero.
	From, To time.Time
	// Latest orders by last activity instead of rank.
	Latest bool
	Limit  int
	Offset int
}

// candidates is how many recent stories are ranked for the front page.
const candidates = 500

// readListQuery reads q, entity, outlet, from, to, sort, limit and offset
// (or page).
func readListQuery(r *http.Request, defLimit int) (listQuery, error) {
	v := r.URL.Query()
	q := listQuery{Q: strings.TrimSpace(v.Get("q")), Entity: strings.TrimSpace(v.Get("entity")),
		Outlet: strings.Join(strings.Fields(v.Get("outlet")), " "), Limit: defLimit}
	var err error
	if q.From, err = timeParam("from", v.Get("from"), false); err != nil {
		return q, err
	}
	if q.To, err = timeParam("to", v.Get("to"), true); err != nil {
		return q, err
	}
	if !q.From.IsZero() && !q.To.IsZero() && q.To.Before(q.From) {
		return q, storyline.Errorf(storyline.EINVALID, "to (%s) is before from (%s).", v.Get("to"), v.Get("from"))
	}
	switch v.Get("sort") {
	case "", "rank":
	case "latest":
		q.Latest = true
	default:
		return q, storyline.Errorf(storyline.EINVALID, "sort must be rank or latest.")
	}
	if q.Limit, err = intParam(v.Get("limit"), defLimit, 1, candidates); err != nil {
		return q, err
	}
	if q.Offset, err = intParam(v.Get("offset"), 0, 0, candidates); err != nil {
		return q, err
	}
	if p := v.Get("page"); p != "" {
		page, err := intParam(p, 1, 1, candidates)
		if err != nil {
			return q, err
		}
		q.Offset = (page - 1) * q.Limit
	}
	return q, nil
}

// variant is the canonical form of the query, for cache keys: equal
// queries have equal variants, whatever the spelling of their parameters.
func (q listQuery) variant() string {
	b := make([]byte, 0, 64+len(q.Q)+len(q.Entity)+len(q.Outlet))
	b = strconv.AppendQuote(b, q.Q)
	b = strconv.AppendQuote(append(b, ' '), q.Entity)
	b = strconv.AppendQuote(append(b, ' '), strings.ToLower(q.Outlet))
	b = strconv.AppendInt(append(b, ' '), unixOrZero(q.From), 10)
	b = strconv.AppendInt(append(b, ' '), unixOrZero(q.To), 10)
	b = strconv.AppendBool(append(b, ' '), q.Latest)
	b = strconv.AppendInt(append(b, ' '), int64(q.Limit), 10)
	b = strconv.AppendInt(append(b, ' '), int64(q.Offset), 10)
	return string(b)
}

// filtered reports whether the query narrows the stories by entity,
// outlet or dates.
func (q listQuery) filtered() bool {
	return q.Entity != "" || q.Outlet != "" || !q.From.IsZero() || !q.To.IsZero()
}

// filterParams is the query's filters as URL parameters, for links that
// keep them.
func (q listQuery) filterParams() url.Values {
	v := url.Values{}
	if q.Entity != "" {
		v.Set("entity", q.Entity)
	}
	if q.Outlet != "" {
		v.Set("outlet", q.Outlet)
	}
	if !q.From.IsZero() {
		v.Set("from", q.From.Format(time.DateOnly))
	}
	if !q.To.IsZero() {
		v.Set("to", q.To.Format(time.DateOnly))
	}
	return v
}

// unixOrZero is t in Unix nanoseconds, 0 for the zero time.
func unixOrZero(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixNano()
}

// timeParam reads an optional date (2006-01-02, UTC) or RFC 3339 time. A
// date that ends a range stands for the last instant of its day.
func timeParam(name, v string, end bool) (time.Time, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return time.Time{}, nil
	}
	if d, err := time.Parse(time.DateOnly, v); err == nil {
		if end {
			d = d.Add(24*time.Hour - time.Nanosecond)
		}
		return d, nil
	}
	t, err := time.Parse(time.RFC3339, v)
	if err != nil {
		return time.Time{}, storyline.Errorf(storyline.EINVALID, "%s %q is not a date (2006-01-02) or an RFC 3339 time.", name, v)
	}
	return t, nil
}

// intParam reads an optional integer within [lo, hi].
func intParam(v string, def, lo, hi int) (int, error) {
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		return 0, storyline.Errorf(storyline.EINVALID, "%q is not a number from %d to %d.", v, lo, hi)
	}
	return n, nil
}

// rankedStory is a story with its front-page score.
type rankedStory struct {
	*storyline.Story
	Score float64
}

// stories returns the stories the query selects, ranked, and whether more
// follow.
func (s *Server) stories(ctx context.Context, q listQuery) ([]rankedStory, bool, error) {
	var list []*storyline.Story
	var err error
	switch {
	case q.Entity != "":
		ep, err := s.entity(ctx, q.Entity, -1)
		if storyline.ErrorCode(err) == storyline.ENOTFOUND {
			return nil, false, nil // no story mentions it: an empty list
		} else if err != nil {
			return nil, false, err
		}
		for _, es := range ep.Stories {
			list = append(list, es.Story)
		}
	case q.Q != "":
		list, err = s.searchStories(ctx, q.Q)
	default:
		list, err = s.db.Stories(ctx, storyline.Filter{Limit: candidates})
	}
	if err != nil {
		return nil, false, err
	}
	if list, err = s.narrow(ctx, list, q); err != nil {
		return nil, false, err
	}
	ranked := rank(list, time.Now(), q.Latest)
	if q.Offset >= len(ranked) {
		return nil, false, nil
	}
	ranked = ranked[q.Offset:]
	more := len(ranked) > q.Limit
	if more {
		ranked = ranked[:q.Limit]
	}
	return ranked, more, nil
}

// narrow keeps the stories within the query's dates and, when it names an
// outlet, those with an article from it. The dates are checked first: only
// the stories left have their articles read.
func (s *Server) narrow(ctx context.Context, list []*storyline.Story, q listQuery) ([]*storyline.Story, error) {
	if q.From.IsZero() && q.To.IsZero() && q.Outlet == "" {
		return list, nil
	}
	var out []*storyline.Story
	for _, st := range list {
		begun := st.Created
		if begun.IsZero() {
			begun = st.Updated
		}
		if !q.From.IsZero() && st.Updated.Before(q.From) || !q.To.IsZero() && begun.After(q.To) {
			continue
		}
		if q.Outlet != "" {
			has, err := s.hasOutlet(ctx, st.ID, q.Outlet)
			if err != nil {
				return nil, err
			}
			if !has {
				continue
			}
		}
		out = append(out, st)
	}
	return out, nil
}

// hasOutlet reports whether a story has an article from the outlet, copies
// included.
func (s *Server) hasOutlet(ctx context.Context, story int64, outlet string) (bool, error) {
	arts, err := s.db.Articles(ctx, storyline.Filter{Story: story})
	if err != nil {
		return false, fmt.Errorf("articles of story %d: %w", story, err)
	}
	for _, a := range arts {
		if strings.EqualFold(outletName(a), outlet) {
			return true, nil
		}
	}
	return false, nil
}

// searchStories returns the live stories of the articles matching a query,
// best match first.
func (s *Server) searchStories(ctx context.Context, query string) ([]*storyline.Story, error) {
	hits, err := s.db.Search(ctx, query, searchHits)
	if err != nil {
		return nil, err
	}
	var list []*storyline.Story
	seen := map[int64]bool{}
	for _, h := range hits {
		if h.Story == 0 || seen[h.Story] {
			continue
		}
		seen[h.Story] = true
		st, err := s.liveStory(ctx, h.Story)
		if storyline.ErrorCode(err) == storyline.ENOTFOUND {
			continue
		} else if err != nil {
			return nil, err
		}
		if st.ID != h.Story {
			if seen[st.ID] {
				continue
			}
			seen[st.ID] = true
		}
		list = append(list, st)
	}
	return list, nil
}

// searchHits bounds the articles a story search looks at.
const searchHits = 200

// liveStory returns the live story that id stands for, following merges.
func (s *Server) liveStory(ctx context.Context, id int64) (*storyline.Story, error) {
	resolved, err := s.db.Resolve(ctx, id)
	if err != nil {
		return nil, err
	}
	return s.db.Story(ctx, resolved)
}

// rank orders stories by independent sources and recency: the score is
// sources^1.5 / (hours since last activity + 2), so a story that more
// outlets report independently stays up longer (one that four outlets
// report ranks above a fresh single-source one for 14 hours), and a quiet
// one sinks.
// Age is measured from the newest story's activity (at most now), so that
// an archive, or the demo corpus, still ranks by its own clock. With
// latest, stories are ordered by last activity alone.
func rank(list []*storyline.Story, now time.Time, latest bool) []rankedStory {
	var ref time.Time
	for _, st := range list {
		if st.Updated.After(ref) {
			ref = st.Updated
		}
	}
	if ref.After(now) || ref.IsZero() {
		ref = now
	}
	out := make([]rankedStory, len(list))
	for i, st := range list {
		age := math.Max(ref.Sub(st.Updated).Hours(), 0)
		out[i] = rankedStory{Story: st, Score: math.Pow(float64(max(st.Sources, 1)), 1.5) / (age + 2)}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if latest {
			return out[i].Updated.After(out[j].Updated)
		}
		return out[i].Score > out[j].Score
	})
	return out
}
