package extract

import (
	"strings"
	"unicode/utf8"

	"github.com/storyline-news/storyline"
)

// Clean separates an outlet's own reporting from the material around it.
// text is a report as plain text, one paragraph a line (blank lines between
// paragraphs are allowed, and hard-wrapped paragraphs are rejoined).
//
// Clean takes out, and returns as labelled parts:
//   - embedded social posts: the lines around a "— Name (@handle) date"
//     attribution, a pic.twitter.com, t.co or status link, or a run of emoji
//     (PartEmbeddedPost, with the handle as Author and the date as Posted);
//   - share, advertising, newsletter, "read more", "related", "click here",
//     cookie, byline, date and copyright lines, and the link lists that
//     follow a "related" or "most read" heading (PartBoilerplate);
//   - photo captions and credits (PartCaption);
//   - section sub-headings: short lines without final punctuation that stand
//     between paragraphs (PartSubheading), so that they are never read as
//     sentences.
//
// Body is the remaining paragraphs joined by blank lines. A part's Index is
// the number of body paragraphs before it: it stood just before paragraph
// Index of Body.
func Clean(text string) (body string, parts []storyline.Part) {
	paras := paragraphs(text)
	kinds := make([]storyline.PartKind, len(paras))
	posts := markPosts(paras, kinds)
	markBoilerplate(paras, kinds)
	markSubheadings(paras, kinds)
	body, parts = assemble(paras, kinds, posts)
	if body == "" && strings.TrimSpace(text) != "" && !allPosts(kinds) {
		// Nothing left looks like reporting: the rules misjudged a text
		// unlike any page (a one-line snippet, a lower-cased feed item).
		// Losing the whole text would be worse than keeping a stray line.
		return strings.Join(paras, "\n\n"), nil
	}
	return body, parts
}

// allPosts reports whether every paragraph belongs to embedded posts: a
// text that is only a quoted post has no reporting of its own.
func allPosts(kinds []storyline.PartKind) bool {
	for _, k := range kinds {
		if k != storyline.PartEmbeddedPost {
			return false
		}
	}
	return len(kinds) > 0
}

// assemble joins the body paragraphs and gathers the parts in order.
// Neighbouring lines of the same kind become one part, except sub-headings,
// and embedded posts, which come whole from posts.
func assemble(paras []string, kinds []storyline.PartKind, posts map[int]post) (string, []storyline.Part) {
	var body []string
	var parts []storyline.Part
	for i := 0; i < len(paras); i++ {
		k := kinds[i]
		switch {
		case k == "":
			body = append(body, paras[i])
			continue
		case k == storyline.PartEmbeddedPost:
			p := posts[i]
			parts = append(parts, storyline.Part{Kind: k, Text: strings.Join(paras[p.start:p.end], "\n"),
				Author: p.author, Posted: p.posted, Index: len(body)})
			i = p.end - 1
			continue
		}
		end := i + 1
		for k != storyline.PartSubheading && end < len(paras) && kinds[end] == k {
			end++
		}
		parts = append(parts, storyline.Part{Kind: k, Text: strings.Join(paras[i:end], "\n"), Index: len(body)})
		i = end - 1
	}
	return strings.Join(body, "\n\n"), parts
}

// paragraphs splits text into trimmed, non-empty paragraphs: one per line,
// or one per block of lines between blank lines when the text is hard-wrapped.
func paragraphs(text string) []string {
	lines := strings.Split(normalizeNewlines(text), "\n")
	if hardWrapped(lines) {
		return joinBlocks(lines)
	}
	var out []string
	for _, l := range lines {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// wrapWidth is the longest line a hard-wrapped text has: typewriter and
// e-mail texts wrap at 60 to 80 characters.
const wrapWidth = 100

// hardWrapped reports whether lines look like paragraphs wrapped at a fixed
// width: no line longer than wrapWidth, blank lines between blocks, and most
// lines that continue on the next line filling at least half the width.
func hardWrapped(lines []string) bool {
	blank, continued, full := 0, 0, 0
	for i, l := range lines {
		n := utf8.RuneCountInString(strings.TrimSpace(l))
		switch {
		case n > wrapWidth:
			return false
		case n == 0:
			blank++
		case i+1 < len(lines) && strings.TrimSpace(lines[i+1]) != "":
			continued++
			if n >= wrapWidth/2 {
				full++
			}
		}
	}
	return blank > 0 && continued >= 2 && full*4 >= continued*3
}

// joinBlocks joins the lines of each block between blank lines into one
// paragraph.
func joinBlocks(lines []string) []string {
	var out, block []string
	flush := func() {
		if len(block) > 0 {
			out = append(out, strings.Join(block, " "))
			block = block[:0]
		}
	}
	for _, l := range lines {
		if l = strings.TrimSpace(l); l == "" {
			flush()
		} else {
			block = append(block, l)
		}
	}
	flush()
	return out
}

// dropTitle removes the headline from the start of text when a page repeats
// it, or a variant of it, as one of its first paragraphs: the title is kept
// in Article.Title already.
func dropTitle(text, title string) string {
	variants := titleVariants(title)
	if len(variants) == 0 {
		return text
	}
	rest := text
	for range 3 {
		first, after, _ := cutParagraph(rest)
		if isHeadlineOf(strings.TrimSpace(first), variants) {
			return after
		}
		rest = after
	}
	return text
}

// titleSeparators part a site's name or a section from the headline in
// page titles: "Headline | Site", "Opinion - Headline".
var titleSeparators = strings.NewReplacer(" | ", "\x00", " - ", "\x00", " – ", "\x00", " — ", "\x00", " :: ", "\x00")

// titleVariants returns the word sets of the title and of each of its parts.
func titleVariants(title string) []map[string]bool {
	var variants []map[string]bool
	if words := wordSet(title); len(words) > 0 {
		variants = append(variants, words)
	}
	if parts := strings.Split(titleSeparators.Replace(title), "\x00"); len(parts) > 1 {
		for _, part := range parts {
			if words := wordSet(part); len(words) > 0 {
				variants = append(variants, words)
			}
		}
	}
	return variants
}

// isHeadlineOf reports whether a paragraph is the page's headline in other
// words: a line that reads like a headline (short, no final period) and
// shares at least 60% of its words, or of a title variant's, with one of
// the variants.
func isHeadlineOf(p string, variants []map[string]bool) bool {
	if p == "" || runeCount(p) > maxTitleRunes || strings.HasSuffix(p, ".") {
		return false
	}
	words := wordSet(p)
	for _, title := range variants {
		shared := 0
		for w := range words {
			if title[w] {
				shared++
			}
		}
		if shared == len(words) && shared == len(title) ||
			len(title) >= 3 && shared*5 >= 3*len(title) ||
			len(words) >= 3 && shared*5 >= 3*len(words) {
			return true
		}
	}
	return false
}

// wordSet returns the lower-cased words of text.
func wordSet(text string) map[string]bool {
	set := map[string]bool{}
	for _, w := range strings.FieldsFunc(strings.ToLower(text), notWordRune) {
		set[w] = true
	}
	return set
}

// cutParagraph splits off the first non-empty line of text.
func cutParagraph(text string) (first, rest string, ok bool) {
	for {
		first, rest, ok = strings.Cut(text, "\n")
		if strings.TrimSpace(first) != "" || !ok {
			return first, rest, ok
		}
		text = rest
	}
}

// tokenKey is text lower-cased with runs of non-word characters turned into
// single spaces, for comparing headlines.
func tokenKey(text string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(text), notWordRune), " ")
}
