package extract

import (
	"strings"

	"github.com/storyline-news/storyline"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// maxParagraphWork bounds the paragraph count times the paragraph text of a
// page. go-trafilatura gathers the text of all <p> elements by appending to
// a string, once per paragraph, so its time grows with the product: a page
// of 10,000 paragraphs and 1.3 MB takes 12 s. News articles, even long ones
// with comments, stay below a tenth of this bound (about a second of work).
const maxParagraphWork = 1e9

// errTooDeep is the error for a page nested deeper than MaxDepth.
func errTooDeep() error {
	return storyline.Errorf(storyline.EINVALID, "HTML nested deeper than %d levels", MaxDepth)
}

// checkPage scans the page's tags without building a tree and returns an
// error as soon as elements nest deeper than MaxDepth, or when the page has
// too many paragraphs to extract in reasonable time (see maxParagraphWork).
//
// The scan follows the parser loosely and errs on the side of counting less:
// end tags close everything above their element, tags that cannot contain
// themselves (p, li, td, ...) close the previous one, void elements never
// open. The parser's own depth check catches whatever this one lets through.
func checkPage(page string) error {
	var s pageScan
	z := html.NewTokenizer(strings.NewReader(page))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return s.tooMuchWork()
		case html.StartTagToken:
			name, _ := z.TagName()
			if err := s.start(atom.Lookup(name)); err != nil {
				return err
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			s.end(atom.Lookup(name))
		case html.TextToken:
			if s.inParagraph > 0 {
				s.paragraphText += len(z.Raw())
			}
		}
	}
}

// pageScan is the state of checkPage: the open elements and what the
// paragraphs hold.
type pageScan struct {
	open          []atom.Atom
	inParagraph   int // open <p> elements
	paragraphs    int
	paragraphText int // bytes of text inside paragraphs
}

// start opens an element.
func (s *pageScan) start(a atom.Atom) error {
	if voidElements[a] {
		return nil
	}
	if selfClosing[a] {
		s.end(a)
	}
	s.open = append(s.open, a)
	if a == atom.P {
		s.inParagraph++
		s.paragraphs++
	}
	if len(s.open) > MaxDepth {
		return errTooDeep()
	}
	return nil
}

// end closes the innermost open a and everything inside it, if a is open.
func (s *pageScan) end(a atom.Atom) {
	i := lastIndex(s.open, a)
	if i < 0 {
		return
	}
	for _, closed := range s.open[i:] {
		if closed == atom.P {
			s.inParagraph--
		}
	}
	s.open = s.open[:i]
}

// tooMuchWork returns an ETOOLARGE error for a page whose paragraphs would
// take too long to extract.
func (s *pageScan) tooMuchWork() error {
	if float64(s.paragraphs)*float64(s.paragraphText) > maxParagraphWork {
		return storyline.Errorf(storyline.ETOOLARGE, "page has too many paragraphs to extract (%d, %s of text)",
			s.paragraphs, byteSize(int64(s.paragraphText)))
	}
	return nil
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
