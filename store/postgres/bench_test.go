package postgres

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/store/postgres/pgtest"
)

// BenchmarkSaveArticle saves short new articles, each with its story
// change (five articles a story), one transaction each: the store's part
// of ingesting one article.
func BenchmarkSaveArticle(b *testing.B) {
	ctx := context.Background()
	db, err := Open(ctx, pgtest.Schema(b))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	t0 := time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)
	var story int64
	for i := 0; b.Loop(); i++ {
		a := &storyline.Article{ExternalID: fmt.Sprint("b", i), Source: fmt.Sprint("Outlet ", i%17),
			Title:     fmt.Sprintf("Council votes on budget item %d", i),
			Body:      fmt.Sprintf("The council voted on item %d of the budget. Members debated for an hour before the vote; the motion passed.", i),
			Published: t0.Add(time.Duration(i) * time.Minute)}
		_, err := db.SaveArticle(ctx, a, "h", func(s storyline.SaveState) (*storyline.StoryChange, error) {
			if i%5 == 0 {
				story = s.NextStory
			}
			return &storyline.StoryChange{
				Assignment: storyline.Assignment{Story: story, Score: 0.4, Reason: "shares 4 terms", Terms: []string{"council", "budget"}},
				Features: storyline.Features{Title: []string{"council", "vote", "budget"}, Body: []string{"council", "vote", "item", "budget"},
					Entities: []string{"org:council"}, Signature: make([]uint32, 64)},
			}, nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}
