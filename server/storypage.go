package server

import "github.com/storyline-news/storyline"

// folds is how many of each list a story page shows, and how many outlets
// the corroboration table.
type folds struct {
	Claims, Outlets, Quotes, Wordings, Entities, Timeline, Groups, Copies, Flags int
	// Single is how many single-source claims of each outlet.
	Single int
}

var (
	// shortPage is the story page as it opens: a 95-article story
	// rendered 2 MB of HTML whole.
	shortPage = folds{Claims: 25, Outlets: 20, Quotes: 20, Wordings: 5, Entities: 30, Timeline: 30, Groups: 40, Copies: 5, Flags: 20, Single: 10}
	// wholePage is the page with ?all=1: everything a reader can use,
	// still bounded (some 6 MB at most, so that it is cached) for a story
	// of thousands of reports; the JSON card has the rest.
	wholePage = folds{Claims: 250, Outlets: 60, Quotes: 200, Wordings: 50, Entities: 300, Timeline: 300, Groups: 400, Copies: 20, Flags: 200, Single: 100}
)

// storyPage is the data of a story page: the view, its lists cut to their
// folds, and how much of each is left out.
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
// only, and how many it has.
type foldedQuote struct {
	storyline.QuoteGroup
	Total int
}

// foldedGroup is an article group as the page lists it: its first copies
// only, and how many it has.
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
	for _, o := range p.Matrix.Single {
		if o.Hidden > 0 {
			return true
		}
	}
	return false
}

// newStoryPage folds the view's lists, to the short page's folds or, when
// all is set, the whole page's.
func newStoryPage(v *storyView, all bool) *storyPage {
	f := shortPage
	if all {
		f = wholePage
	}
	p := &storyPage{storyView: v, All: all}
	p.Matrix, p.Hidden.Claims, p.Hidden.Outlets = foldMatrix(v.Matrix, f.Claims, f.Outlets, f.Single)
	p.Flags, p.Hidden.Flags = fold(v.Card.Flags, f.Flags)
	p.Entities, p.Hidden.Entities = fold(v.Card.Entities, f.Entities)
	p.Timeline, p.Hidden.Timeline = fold(v.Card.Timeline, f.Timeline)
	quotes, hiddenQuotes := fold(v.Card.Quotes, f.Quotes)
	p.Hidden.Quotes = hiddenQuotes
	p.Quotes = make([]foldedQuote, len(quotes))
	for i, q := range quotes {
		p.Quotes[i] = foldedQuote{QuoteGroup: q, Total: len(q.Variants)}
		p.Quotes[i].Variants, _ = fold(q.Variants, f.Wordings)
	}
	groups, hiddenGroups := fold(v.Groups, f.Groups)
	p.Hidden.Groups = hiddenGroups
	p.Groups = make([]foldedGroup, len(groups))
	for i, g := range groups {
		p.Groups[i] = foldedGroup{Original: g.Original, Total: len(g.Copies)}
		p.Groups[i].Copies, _ = fold(g.Copies, f.Copies)
	}
	return p
}

// moreLink is the data of a "show more" link under a folded list: to the
// whole page from the short one, to the JSON card from the whole page.
type moreLink struct {
	Story   int64
	All     bool
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
// outlets that reported first), and the first single-source claims of
// each outlet (of the first outlets: as many as columns).
func foldMatrix(m *matrix, rows, cols, single int) (*matrix, int, int) {
	out := &matrix{}
	var hiddenCols int
	out.Outlets, hiddenCols = fold(m.Outlets, cols)
	kept, hiddenRows := fold(m.Rows, rows)
	for _, r := range kept {
		r.Cells, _ = fold(r.Cells, cols)
		out.Rows = append(out.Rows, r)
	}
	outlets, _ := fold(m.Single, cols)
	for _, o := range outlets {
		o.Claims, o.Hidden = fold(o.Claims, single)
		out.Single = append(out.Single, o)
	}
	return out, hiddenRows, hiddenCols
}
