package eval

import (
	"bufio"
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/analyze"
	"github.com/storyline-news/storyline/analyze/ner"
	"github.com/storyline-news/storyline/analyze/quote"
)

// Span is a possibly discontinuous stretch of a text: rune ranges
// [Start, End), in order.
type Span [][2]int

// Attribution is one annotated attribution of a PolNeAR text: who (Source)
// says (Cue) what (Content). Source or Cue may be empty.
type Attribution struct {
	Source, Cue, Content Span
}

// AttributedText is one PolNeAR article with the attributions of one
// annotator.
type AttributedText struct {
	ID           string
	Text         string
	Attributions []Attribution
}

// ReadPolNeAR reads a PolNeAR split folder (text/*.txt and brat standoff
// attributions/*.ann, offsets in characters). An article annotated by
// several annotators is read with the first annotation file in name order.
func ReadPolNeAR(dir string) ([]AttributedText, error) {
	anns, err := filepath.Glob(filepath.Join(dir, "attributions", "*.ann"))
	if err != nil {
		return nil, err
	}
	if len(anns) == 0 {
		return nil, fmt.Errorf("read polnear %s: no attributions/*.ann", dir)
	}
	sort.Strings(anns)
	var out []AttributedText
	seen := map[string]bool{}
	for _, a := range anns {
		id := annotator.ReplaceAllString(filepath.Base(a), "")
		if seen[id] {
			continue
		}
		seen[id] = true
		text, err := os.ReadFile(filepath.Join(dir, "text", id+".txt"))
		if err != nil {
			return nil, fmt.Errorf("read polnear %s: %w", id, err)
		}
		atts, err := readBrat(a)
		if err != nil {
			return nil, err
		}
		out = append(out, AttributedText{ID: id, Text: string(text), Attributions: atts})
	}
	return out, nil
}

// annotator is the "_<annotator id>.ann" suffix of an annotation file.
var annotator = regexp.MustCompile(`_[0-9a-f]+\.ann$`)

// record starts a brat standoff line: "T12\t", "E3\t", "#1\t".
var record = regexp.MustCompile(`^[TEARN#][0-9]*\t`)

// readBrat reads the text-bound spans (T lines) and the events (E lines)
// that tie Source, Cue and Content spans into attributions. A span's text
// may run over several lines of the file when it crosses a paragraph.
func readBrat(path string) ([]Attribution, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var lines []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		l := sc.Text()
		if record.MatchString(l) { // other lines continue a span's text
			lines = append(lines, l)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	spans := map[string]Span{}
	var events [][]string
	for _, l := range lines {
		f := strings.Split(l, "\t")
		if len(f) < 2 {
			continue
		}
		switch f[0][0] {
		case 'T':
			_, ranges, ok := strings.Cut(f[1], " ")
			if !ok {
				continue
			}
			var sp Span
			for _, r := range strings.Split(ranges, ";") {
				var a, b int
				if n, _ := fmt.Sscanf(r, "%d %d", &a, &b); n == 2 {
					sp = append(sp, [2]int{a, b})
				}
			}
			spans[f[0]] = sp
		case 'E':
			events = append(events, strings.Fields(f[1]))
		}
	}
	var out []Attribution
	for _, ev := range events {
		var at Attribution
		for _, kv := range ev {
			role, id, _ := strings.Cut(kv, ":")
			switch strings.TrimRight(role, "0123456789") {
			case "Source":
				at.Source = spans[id]
			case "Cue":
				at.Cue = spans[id]
			case "Content":
				at.Content = spans[id]
			}
		}
		if len(at.Content) > 0 {
			out = append(out, at)
		}
	}
	return out, nil
}

// DirectQuotes returns the attributions whose Content begins with a
// quotation mark, without repeats of one Content: PolNeAR's direct quotes.
func DirectQuotes(t AttributedText) []Attribution {
	r := []rune(t.Text)
	seen := map[[2]int]bool{}
	var out []Attribution
	for _, a := range t.Attributions {
		s := a.Content[0][0]
		if s >= len(r) || !isQuoteMark(r[s]) {
			continue
		}
		k := [2]int{s, a.Content[len(a.Content)-1][1]}
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, a)
	}
	return out
}

func isQuoteMark(c rune) bool { return strings.ContainsRune("\"'`“”„‟‘’‚«»‹›", c) }

