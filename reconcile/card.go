// Package reconcile builds a story's card from its articles: who is
// involved, who said what, which claims are corroborated by independent
// outlets, which rest on one source or conflict, and how the story developed.
//
// Each article is read once by Analyze (sentences, entities, quotes and
// factual clauses reduced to a comparable form); the Analysis is cached, so
// building a card when an article joins costs the new article's analysis
// and a pass over the cached ones (see Cards).
package reconcile

import (
	"github.com/storyline-news/storyline/analyze/document"
	"sort"
	"time"

	"github.com/storyline-news/storyline"
)

// Card builds the card of a story from its articles (in any order),
// analysing each one. Cards caches the analyses instead.
func Card(s *storyline.Story, articles []*storyline.Article) *storyline.Card {
	ans := make([]*document.Analysis, len(articles))
	for i, a := range articles {
		ans[i] = document.Analyze(a)
	}
	return Build(s, articles, ans)
}

// report is one article of the story with its analysis and the outlet it
// counts for: a syndicated copy counts for the outlet of its original.
type report struct {
	a      *storyline.Article
	an     *document.Analysis
	source string // the article's own outlet
	outlet string // the independent outlet it counts for
	// unknown is set when the outlet it counts for is unknown (no
	// --source, source field, site name or URL host): source and outlet
	// then label the report itself, which never counts as an independent
	// source nor corroborates (see unknownOutlet).
	unknown bool
	when    time.Time
	copyOf  *report
	tokens  *body // the tokenised body, made when first needed
}

// Build builds the card of a story from its articles and their analyses,
// given in the same order (an analysis may be nil: it is then computed).
func Build(s *storyline.Story, articles []*storyline.Article, analyses []*document.Analysis) *storyline.Card {
	reps := reports(articles, analyses)
	c := &storyline.Card{
		ID: s.ID, Title: s.Title, Sources: s.Sources, Updated: s.Updated,
		Summary: []string{}, Articles: []storyline.CardArticle{}, Entities: []storyline.CardEntity{},
		Flags: []storyline.Flag{}, Quotes: []storyline.QuoteGroup{}, Claims: []storyline.Claim{},
		Timeline: []storyline.Development{},
	}
	outlets := map[string]bool{}
	ext := map[int64]string{}
	for _, r := range reps {
		ext[r.a.ID] = r.a.ExternalID
	}
	for _, r := range reps {
		dup := ""
		if r.a.DuplicateOf != 0 {
			dup = ext[r.a.DuplicateOf]
		}
		c.Articles = append(c.Articles, storyline.CardArticle{
			ID: r.a.ExternalID, Title: r.a.Title, Source: r.a.Source, URL: storyline.LinkURL(r.a.URL),
			Published: r.a.Published, DuplicateOf: dup, Language: r.a.Language,
		})
		if !r.unknown {
			outlets[r.outlet] = true
		}
		if r.a.Source == "" {
			c.UnknownOutlet++
		}
	}
	if c.Sources == 0 {
		c.Sources = len(outlets)
	}
	ents, index := cardEntities(reps)
	c.Entities = ents
	c.Flags = append(c.Flags, nameConflicts(reps, index)...)
	quotes, unquoted := quoteGroups(reps, index)
	c.Quotes = quotes
	groups := groupFacts(reps, unquoted)
	flags, devs := judge(groups)
	c.Flags = append(c.Flags, flags...)
	c.Claims = claims(groups)
	c.Timeline = timeline(reps, groups, devs)
	c.Summary, c.SummaryDisputed = summary(groups, devs)
	return c
}

// reports pairs articles with analyses, in publication order, and works out
// which outlet each counts for.
func reports(articles []*storyline.Article, analyses []*document.Analysis) []*report {
	reps := make([]*report, len(articles))
	byID := map[int64]*report{}
	for i, a := range articles {
		var an *document.Analysis
		if i < len(analyses) {
			an = analyses[i]
		}
		if an == nil {
			an = document.Analyze(a)
		}
		src := a.Source
		if src == "" {
			src = unknownOutlet(a)
		}
		reps[i] = &report{a: a, an: an, source: src, outlet: src, unknown: a.Source == "", when: published(a)}
		if a.ID != 0 {
			byID[a.ID] = reps[i]
		}
	}
	for _, r := range reps {
		// Follow the copy chain to its first original in the story.
		seen := 0
		for o := byID[r.a.DuplicateOf]; o != nil && o != r && seen < 16; o = byID[o.a.DuplicateOf] {
			r.copyOf = o
			r.outlet, r.unknown = o.source, o.a.Source == ""
			seen++
		}
	}
	sort.SliceStable(reps, func(i, j int) bool { return reps[i].when.Before(reps[j].when) })
	return reps
}

// unknownOutlet labels a report of unknown outlet. The label names the
// report, not an outlet (a file name is not an outlet), and differs from
// report to report, so that two such reports are never taken for one
// outlet's (a contradiction between them is still flagged); it never
// counts as a source (see factGroup.outlets).
func unknownOutlet(a *storyline.Article) string {
	return "unknown outlet (article " + a.ExternalID + ")"
}

// published is when an article appeared, its ingest time when unknown.
func published(a *storyline.Article) time.Time {
	if a.Published.IsZero() {
		return a.Ingested
	}
	return a.Published
}
