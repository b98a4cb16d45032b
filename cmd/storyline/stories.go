package main

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/reconcile"
)

// storyRow is one line of `stories --json`.
type storyRow struct {
	ID       int64     `json:"id"`
	Title    string    `json:"title"`
	Articles int       `json:"articles"`
	Sources  int       `json:"sources"`
	Updated  time.Time `json:"updated"`
}

func runStories(ctx context.Context, e *env, args []string) error {
	fs := e.flags("stories", "")
	asJSON := fs.Bool("json", false, "print JSON")
	limit := fs.Int("limit", 0, "show at most `n` stories (0: all)")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	db, err := e.openExisting(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	stories, err := db.Stories(ctx, storyline.Filter{Limit: *limit})
	if err != nil {
		return err
	}
	rows := make([]storyRow, 0, len(stories))
	for _, s := range stories {
		rows = append(rows, storyRow{ID: s.ID, Title: s.Title, Articles: s.Articles, Sources: s.Sources, Updated: s.Updated})
	}
	if *asJSON {
		return writeJSON(e.stdout, rows)
	}
	for _, r := range rows {
		fmt.Fprintf(e.stdout, "%6d  %-12s  %-10s  %s  %s\n", r.ID, count(r.Articles, "article", "articles"), count(r.Sources, "source", "sources"),
			r.Updated.Format("2006-01-02 15:04"), terminal(trim(r.Title, 80)))
	}
	return nil
}

func runStory(ctx context.Context, e *env, args []string) error {
	fs := e.flags("story", "ID")
	asJSON := fs.Bool("json", false, "print the card as JSON")
	format := fs.String("format", "text", "output `format`: text, md or json")
	why := fs.Bool("why", false, "explain why each article joined the story")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("give one story ID")
	}
	id, err := strconv.ParseInt(pos[0], 10, 64)
	if err != nil {
		return usagef("story ID %q is not a number", pos[0])
	}
	if *asJSON {
		*format = "json"
	}
	db, err := e.openExisting(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	card, err := loadCard(ctx, db, id, *why)
	if err != nil {
		return err
	}
	switch *format {
	case "json":
		return writeJSON(e.stdout, card)
	case "md", "markdown":
		fmt.Fprint(e.stdout, terminalText(reconcile.Markdown(card)))
	case "text":
		fmt.Fprint(e.stdout, terminalText(reconcile.Text(card)))
	default:
		return usagef("unknown format %q (text, md, json)", *format)
	}
	return nil
}

// loadCard reads a story, following merges, and returns its card: the
// cached one when the story has not changed, else one rebuilt from the
// cached analyses of its articles (analysing only new or revised ones).
func loadCard(ctx context.Context, db storyline.Store, id int64, why bool) (*storyline.Card, error) {
	resolved, err := db.Resolve(ctx, id)
	if err != nil {
		return nil, err
	}
	s, err := db.Story(ctx, resolved)
	if err != nil {
		return nil, err
	}
	arts, err := db.Articles(ctx, storyline.Filter{Story: resolved})
	if err != nil {
		return nil, err
	}
	card, err := reconcile.Load(ctx, db, s, arts)
	if err != nil {
		return nil, err
	}
	if why {
		card.Why, err = db.Assignments(ctx, resolved)
		if err != nil {
			return nil, err
		}
	}
	return card, nil
}

// exportRow is one line of `export --format jsonl`.
type exportRow struct {
	ID          string    `json:"id"`
	Story       int64     `json:"story"`
	DuplicateOf *string   `json:"duplicate_of"`
	Title       string    `json:"title"`
	Source      string    `json:"source,omitempty"`
	URL         string    `json:"url,omitempty"`
	Published   time.Time `json:"published,omitzero"`
	Version     int       `json:"version"`
}

func runExport(ctx context.Context, e *env, args []string) error {
	fs := e.flags("export", "")
	format := fs.String("format", "jsonl", "output `format` (jsonl)")
	// export streams one JSON object per line, so --json means JSON lines,
	// the one format there is: a whole-array document would have to hold
	// every article in memory first.
	jsonOnly(fs, "JSON lines, the same as --format jsonl")
	body := fs.Bool("body", false, "include each article's cleaned body and labelled parts")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	if *format != "jsonl" {
		return usagef("unknown format %q (jsonl)", *format)
	}
	db, err := e.openExisting(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	ext := map[int64]string{}
	return db.EachArticle(ctx, func(a *storyline.Article) error {
		ext[a.ID] = a.ExternalID
		row := exportRow{ID: a.ExternalID, Story: a.Story, Title: a.Title, Source: a.Source, URL: a.URL, Published: a.Published, Version: a.Version}
		if a.DuplicateOf != 0 {
			d := ext[a.DuplicateOf]
			row.DuplicateOf = &d
		}
		if *body {
			return jsonLine(e.stdout, struct {
				exportRow
				Body  string           `json:"body"`
				Parts []storyline.Part `json:"parts,omitempty"`
			}{row, a.Body, a.Parts})
		}
		return jsonLine(e.stdout, row)
	})
}

func runSearch(ctx context.Context, e *env, args []string) error {
	fs := e.flags("search", "QUERY")
	asJSON := fs.Bool("json", false, "print JSON")
	limit := fs.Int("limit", 20, "at most `n` results")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	q := strings.TrimSpace(strings.Join(pos, " "))
	if q == "" {
		return usagef("give a query")
	}
	db, err := e.openExisting(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	hits, err := db.Search(ctx, q, *limit)
	if err != nil {
		return err
	}
	type hit struct {
		Article string `json:"article"`
		Story   int64  `json:"story"`
		Title   string `json:"title"`
		Snippet string `json:"snippet"`
	}
	out := make([]hit, 0, len(hits))
	for _, h := range hits {
		ext := strconv.FormatInt(h.Article, 10)
		if a, err := db.Article(ctx, h.Article); err == nil {
			ext = a.ExternalID
		}
		out = append(out, hit{Article: ext, Story: h.Story, Title: h.Title, Snippet: h.Snippet})
	}
	if *asJSON {
		// The JSON snippet is plain text: the store's match markers are
		// control characters, for pages to turn into <mark>.
		for i := range out {
			out[i].Snippet = storyline.PlainSnippet(out[i].Snippet)
		}
		return writeJSON(e.stdout, out)
	}
	for _, h := range out {
		fmt.Fprintf(e.stdout, "story %d  %s  %s\n    %s\n", h.Story, terminal(h.Article), terminal(trim(h.Title, 70)), terminal(trim(markedForTerminal.Replace(h.Snippet), 110)))
	}
	return nil
}

// markedForTerminal shows a search snippet's matches between guillemets.
var markedForTerminal = strings.NewReplacer(storyline.SnippetMarkStart, "«", storyline.SnippetMarkEnd, "»")