// QuoteReport is how well quote.Find finds direct quotes and their speakers
// in PolNeAR, political news annotated for attribution.
//
// Detection and the speaker figures match each gold direct quote with at
// most one predicted quote and each prediction with at most one gold
// quote, as an outside scorer does: a pair can match when the runes they
// share are at least half of each of the two (a quote broken by its
// reporting clause counted as the sum of its pieces, on both sides). Pairs
// are taken greedily, largest overlap first. Precision is the share of
// predictions matched, Recall the share of gold quotes matched.
//
// Lenient is the older, kinder figure, kept until it is gone: a prediction
// matches when the shared runes are at least half of the shorter of the
// two, and several predictions may match one gold quote (the pieces of a
// quotation split by its reporting clause each counted right).
//
// The speaker of a matched gold quote with a Source is right when the
// speaker span of its prediction overlaps the Source, or when the predicted
// name's last word is a word of the Source (the same person named
// elsewhere: "Gustavo Petro" for a Source "Petro").
type QuoteReport struct {
	Documents int `json:"documents"`
	Gold      int `json:"gold"`
	Predicted int `json:"predicted"`
	Detection PRF `json:"detection"`
	// Attributed counts matched gold quotes that have a Source; Correct
	// those whose speaker is right.
	Attributed      int     `json:"attributed"`
	Correct         int     `json:"correct"`
	SpeakerAccuracy float64 `json:"speaker_accuracy"`
	// Lenient is the figure by the older, many-to-one matching.
	Lenient LenientQuotes `json:"lenient"`
	// DocMillis is the mean time of quote.Find (and the tagger) per article.
	DocMillis float64 `json:"doc_ms"`
}

// LenientQuotes is the older quote figure: several predictions may match
// one gold quote, and a match needs only half of the shorter span.
type LenientQuotes struct {
	Detection       PRF     `json:"detection"`
	Attributed      int     `json:"attributed"`
	Correct         int     `json:"correct"`
	SpeakerAccuracy float64 `json:"speaker_accuracy"`
}

// String is the report on one line.
func (q QuoteReport) String() string {
	return fmt.Sprintf("docs %d gold %d predicted %d  P %.3f R %.3f F1 %.3f  speaker %.3f (%d/%d)  lenient F1 %.3f speaker %.3f  %.2f ms/doc",
		q.Documents, q.Gold, q.Predicted, q.Detection.Precision, q.Detection.Recall, q.Detection.F1,
		q.SpeakerAccuracy, q.Correct, q.Attributed, q.Lenient.Detection.F1, q.Lenient.SpeakerAccuracy, q.DocMillis)
}

// Quotes scores quote.Find, given the PERSON mentions of the shipped
// tagger, on the PolNeAR split folder dir.
func Quotes(dir string) (QuoteReport, error) {
	return QuotesWith(dir, TaggedPeople)
}

// TaggedPeople returns the PERSON mentions the shipped tagger finds in
// text.
func TaggedPeople(text string) []storyline.Mention {
	var people []storyline.Mention
	for _, m := range ner.Default().Mentions(text) {
		if m.Type == storyline.Person {
			people = append(people, m)
		}
	}
	return people
}

// QuotesWith is Quotes with another source of person mentions; people may
// be nil, for quote.Find's own reading of names.
func QuotesWith(dir string, people func(text string) []storyline.Mention) (QuoteReport, error) {
	texts, err := ReadPolNeAR(dir)
	if err != nil {
		return QuoteReport{}, err
	}
	return QuotesOf(texts, people, quote.DefaultModel()), nil
}

