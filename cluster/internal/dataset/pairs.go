package dataset

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/cluster"
	"github.com/storyline-news/storyline/eval"
	"github.com/storyline-news/storyline/extract"
	"github.com/storyline-news/storyline/ingest"
)

// Labelled pairs of full-length reports, graded like the SemEval-2022 Task
// 8 news-similarity ratings on a scale from 1 (unrelated) through 2 (the
// same subject, another event) and 3 (related events, or one event from
// afar) to 4 (the same story):
//
//   - demo: demo/pairs.jsonl, 180 pairs of the invented demo corpus (4, 2
//     and 1 only);
//   - polnear: 100 pairs of US political reports from PolNeAR published
//     within three days of each other, most of them the closest by TF-IDF
//     (cluster/testdata/polnear-pairs.tsv: file names and grades, graded by
//     hand from titles and leads): one beat, hard to tell apart;
//   - extraction: 284 pairs of the English news pages of the extraction
//     benchmark (cluster/testdata/extraction-pairs.tsv), from 22 events
//     told by several outlets, their neighbours, and random others.
//
// Pairs are written in the shape `storyline compare --pairs` and `storyline
// eval pairs` read, so that the figures of the harness and of the command
// line agree; same_story is a grade of 3 or more.

// Report is one side of a pair, as `compare --pairs` reads it.
type Report struct {
	ID        string    `json:"id"`
	Title     string    `json:"title,omitempty"`
	Text      string    `json:"text"`
	Source    string    `json:"source,omitempty"`
	Published time.Time `json:"published,omitzero"`
}

// Pair is one labelled pair.
type Pair struct {
	ID         string  `json:"id"`
	A          Report  `json:"a"`
	B          Report  `json:"b"`
	Similarity float64 `json:"similarity"`
	SameStory  bool    `json:"same_story"`
}

// PairSets lists the pair sets by name, for the harness.
var PairSets = []string{"demo", "polnear", "extraction"}

// LoadPairs builds the named pair set (see PairSets) from the repository
// and the shared data directory.
func LoadPairs(name, dataDir string) ([]Pair, error) {
	switch name {
	case "demo":
		return readPairs(filepath.Join(moduleRoot(), "demo", "pairs.jsonl"))
	case "polnear":
		return polnearPairs(dataDir)
	case "extraction":
		return extractionPairs(dataDir)
	}
	return nil, fmt.Errorf("unknown pair set %q", name)
}

// WritePairs writes pairs as JSON lines.
func WritePairs(path string, pairs []Pair) error {
	var buf bytes.Buffer
	for _, p := range pairs {
		if err := writeLine(&buf, p); err != nil {
			return err
		}
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}

func readPairs(path string) ([]Pair, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var pairs []Pair
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for n := 1; sc.Scan(); n++ {
		var p Pair
		if err := json.Unmarshal(sc.Bytes(), &p); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, n, err)
		}
		pairs = append(pairs, p)
	}
	return pairs, sc.Err()
}

// graded turns rows {a, b, similarity} into pairs, given the reports by id.
func graded(prefix string, rows []map[string]string, report func(id string) (Report, error)) ([]Pair, error) {
	var pairs []Pair
	for i, r := range rows {
		a, err := report(r["a"])
		if err != nil {
			return nil, err
		}
		b, err := report(r["b"])
		if err != nil {
			return nil, err
		}
		sim, err := strconv.ParseFloat(r["similarity"], 64)
		if err != nil {
			return nil, fmt.Errorf("%s pair %d: similarity: %w", prefix, i+1, err)
		}
		pairs = append(pairs, Pair{ID: fmt.Sprintf("%s-%03d", prefix, i), A: a, B: b, Similarity: sim, SameStory: sim >= 3})
	}
	return pairs, nil
}

