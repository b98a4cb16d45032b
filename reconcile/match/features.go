package match

import (
	"math"
	"strings"
)

// featureNames name the columns of a pair's feature vector, in order. They
// are saved with a model, so that a model trained on other features is
// refused rather than misread.
var featureNames = []string{
	"word_min", "word_max", // share of each side's words the other has
	"stem_min", "stem_max",
	"content_min", "content_max", // the same for content stems
	"idf_min", "idf_max", // the same weighted by rarity
	"bigram_min", "bigram_max",
	"trigram_min", "trigram_max",
	"fourgram_min", "fourgram_max",
	"bleu_min", "bleu_max",
	"lcs_min", "lcs_max", // longest common subsequence of stems
	"char_dice", // character 4-grams
	"len_log", "len_diff", "len_ratio",
	"unmatched_min", "unmatched_max", // rarity mass the other side lacks
	"unmatched_top", // the rarest word only one side has
	"figures_both", "figures_agree", "figures_differ", "figures_alone",
	"names_jaccard", "names_alone",
	"negation_differs", "modal_differs", "change_either",
	"order",                // how well the shared words keep their order
	"soft_min", "soft_max", // content words matched exactly or by a shared start
	"run_min", "run_max", // the longest run of words the other side lacks
	"extra_min", "extra_max", // how many content words the other side lacks
	"lexical", // the word model's log-odds (see wordModel)
}

// nFeatures is the length of a feature vector.
var nFeatures = len(featureNames)

// vocabulary gives the rarity of stems: inverse document frequency over
// the sentences a model was trained on.
type vocabulary struct {
	idf     map[string]float64
	missing float64 // the weight of a stem never seen
}

func (v *vocabulary) weight(stem string) float64 {
	if w, ok := v.idf[stem]; ok {
		return w
	}
	return v.missing
}

// features computes the feature vector of a pair of passages.
func features(a, b *passage, v *vocabulary, lex wordModel) []float64 {
	x := make([]float64, 0, nFeatures)
	pair := func(p, q float64) { x = append(x, math.Min(p, q), math.Max(p, q)) }

	pair(overlap(a.words, b.words), overlap(b.words, a.words))
	pair(overlap(a.stems, b.stems), overlap(b.stems, a.stems))
	ca, cb := contentStems(a), contentStems(b)
	pair(overlap(ca, cb), overlap(cb, ca))
	pair(weightedOverlap(ca, cb, v), weightedOverlap(cb, ca, v))
	var precisions [2][4]float64
	for n := 1; n <= 4; n++ {
		ga, gb := ngrams(a.stems, n), ngrams(b.stems, n)
		pa, pb := overlap(ga, gb), overlap(gb, ga)
		precisions[0][n-1], precisions[1][n-1] = pa, pb
		if n > 1 {
			pair(pa, pb)
		}
	}
	pair(bleu(precisions[0]), bleu(precisions[1]))
	l := float64(lcs(a.stems, b.stems))
	pair(ratio(l, len(a.stems)), ratio(l, len(b.stems)))
	x = append(x, charDice(a.text, b.text, 4))
	la, lb := float64(len(a.words)), float64(len(b.words))
	x = append(x, math.Log1p(la+lb), math.Abs(la-lb), math.Min(la, lb)/math.Max(1, math.Max(la, lb)))
	ua, ta := unmatched(ca, cb, v)
	ub, tb := unmatched(cb, ca, v)
	pair(ua, ub)
	x = append(x, math.Max(ta, tb))
	both, agree, differ, alone := compareFigures(a.figures, b.figures)
	x = append(x, both, agree, differ, alone)
	jac, namesAlone := compareNames(a.names, b.names)
	x = append(x, jac, namesAlone)
	x = append(x, flag((a.negated%2 == 0) != (b.negated%2 == 0)), flag(a.modal != b.modal), flag(a.change || b.change))
	x = append(x, order(a.stems, b.stems))
	sa, ra, ea := coverage(a, b)
	sb, rb, eb := coverage(b, a)
	pair(sa, sb)
	pair(ra, rb)
	pair(ea, eb)
	x = append(x, lex.score(lexicalKeys(a, b)))
	return x
}

