package server

import "github.com/storyline-news/storyline"

// A story page shows at most this many of each list, and the corroboration
// table at most this many outlets, unless the reader asks for all
// (?all=1): a 95-article story rendered 2 MB of HTML whole.
const (
	foldClaims   = 25
	foldOutlets  = 20
	foldQuotes   = 20
	foldEntities = 30
	foldTimeline = 30
	foldGroups   = 40
	foldCopies   = 5
	foldFlags    = 20
	foldWordings = 5
)

// storyPage is the data of a story page: the view, its lists cut to their
// folds unless All, and how much of each is left out.
type storyPage struct {
	*storyView
	All      bool
	Matrix   *matrix
	Flags    []storyline.Flag
	Quotes   []foldedQuote
	Entities []storyline.CardEntity
	Timeline []storyline.Development
	Groups   []foldedGroup
	// Hidden counts what the folds leave out, by list.
	Hidden struct {
		Claims, Outlets, Flags, Quotes, Entities, Timeline, Groups int
	}
}

// foldedQuote is a quote group as the page lists it: its first wordings
// only, unless the page shows all, and how many it has.
type foldedQuote struct {
	storyline.QuoteGroup
	Total int
}

// foldedGroup is an article group as the page lists it: its first copies
// only, unless the page shows all, and how many it has.
type foldedGroup struct {
	Original *storyline.Article
	Copies   []*storyline.Article
	Total    int
}

// Folded reports whether anything of the page is left out.
func (p *storyPage) Folded() bool {
	h := p.Hidden
	if h.Claims+h.Outlets+h.Flags+h.Quotes+h.Entities+h.Timeline+h.Groups > 0 {
		return true
	}
	for _, g := range p.Groups {
		if len(g.Copies) < g.Total {
			return true
		}
	}
	for _, q := range p.Quotes {
		if len(q.Variants) < q.Total {
			return true
		}
	}
	return false
}

// newStoryPage folds the view's lists unless all is set.
func newStoryPage(v *storyView, all bool) *storyPage {
	p := &storyPage{storyView: v, All: all, Matrix: v.Matrix, Flags: v.Card.Flags, Entities: v.Card.Entities,
		Timeline: v.Card.Timeline}
	groups, quotes := v.Groups, v.Card.Quotes
	if !all {
		p.Matrix, p.Hidden.Claims, p.Hidden.Outlets = foldMatrix(v.Matrix, foldClaims, foldOutlets)
		p.Flags, p.Hidden.Flags = fold(p.Flags, foldFlags)
		quotes, p.Hidden.Quotes = fold(quotes, foldQuotes)
		p.Entities, p.Hidden.Entities = fold(p.Entities, foldEntities)
		p.Timeline, p.Hidden.Timeline = fold(p.Timeline, foldTimeline)
		groups, p.Hidden.Groups = fold(groups, foldGroups)
	}
	p.Quotes = make([]foldedQuote, len(quotes))
	for i, q := range quotes {
		p.Quotes[i] = foldedQuote{QuoteGroup: q, Total: len(q.Variants)}
		if !all {
			p.Quotes[i].Variants, _ = fold(q.Variants, foldWordings)
		}
	}
	p.Groups = make([]foldedGroup, len(groups))
	for i, g := range groups {
		p.Groups[i] = foldedGroup{Original: g.Original, Copies: g.Copies, Total: len(g.Copies)}
		if !all {
			p.Groups[i].Copies, _ = fold(g.Copies, foldCopies)
		}
	}
	return p
}

// moreLink is the data of a "show more" link under a folded list.
type moreLink struct {
	Story   int64
	Section string // the id of the section's heading
	Hidden  int
	Noun    string // what the list holds, singular
}

// fold returns the first n of list and how many it leaves out.
func fold[T any](list []T, n int) ([]T, int) {
	if len(list) <= n {
		return list, 0
	}
	return list[:n], len(list) - n
}

// foldMatrix keeps the first rows and outlet columns of the table (the
// outlets that reported first).
func foldMatrix(m *matrix, rows, cols int) (*matrix, int, int) {
	if len(m.Rows) <= rows && len(m.Outlets) <= cols {
		return m, 0, 0
	}
	out := &matrix{}
	var hiddenCols int
	out.Outlets, hiddenCols = fold(m.Outlets, cols)
	kept, hiddenRows := fold(m.Rows, rows)
	for _, r := range kept {
		r.Cells, _ = fold(r.Cells, cols)
		out.Rows = append(out.Rows, r)
	}
	return out, hiddenRows, hiddenCols
}
