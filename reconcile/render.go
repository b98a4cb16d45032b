package reconcile

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

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

// writer renders sections and items as plain text or Markdown.
type writer struct {
	b  strings.Builder
	md bool
}

func (w *writer) head(s string) {
	if w.md {
		fmt.Fprintf(&w.b, "\n## %s\n\n", s)
	} else {
		fmt.Fprintf(&w.b, "\n%s\n%s\n", strings.ToUpper(s), strings.Repeat("-", len(s)))
	}
}

// item writes a list item; level 1 is nested under the item before.
func (w *writer) item(level int, format string, args ...any) {
	switch {
	case w.md && level > 0:
		w.b.WriteString("  - ")
	case w.md:
		w.b.WriteString("- ")
	case level > 0:
		w.b.WriteString("      ")
	default:
		w.b.WriteString("  ")
	}
	fmt.Fprintf(&w.b, format, args...)
	w.b.WriteByte('\n')
}

// em marks a word as emphasised (a status, a flag kind).
func (w *writer) em(s string) string {
	if w.md {
		return "**" + s + "**"
	}
	return "[" + s + "]"
}

// when formats a time, "unknown time" when zero.
func when(t time.Time) string {
	if t.IsZero() {
		return "unknown time"
	}
	return t.Format("2006-01-02 15:04")
}

// statusWord says a status in words.
func statusWord(s storyline.Status) string {
	switch s {
	case storyline.Corroborated:
		return "corroborated"
	case storyline.Conflicting:
		return "conflicting"
	}
	return "single source"
}

func render(c *storyline.Card, md bool) string {
	w := &writer{md: md}
	if md {
		fmt.Fprintf(&w.b, "# %s\n\n", c.Title)
	} else {
		fmt.Fprintf(&w.b, "%s\n", c.Title)
	}
	fmt.Fprintf(&w.b, "Story %d · %s · %s", c.ID, nouns(len(c.Articles), "article"), nouns(c.Sources, "independent source"))
	if c.UnknownOutlet > 0 {
		fmt.Fprintf(&w.b, " · %s of no known outlet, not counted as sources", nouns(c.UnknownOutlet, "article"))
	}
	w.b.WriteString("\n")
	if len(c.Summary) > 0 {
		w.head("Summary")
		for i, s := range c.Summary {
			if slices.Contains(c.SummaryDisputed, i) {
				w.item(0, "%s %s", s, w.em("(outlets disagree on a figure here: see the flags)"))
			} else {
				w.item(0, "%s", s)
			}
		}
	}
	if len(c.Flags) > 0 {
		w.head("Flags")
		for _, f := range c.Flags {
			w.item(0, "%s: %s", w.em(f.Kind.Label()), f.Text)
		}
	}
	renderEntities(w, c)
	renderQuotes(w, c)
	renderClaims(w, c)
	if len(c.Timeline) > 0 {
		w.head("Timeline")
		for _, d := range c.Timeline {
			label := ""
			switch d.Kind {
			case KindState:
				label = w.em("development") + " "
			case KindUpdate:
				label = w.em("update") + " "
			}
			w.item(0, "%s %s: %s%s", when(d.Time), d.Source, label, d.Text)
			switch {
			case d.Kind == KindUpdate && d.Previous != "":
				w.item(1, "up from %s", d.Previous)
			case d.Previous != "":
				w.item(1, "earlier: %s", d.Previous)
			}
		}
	}
	w.head("Articles")
	for _, a := range c.Articles {
		copyOf := ""
		if a.DuplicateOf != "" {
			copyOf = " (copy of " + a.DuplicateOf + ")"
		}
		lang := ""
		if a.Language != "" {
			lang = " (" + a.Language + ")"
		}
		w.item(0, "%s  %s — %s%s [%s]%s", when(a.Published), a.Source, a.Title, lang, a.ID, copyOf)
	}
	if len(c.Why) > 0 {
		w.head("Why these articles")
		for _, y := range c.Why {
			w.item(0, "article %d: %s", y.Article, y.Reason)
		}
	}
	return w.b.String()
}

func renderEntities(w *writer, c *storyline.Card) {
	if len(c.Entities) == 0 {
		return
	}
	w.head("Who and where")
	for _, en := range c.Entities {
		extra := ""
		if len(en.Roles) > 0 {
			extra += "; " + strings.Join(en.Roles, ", ")
		}
		if len(en.Aliases) > 0 {
			extra += "; also " + strings.Join(en.Aliases, ", ")
		}
		w.item(0, "%s (%s, %s in %s)%s", en.Name, strings.ToLower(string(en.Type)), nouns(en.Mentions, "mention"), strings.Join(en.Sources, ", "), extra)
	}
}

func renderQuotes(w *writer, c *storyline.Card) {
	if len(c.Quotes) == 0 {
		return
	}
	w.head("Who said what")
	for _, q := range c.Quotes {
		speaker := q.Speaker
		if speaker == "" {
			speaker = "(speaker unknown)"
		}
		w.item(0, "%s: “%s” %s (%s)", speaker, q.Text, w.em(statusWord(q.Status)), sourceList(q.Sources))
		for _, v := range q.Variants[min(1, len(q.Variants)):] {
			w.item(1, "also worded: “%s” (%s, %s)", v.Text, v.Source, v.Article)
		}
	}
}

func renderClaims(w *writer, c *storyline.Card) {
	if len(c.Claims) == 0 {
		return
	}
	w.head("Claims")
	for _, cl := range c.Claims {
		if cl.Post != "" {
			w.item(0, "%s %s (in a post by %s, not the outlets' reporting)", w.em("post"), cl.Text, cl.Post)
			continue
		}
		w.item(0, "%s %s (%s)", w.em(statusWord(cl.Status)), cl.Text, sourceList(cl.Sources))
		if cl.Status == storyline.SingleSource {
			continue
		}
		for _, v := range cl.Variants[min(1, len(cl.Variants)):] {
			w.item(1, "%s: %s", v.Source, v.Text)
		}
	}
}

// sourceList lists the outlets behind a claim or quote, "no known outlet"
// when only reports of unknown outlet carry it.
func sourceList(sources []string) string {
	if len(sources) == 0 {
		return "no known outlet"
	}
	return strings.Join(sources, ", ")
}

// nouns says n of a regular noun: "1 article", "3 articles".
func nouns(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}
