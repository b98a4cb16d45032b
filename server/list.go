package server

import (
	"context"
	"math"
	"net/http"
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
	// Latest orders by last activity instead of rank.
	Latest bool
	Limit  int
	Offset int
}

// candidates is how many recent stories are ranked for the front page.
const candidates = 500

// readListQuery reads q, entity, sort, limit and offset (or page).
func readListQuery(r *http.Request, defLimit int) (listQuery, error) {
	v := r.URL.Query()
	q := listQuery{Q: strings.TrimSpace(v.Get("q")), Entity: strings.TrimSpace(v.Get("entity")), Limit: defLimit}
	switch v.Get("sort") {
	case "", "rank":
	case "latest":
		q.Latest = true
	default:
		return q, storyline.Errorf(storyline.EINVALID, "sort must be rank or latest.")
	}
	var err error
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
	b := make([]byte, 0, 32+len(q.Q)+len(q.Entity))
	b = strconv.AppendQuote(b, q.Q)
	b = strconv.AppendQuote(append(b, ' '), q.Entity)
	b = strconv.AppendBool(append(b, ' '), q.Latest)
	b = strconv.AppendInt(append(b, ' '), int64(q.Limit), 10)
	b = strconv.AppendInt(append(b, ' '), int64(q.Offset), 10)
	return string(b)
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
