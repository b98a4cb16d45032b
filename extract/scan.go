package extract

import (
	"strings"

	"github.com/storyline-news/storyline"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// errTooDeep is the error for a page nested deeper than MaxDepth.
func errTooDeep() error {
	return storyline.Errorf(storyline.EINVALID, "HTML nested deeper than %d levels", MaxDepth)
}

// checkDepth scans the page's tags without building a tree and returns an
// error as soon as elements nest deeper than MaxDepth. It follows the parser
// loosely and errs on the side of counting less: end tags close everything
// above their element, tags that cannot contain themselves (p, li, td, ...)
// close the previous one, void elements never open. The parser's own check
// catches whatever this one lets through.
func checkDepth(page string) error {
	z := html.NewTokenizer(strings.NewReader(page))
	var open []atom.Atom
	for {
		switch z.Next() {
		case html.ErrorToken:
			return nil
		case html.StartTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if voidElements[a] {
				continue
			}
			if selfClosing[a] {
				open = closeTo(open, a)
			}
			open = append(open, a)
			if len(open) > MaxDepth {
				return errTooDeep()
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if i := lastIndex(open, a); i >= 0 {
				open = open[:i]
			}
		}
	}
}

// closeTo pops open back to, and without, its innermost a, if any.
func closeTo(open []atom.Atom, a atom.Atom) []atom.Atom {
	if i := lastIndex(open, a); i >= 0 {
		return open[:i]
	}
	return open
}

// lastIndex returns the position of the innermost a in open, or -1.
func lastIndex(open []atom.Atom, a atom.Atom) int {
	for i := len(open) - 1; i >= 0; i-- {
		if open[i] == a {
			return i
		}
	}
	return -1
}

// voidElements never have content or an end tag.
var voidElements = map[atom.Atom]bool{
	atom.Area: true, atom.Base: true, atom.Br: true, atom.Col: true, atom.Embed: true,
	atom.Hr: true, atom.Img: true, atom.Input: true, atom.Link: true, atom.Meta: true,
	atom.Param: true, atom.Source: true, atom.Track: true, atom.Wbr: true,
}

// selfClosing elements end an open element of the same kind when they start.
var selfClosing = map[atom.Atom]bool{
	atom.P: true, atom.Li: true, atom.Dt: true, atom.Dd: true, atom.Option: true,
	atom.Tr: true, atom.Td: true, atom.Th: true, atom.A: true,
}
