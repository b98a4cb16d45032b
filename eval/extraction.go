package eval

import (
	"compress/gzip"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/storyline-news/storyline/extract"
)

// ExtractionReport is how well extract.HTML finds the article body of
// labelled pages.
//
// The metric is the one of the Scrapinghub article extraction benchmark that
// go-trafilatura and others publish figures for: each page's extracted body
// and true body become multisets (not sets) of 4-token shingles, tokens being
// lower-cased runs of letters, digits and underscores; a page's precision and
// recall count shingles in common; Precision is the mean page precision over
// pages where something was extracted, Recall the mean page recall over pages
// with a true body, F1 their harmonic mean.
type ExtractionReport struct {
	Pages     int     `json:"pages"`
	Failed    int     `json:"failed"` // pages extract.HTML gave an error for
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
	// Seconds is the wall time of extracting every page, on all CPUs.
	Seconds float64 `json:"seconds"`
	// PageMillis is the mean time of extracting one page.
	PageMillis float64 `json:"page_ms"`
	// Worst lists the pages with the lowest F1, worst first.
	Worst []PageScore `json:"worst,omitempty"`
}

// PageScore is the score of one page.
type PageScore struct {
	ID        string  `json:"id"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
	Error     string  `json:"error,omitempty"`
}

// worstPages is how many pages a report lists in Worst.
const worstPages = 10

// labelledPage is one entry of ground-truth.json.
type labelledPage struct {
	ArticleBody string `json:"articleBody"`
	URL         string `json:"url"`
}

// Extraction extracts every page of an article extraction benchmark in dir —
// dir/ground-truth.json mapping ids to {"articleBody","url"}, and the pages
// in dir/html/<id>.html.gz — and scores the bodies against the truth.
func Extraction(dir string) (ExtractionReport, error) {
	truth, err := readGroundTruth(filepath.Join(dir, "ground-truth.json"))
	if err != nil {
		return ExtractionReport{}, err
	}
	ids := make([]string, 0, len(truth))
	for id := range truth {
		ids = append(ids, id)
	}
	slices.Sort(ids)

	start := time.Now()
	scores, spent, err := scorePages(dir, ids, truth)
	if err != nil {
		return ExtractionReport{}, err
	}
	r := summarize(scores)
	r.Seconds = time.Since(start).Seconds()
	r.PageMillis = float64(spent.Milliseconds()) / float64(max(1, len(ids)))
	return r, nil
}

// readGroundTruth reads the benchmark's labels.
func readGroundTruth(path string) (map[string]labelledPage, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var truth map[string]labelledPage
	if err := json.Unmarshal(data, &truth); err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return truth, nil
}

// scorePages extracts and scores the pages on all CPUs. It returns the scores
// in the order of ids and the summed extraction time.
func scorePages(dir string, ids []string, truth map[string]labelledPage) ([]pageResult, time.Duration, error) {
	results := make([]pageResult, len(ids))
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		spent time.Duration
		first error
		next  = make(chan int)
	)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				res, took, err := scorePage(dir, ids[i], truth[ids[i]])
				mu.Lock()
				results[i], spent = res, spent+took
				if err != nil && first == nil {
					first = err
				}
				mu.Unlock()
			}
		}()
	}
	for i := range ids {
		next <- i
	}
	close(next)
	wg.Wait()
	return results, spent, first
}

// pageResult is one page's shingle counts and score.
type pageResult struct {
	counts ShingleCounts
	score  PageScore
}

// scorePage extracts one page and compares it with its true body. A page the
// extractor refuses scores as an empty extraction; only a missing or
// unreadable file is an error.
func scorePage(dir, id string, truth labelledPage) (pageResult, time.Duration, error) {
	data, err := readGzip(filepath.Join(dir, "html", id+".html.gz"))
	if err != nil {
		return pageResult{}, 0, err
	}
	start := time.Now()
	a, err := extract.HTML(data, truth.URL)
	took := time.Since(start)
	predicted, failure := "", ""
	if err != nil {
		failure = err.Error()
	} else {
		predicted = a.Body
	}
	c := CompareShingles(truth.ArticleBody, predicted)
	p, r := c.Precision(), c.Recall()
	return pageResult{counts: c, score: PageScore{ID: id, Precision: p, Recall: r, F1: harmonic(p, r), Error: failure}}, took, nil
}

// readGzip reads a gzip-compressed file, at most extract.MaxDocumentBytes of
// it once uncompressed.
func readGzip(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	data, err := extract.ReadLimited(z, extract.MaxDocumentBytes)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return data, nil
}

// summarize averages page scores the way the benchmark does.
func summarize(results []pageResult) ExtractionReport {
	var r ExtractionReport
	var sumP, sumR float64
	var nP, nR int
	scores := make([]PageScore, 0, len(results))
	for _, res := range results {
		c := res.counts
		if c.TP+c.FP > 0 {
			sumP, nP = sumP+c.Precision(), nP+1
		}
		if c.TP+c.FN > 0 {
			sumR, nR = sumR+c.Recall(), nR+1
		}
		if res.score.Error != "" {
			r.Failed++
		}
		scores = append(scores, res.score)
	}
	r.Pages = len(results)
	r.Precision = sumP / float64(max(1, nP))
	r.Recall = sumR / float64(max(1, nR))
	r.F1 = harmonic(r.Precision, r.Recall)
	slices.SortStableFunc(scores, func(a, b PageScore) int {
		return compareFloat(a.F1, b.F1)
	})
	r.Worst = scores[:min(worstPages, len(scores))]
	return r
}

func compareFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// harmonic returns the harmonic mean of p and r, 0 when both are 0.
func harmonic(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// ShingleCounts compares the shingles of a true and an extracted text:
// shingles in both (TP), only extracted (FP), only true (FN), each counted
// with multiplicity.
type ShingleCounts struct {
	TP, FP, FN int
}

// shingleSize is the number of tokens in a shingle.
const shingleSize = 4

// CompareShingles counts the 4-token shingles truth and predicted share.
func CompareShingles(truth, predicted string) ShingleCounts {
	t, p := shingles(truth), shingles(predicted)
	var c ShingleCounts
	for s, nt := range t {
		np := p[s]
		c.TP += min(nt, np)
		c.FN += max(0, nt-np)
	}
	for s, np := range p {
		c.FP += max(0, np-t[s])
	}
	return c
}

// Precision is the share of extracted shingles that are true: 1 when both
// texts are empty, 0 when nothing true was extracted.
func (c ShingleCounts) Precision() float64 {
	switch {
	case c.FP == 0 && c.FN == 0:
		return 1
	case c.TP == 0 && c.FP == 0:
		return 0
	}
	return float64(c.TP) / float64(c.TP+c.FP)
}

// Recall is the share of true shingles that were extracted: 1 when both texts
// are empty, 0 when nothing true was extracted.
func (c ShingleCounts) Recall() float64 {
	switch {
	case c.FP == 0 && c.FN == 0:
		return 1
	case c.TP == 0 && c.FN == 0:
		return 0
	}
	return float64(c.TP) / float64(c.TP+c.FN)
}

// shingles returns the multiset of 4-token shingles of text. A text of fewer
// tokens is one shingle of all of them, as in the benchmark.
func shingles(text string) map[string]int {
	tokens := tokenize(text)
	out := make(map[string]int, len(tokens))
	for i := 0; i < max(1, len(tokens)-shingleSize+1); i++ {
		s := tokens[i:min(len(tokens), i+shingleSize)]
		if len(s) > 0 {
			out[strings.Join(s, "\x00")]++
		}
	}
	return out
}

// tokenize splits text into lower-cased words: runs of letters, digits and
// underscores (the benchmark's \w+).
func tokenize(text string) []string {
	return strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsNumber(r) && r != '_'
	})
}
