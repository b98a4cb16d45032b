package server

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/storyline-news/storyline"
)

// frontPage is the data of the front page.
type frontPage struct {
	Stories []frontStory
	Latest  bool
	Page    int
	More    bool
	// Filter is the filter form's values as given; Filtered says one is
	// set. TopURL, LatestURL, PrevURL and NextURL keep the filters.
	Filter                              storyFilter
	Filtered                            bool
	TopURL, LatestURL, PrevURL, NextURL string
}

// storyFilter is what the front page's filter form shows.
type storyFilter struct {
	Entity, Outlet, From, To string
}

// frontURL is the front page's address for the query's filters, an order
// and a page.
func frontURL(q listQuery, latest bool, page int) string {
	v := q.filterParams()
	if latest {
		v.Set("sort", "latest")
	}
	if page > 1 {
		v.Set("page", strconv.Itoa(page))
	}
	if len(v) == 0 {
		return "/"
	}
	return "/?" + v.Encode()
}

// frontStory is one line of the front page.
type frontStory struct {
	rankedStory
	Rank     int
	Coverage *sparkline
	Summary  string
}

// frontPageSize is how many stories a front page lists.
const frontPageSize = 30

func (s *Server) pageFront(w http.ResponseWriter, r *http.Request) {
	q, err := readListQuery(r, frontPageSize)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	q.Q = "" // a search has its own page
	s.cached(w, r, q.variant(), htmlType, func() ([]byte, error) {
		list, more, err := s.stories(r.Context(), q)
		if err != nil {
			return nil, err
		}
		page := q.Offset/q.Limit + 1
		fp := frontPage{Latest: q.Latest, Page: page, More: more, Filtered: q.filtered(),
			TopURL: frontURL(q, false, 1), LatestURL: frontURL(q, true, 1),
			PrevURL: frontURL(q, q.Latest, page-1), NextURL: frontURL(q, q.Latest, page+1)}
		fv := q.filterParams()
		fp.Filter = storyFilter{Entity: fv.Get("entity"), Outlet: fv.Get("outlet"), From: fv.Get("from"), To: fv.Get("to")}
		// The stories' cards share one wait: a story whose card is still
		// being built is listed without its summary.
		deadline := time.Now().Add(storyPageWait)
		for i, st := range list {
			fs := frontStory{rankedStory: st, Rank: q.Offset + i + 1}
			if v, err := s.views.storyWithin(r.Context(), st.ID, max(0, time.Until(deadline))); err == nil {
				fs.Coverage = v.Coverage
				if len(v.Card.Summary) > 0 {
					fs.Summary = v.Card.Summary[0]
				}
			} else if storyline.ErrorCode(err) != storyline.ENOTFOUND {
				return nil, err
			}
			fp.Stories = append(fp.Stories, fs)
		}
		pd := s.newPage(r, "Stories", "stories", fp)
		pd.Live = "all"
		pd.Feeds = []altLink{{"application/atom+xml", "Stories (Atom)", "/feeds/stories.atom"}, {"application/feed+json", "Stories (JSON Feed)", "/feeds/stories.json"}}
		return s.renderBytes("front", pd)
	})
}

// storyPageWait is how long a reader waits for a story's card to be
// built (a 500-report story's takes seconds) before getting the story's
// previous card, or its page without a card, while the build goes on.
const storyPageWait = 700 * time.Millisecond

func (s *Server) pageStory(w http.ResponseWriter, r *http.Request) {
	id, err := parseID(r.PathValue("id"))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v, err := s.views.storyWithin(r.Context(), id, storyPageWait)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	if v.Story.ID != id {
		// The story was merged into another: send the reader there.
		http.Redirect(w, r, storyPath(v.Story.ID), http.StatusMovedPermanently)
		return
	}
	// ?all=1 unfolds every list; any other value is the folded page.
	all := r.URL.Query().Get("all") == "1"
	variant := itoa(id)
	if all {
		variant += " all"
	}
	s.cached(w, r, variant, htmlType, func() ([]byte, error) {
		pd := s.newPage(r, v.Story.Title, "stories", newStoryPage(v, all))
		pd.Live = "story:" + itoa(v.Story.ID)
		pd.Feeds = []altLink{{"application/atom+xml", "Developments (Atom)", storyPath(id) + "/feed.atom"}, {"application/feed+json", "Developments (JSON Feed)", storyPath(id) + "/feed.json"}}
		return s.renderBytes("story", pd)
	})
}

// articlePage is the data of an article page.
type articlePage struct {
	Article  *storyline.Article
	Story    *storyline.Story
	Original *storyline.Article
	Versions int
}

func (s *Server) pageArticle(w http.ResponseWriter, r *http.Request) {
	id, err := parseID(r.PathValue("id"))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	ctx := r.Context()
	a, err := s.article(ctx, id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	ap := articlePage{Article: a, Versions: a.Version}
	if a.Story != 0 {
		if st, err := s.liveStory(ctx, a.Story); err == nil {
			ap.Story = st
		}
	}
	if a.DuplicateOf != 0 {
		if o, err := s.article(ctx, a.DuplicateOf); err == nil {
			ap.Original = o
		}
	}
	s.render(w, r, http.StatusOK, "article", s.newPage(r, a.Title, "stories", ap))
}

func (s *Server) pageEntity(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("name")
	ep, err := s.entity(r.Context(), name, storyPageWait)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	pd := s.newPage(r, ep.Name, "stories", ep)
	pd.Feeds = []altLink{{"application/atom+xml", "Stories about " + ep.Name + " (Atom)", "/feeds/stories.atom?entity=" + url.QueryEscape(ep.Name)}}
	s.render(w, r, http.StatusOK, "entity", pd)
}

// searchPage is the data of the search page.
type searchPage struct {
	Query   string
	Groups  []searchGroup
	Hits    int
	Limited bool
}

// searchGroup is the hits of one story.
type searchGroup struct {
	Story *storyline.Story
	Hits  []searchItem
}

// searchPageHits bounds the hits a search page shows.
const searchPageHits = 100

func (s *Server) pageSearch(w http.ResponseWriter, r *http.Request) {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	sp := searchPage{Query: q}
	if q != "" {
		hits, err := s.search(r, q, searchPageHits)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		sp.Hits, sp.Limited = len(hits), len(hits) == searchPageHits
		index := map[int64]int{}
		for _, h := range hits {
			st, err := s.liveStory(r.Context(), h.Story)
			if err != nil {
				continue
			}
			i, ok := index[st.ID]
			if !ok {
				i = len(sp.Groups)
				index[st.ID] = i
				sp.Groups = append(sp.Groups, searchGroup{Story: st})
			}
			sp.Groups[i].Hits = append(sp.Groups[i].Hits, h)
		}
	}
	title := "Search"
	if q != "" {
		title = "Search: " + q
	}
	pd := s.newPage(r, title, "search", sp)
	pd.Query = q
	if q != "" {
		pd.Feeds = []altLink{{"application/atom+xml", "Stories matching " + q + " (Atom)", "/feeds/stories.atom?q=" + url.QueryEscape(q)}}
	}
	s.render(w, r, http.StatusOK, "search", pd)
}
