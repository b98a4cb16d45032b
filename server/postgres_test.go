package server

import (
	"context"
	"fmt"
	"net"
	"testing"
	"time"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/store/postgres"
	"github.com/storyline-news/storyline/store/postgres/pgtest"
)

// On PostgreSQL, an article that another process stores reaches this
// server's event streams at once (LISTEN/NOTIFY), and its views change.
func TestEventsFromOtherProcesses(t *testing.T) {
	u := pgtest.Schema(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	open := func() *postgres.DB {
		db, err := postgres.Open(ctx, u)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return db
	}
	served, other := open(), open()
	s, err := New(Options{DB: served, WatchInterval: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx, ln) }()
	events := s.events.subscribe()
	defer s.events.unsubscribe(events)
	gen := s.views.gen.Load()

	newStory := func(st storyline.SaveState) (*storyline.StoryChange, error) {
		return &storyline.StoryChange{Assignment: storyline.Assignment{Story: st.NextStory}}, nil
	}
	deadline := time.After(10 * time.Second)
	for i := 0; ; i++ {
		// The server may not be listening yet: store until it hears.
		a := &storyline.Article{ExternalID: fmt.Sprint("w-", i), Source: "Other Desk", Title: "Tide gauge rebuilt", Body: "The harbour's tide gauge was rebuilt."}
		if _, err := other.SaveArticle(ctx, a, "h", newStory); err != nil {
			t.Fatal(err)
		}
		select {
		case e := <-events:
			if e.Article != a.ID || e.Story != a.Story || e.Source != "Other Desk" || e.StoryTitle != "Tide gauge rebuilt" {
				t.Errorf("event %+v; want article %d of story %d", e, a.ID, a.Story)
			}
			if s.views.gen.Load() == gen {
				t.Error("the views did not change with another process's article")
			}
			cancel()
			if err := <-done; err != nil {
				t.Errorf("Run: %v", err)
			}
			return
		case <-time.After(200 * time.Millisecond):
		case <-deadline:
			t.Fatal("no event of another process's article within 10 s")
		}
	}
}
