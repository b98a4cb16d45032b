package extract

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// nodeText renders extracted HTML as plain text: one paragraph per block
// element, separated by blank lines; list items start with "• " so that the
// cleaner does not take a short item for a sub-heading, table cells are
// joined with " | ".
func nodeText(root *html.Node) string {
	var w paragraphWriter
	w.walk(root)
	w.flush()
	return strings.Join(w.paragraphs, "\n\n")
}

// paragraphWriter collects the text of block elements.
type paragraphWriter struct {
	paragraphs []string
	current    strings.Builder
}

// walk writes n and its descendants.
func (w *paragraphWriter) walk(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		w.current.WriteString(n.Data)
		return
	case html.ElementNode, html.DocumentNode:
	default:
		return
	}
	a := elementAtom(n)
	switch {
	case a == atom.Br || a == atom.Hr:
		w.flush()
		return
	case skipped[a]:
		return
	case a == atom.Td || a == atom.Th:
		if w.current.Len() > 0 {
			w.current.WriteString(" | ")
		}
	case blocks[a]:
		w.flush()
		if a == atom.Li {
			w.current.WriteString("• ")
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c)
	}
	if blocks[a] {
		w.flush()
	}
}

// elementAtom returns the atom of an element's tag. Extractors create
// elements by name only, leaving DataAtom zero.
func elementAtom(n *html.Node) atom.Atom {
	if n.DataAtom != 0 || n.Type != html.ElementNode {
		return n.DataAtom
	}
	return atom.Lookup([]byte(n.Data))
}

// flush ends the current paragraph, collapsing its white space.
func (w *paragraphWriter) flush() {
	p := strings.Join(strings.Fields(w.current.String()), " ")
	w.current.Reset()
	if p != "" && p != "•" {
		w.paragraphs = append(w.paragraphs, p)
	}
}

// blocks are the elements that start and end a paragraph.
var blocks = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.H1: true, atom.H2: true, atom.H3: true,
	atom.H4: true, atom.H5: true, atom.H6: true, atom.Li: true, atom.Dt: true,
	atom.Dd: true, atom.Blockquote: true, atom.Pre: true, atom.Tr: true,
	atom.Table: true, atom.Ul: true, atom.Ol: true, atom.Dl: true,
	atom.Section: true, atom.Article: true, atom.Header: true, atom.Footer: true,
	atom.Figure: true, atom.Figcaption: true, atom.Main: true, atom.Aside: true,
	atom.Summary: true, atom.Details: true, atom.Caption: true, atom.Body: true,
}

// skipped elements hold no readable text.
var skipped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Svg: true, atom.Head: true,
}
