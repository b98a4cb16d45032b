package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"

	"github.com/storyline-news/storyline/analyze/language"
)

// languageEval is the output of `eval language`.
type languageEval struct {
	File     string  `json:"file"`
	Reports  int     `json:"reports"`
	Accuracy float64 `json:"accuracy"`
	// ByLanguage holds the accuracy on the reports labelled with each
	// language, and Confusions the most frequent mistakes ("de→en").
	ByLanguage map[string]languageFigure `json:"by_language"`
	Confusions map[string]int            `json:"confusions,omitempty"`
}

// languageFigure is the detection accuracy on the reports of one language.
type languageFigure struct {
	Reports  int     `json:"reports"`
	Accuracy float64 `json:"accuracy"`
}

// evalLanguage measures language detection on labelled reports: lines that
// are reports ({"language","title","text"}) or pairs of them ({"a","b"}).
// Each distinct report counts once.
func evalLanguage(_ context.Context, e *env, args []string) error {
	fs := e.flags("eval language", "FILE.jsonl")
	jsonOnly(fs, "JSON")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("give a labelled file (lines with \"language\" and \"text\", or pairs of them in \"a\" and \"b\")")
	}
	reports, err := readLabelledReports(pos[0])
	if err != nil {
		return err
	}
	out := languageEval{File: pos[0], ByLanguage: map[string]languageFigure{}, Confusions: map[string]int{}}
	right := map[string]int{}
	total := map[string]int{}
	for _, r := range reports {
		a := r.article()
		got := language.Detect(a.Title, a.Body, "")
		want := language.Code(r.Language)
		total[want]++
		if got == want {
			right[want]++
		} else {
			out.Confusions[want+"→"+got]++
		}
	}
	n, ok := 0, 0
	for l, t := range total {
		out.ByLanguage[l] = languageFigure{Reports: t, Accuracy: float64(right[l]) / float64(t)}
		n += t
		ok += right[l]
	}
	out.Reports = n
	if n > 0 {
		out.Accuracy = float64(ok) / float64(n)
	}
	return writeJSON(e.stdout, out)
}

// readLabelledReports reads the distinct labelled reports of a file of
// reports or of pairs, in file order.
func readLabelledReports(path string) ([]report, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []report
	seen := map[string]bool{}
	add := func(r report) {
		key := r.ID + "\x00" + r.Text + r.Body
		if r.Language == "" || seen[key] {
			return
		}
		seen[key] = true
		out = append(out, r)
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for n := 1; sc.Scan(); n++ {
		var line struct {
			report
			A *report `json:"a"`
			B *report `json:"b"`
		}
		if err := json.Unmarshal(sc.Bytes(), &line); err != nil {
			return nil, fmt.Errorf("%s:%d: %v", path, n, err)
		}
		if line.A != nil || line.B != nil {
			for _, r := range []*report{line.A, line.B} {
				if r != nil {
					add(*r)
				}
			}
			continue
		}
		add(line.report)
	}
	return out, sc.Err()
}
