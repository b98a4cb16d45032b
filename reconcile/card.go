// Package reconcile builds a story's card from its articles: who is
// involved, who said what, which claims are corroborated by independent
// outlets, which rest on one source or conflict, and how the story developed.
package reconcile

import (
	"sort"
	"time"

	"github.com/storyline-news/storyline"
)

// Card builds the card of a story from its articles (in any order).
func Card(s *storyline.Story, articles []*storyline.Article) *storyline.Card {
	arts := append([]*storyline.Article(nil), articles...)
	sort.SliceStable(arts, func(i, j int) bool { return published(arts[i]).Before(published(arts[j])) })
	ext := make(map[int64]string, len(arts))
	for _, a := range arts {
		ext[a.ID] = a.ExternalID
	}
	c := &storyline.Card{
		ID: s.ID, Title: s.Title, Sources: s.Sources, Updated: s.Updated,
		Summary: []string{}, Entities: []storyline.CardEntity{}, Flags: []storyline.Flag{},
		Quotes: []storyline.QuoteGroup{}, Claims: []storyline.Claim{}, Timeline: []storyline.Development{},
	}
	for _, a := range arts {
		c.Articles = append(c.Articles, storyline.CardArticle{
			ID: a.ExternalID, Title: a.Title, Source: a.Source, URL: a.URL,
			Published: a.Published, DuplicateOf: ext[a.DuplicateOf],
		})
	}
	return c
}

// published is when an article appeared, its ingest time when unknown.
func published(a *storyline.Article) time.Time {
	if a.Published.IsZero() {
		return a.Ingested
	}
	return a.Published
}
