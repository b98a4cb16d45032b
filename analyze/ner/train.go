package ner

import (
	"errors"
	"fmt"
	"io"
	"maps"
	"math/rand/v2"
	"os"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// TrainOptions tune training. The zero value trains with the defaults that
// produced the shipped model.
type TrainOptions struct {
	// Epochs is the number of passes over the training data (default 24);
	// the epoch whose averaged weights score best on the dev set is kept.
	Epochs int
	// Seed fixes the order in which sentences are visited (default 1), so
	// that training is deterministic.
	Seed uint64
	// MinCount drops features seen fewer times in the training data
	// (default 1: keep all).
	MinCount int
	// TitleShare is the share of training sentences also presented as Title
	// Case headlines, for robustness on headlines (default 0.15; negative
	// for none).
	TitleShare float64
	// Beam is the beam width of the decoder, in training and tagging
	// (default 4; 1 decodes greedily).
	Beam int
	// UpperShare is the share of training sentences also presented in
	// capitals, like an all-caps headline (default 0.1; negative for none).
	UpperShare float64
	// PruneBelow drops, when saving, feature rows whose weights are all
	// smaller in magnitude (default 0: keep every non-zero row).
	PruneBelow float64
	// NoGazetteer and NoWordClasses switch those feature sources off, for
	// measuring what they add.
	NoGazetteer, NoWordClasses bool
	// Log, when set, receives one line of progress per epoch.
	Log io.Writer
}

func (o *TrainOptions) defaults() {
	if o.Epochs <= 0 {
		o.Epochs = 24
	}
	if o.Beam <= 0 {
		o.Beam = 4
	}
	if o.Seed == 0 {
		o.Seed = 1
	}
	if o.MinCount <= 0 {
		o.MinCount = 1
	}
	if o.TitleShare == 0 {
		o.TitleShare = 0.15
	}
	if o.UpperShare == 0 {
		o.UpperShare = 0.1
	}
}

// EpochScore is the dev-set result after one epoch.
type EpochScore struct {
	Epoch int     `json:"epoch"`
	DevF1 float64 `json:"dev_f1"`
	// Mistakes counts the training words tagged wrongly during the epoch.
	Mistakes int `json:"mistakes"`
}

// TrainReport tells what training did.
type TrainReport struct {
	Sentences int          `json:"sentences"`
	Tokens    int          `json:"tokens"`
	Features  int          `json:"features"`
	Epochs    []EpochScore `json:"epochs"`
	BestEpoch int          `json:"best_epoch"`
	// DevF1 is the entity-level F1 (all types, MISC included) of the kept
	// weights on the dev set; 0 without a dev set.
	DevF1    float64       `json:"dev_f1"`
	Duration time.Duration `json:"duration"`
}

// TrainFromFiles trains on a CoNLL training file, keeps the epoch that
// scores best on the dev file (devPath may be empty: then the last epoch is
// kept), and saves the model to outPath, gzip-compressed when the name
// ends in ".gz".
func TrainFromFiles(trainPath, devPath, outPath string, opts TrainOptions) (TrainReport, error) {
	train, err := readCoNLLFile(trainPath)
	if err != nil {
		return TrainReport{}, err
	}
	var dev []Sentence
	if devPath != "" {
		if dev, err = readCoNLLFile(devPath); err != nil {
			return TrainReport{}, err
		}
	}
	t, rep, err := Train(train, dev, opts)
	if err != nil {
		return rep, err
	}
	f, err := os.Create(outPath)
	if err != nil {
		return rep, fmt.Errorf("save model: %w", err)
	}
	if err := t.save(f, opts.PruneBelow, strings.HasSuffix(outPath, ".gz")); err != nil {
		f.Close()
		return rep, fmt.Errorf("save model %s: %w", outPath, err)
	}
	if err := f.Close(); err != nil {
		return rep, fmt.Errorf("save model %s: %w", outPath, err)
	}
	return rep, nil
}

func readCoNLLFile(path string) ([]Sentence, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	s, err := ReadCoNLL(f)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return s, nil
}

// Train learns a tagger from labelled sentences with the averaged
// perceptron. When dev is not empty, the weights of the epoch with the best
// dev F1 are kept. Training is deterministic for given data and options.
func Train(train, dev []Sentence, opts TrainOptions) (*Tagger, TrainReport, error) {
	opts.defaults()
	begin := time.Now()
	var rep TrainReport
	if len(train) == 0 {
		return nil, rep, errors.New("train ner: no training sentences")
	}
	lex, err := defaultLexicon(!opts.NoGazetteer, !opts.NoWordClasses)
	if err != nil {
		return nil, rep, fmt.Errorf("train ner: %w", err)
	}
	rng := rand.New(rand.NewPCG(opts.Seed, 0x5eed))
	examples, err := prepare(lex, train, opts, rng)
	if err != nil {
		return nil, rep, fmt.Errorf("train ner: %w", err)
	}
	for _, ex := range examples {
		rep.Tokens += len(ex.gold)
	}
	rep.Sentences = len(examples)
	tr := newPerceptron(lex, examples, opts.MinCount, opts.Beam)
	var best *Tagger
	order := make([]int, len(examples))
	for i := range order {
		order[i] = i
	}
	for epoch := 1; epoch <= opts.Epochs; epoch++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		mistakes := 0
		for _, i := range order {
			mistakes += tr.learn(&examples[i])
		}
		cur := tr.averaged()
		score := EpochScore{Epoch: epoch, Mistakes: mistakes}
		if len(dev) > 0 {
			score.DevF1 = f1(cur, dev)
		}
		rep.Epochs = append(rep.Epochs, score)
		if best == nil || len(dev) == 0 || score.DevF1 > rep.DevF1 {
			cur.index = maps.Clone(cur.index) // training goes on growing the shared one
			best, rep.BestEpoch, rep.DevF1 = cur, epoch, score.DevF1
		}
		if opts.Log != nil {
			fmt.Fprintf(opts.Log, "epoch %2d  mistakes %6d  dev F1 %.4f  %s\n",
				epoch, mistakes, score.DevF1, time.Since(begin).Round(time.Second))
		}
	}
	rep.Features = len(best.index)
	rep.Duration = time.Since(begin)
	return best, rep, nil
}

