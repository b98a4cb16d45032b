package analyze

import (
	"unicode"
	"unicode/utf8"

	"github.com/storyline-news/storyline/internal/memo"
)

// Chinese writes no spaces between words. Rather than a dictionary
// segmenter, chineseTerms takes every pair of adjacent Han characters as a
// term (the overlapping bigrams of Chinese text retrieval): most Chinese
// words are two characters long, a longer name shares its bigrams with
// every other mention of it, and nothing needs a dictionary. github.com/
// go-ego/gse (v0.80.3) resolves from the module proxy and ships its
// dictionaries inside the module, but loading them takes about a second and
// tens of megabytes of memory, and embedding them would grow the binary by
// as much: too much for the terms of a clusterer that weighs terms by
// rarity anyway.

// chineseBreaks are particles that end a run of Han characters: they bind
// to no content word, so a bigram across them is noise.
var chineseBreaks = map[rune]bool{'的': true, '了': true, '吗': true, '呢': true, '吧': true, '啊': true, '着': true, '是': true}

// chineseStopChars are characters that are function words when they stand
// alone between breaks.
var chineseStopChars = map[rune]bool{}

// chineseStopBigrams are two-character function words.
var chineseStopBigrams = map[string]bool{}

func init() {
	for _, c := range "和与在也都而就被把将对从向于或及其这那他她它我你们个有不之为以到说上中下" {
		chineseStopChars[c] = true
	}
	chineseStopBigrams = wordSet(`我们 他们 她们 你们 它们 这个 那个 一个 没有 因为 所以 但是 可以 已经 进行 表示 时候 什么 如果
	这些 那些 以及 其中 目前 自己 还是 就是 不是 也是 这是 他说 认为 之后 之前 以来 同时 通过 根据 其他 而且 并且 或者 由于
	关于 对于 以上 以下 这种 一些 这样 如何 为了 今天 昨天 指出 称为 以后 我国 此外 因此 不过 他在 在这 并不 一直 将会`)
}

// appendChineseTerms appends the terms of Chinese text to dst: the
// bigrams of its Han runs (a lone character when a run has one) without
// stop words, and the terms of anything else in it (Latin names, numbers)
// as Terms reads them.
func appendChineseTerms(dst []string, text string) []string {
	var run []rune
	other := 0 // start of the stretch of text that is not Han
	for i, c := range text {
		if !unicode.Is(unicode.Han, c) {
			if len(run) > 0 {
				dst = appendBigrams(dst, run)
				run = run[:0]
			}
			continue
		}
		if other < i {
			dst = englishTerms.appendTerms(dst, text[other:i])
		}
		other = i + utf8.RuneLen(c)
		if chineseBreaks[c] {
			dst = appendBigrams(dst, run)
			run = run[:0]
			continue
		}
		run = append(run, c)
	}
	dst = appendBigrams(dst, run)
	if other < len(text) {
		dst = englishTerms.appendTerms(dst, text[other:])
	}
	return dst
}

// appendBigrams appends the bigrams of a run of Han characters to dst, or
// the character itself for a run of one, leaving out stop words. Bigrams
// repeat across reports as stems do, and are cached the same way, so that
// a known one costs no allocation.
func appendBigrams(dst []string, run []rune) []string {
	if len(run) == 1 {
		if !chineseStopChars[run[0]] {
			dst = append(dst, string(run))
		}
		return dst
	}
	var buf [2 * utf8.UTFMax]byte
	for i := 0; i+1 < len(run); i++ {
		b := utf8.AppendRune(utf8.AppendRune(buf[:0], run[i]), run[i+1])
		if chineseStopBigrams[string(b)] {
			continue
		}
		s, ok := bigramCache.LoadBytes(b)
		if !ok {
			s = string(b)
			bigramCache.Store(s, s)
		}
		dst = append(dst, s)
	}
	return dst
}

// bigramCache holds the Chinese bigrams met so far, each once.
var bigramCache memo.Strings
