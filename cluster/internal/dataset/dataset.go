// Package dataset reads the labelled story-clustering data sets in
// ../shared/data (never copied into the repository) into cluster documents.
package dataset

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/storyline-news/storyline/analyze"
	"github.com/storyline-news/storyline/cluster"
)

// Dir returns the directory of the shared data: $STORYLINE_DATA, else
// /work/shared/data, else ../shared/data relative to the module root.
func Dir() string {
	if d := os.Getenv("STORYLINE_DATA"); d != "" {
		return d
	}
	for _, d := range []string{"/work/shared/data", "../../shared/data", "../../../shared/data", "../../../../shared/data"} {
		if _, err := os.Stat(d); err == nil {
			return d
		}
	}
	return ""
}

// Set is a labelled data set: documents in file order and their true story.
type Set struct {
	Name  string
	IDs   []string
	Docs  []cluster.Doc
	Truth map[string]string
}

type line struct {
	ID        string    `json:"id"`
	Text      string    `json:"text"`
	Title     string    `json:"title"`
	Source    string    `json:"source"`
	Published time.Time `json:"published"`
	Story     string    `json:"story"`
}

// Load reads a JSON-lines file of {"id","text"|"title","source","published",
// "story"}. A "text" becomes the body, a "title" the title (the two data
// sets have one each).
func Load(path string) (*Set, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	s := &Set{Name: filepath.Base(path), Truth: map[string]string{}}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for n := 1; sc.Scan(); n++ {
		var l line
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, n, err)
		}
		d := cluster.Doc{Article: int64(n), Source: l.Source, Published: l.Published}
		if l.Title != "" {
			d.Title = analyze.Terms(l.Title)
		}
		if l.Text != "" {
			d.Body = analyze.Terms(l.Text)
		}
		s.IDs = append(s.IDs, l.ID)
		s.Docs = append(s.Docs, d)
		s.Truth[l.ID] = l.Story
	}
	return s, sc.Err()
}

// Run clusters the set in file order with a new clusterer and returns the
// predicted story of every item, after following merges.
func Run(s *Set, opts cluster.Options) map[string]string {
	c := cluster.New(opts)
	story := make([]int64, len(s.Docs))
	parent := map[int64]int64{}
	for i, d := range s.Docs {
		dec := c.Assign(d)
		story[i] = dec.Story
		for _, m := range dec.Merged {
			parent[m] = dec.Story
		}
	}
	find := func(x int64) int64 {
		for {
			p, ok := parent[x]
			if !ok {
				return x
			}
			x = p
		}
	}
	pred := make(map[string]string, len(s.Docs))
	for i, id := range s.IDs {
		pred[id] = fmt.Sprint(find(story[i]))
	}
	return pred
}
