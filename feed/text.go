package feed

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Text turns the HTML of a feed entry into plain text: paragraphs and other
// blocks separated by blank lines, line breaks kept, scripts, styles and
// embedded media dropped, entities decoded. Plain text passes through with
// its white space tidied.
func Text(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return tidy(s)
	}
	nodes, err := html.ParseFragment(strings.NewReader(s), &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body})
	if err != nil {
		return tidy(s)
	}
	var b strings.Builder
	for _, n := range nodes {
		writeText(&b, n)
	}
	return tidy(b.String())
}

// writeText appends the text of n, marking block boundaries with "\n\n".
func writeText(b *strings.Builder, n *html.Node) {
	switch n.Type {
	case html.TextNode:
		b.WriteString(n.Data)
		return
	case html.ElementNode:
		switch n.DataAtom {
		case atom.Script, atom.Style, atom.Noscript, atom.Iframe, atom.Object, atom.Embed,
			atom.Svg, atom.Math, atom.Template, atom.Img, atom.Video, atom.Audio, atom.Picture:
			return
		case atom.Br:
			b.WriteString("\n")
			return
		}
	}
	block := n.Type == html.ElementNode && isBlock(n.DataAtom)
	if block {
		b.WriteString("\n\n")
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		writeText(b, c)
	}
	if block {
		b.WriteString("\n\n")
	}
}

// isBlock reports whether an element starts a new paragraph.
func isBlock(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Div, atom.Section, atom.Article, atom.Blockquote, atom.Li, atom.Ul, atom.Ol,
		atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Pre, atom.Table, atom.Tr,
		atom.Figure, atom.Figcaption, atom.Header, atom.Footer, atom.Aside, atom.Hr, atom.Dl, atom.Dt, atom.Dd:
		return true
	}
	return false
}

// tidy collapses spaces within lines and blank lines between paragraphs:
// the result has paragraphs separated by exactly one blank line.
func tidy(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var paras []string
	for _, p := range strings.Split(s, "\n\n") {
		var lines []string
		for _, l := range strings.Split(p, "\n") {
			if l = strings.Join(strings.Fields(l), " "); l != "" {
				lines = append(lines, l)
			}
		}
		if len(lines) > 0 {
			paras = append(paras, strings.Join(lines, "\n"))
		}
	}
	return strings.Join(paras, "\n\n")
}
