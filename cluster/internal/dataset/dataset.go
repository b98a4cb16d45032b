// Package dataset reads the labelled story-clustering data sets in
// ../shared/data (never copied into the repository) into cluster documents.
package dataset

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/cluster"
	"github.com/storyline-news/storyline/dedup"
	"github.com/storyline-news/storyline/extract"
	"github.com/storyline-news/storyline/ingest"
	"github.com/storyline-news/storyline/source"
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
	Name string
	IDs  []string
	// Docs are what the clusterer reads of each article, described and
	// deduplicated as the ingest pipeline does it (ingest.Describe,
	// ingest.Doc over a dedup index with the default options): Article is
	// the position from 1, DuplicateOf the position of the original.
	Docs  []cluster.Doc
	Truth map[string]string
}

// Load reads a JSON-lines file of articles with a "story" label as
// `storyline ingest` reads it (source.Read: the fields of extract.JSONLines,
// cleaning, a title derived from the text when there is none) and describes
// every article the way the pipeline does, so that clustering the set here
// gives what `storyline eval clusters` gives. Lines whose article key (URL,
// else source and id) was seen before are skipped: the pipeline stores them
// as versions of the first, not as articles.
func Load(path string) (*Set, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Read(filepath.Base(path), data)
}

// Read is Load on the contents of a JSON-lines file.
func Read(name string, data []byte) (*Set, error) {
	truth, err := labels(name, data)
	if err != nil {
		return nil, err
	}
	s := &Set{Name: name, Truth: map[string]string{}}
	ix := newDescriber()
	err = source.Read(context.Background(), []string{"-"}, source.Options{Stdin: bytes.NewReader(data)}, func(it source.Item) error {
		if it.Err != nil {
			return fmt.Errorf("%s: %s: %w", name, it.Origin, it.Err)
		}
		if !ix.add(s, it.Article) {
			return nil
		}
		s.Truth[it.Article.ExternalID] = truth[it.Article.ExternalID]
		return nil
	})
	return s, err
}

// describer describes articles in order as the pipeline does, keeping the
// dedup index and the article keys seen.
type describer struct {
	copies *dedup.Index
	keys   map[string]bool
}

func newDescriber() *describer {
	return &describer{copies: dedup.NewIndex(dedup.Options{}), keys: map[string]bool{}}
}

// add appends the article to the set, unless its key was seen before.
func (ix *describer) add(s *Set, a *storyline.Article) bool {
	if ix.keys[a.Key()] {
		return false
	}
	ix.keys[a.Key()] = true
	f := ingest.Describe(a)
	d := ingest.Doc(a, f, ix.copies)
	d.Article = int64(len(s.Docs) + 1)
	ix.copies.Add(d.Article, f.Signature)
	s.IDs = append(s.IDs, a.ExternalID)
	s.Docs = append(s.Docs, d)
	return true
}

// labels reads the "story" label of every line, by id.
func labels(name string, data []byte) (map[string]string, error) {
	out := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for n := 1; sc.Scan(); n++ {
		if len(bytes.TrimSpace(sc.Bytes())) == 0 {
			continue
		}
		var l struct {
			ID    any `json:"id"`
			Story any `json:"story"`
		}
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, n, err)
		}
		if l.Story != nil {
			out[fmt.Sprint(l.ID)] = fmt.Sprint(l.Story)
		}
	}
	return out, sc.Err()
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
// files under dir/*/text (extract.Text: first line the title, the rest the
// body), dated and attributed by dir/metadata.tsv (columns filename,
// publisher, publication_date), in date order, described as the pipeline
// does. It serves to look at the clustering of real articles and to time
// it; Truth is empty.
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
	var arts []*storyline.Article
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		a, err := extract.Text(p, b)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p, err)
		}
		a.ExternalID = strings.TrimSuffix(filepath.Base(p), ".txt")
		in := infos[a.ExternalID]
		a.Source, a.Published = in.source, in.date
		arts = append(arts, a)
	}
	sort.SliceStable(arts, func(i, j int) bool {
		return arts[i].Published.Before(arts[j].Published) ||
			(arts[i].Published.Equal(arts[j].Published) && arts[i].ExternalID < arts[j].ExternalID)
	})
	s := &Set{Name: filepath.Base(dir), Truth: map[string]string{}}
	ix := newDescriber()
	for _, a := range arts {
		ix.add(s, a)
	}
	return s, nil
}