// example is a training sentence with its static feature rows resolved.
type example struct {
	toks []token
	keys []uint32
	offs []int
	rows []int32 // per key: row in the weight table, -1 when dropped
	gold []int
}

func prepare(lex *lexicon, train []Sentence, opts TrainOptions, rng *rand.Rand) ([]example, error) {
	var out []example
	add := func(words, tags []string) error {
		if len(words) != len(tags) {
			return fmt.Errorf("sentence of %d words has %d tags", len(words), len(tags))
		}
		toks, kind := lex.tokens(words)
		ex := example{toks: toks, gold: make([]int, len(tags))}
		for i, tag := range toIOB2(tags) {
			l, ok := labelIndex(tag)
			if !ok {
				return fmt.Errorf("unknown tag %q", tag)
			}
			ex.gold[i] = l
		}
		ex.keys, ex.offs = staticFeatures(ex.toks, kind, nil, nil)
		out = append(out, ex)
		return nil
	}
	for _, s := range train {
		if err := add(s.Words, s.Tags); err != nil {
			return nil, err
		}
		var variant []string
		switch r := rng.Float64(); {
		case r < opts.TitleShare:
			variant = titleWords(s.Words)
		case r < max(opts.TitleShare, 0)+opts.UpperShare:
			variant = upperWords(s.Words)
		}
		if variant != nil {
			if err := add(variant, s.Tags); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

// toIOB2 rewrites IOB1 tags (I-X opening an entity) as IOB2.
func toIOB2(tags []string) []string {
	out := make([]string, len(tags))
	for _, c := range Chunks(tags) {
		for i := c.Start; i < c.End; i++ {
			out[i] = "I-" + c.Type
		}
		out[c.Start] = "B-" + c.Type
	}
	for i := range out {
		if out[i] == "" {
			out[i] = "O"
		}
	}
	return out
}

// smallWords stay lower-case in a Title Case headline.
var smallWords = map[string]bool{
	"a": true, "an": true, "the": true, "and": true, "or": true, "but": true,
	"of": true, "in": true, "on": true, "at": true, "to": true, "for": true,
	"by": true, "as": true, "with": true, "from": true, "'s": true, "vs": true,
}

// titleWords writes a sentence the way a Title Case headline would.
func titleWords(words []string) []string {
	out := make([]string, len(words))
	for i, w := range words {
		r, n := utf8.DecodeRuneInString(w)
		if unicode.IsLower(r) && (i == 0 || !smallWords[w]) {
			w = string(unicode.ToUpper(r)) + w[n:]
		}
		out[i] = w
	}
	return out
}

// upperWords writes a sentence in capitals.
func upperWords(words []string) []string {
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = strings.ToUpper(w)
	}
	return out
}

// f1 is the entity-level F1 of a tagger on labelled sentences, all types.
func f1(t *Tagger, sents []Sentence) float64 {
	var gold, pred, correct int
	for _, s := range sents {
		g := Chunks(s.Tags)
		p := Chunks(t.TagTokens(s.Words))
		gold += len(g)
		pred += len(p)
		correct += countCommon(g, p)
	}
	if gold+pred == 0 {
		return 0
	}
	return 2 * float64(correct) / float64(gold+pred)
}

// countCommon counts the chunks of a that are also in b; both are in order.
func countCommon(a, b []Chunk) int {
	n, j := 0, 0
	for _, c := range a {
		for j < len(b) && b[j].Start < c.Start {
			j++
		}
		if j < len(b) && b[j] == c {
			n++
		}
	}
	return n
}

// perceptron holds the weights while training. Averaging uses the usual
// trick: alongside the weights it keeps u, the sum of every update scaled by
// the step it happened at, so that the average is w - u/step. Updates are
// whole numbers, which float32 weights hold exactly.
type perceptron struct {
	weights
	lex  *lexicon
	u    []float64
	step float64
	beam int
}

func newPerceptron(lex *lexicon, examples []example, minCount, beam int) *perceptron {
	p := &perceptron{lex: lex, weights: weights{index: map[uint32]int32{}}, step: 1, beam: beam}
	var counts map[uint32]int
	if minCount > 1 {
		counts = map[uint32]int{}
		for _, ex := range examples {
			for _, k := range ex.keys {
				counts[k]++
			}
		}
	}
	for e := range examples {
		ex := &examples[e]
		ex.rows = make([]int32, len(ex.keys))
		for i, k := range ex.keys {
			if counts != nil && counts[k] < minCount {
				ex.rows[i] = -1
				continue
			}
			ex.rows[i] = p.row(k)
		}
	}
	return p
}

// row returns the row of a feature key, adding one when it is new.
func (p *perceptron) row(k uint32) int32 {
	if r, ok := p.index[k]; ok {
		return r
	}
	r := int32(len(p.index))
	p.index[k] = r
	p.w = append(p.w, make([]float32, numLabels)...)
	p.u = append(p.u, make([]float64, numLabels)...)
	return r
}

// learn decodes one sentence with the current weights and, when the result
// is wrong, moves the weights towards the gold tags and away from the
// prediction, over the prefix decoded before the gold sequence fell out of
// the beam (early update). It returns the number of words tagged wrongly.
func (p *perceptron) learn(ex *example) int {
	lat := lattice{static: make([][numLabels]float32, len(ex.toks))}
	for i := range ex.toks {
		p.addRows(&lat.static[i], ex.rows[ex.offs[i]:ex.offs[i+1]])
	}
	var keys [5]uint32
	var rows [5]int32
	lat.dynamic = func(i, prev, prev2 int, scores *[numLabels]float32) {
		dynamicFeatures(&ex.toks[i], prev, prev2, &keys)
		p.addRows(scores, p.rowsOf(keys[:], rows[:0]))
	}
	pred, _ := beamSearch(&lat, p.beam, ex.gold)
	mistakes := 0
	for i, l := range pred {
		if l != ex.gold[i] {
			mistakes++
		}
	}
	if mistakes > 0 {
		p.update(ex, ex.gold[:len(pred)], +1)
		p.update(ex, pred, -1)
	}
	p.step++
	return mistakes
}

// update adds delta to the weights of the features that fire for the labels
// tags, over the first len(tags) words of an example.
func (p *perceptron) update(ex *example, tags []int, delta float32) {
	var keys [5]uint32
	prev, prev2 := 0, 0
	for i, l := range tags {
		dynamicFeatures(&ex.toks[i], prev, prev2, &keys)
		for _, k := range keys {
			p.bump(p.row(k), l, delta)
		}
		for _, r := range ex.rows[ex.offs[i]:ex.offs[i+1]] {
			if r >= 0 {
				p.bump(r, l, delta)
			}
		}
		prev2, prev = prev, l
	}
}

func (p *perceptron) bump(r int32, l int, delta float32) {
	i := int(r)*numLabels + l
	p.w[i] += delta
	p.u[i] += float64(delta) * p.step
}

// averaged returns a tagger with the averaged weights. It shares the index,
// which later training may grow; Train clones the one it keeps.
func (p *perceptron) averaged() *Tagger {
	t := &Tagger{lex: p.lex, beam: p.beam, weights: weights{index: p.index, w: make([]float32, len(p.w))}}
	for i, w := range p.w {
		t.w[i] = float32(float64(w) - p.u[i]/p.step)
	}
	return t
}
