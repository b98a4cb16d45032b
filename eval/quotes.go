package eval

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/storyline-news/storyline"
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
// A predicted quote matches a gold direct quote when the runes they share
// are at least half of the shorter of the two (the gold Content counted as
// the sum of its pieces). A gold quote that quote.Find splits at its
// reporting clause ("…,” he said. “…”) or at a paragraph break is matched
// by each piece, so Precision is the share of predicted quotes that match
// a gold quote and Recall the share of gold quotes matched by at least one
// prediction.
//
// The speaker of a matched gold quote with a Source is right when the
// speaker span of its best-overlapping prediction overlaps the Source, or
// when the predicted name's last word is a word of the Source (the same
// person named elsewhere: "Gustavo Petro" for a Source "Petro").
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
	// DocMillis is the mean time of quote.Find (and the tagger) per article.
	DocMillis float64 `json:"doc_ms"`
}

// String is the report on one line.
func (q QuoteReport) String() string {
	return fmt.Sprintf("docs %d gold %d predicted %d  P %.3f R %.3f F1 %.3f  speaker %.3f (%d/%d)  %.2f ms/doc",
		q.Documents, q.Gold, q.Predicted, q.Detection.Precision, q.Detection.Recall, q.Detection.F1,
		q.SpeakerAccuracy, q.Correct, q.Attributed, q.DocMillis)
}

// Quotes scores quote.Find, given the PERSON mentions of the shipped
// tagger, on the PolNeAR split folder dir.
func Quotes(dir string) (QuoteReport, error) {
	return QuotesWith(dir, func(text string) []storyline.Mention {
		var people []storyline.Mention
		for _, m := range ner.Default().Mentions(text) {
			if m.Type == storyline.Person {
				people = append(people, m)
			}
		}
		return people
	})
}

// QuotesWith is Quotes with another source of person mentions; people may
// be nil, for quote.Find's own reading of names.
func QuotesWith(dir string, people func(text string) []storyline.Mention) (QuoteReport, error) {
	texts, err := ReadPolNeAR(dir)
	if err != nil {
		return QuoteReport{}, err
	}
	var rep QuoteReport
	var matchedPred, matchedGold int
	var took time.Duration
	for _, t := range texts {
		t0 := time.Now()
		var ms []storyline.Mention
		if people != nil {
			ms = people(t.Text)
		}
		pred := quote.Find(t.Text, ms)
		took += time.Since(t0)
		gold := DirectQuotes(t)
		s := ScoreQuotes(t.Text, pred, gold)
		rep.Documents++
		rep.Gold += len(gold)
		rep.Predicted += len(pred)
		matchedPred += s.MatchedPredicted
		matchedGold += s.MatchedGold
		rep.Attributed += s.Attributed
		rep.Correct += s.Correct
	}
	rep.Detection = newPRF(ratio(matchedPred, rep.Predicted), ratio(matchedGold, rep.Gold))
	rep.SpeakerAccuracy = ratio(rep.Correct, rep.Attributed)
	if rep.Documents > 0 {
		rep.DocMillis = float64(took.Microseconds()) / 1000 / float64(rep.Documents)
	}
	return rep, nil
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

// ScoreQuotes matches the predicted quotes of text with its gold direct
// quotes, as QuoteReport describes.
func ScoreQuotes(text string, pred []storyline.QuoteSpan, gold []Attribution) QuoteScore {
	s := QuoteScore{Match: make([]int, len(pred)), SpeakerRight: map[int]bool{}}
	best := make([]int, len(gold)) // best prediction of each gold quote
	bestOv := make([]int, len(gold))
	for g := range best {
		best[g] = -1
	}
	for i, p := range pred {
		s.Match[i] = -1
		top := 0
		for g, a := range gold {
			ov := overlap(p.Start, p.End, a.Content)
			if ov == 0 || 2*ov < min(p.End-p.Start, length(a.Content)) {
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
		if len(a.Source) == 0 {
			continue
		}
		s.Attributed++
		ok := sameSpeaker(text, pred[best[g]].Speaker, a.Source)
		s.SpeakerRight[g] = ok
		if ok {
			s.Correct++
		}
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
func overlap(a, b int, sp Span) int {
	n := 0
	for _, p := range sp {
		if lo, hi := max(a, p[0]), min(b, p[1]); hi > lo {
			n += hi - lo
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