func flag(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

func ratio(n float64, d int) float64 {
	if d == 0 {
		return 0
	}
	return n / float64(d)
}

// contentStems returns the stems of a passage's content words.
func contentStems(p *passage) []string {
	var out []string
	for i, s := range p.stems {
		if p.content[i] {
			out = append(out, s)
		}
	}
	return out
}

// overlap is the share of a's items that b has, each of b's items
// matched at most once (clipped counts, as BLEU counts n-grams).
func overlap(a, b []string) float64 {
	if len(a) == 0 {
		return 0
	}
	have := map[string]int{}
	for _, s := range b {
		have[s]++
	}
	n := 0
	for _, s := range a {
		if have[s] > 0 {
			have[s]--
			n++
		}
	}
	return float64(n) / float64(len(a))
}

// weightedOverlap is overlap with each stem weighted by its rarity.
func weightedOverlap(a, b []string, v *vocabulary) float64 {
	have := map[string]int{}
	for _, s := range b {
		have[s]++
	}
	var shared, all float64
	for _, s := range a {
		w := v.weight(s)
		all += w
		if have[s] > 0 {
			have[s]--
			shared += w
		}
	}
	if all == 0 {
		return 0
	}
	return shared / all
}

// unmatched returns the rarity mass of a's stems that b lacks, and the
// weight of the rarest of them.
func unmatched(a, b []string, v *vocabulary) (float64, float64) {
	have := map[string]bool{}
	for _, s := range b {
		have[s] = true
	}
	var sum, top float64
	for _, s := range a {
		if !have[s] {
			w := v.weight(s)
			sum += w
			top = math.Max(top, w)
		}
	}
	return sum, top
}

// ngrams returns the n-grams of a list of stems, joined by a space.
func ngrams(s []string, n int) []string {
	if len(s) < n {
		return nil
	}
	out := make([]string, 0, len(s)-n+1)
	for i := 0; i+n <= len(s); i++ {
		out = append(out, strings.Join(s[i:i+n], " "))
	}
	return out
}

// bleu is the geometric mean of n-gram precisions, each smoothed by one
// part in a hundred so that a missing 4-gram does not zero it.
func bleu(p [4]float64) float64 {
	s := 0.0
	for _, v := range p {
		s += math.Log(v + 0.01)
	}
	return math.Exp(s / 4)
}

// lcs is the length of the longest common subsequence of two lists.
func lcs(a, b []string) int {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for i := range a {
		for j := range b {
			switch {
			case a[i] == b[j]:
				cur[j+1] = prev[j] + 1
			case prev[j+1] >= cur[j]:
				cur[j+1] = prev[j+1]
			default:
				cur[j+1] = cur[j]
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// charDice is the Dice coefficient of the character n-grams of two texts,
// lower-cased with white space squeezed: it sees shared word parts that
// stemming misses ("Al-Kut" / "Kut").
func charDice(a, b string, n int) float64 {
	ga, gb := charGrams(a, n), charGrams(b, n)
	if len(ga)+len(gb) == 0 {
		return 0
	}
	have := map[string]int{}
	for _, g := range gb {
		have[g]++
	}
	shared := 0
	for _, g := range ga {
		if have[g] > 0 {
			have[g]--
			shared++
		}
	}
	return 2 * float64(shared) / float64(len(ga)+len(gb))
}

func charGrams(s string, n int) []string {
	r := []rune(strings.Join(strings.Fields(strings.ToLower(s)), " "))
	if len(r) < n {
		return nil
	}
	out := make([]string, 0, len(r)-n+1)
	for i := 0; i+n <= len(r); i++ {
		out = append(out, string(r[i:i+n]))
	}
	return out
}

// compareFigures tells whether both passages give figures, how many of the
// figures of the side with fewer find a compatible figure on the other
// side, how many find none, and how many figures one side gives that the
// other has nothing like.
func compareFigures(a, b []figure) (both, agree, differ, alone float64) {
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(a) == 0 {
		return 0, 0, 0, float64(len(b))
	}
	used := make([]bool, len(b))
	for _, f := range a {
		hit := false
		for j, g := range b {
			if !used[j] && compatible(f, g) {
				used[j], hit = true, true
				break
			}
		}
		if hit {
			agree++
		} else {
			differ++
		}
	}
	return 1, agree, differ, float64(len(b) - len(a))
}

// compatible reports whether two figures may give the same quantity: their
// ranges meet and their units agree.
func compatible(f, g figure) bool {
	if f.unit != g.unit && f.unit != "" && g.unit != "" {
		return false
	}
	if f.step < g.step {
		f, g = g, f
	}
	if f.step > g.step && f.lo == f.hi {
		// "4 percent" covers 3.5 up to 4.5, not including it.
		return g.lo < f.hi+f.step/2 && f.lo-f.step/2 <= g.hi
	}
	return f.lo <= g.hi && g.lo <= f.hi
}

// compareNames returns the Jaccard index of two sets of names and how many
// names only one side gives.
func compareNames(a, b map[string]bool) (float64, float64) {
	if len(a)+len(b) == 0 {
		return 1, 0
	}
	shared := 0
	for n := range a {
		if b[n] {
			shared++
		}
	}
	union := len(a) + len(b) - shared
	return float64(shared) / float64(union), float64(union - shared)
}

// order is Kendall's tau of the positions of the stems that both lists
// have once: 1 when the shared words come in the same order.
func order(a, b []string) float64 {
	pos := func(s []string) map[string]int {
		m := map[string]int{}
		for i, w := range s {
			if _, dup := m[w]; dup {
				m[w] = -1
			} else {
				m[w] = i
			}
		}
		return m
	}
	pa, pb := pos(a), pos(b)
	var seq []int
	for _, w := range a {
		if j, ok := pb[w]; ok && j >= 0 && pa[w] >= 0 {
			seq = append(seq, j)
		}
	}
	if len(seq) < 2 {
		return 0
	}
	conc, disc := 0, 0
	for i := range seq {
		for j := i + 1; j < len(seq); j++ {
			if seq[i] < seq[j] {
				conc++
			} else {
				disc++
			}
		}
	}
	return float64(conc-disc) / float64(conc+disc)
}

// coverage returns the share of p's content words that q has, exactly or
// by a shared start of five letters ("tonne" / "ton", "Sainsbury's"), the
// longest run of p's words that q lacks (an added clause), and how many
// content words of p q lacks.
func coverage(p, q *passage) (share, run, extra float64) {
	have := map[string]bool{}
	starts := map[string]bool{}
	for i, s := range q.stems {
		have[s] = true
		if q.content[i] {
			starts[prefix(q.words[i])] = true
		}
	}
	n, matched, cur := 0, 0, 0
	for i, s := range p.stems {
		hit := have[s] || p.content[i] && len(p.words[i]) >= 5 && starts[prefix(p.words[i])]
		if hit {
			cur = 0
		} else {
			cur++
			run = math.Max(run, float64(cur))
		}
		if !p.content[i] {
			continue
		}
		n++
		if hit {
			matched++
		} else {
			extra++
		}
	}
	if n > 0 {
		share = float64(matched) / float64(n)
	}
	return share, run, extra
}

// prefix returns the first five bytes of a word, or the word.
func prefix(w string) string {
	if len(w) > 5 {
		return w[:5]
	}
	return w
}
