package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/storyline-news/storyline/reconcile/match"
)

// claimResult is one line of `compare --claims --pairs` output.
type claimResult struct {
	ID string `json:"id"`
	match.Result
}

// compareClaims answers, for two passages or every pair of a file, whether
// they state the same fact and how they relate.
func compareClaims(e *env, pairsFile string, pos []string, text, asJSON bool) error {
	m := match.Default()
	if pairsFile != "" {
		pairs, err := match.ReadPairsFile(pairsFile)
		if err != nil {
			return err
		}
		for _, p := range pairs {
			if err := jsonLine(e.stdout, claimResult{ID: p.ID, Result: m.Compare(p.A.Text, p.B.Text)}); err != nil {
				return err
			}
		}
		return nil
	}
	if len(pos) != 2 {
		return usagef("give two passages (files, - for standard input, or the texts with --text), or --pairs FILE.jsonl")
	}
	var sides [2]string
	for i, p := range pos {
		s, err := passageOf(e, p, text)
		if err != nil {
			return err
		}
		sides[i] = s
	}
	r := m.Compare(sides[0], sides[1])
	if asJSON {
		return writeJSON(e.stdout, r)
	}
	fmt.Fprintf(e.stdout, "%s (score %.3f, threshold %.2f)\n", describeRelation(r.Relation), r.Score, m.Threshold)
	return nil
}

// passageOf returns a passage given on the command line: the text itself
// with --text, standard input for -, else the file's text.
func passageOf(e *env, arg string, text bool) (string, error) {
	switch {
	case text:
		return arg, nil
	case arg == "-":
		b, err := io.ReadAll(io.LimitReader(e.stdin, 1<<20))
		return strings.TrimSpace(string(b)), err
	}
	b, err := os.ReadFile(arg)
	if err != nil {
		return "", fmt.Errorf("read passage: %w", err)
	}
	return strings.TrimSpace(string(b)), nil
}

// describeRelation says a relation in plain words.
func describeRelation(r match.Relation) string {
	switch r {
	case match.Same:
		return "the same claim"
	case match.Conflict:
		return "the same fact with values that disagree"
	case match.Update:
		return "a later update of the same fact"
	case match.Related:
		return "related, but not the same claim"
	}
	return "unrelated"
}

// claimsEval is the output of `eval claims`.
type claimsEval struct {
	File  string `json:"file"`
	Pairs int    `json:"pairs"`
	match.Scores
	// Relations counts, for pairs labelled with a relation, each labelled
	// relation against the one found.
	Relations map[string]map[string]int `json:"relations,omitempty"`
	// RelationAccuracy is the share of pairs labelled with a relation whose
	// relation was found.
	RelationAccuracy *float64 `json:"relation_accuracy,omitempty"`
}

// evalClaims scores the shipped claim matcher on a labelled pairs file.
func evalClaims(_ context.Context, e *env, args []string) error {
	fs := e.flags("eval claims", "FILE.jsonl")
	jsonOnly(fs, "JSON")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("give a labelled pairs file (lines with \"a\", \"b\" and \"same_claim\" or \"relation\")")
	}
	pairs, err := match.ReadPairsFile(pos[0])
	if err != nil {
		return err
	}
	m := match.Default()
	out := claimsEval{File: pos[0], Relations: map[string]map[string]int{}}
	var pred, truth []bool
	right, withRelation := 0, 0
	for _, p := range pairs {
		same, ok := p.Same()
		if !ok {
			continue
		}
		r := m.Compare(p.A.Text, p.B.Text)
		pred, truth = append(pred, r.Same), append(truth, same)
		if p.Relation != "" {
			withRelation++
			if out.Relations[string(p.Relation)] == nil {
				out.Relations[string(p.Relation)] = map[string]int{}
			}
			out.Relations[string(p.Relation)][string(r.Relation)]++
			if r.Relation == p.Relation {
				right++
			}
		}
	}
	out.Pairs = len(pred)
	out.Scores = match.Score(pred, truth)
	if withRelation > 0 {
		a := float64(right) / float64(withRelation)
		out.RelationAccuracy = &a
	} else {
		out.Relations = nil
	}
	return writeJSON(e.stdout, out)
}

// trainClaims reproduces the shipped claim matcher.
func trainClaims(e *env, args []string) error {
	fs := e.flags("train claims", "")
	jsonOnly(fs, "JSON")
	msrp := fs.String("msrp", "../shared/data/msrp/train.jsonl", "labelled news sentence pairs (`file`, JSON lines with same_claim)")
	own := fs.String("pairs", "reconcile/match/data/pairs.jsonl", "the project's own labelled pairs (`file`; empty: none)")
	out := fs.String("o", "reconcile/match/data/model.json", "model `file` to write")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	var pairs []match.Pair
	for _, f := range []string{*msrp, *own} {
		if f == "" {
			continue
		}
		p, err := match.ReadPairsFile(f)
		if err != nil {
			return err
		}
		pairs = append(pairs, p...)
	}
	m, err := match.Train(pairs, match.TrainOptions{})
	if err != nil {
		return err
	}
	f, err := os.Create(*out)
	if err != nil {
		return err
	}
	if err := m.Save(f); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	h := m.Report.HeldOut
	fmt.Fprintf(e.stderr, "storyline train claims: wrote %s (%d pairs; held-out folds: accuracy %.3f, F1 %.3f at threshold %.2f)\n",
		*out, m.Report.Pairs, h.Accuracy, h.F1, m.Report.Threshold)
	return writeJSON(e.stdout, m.Report)
}
