package dataset

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/storyline-news/storyline/demo"
)

// Full-length articles labelled by story, for checking the clusterer on
// long texts: the demo corpus (invented, timed, developing stories) and
// the English news pages of the extraction benchmark (real, untimed, the
// same events told by several outlets), labelled by hand in
// cluster/testdata/extraction-stories.tsv. Both are built as JSON lines in
// the shape `storyline eval clusters` reads, so that the same bytes serve
// the harness and the command line.

// DemoStoriesJSONL returns the demo corpus with each article's story label
// added as "story".
func DemoStoriesJSONL() ([]byte, error) {
	labels := demo.Labels()
	var out bytes.Buffer
	sc := bufio.NewScanner(demo.Articles())
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var row map[string]any
		if err := json.Unmarshal(sc.Bytes(), &row); err != nil {
			return nil, fmt.Errorf("demo corpus: %w", err)
		}
		row["story"] = labels[fmt.Sprint(row["id"])]
		if err := writeLine(&out, row); err != nil {
			return nil, err
		}
	}
	return out.Bytes(), sc.Err()
}

// ExtractionStoriesJSONL returns the labelled pages of the extraction
// benchmark under dataDir as lines {"id","text","story"}: the ground-truth
// body of each page listed in extraction-stories.tsv (its id is the first
// 12 characters of the page's key).
func ExtractionStoriesJSONL(dataDir string) ([]byte, error) {
	pages, err := extractionPages(dataDir)
	if err != nil {
		return nil, err
	}
	rows, err := readTSV(testdata("extraction-stories.tsv"))
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	for _, r := range rows {
		key, err := pageKey(pages, r["id"])
		if err != nil {
			return nil, err
		}
		line := map[string]string{"id": r["id"], "text": pages[key].ArticleBody, "story": r["story"]}
		if err := writeLine(&out, line); err != nil {
			return nil, err
		}
	}
	return out.Bytes(), nil
}

// page is one entry of the extraction benchmark's ground truth.
type page struct {
	ArticleBody string `json:"articleBody"`
	URL         string `json:"url"`
}

func extractionPages(dataDir string) (map[string]page, error) {
	b, err := os.ReadFile(filepath.Join(dataDir, "extraction", "ground-truth.json"))
	if err != nil {
		return nil, err
	}
	pages := map[string]page{}
	if err := json.Unmarshal(b, &pages); err != nil {
		return nil, fmt.Errorf("extraction ground truth: %w", err)
	}
	return pages, nil
}

// pageKey returns the key of the page whose key starts with prefix.
func pageKey(pages map[string]page, prefix string) (string, error) {
	found := ""
	for k := range pages {
		if strings.HasPrefix(k, prefix) {
			if found != "" {
				return "", fmt.Errorf("extraction page %s: ambiguous", prefix)
			}
			found = k
		}
	}
	if found == "" {
		return "", fmt.Errorf("extraction page %s: not in the ground truth", prefix)
	}
	return found, nil
}

// readTSV reads a tab-separated file with a header line into rows keyed by
// column name.
func readTSV(path string) ([]map[string]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var cols []string
	var rows []map[string]string
	for _, l := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		f := strings.Split(l, "\t")
		if cols == nil {
			cols = f
			continue
		}
		r := map[string]string{}
		for i, c := range cols {
			if i < len(f) {
				r[c] = f[i]
			}
		}
		rows = append(rows, r)
	}
	return rows, nil
}

func writeLine(buf *bytes.Buffer, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	buf.Write(b)
	buf.WriteByte('\n')
	return nil
}

// moduleRoot is the repository's root directory, found from this file's
// place in it (cluster/internal/dataset).
func moduleRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "..")
}

// testdata returns the path of a file in cluster/testdata.
func testdata(name string) string {
	return filepath.Join(moduleRoot(), "cluster", "testdata", name)
}

// LongSets names the labelled sets of full-length articles.
var LongSets = []string{"demo-stories", "extraction-stories"}

// LongJSONL returns the named set of full-length articles (see LongSets)
// as the JSON lines `storyline eval clusters` reads.
func LongJSONL(name, dataDir string) ([]byte, error) {
	switch name {
	case "demo-stories":
		return DemoStoriesJSONL()
	case "extraction-stories":
		return ExtractionStoriesJSONL(dataDir)
	}
	return nil, fmt.Errorf("unknown set %q", name)
}
