package main

import (
	"context"
	"fmt"
	"time"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/source"
)

// extractRow is one line of `extract`.
type extractRow struct {
	File      string           `json:"file"`
	Title     string           `json:"title"`
	Body      string           `json:"body"`
	Published *time.Time       `json:"published"`
	Author    string           `json:"author"`
	Language  string           `json:"language"`
	URL       string           `json:"url,omitempty"`
	Parts     []storyline.Part `json:"parts,omitempty"`
	Error     string           `json:"error,omitempty"`
}

func runExtract(ctx context.Context, e *env, args []string) error {
	fs := e.flags("extract", "FILE ...")
	jsonOnly(fs, "JSON lines")
	files, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return usagef("give files to extract")
	}
	failed := 0
	err = source.Read(ctx, files, source.Options{Stdin: e.stdin}, func(it source.Item) error {
		if it.Err != nil {
			failed++
			fmt.Fprintf(e.stderr, "storyline: %s: %s\n", terminal(it.Origin), message(it.Err))
			return nil
		}
		a := it.Article
		row := extractRow{File: it.Origin, Title: a.Title, Body: a.Body, Author: a.Author, Language: a.Language, URL: a.URL, Parts: a.Parts}
		if !a.Published.IsZero() {
			row.Published = &a.Published
		}
		return jsonLine(e.stdout, row)
	})
	if err != nil {
		return err
	}
	if failed > 0 {
		return partialError{failed}
	}
	return nil
}
