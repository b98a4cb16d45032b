package main

import (
	"context"
	"fmt"
	"os"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/analyze"
	"github.com/storyline-news/storyline/analyze/ner"
	"github.com/storyline-news/storyline/analyze/quote"
	"github.com/storyline-news/storyline/extract"
)

// readText reads a text file for the analysis commands ("-" is stdin),
// within the document size limit, as valid UTF-8.
func readText(e *env, path string) (string, error) {
	var data []byte
	var err error
	if path == "-" {
		data, err = extract.ReadLimited(e.stdin, extract.MaxDocumentBytes)
	} else {
		var f *os.File
		if f, err = os.Open(path); err == nil {
			data, err = extract.ReadLimited(f, extract.MaxDocumentBytes)
			f.Close()
		}
	}
	if err != nil {
		return "", fmt.Errorf("%s: %w", path, err)
	}
	if err := extract.CheckText(data); err != nil {
		return "", fmt.Errorf("%s: %w", path, err)
	}
	return string(data), nil
}

// textArg parses the flags of an analysis command that reads one text file
// and returns the text and whether --json was given.
func textArg(e *env, name string, args []string) (string, bool, error) {
	fs := e.flags(name, "FILE")
	asJSON := fs.Bool("json", false, "print JSON")
	pos, err := parse(fs, args)
	if err != nil {
		return "", false, err
	}
	if len(pos) != 1 {
		return "", false, usagef("give one text file (or -)")
	}
	text, err := readText(e, pos[0])
	return text, *asJSON, err
}

func runEntities(_ context.Context, e *env, args []string) error {
	text, asJSON, err := textArg(e, "entities", args)
	if err != nil {
		return err
	}
	mentions := ner.Default().Mentions(text)
	analyze.Canonicalize(mentions)
	if mentions == nil {
		mentions = []storyline.Mention{}
	}
	if asJSON {
		return writeJSON(e.stdout, mentions)
	}
	for _, m := range mentions {
		fmt.Fprintf(e.stdout, "%-6s %6d-%-6d %s\n", m.Type, m.Start, m.End, terminal(m.Text))
	}
	return nil
}

func runQuotes(_ context.Context, e *env, args []string) error {
	text, asJSON, err := textArg(e, "quotes", args)
	if err != nil {
		return err
	}
	quotes := quote.Find(text, people(text))
	if quotes == nil {
		quotes = []storyline.QuoteSpan{}
	}
	if asJSON {
		return writeJSON(e.stdout, quotes)
	}
	for _, q := range quotes {
		who := "(unattributed)"
		if q.Speaker != nil {
			who = q.Speaker.Name
		}
		fmt.Fprintf(e.stdout, "%s: “%s”\n", terminal(who), terminal(trim(q.Text, 140)))
	}
	return nil
}

// people returns the PERSON mentions of text, for quote attribution.
func people(text string) []storyline.Mention {
	var out []storyline.Mention
	for _, m := range ner.Default().Mentions(text) {
		if m.Type == storyline.Person {
			out = append(out, m)
		}
	}
	return out
}
