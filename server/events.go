package server

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/storyline-news/storyline"
)

// Event tells subscribers that an article was added or revised.
type Event struct {
	Type    string `json:"type"` // "article"
	Article int64  `json:"article"`
	Title   string `json:"title"`
	Source  string `json:"source"`
	// Published is the report's time as the pages print it.
	Published  string `json:"published,omitempty"`
	Story      int64  `json:"story"`
	StoryTitle string `json:"story_title,omitempty"`
	Articles   int    `json:"articles,omitempty"`
	Sources    int    `json:"sources,omitempty"`
	Revised    bool   `json:"revised,omitempty"`
}

// hub fans events out to the open event streams. A subscriber that does not
// keep up loses events rather than slowing ingestion.
type hub struct {
	mu   sync.Mutex
	subs map[chan Event]struct{}
}

func newHub() *hub { return &hub{subs: map[chan Event]struct{}{}} }

func (h *hub) subscribe() chan Event {
	ch := make(chan Event, 64)
	h.mu.Lock()
	h.subs[ch] = struct{}{}
	h.mu.Unlock()
	return ch
}

func (h *hub) unsubscribe(ch chan Event) {
	h.mu.Lock()
	delete(h.subs, ch)
	h.mu.Unlock()
}

func (h *hub) publish(e Event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for ch := range h.subs {
		select {
		case ch <- e:
		default:
		}
	}
}

// announce publishes a stored article to the event streams.
func (s *Server) announce(ctx context.Context, a *storyline.Article, out storyline.Outcome) {
	e := Event{Type: "article", Article: a.ID, Title: a.Title, Source: a.Source, Story: a.Story,
		Published: formatDate(when(a)), Revised: out == storyline.Revised}
	if st, err := s.db.Story(context.WithoutCancel(ctx), a.Story); err == nil {
		e.StoryTitle, e.Articles, e.Sources = st.Title, st.Articles, st.Sources
	}
	s.events.publish(e)
}

// heartbeat keeps idle event streams open through proxies.
const heartbeat = 25 * time.Second

// handleEvents streams events as Server-Sent Events until the client leaves
// or the server shuts down. ?story=ID keeps only one story's events.
func (s *Server) handleEvents(w http.ResponseWriter, r *http.Request) {
	var story int64
	if v := r.URL.Query().Get("story"); v != "" {
		id, err := parseID(v)
		if err != nil {
			s.jsonError(w, r, err)
			return
		}
		story = id
	}
	client := clientOf(r)
	if !s.streams.acquire(client) {
		retryAfter(w, heartbeat)
		s.jsonError(w, r, errBusy)
		return
	}
	defer s.streams.release(client)
	// Subscribe before greeting, so that nothing published after the
	// client sees the greeting is missed.
	ch := s.events.subscribe()
	defer s.events.unsubscribe(ch)
	rc := http.NewResponseController(w)
	// The stream outlives the server's write timeout.
	rc.SetWriteDeadline(time.Time{})
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	fmt.Fprint(w, "retry: 5000\n: connected\n\n")
	if err := rc.Flush(); err != nil {
		return
	}
	s.metrics.streams.Add(1)
	defer s.metrics.streams.Add(-1)
	tick := time.NewTicker(heartbeat)
	defer tick.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-s.closing:
			return
		case <-tick.C:
			fmt.Fprint(w, ": keep-alive\n\n")
		case e := <-ch:
			if story != 0 && e.Story != story {
				continue
			}
			data, _ := json.Marshal(e)
			fmt.Fprintf(w, "id: %d\nevent: %s\ndata: %s\n\n", e.Article, e.Type, data)
		}
		if err := rc.Flush(); err != nil {
			return
		}
	}
}
