// Package demo embeds the sample corpus that `storyline demo` loads.
//
// The corpus is invented news: reports from twelve made-up outlets about
// fifteen made-up events, written to show what storyline does (developing
// stories, syndicated copies, conflicting figures, a misnamed person, an
// embedded social post, one quote in two translations). README.md lists the
// stories and where each phenomenon is.
package demo

import (
	"bufio"
	"bytes"
	_ "embed"
	"encoding/json"
	"io"
)

//go:embed corpus/articles.jsonl
var articles []byte

//go:embed labels.jsonl
var labels []byte

// Articles returns the corpus as JSON lines, one article a line with the
// fields id, title, text, url, source, published and optionally author,
// sorted by publication time.
func Articles() io.Reader {
	return bytes.NewReader(articles)
}

// Labels returns the ground-truth story label of every article, by article id.
func Labels() map[string]string {
	m := make(map[string]string)
	sc := bufio.NewScanner(bytes.NewReader(labels))
	for sc.Scan() {
		var l struct {
			ID    string `json:"id"`
			Story string `json:"story"`
		}
		if len(bytes.TrimSpace(sc.Bytes())) == 0 {
			continue
		}
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			panic("demo: bad labels.jsonl: " + err.Error())
		}
		m[l.ID] = l.Story
	}
	return m
}
