package match

import (
	"math"
	"slices"
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
	shares := func(p, q []uint64) (float64, float64) {
		n := float64(common(p, q))
		return ratio(n, len(p)), ratio(n, len(q))
	}

	pair(shares(a.sortedWords, b.sortedWords))
	pair(shares(a.sortedStems, b.sortedStems))
	pair(shares(a.sortedContent, b.sortedContent))
	pair(weightedOverlap(a, b, v), weightedOverlap(b, a, v))
	var precisions [2][4]float64
	precisions[0][0], precisions[1][0] = shares(a.sortedStems, b.sortedStems)
	for n := 2; n <= 4; n++ {
		pa, pb := shares(a.grams[n-2], b.grams[n-2])
		precisions[0][n-1], precisions[1][n-1] = pa, pb
		pair(pa, pb)
	}
	pair(bleu(precisions[0]), bleu(precisions[1]))
	l := float64(lcs(a.stemIDs, b.stemIDs))
	pair(ratio(l, len(a.stemIDs)), ratio(l, len(b.stemIDs)))
	if n := len(a.chars) + len(b.chars); n > 0 {
		x = append(x, 2*float64(common(a.chars, b.chars))/float64(n))
	} else {
		x = append(x, 0)
	}
	la, lb := float64(len(a.words)), float64(len(b.words))
	x = append(x, math.Log1p(la+lb), math.Abs(la-lb), math.Min(la, lb)/math.Max(1, math.Max(la, lb)))
	ua, ta := unmatched(a, b, v)
	ub, tb := unmatched(b, a, v)
	pair(ua, ub)
	x = append(x, math.Max(ta, tb))
	both, agree, differ, alone := compareFigures(a.figures, b.figures)
	x = append(x, both, agree, differ, alone)
	jac, namesAlone := compareNames(a.names, b.names)
	x = append(x, jac, namesAlone)
	x = append(x, flag((a.negated%2 == 0) != (b.negated%2 == 0)), flag(a.modal != b.modal), flag(a.change || b.change))
	x = append(x, order(a.stemIDs, b.stemIDs))
	sa, ra, ea := coverage(a, b)
	sb, rb, eb := coverage(b, a)
	pair(sa, sb)
	pair(ra, rb)
	pair(ea, eb)
	x = append(x, lex.score(a, b))
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

// common returns the size of the multiset intersection of two sorted
// lists: each item of one matched at most once in the other.
func common(a, b []uint64) int {
	n, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			n++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return n
}

// has reports whether a sorted list holds h.
func has(sorted []uint64, h uint64) bool {
	_, ok := slices.BinarySearch(sorted, h)
	return ok
}

// weightedOverlap is the share of a's content stems that b has, each
// weighted by its rarity.
func weightedOverlap(a, b *passage, v *vocabulary) float64 {
	var shared, all float64
	for i, h := range a.stemIDs {
		if !a.content[i] {
			continue
		}
		w := v.weight(a.stems[i])
		all += w
		if has(b.distinctStems, h) {
			shared += w
		}
	}
	if all == 0 {
		return 0
	}
	return shared / all
}

// unmatched returns the rarity mass of a's content stems that b lacks,
// and the weight of the rarest of them.
func unmatched(a, b *passage, v *vocabulary) (float64, float64) {
	var sum, top float64
	for i, h := range a.stemIDs {
		if a.content[i] && !has(b.distinctStems, h) {
			w := v.weight(a.stems[i])
			sum += w
			top = math.Max(top, w)
		}
	}
	return sum, top
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
func lcs(a, b []uint64) int {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	var buf [2 * 64]int
	var prev, cur []int
	if len(b) < 64 {
		prev, cur = buf[:len(b)+1], buf[64:64+len(b)+1]
	} else {
		prev, cur = make([]int, len(b)+1), make([]int, len(b)+1)
	}
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

// compareNames returns the Jaccard index of two sets of names (sorted
// hashes) and how many names only one side gives.
func compareNames(a, b []uint64) (float64, float64) {
	if len(a)+len(b) == 0 {
		return 1, 0
	}
	shared := common(a, b)
	union := len(a) + len(b) - shared
	return float64(shared) / float64(union), float64(union - shared)
}

// order is Kendall's tau of the positions of the stems that both lists
// have once: 1 when the shared words come in the same order.
func order(a, b []uint64) float64 {
	once := func(s []uint64, h uint64) int {
		at := -1
		for i, x := range s {
			if x == h {
				if at >= 0 {
					return -1
				}
				at = i
			}
		}
		return at
	}
	var buf [64]int
	seq := buf[:0]
	for _, h := range a {
		if once(a, h) >= 0 {
			if j := once(b, h); j >= 0 {
				seq = append(seq, j)
			}
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
	n, matched, cur := 0, 0, 0
	for i, h := range p.stemIDs {
		hit := has(q.distinctStems, h) || p.content[i] && len(p.words[i]) >= 5 && has(q.prefixes, hashString(prefix(p.words[i])))
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
