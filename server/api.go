package server

import (
	"context"
	_ "embed"
	"net/http"
	"strings"
	"time"

	"github.com/storyline-news/storyline"
)

// storyItem is one story in GET /api/stories: the fields of
// `storyline stories --json`, and more.
type storyItem struct {
	ID       int64     `json:"id"`
	Title    string    `json:"title"`
	Articles int       `json:"articles"`
	Sources  int       `json:"sources"`
	Created  time.Time `json:"created,omitzero"`
	Updated  time.Time `json:"updated"`
	Score    float64   `json:"score"`
	URL      string    `json:"url"`
}

func (s *Server) apiStories(w http.ResponseWriter, r *http.Request) {
	q, err := readListQuery(r, 50)
	if err != nil {
		s.jsonError(w, r, err)
		return
	}
	s.cached(w, r, q.variant(), "application/json; charset=utf-8", func() ([]byte, error) {
		list, _, err := s.stories(r.Context(), q)
		if err != nil {
			return nil, err
		}
		items := make([]storyItem, 0, len(list))
		for _, st := range list {
			items = append(items, storyItem{ID: st.ID, Title: st.Title, Articles: st.Articles, Sources: st.Sources,
				Created: st.Created, Updated: st.Updated, Score: st.Score, URL: storyPath(st.ID)})
		}
		return marshal(items)
	})
}

func (s *Server) apiStory(w http.ResponseWriter, r *http.Request) {
	id, err := parseID(r.PathValue("id"))
	if err != nil {
		s.jsonError(w, r, err)
		return
	}
	s.cached(w, r, itoa(id), "application/json; charset=utf-8", func() ([]byte, error) {
		v, err := s.views.story(r.Context(), id)
		if err != nil {
			return nil, err
		}
		return marshal(v.Card)
	})
}

// articleItem is GET /api/articles/{id}: the article as stored, with its
// store ID (the path's id) beside its external id.
type articleItem struct {
	ArticleID int64 `json:"article_id"`
	*storyline.Article
	StoryURL string `json:"story_url,omitempty"`
}

func (s *Server) apiArticle(w http.ResponseWriter, r *http.Request) {
	id, err := parseID(r.PathValue("id"))
	if err != nil {
		s.jsonError(w, r, err)
		return
	}
	a, err := s.article(r.Context(), id)
	if err != nil {
		s.jsonError(w, r, err)
		return
	}
	item := articleItem{ArticleID: a.ID, Article: a}
	if a.Story != 0 {
		item.StoryURL = storyPath(a.Story)
	}
	writeJSON(w, http.StatusOK, item)
}

// article reads a stored article for output, its URL dropped unless it is
// a web address: articles stored before ingest checked URLs may hold any.
func (s *Server) article(ctx context.Context, id int64) (*storyline.Article, error) {
	a, err := s.db.Article(ctx, id)
	if err != nil {
		return nil, err
	}
	a.URL = storyline.LinkURL(a.URL)
	return a, nil
}

func (s *Server) apiEntity(w http.ResponseWriter, r *http.Request) {
	ep, err := s.entity(r.Context(), r.PathValue("name"), -1)
	if err != nil {
		s.jsonError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, ep)
}

// searchItem is one hit of GET /api/search, as `storyline search --json`
// prints it, with the article's store ID.
type searchItem struct {
	Article   string `json:"article"`
	ArticleID int64  `json:"article_id"`
	Story     int64  `json:"story"`
	Title     string `json:"title"`
	Snippet   string `json:"snippet"`
	Source    string `json:"source,omitempty"`
}

func (s *Server) apiSearch(w http.ResponseWriter, r *http.Request) {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	if q == "" {
		s.jsonError(w, r, storyline.Errorf(storyline.EINVALID, "Give a query: /api/search?q=WORDS."))
		return
	}
	limit, err := intParam(r.URL.Query().Get("limit"), 20, 1, searchHits)
	if err != nil {
		s.jsonError(w, r, err)
		return
	}
	hits, err := s.search(r, q, limit)
	if err != nil {
		s.jsonError(w, r, err)
		return
	}
	for i := range hits {
		hits[i].Snippet = plainSnippet(hits[i].Snippet)
	}
	writeJSON(w, http.StatusOK, hits)
}

// search runs a full-text query; snippets carry the highlight markers.
func (s *Server) search(r *http.Request, q string, limit int) ([]searchItem, error) {
	hits, err := s.db.Search(r.Context(), q, limit)
	if err != nil {
		return nil, err
	}
	out := make([]searchItem, 0, len(hits))
	for _, h := range hits {
		item := searchItem{ArticleID: h.Article, Story: h.Story, Title: h.Title, Snippet: h.Snippet}
		if a, err := s.db.Article(r.Context(), h.Article); err == nil {
			item.Article, item.Source = a.ExternalID, a.Source
		}
		out = append(out, item)
	}
	return out, nil
}

// storyPath is the web address of a story.
func storyPath(id int64) string { return "/stories/" + itoa(id) }

//go:embed openapi.json
var openAPI []byte

// handleOpenAPI serves the OpenAPI 3.1 description of the API.
func (s *Server) handleOpenAPI(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=3600")
	w.Write(openAPI)
}
