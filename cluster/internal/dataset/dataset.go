// Package dataset reads the labelled story-clustering data sets in
// ../shared/data (never copied into the repository) into cluster documents.
package dataset

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
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

// LoadArticles reads full-length articles without story labels: the text
// files under dir/*/text (first line the title, the rest the body), dated
// and attributed by dir/metadata.tsv (columns filename, publisher,
// publication_date), in date order. It serves to look at the clustering of
// real articles and to time it; Truth is empty.
func LoadArticles(dir string) (*Set, error) {
	meta, err := os.ReadFile(filepath.Join(dir, "metadata.tsv"))
	if err != nil {
		return nil, err
	}
	type info struct {
		source string
		date   time.Time
	}
	infos := map[string]info{}
	var cols map[string]int
	for _, l := range strings.Split(string(meta), "\n") {
		f := strings.Split(l, "\t")
		if cols == nil {
			cols = map[string]int{}
			for i, c := range f {
				cols[c] = i
			}
			continue
		}
		if len(f) < len(cols) {
			continue
		}
		d, _ := time.Parse("2006-01-02", f[cols["publication_date"]])
		infos[f[cols["filename"]]] = info{f[cols["publisher"]], d}
	}
	paths, err := filepath.Glob(filepath.Join(dir, "*", "text", "*.txt"))
	if err != nil {
		return nil, err
	}
	s := &Set{Name: filepath.Base(dir), Truth: map[string]string{}}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		name := strings.TrimSuffix(filepath.Base(p), ".txt")
		head, body, _ := strings.Cut(string(b), "\n")
		in := infos[name]
		s.IDs = append(s.IDs, name)
		s.Docs = append(s.Docs, cluster.Doc{Source: in.source, Published: in.date,
			Title: analyze.Terms(head), Body: analyze.Terms(body)})
	}
	order := make([]int, len(s.Docs))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool {
		return s.Docs[order[a]].Published.Before(s.Docs[order[b]].Published) ||
			(s.Docs[order[a]].Published.Equal(s.Docs[order[b]].Published) && s.IDs[order[a]] < s.IDs[order[b]])
	})
	ids, docs := make([]string, len(order)), make([]cluster.Doc, len(order))
	for i, j := range order {
		ids[i], docs[i] = s.IDs[j], s.Docs[j]
		docs[i].Article = int64(i + 1)
	}
	s.IDs, s.Docs = ids, docs
	return s, nil
}