// QuotesOf scores quote.Find on texts already read, as QuotesWith does,
// with the model m deciding which quoted segments are quotes (nil: the
// hand rules alone).
func QuotesOf(texts []AttributedText, people func(text string) []storyline.Mention, m *quote.Model) QuoteReport {
	var rep QuoteReport
	var strict, lenient QuoteScore
	var took time.Duration
	for _, t := range texts {
		t0 := time.Now()
		var ms []storyline.Mention
		if people != nil {
			ms = people(t.Text)
		}
		pred := quote.Prepare(t.Text, analyze.Tokenize(t.Text), analyze.RuneOffsets(t.Text)).FindWith(ms, m)
		took += time.Since(t0)
		gold := DirectQuotes(t)
		rep.Documents++
		rep.Gold += len(gold)
		rep.Predicted += len(pred)
		strict.add(ScoreQuotes(t.Text, pred, gold))
		lenient.add(ScoreQuotesLenient(t.Text, pred, gold))
	}
	rep.Detection = newPRF(ratio(strict.MatchedPredicted, rep.Predicted), ratio(strict.MatchedGold, rep.Gold))
	rep.Attributed, rep.Correct = strict.Attributed, strict.Correct
	rep.SpeakerAccuracy = ratio(rep.Correct, rep.Attributed)
	rep.Lenient = LenientQuotes{
		Detection:       newPRF(ratio(lenient.MatchedPredicted, rep.Predicted), ratio(lenient.MatchedGold, rep.Gold)),
		Attributed:      lenient.Attributed,
		Correct:         lenient.Correct,
		SpeakerAccuracy: ratio(lenient.Correct, lenient.Attributed),
	}
	if rep.Documents > 0 {
		rep.DocMillis = float64(took.Microseconds()) / 1000 / float64(rep.Documents)
	}
	return rep
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// QuoteScore is the outcome of one text: how many predictions and gold
// quotes matched, and the speakers of the matched gold quotes. Match[i] is
// the gold quote prediction i matches, or -1.
type QuoteScore struct {
	MatchedPredicted, MatchedGold int
	Attributed, Correct           int
	Match                         []int
	// SpeakerRight[g] tells, for gold quote g matched and with a Source,
	// whether its speaker was found.
	SpeakerRight map[int]bool
}

// add sums the counts of o into s.
func (s *QuoteScore) add(o QuoteScore) {
	s.MatchedPredicted += o.MatchedPredicted
	s.MatchedGold += o.MatchedGold
	s.Attributed += o.Attributed
	s.Correct += o.Correct
}

// pieces returns the runes a predicted quote covers: its spans, or its
// start and end when it has none.
func pieces(q storyline.QuoteSpan) Span { return Span(q.Pieces()) }

// ScoreQuotes matches the predicted quotes of text with its gold direct
// quotes one to one, as QuoteReport describes.
func ScoreQuotes(text string, pred []storyline.QuoteSpan, gold []Attribution) QuoteScore {
	s := QuoteScore{Match: make([]int, len(pred)), SpeakerRight: map[int]bool{}}
	type pair struct{ p, g, ov int }
	var pairs []pair
	for i, p := range pred {
		s.Match[i] = -1
		ps := pieces(p)
		pl := length(ps)
		for g, a := range gold {
			ov := overlapSpans(ps, a.Content)
			if ov > 0 && 2*ov >= pl && 2*ov >= length(a.Content) {
				pairs = append(pairs, pair{i, g, ov})
			}
		}
	}
	sort.SliceStable(pairs, func(a, b int) bool { return pairs[a].ov > pairs[b].ov })
	taken := make([]bool, len(gold))
	for _, pr := range pairs {
		if s.Match[pr.p] >= 0 || taken[pr.g] {
			continue
		}
		s.Match[pr.p], taken[pr.g] = pr.g, true
		s.MatchedPredicted++
		s.MatchedGold++
		s.speaker(text, pred[pr.p].Speaker, pr.g, gold[pr.g])
	}
	return s
}

// speaker counts the speaker of gold quote g, matched by a prediction
// whose speaker is sp.
func (s *QuoteScore) speaker(text string, sp *storyline.Speaker, g int, a Attribution) {
	if len(a.Source) == 0 {
		return
	}
	s.Attributed++
	ok := sameSpeaker(text, sp, a.Source)
	s.SpeakerRight[g] = ok
	if ok {
		s.Correct++
	}
}

// ScoreQuotesLenient matches the predicted quotes of text with its gold
// direct quotes the older way: a prediction matches the gold quote it
// shares most runes with when they are at least half of the shorter span,
// and several predictions may match one gold quote, whose speaker is then
// that of its best-overlapping prediction.
func ScoreQuotesLenient(text string, pred []storyline.QuoteSpan, gold []Attribution) QuoteScore {
	s := QuoteScore{Match: make([]int, len(pred)), SpeakerRight: map[int]bool{}}
	best := make([]int, len(gold)) // best prediction of each gold quote
	bestOv := make([]int, len(gold))
	for g := range best {
		best[g] = -1
	}
	for i, p := range pred {
		s.Match[i] = -1
		ps := pieces(p)
		top := 0
		for g, a := range gold {
			ov := overlapSpans(ps, a.Content)
			if ov == 0 || 2*ov < min(length(ps), length(a.Content)) {
				continue
			}
			if ov > top {
				top, s.Match[i] = ov, g
			}
			if ov > bestOv[g] {
				best[g], bestOv[g] = i, ov
			}
		}
		if s.Match[i] >= 0 {
			s.MatchedPredicted++
		}
	}
	for g, a := range gold {
		if best[g] < 0 {
			continue
		}
		s.MatchedGold++
		s.speaker(text, pred[best[g]].Speaker, g, a)
	}
	return s
}

// sameSpeaker reports whether the predicted speaker is the gold Source: the
// spans overlap, or the name's last word is a word of the Source text.
func sameSpeaker(text string, sp *storyline.Speaker, src Span) bool {
	if sp == nil {
		return false
	}
	if overlap(sp.Start, sp.End, src) > 0 {
		return true
	}
	f := strings.Fields(sp.Name)
	if len(f) == 0 {
		return false
	}
	last := f[len(f)-1]
	if r := []rune(last); len(r) < 2 || !unicode.IsUpper(r[0]) {
		return false
	}
	r := []rune(text)
	for _, p := range src {
		if p[1] > len(r) {
			continue
		}
		for _, w := range strings.FieldsFunc(string(r[p[0]:p[1]]), func(c rune) bool {
			return !unicode.IsLetter(c) && c != '-' && c != '.'
		}) {
			if w == last {
				return true
			}
		}
	}
	return false
}

// overlap counts the runes of [a, b) inside the span.
func overlap(a, b int, sp Span) int { return overlapSpans(Span{{a, b}}, sp) }

// overlapSpans counts the runes two spans share; the ranges of each must
// not overlap one another.
func overlapSpans(x, y Span) int {
	n := 0
	for _, p := range x {
		for _, q := range y {
			if lo, hi := max(p[0], q[0]), min(p[1], q[1]); hi > lo {
				n += hi - lo
			}
		}
	}
	return n
}

func length(sp Span) int {
	n := 0
	for _, p := range sp {
		n += p[1] - p[0]
	}
	return n
}

// Fold returns the fold, among k, of the article with the id: a hash of the
// id, so that a fold is the same on every machine and does not depend on
// the order of the files.
func Fold(id string, k int) int {
	h := fnv.New32a()
	h.Write([]byte(id))
	return int(h.Sum32() % uint32(k))
}

// InFolds returns the texts whose Fold among k is one of folds.
func InFolds(texts []AttributedText, k int, folds []int) []AttributedText {
	var out []AttributedText
	for _, t := range texts {
		if slices.Contains(folds, Fold(t.ID, k)) {
			out = append(out, t)
		}
	}
	return out
}

// QuoteTraining is what TrainQuotes learned from.
type QuoteTraining struct {
	Documents  int `json:"documents"`
	Candidates int `json:"candidates"`
	Quotes     int `json:"quotes"`
	// RuleAgreement is the share of candidates on which the model and the
	// hand rules agree.
	RuleAgreement float64 `json:"rule_agreement"`
}

// TrainQuotes trains a quote.Model on texts: every quoted segment
// quote.Document.Candidates gives is a quote when at least half of its
// runes lie inside a gold direct quote (see DirectQuotes). people gives
// the PERSON mentions of a text, as for QuotesWith.
func TrainQuotes(texts []AttributedText, people func(text string) []storyline.Mention, opts quote.TrainOptions) (*quote.Model, QuoteTraining) {
	var xs [][]float64
	var ys, rules []bool
	for _, t := range texts {
		var ms []storyline.Mention
		if people != nil {
			ms = people(t.Text)
		}
		gold := DirectQuotes(t)
		for _, c := range quote.Prepare(t.Text, analyze.Tokenize(t.Text), analyze.RuneOffsets(t.Text)).Candidates(ms) {
			in := 0
			for _, g := range gold {
				in += overlap(c.Start, c.End, g.Content)
			}
			xs = append(xs, c.Features)
			ys = append(ys, 2*in >= c.End-c.Start)
			rules = append(rules, c.Rule)
		}
	}
	m := quote.Train(xs, ys, opts)
	st := QuoteTraining{Documents: len(texts), Candidates: len(xs)}
	agree := 0
	for i, x := range xs {
		if ys[i] {
			st.Quotes++
		}
		if m.Keep(x) == rules[i] {
			agree++
		}
	}
	st.RuleAgreement = ratio(agree, len(xs))
	return m, st
}