func polnearPairs(dataDir string) ([]Pair, error) {
	rows, err := readTSV(testdata("polnear-pairs.tsv"))
	if err != nil {
		return nil, err
	}
	dir := filepath.Join(dataDir, "polnear")
	meta, err := polnearMeta(dir)
	if err != nil {
		return nil, err
	}
	return graded("polnear", rows, func(id string) (Report, error) {
		paths, _ := filepath.Glob(filepath.Join(dir, "*", "text", id+".txt"))
		if len(paths) != 1 {
			return Report{}, fmt.Errorf("polnear article %s: not found", id)
		}
		b, err := os.ReadFile(paths[0])
		if err != nil {
			return Report{}, err
		}
		a, err := extract.Text(paths[0], b)
		if err != nil {
			return Report{}, fmt.Errorf("%s: %w", paths[0], err)
		}
		m := meta[id]
		return Report{ID: id, Title: a.Title, Text: a.Body, Source: m.source, Published: m.date}, nil
	})
}

// polnearInfo is what PolNeAR's metadata.tsv says of an article.
type polnearInfo struct {
	source string
	date   time.Time
}

func polnearMeta(dir string) (map[string]polnearInfo, error) {
	rows, err := readTSV(filepath.Join(dir, "metadata.tsv"))
	if err != nil {
		return nil, err
	}
	infos := map[string]polnearInfo{}
	for _, r := range rows {
		d, _ := time.Parse("2006-01-02", r["publication_date"])
		infos[r["filename"]] = polnearInfo{r["publisher"], d}
	}
	return infos, nil
}

func extractionPairs(dataDir string) ([]Pair, error) {
	rows, err := readTSV(testdata("extraction-pairs.tsv"))
	if err != nil {
		return nil, err
	}
	pages, err := extractionPages(dataDir)
	if err != nil {
		return nil, err
	}
	return graded("extraction", rows, func(id string) (Report, error) {
		p, ok := pages[id]
		if !ok {
			return Report{}, fmt.Errorf("extraction page %s: not in the ground truth", id)
		}
		return Report{ID: id[:12], Text: p.ArticleBody}, nil
	})
}

// ScorePairs scores every pair as `storyline compare --pairs` does: each
// report described by ingest.Describe, the distinct texts of the batch
// observed once for term weights, then Clusterer.Score.
func ScorePairs(pairs []Pair) (scores []float64, c *cluster.Clusterer) {
	c = cluster.New(cluster.Options{})
	docs := make([][2]cluster.Doc, len(pairs))
	seen := map[string]bool{}
	for i, p := range pairs {
		for j, r := range [2]Report{p.A, p.B} {
			a := &storyline.Article{ExternalID: r.ID, Title: r.Title, Body: r.Text, Source: r.Source, Published: r.Published}
			docs[i][j] = ingest.Doc(a, ingest.Describe(a), nil)
			if key := ingest.Hash(a); !seen[key] {
				seen[key] = true
				c.Observe(docs[i][j])
			}
		}
	}
	for i := range pairs {
		scores = append(scores, c.Score(docs[i][0], docs[i][1]))
	}
	return scores, c
}

// PairReport is the quality of scores on a labelled pair set.
type PairReport struct {
	Pairs   int
	Pearson float64
	eval.PRF
}

// EvaluatePairs scores a pair set and compares the scores with the grades
// (Pearson) and the decisions with same_story (F1).
func EvaluatePairs(pairs []Pair) PairReport {
	scores, c := ScorePairs(pairs)
	sims := make([]float64, len(pairs))
	var pred, truth []bool
	for i, p := range pairs {
		sims[i] = p.Similarity
		pred = append(pred, c.SameStory(scores[i]))
		truth = append(truth, p.SameStory)
	}
	return PairReport{Pairs: len(pairs), Pearson: eval.Pearson(scores, sims), PRF: eval.BinaryF1(pred, truth)}
}

func (r PairReport) String() string {
	return strings.TrimSpace(fmt.Sprintf("%d pairs, Pearson %.3f, same_story P %.3f R %.3f F1 %.3f",
		r.Pairs, r.Pearson, r.Precision, r.Recall, r.F1))
}
