package reconcile

import (
	"fmt"
	"strings"

	"github.com/storyline-news/storyline"
)

// Text renders a card for a terminal.
func Text(c *storyline.Card) string {
	return render(c, false)
}

// Markdown renders a card as Markdown.
func Markdown(c *storyline.Card) string {
	return render(c, true)
}

func render(c *storyline.Card, md bool) string {
	var b strings.Builder
	head := func(s string) {
		if md {
			fmt.Fprintf(&b, "\n## %s\n\n", s)
		} else {
			fmt.Fprintf(&b, "\n%s\n%s\n", strings.ToUpper(s), strings.Repeat("-", len(s)))
		}
	}
	item := func(format string, args ...any) {
		if md {
			b.WriteString("- ")
		} else {
			b.WriteString("  ")
		}
		fmt.Fprintf(&b, format, args...)
		b.WriteByte('\n')
	}
	if md {
		fmt.Fprintf(&b, "# %s\n\n", c.Title)
	} else {
		fmt.Fprintf(&b, "%s\n", c.Title)
	}
	fmt.Fprintf(&b, "Story %d · %d articles · %d independent sources\n", c.ID, len(c.Articles), c.Sources)
	if len(c.Summary) > 0 {
		head("Summary")
		for _, s := range c.Summary {
			item("%s", s)
		}
	}
	if len(c.Flags) > 0 {
		head("Flags")
		for _, f := range c.Flags {
			item("[%s] %s (%s)", f.Kind, f.Text, strings.Join(f.Sources, ", "))
		}
	}
	if len(c.Entities) > 0 {
		head("Who and where")
		for _, en := range c.Entities {
			aliases := ""
			if len(en.Aliases) > 0 {
				aliases = " — also " + strings.Join(en.Aliases, ", ")
			}
			item("%s (%s, %d mentions, %d sources)%s", en.Name, en.Type, en.Mentions, len(en.Sources), aliases)
		}
	}
	if len(c.Quotes) > 0 {
		head("Who said what")
		for _, q := range c.Quotes {
			item("%s: “%s” [%s: %s]", q.Speaker, q.Text, q.Status, strings.Join(q.Sources, ", "))
			for _, v := range q.Variants[min(1, len(q.Variants)):] {
				item("    also worded: “%s” (%s)", v.Text, v.Source)
			}
		}
	}
	if len(c.Claims) > 0 {
		head("Claims")
		for _, cl := range c.Claims {
			item("[%s] %s (%s)", cl.Status, cl.Text, strings.Join(cl.Sources, ", "))
		}
	}
	if len(c.Timeline) > 0 {
		head("Timeline")
		for _, d := range c.Timeline {
			item("%s %s: %s", d.Time.Format("2006-01-02 15:04"), d.Source, d.Text)
		}
	}
	head("Articles")
	for _, a := range c.Articles {
		copyOf := ""
		if a.DuplicateOf != "" {
			copyOf = " (copy of " + a.DuplicateOf + ")"
		}
		item("%s  %s — %s [%s]%s", a.Published.Format("2006-01-02 15:04"), a.Source, a.Title, a.ID, copyOf)
	}
	if len(c.Why) > 0 {
		head("Why these articles")
		for _, w := range c.Why {
			item("article %d: %s", w.Article, w.Reason)
		}
	}
	return b.String()
}
