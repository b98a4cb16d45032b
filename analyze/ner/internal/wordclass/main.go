// Command wordclass derives word classes and capitalisation statistics from
// unlabelled English text, for the named-entity tagger's features. Only the
// statistics are written, never the text.
//
// Classes come from the exchange algorithm (Kneser and Ney 1993; Martin,
// Liermann and Ney 1998): every word is moved, in turn, to the class that most
// raises the likelihood of a class-bigram model of the text, until few words
// move. It runs once for each requested number of classes. The
// capitalisation bucket of a word tells how often its lower-case form is
// written with a capital letter inside a sentence (not at its start), which
// tells names from common words at the start of a sentence or in an all-caps
// headline.
//
// Output lines are "word<TAB>class...<TAB>capBucket<TAB>count", classes
// numbered from 1; count is how often the form occurs where capitals are not
// forced.
//
// The shipped table was made, from analyze/ner, with:
//
//	go run ./internal/wordclass -o data/wordclasses.tsv.gz \
//	    -text '../../../shared/data/polnear/*/text/*.txt' \
//	    -json ../../../shared/data/extraction/ground-truth.json \
//	    -conll ../../../shared/data/conll/conllpp_train.txt \
//	    -dict /usr/share/dict/american-english
package main

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/storyline-news/storyline/analyze"
)

func main() {
	textGlob := flag.String("text", "", "glob of plain-text files")
	jsonPath := flag.String("json", "", "JSON object of {id: {articleBody}} records")
	conllPath := flag.String("conll", "", "CoNLL file (words only are read)")
	dictPath := flag.String("dict", "", "word list, one word a line (Debian wamerican), for words the text lacks")
	out := flag.String("o", "data/wordclasses.tsv.gz", "output file")
	sizes := flag.String("k", "64,256,1024", "class counts, coarse to fine")
	minCount := flag.Int("min", 3, "least count of a word to be classed")
	iters := flag.Int("iter", 12, "most passes of the exchange algorithm")
	flag.Parse()

	var c corpus
	if err := c.read(*textGlob, *jsonPath, *conllPath); err != nil {
		fmt.Fprintln(os.Stderr, "wordclass:", err)
		os.Exit(1)
	}
	var ks []int
	for _, s := range strings.Split(*sizes, ",") {
		k, err := strconv.Atoi(s)
		if err != nil || k < 2 {
			fmt.Fprintln(os.Stderr, "wordclass: bad -k")
			os.Exit(2)
		}
		ks = append(ks, k)
	}
	fmt.Fprintf(os.Stderr, "%d sentences, %d tokens\n", len(c.sents), c.tokens)
	vocab, stream := c.vocabulary(*minCount)
	bg := newBigrams(len(vocab.words), stream)
	classes := make([][]int, len(ks))
	for i, k := range ks {
		classes[i] = exchange(bg, vocab.counts, k, *iters)
	}
	caps, forms := c.caseStats()
	var dict []string
	if *dictPath != "" {
		b, err := os.ReadFile(*dictPath)
		if err != nil {
			fmt.Fprintln(os.Stderr, "wordclass:", err)
			os.Exit(1)
		}
		dict = strings.Split(string(b), "\n")
	}
	if err := write(*out, vocab, classes, caps, forms, dict); err != nil {
		fmt.Fprintln(os.Stderr, "wordclass:", err)
		os.Exit(1)
	}
}

// corpus is tokenized sentences.
type corpus struct {
	sents  [][]string
	tokens int
}

func (c *corpus) add(words []string) {
	if len(words) > 0 {
		c.sents = append(c.sents, words)
		c.tokens += len(words)
	}
}

func (c *corpus) addText(text string) {
	toks := analyze.Tokenize(text)
	for _, s := range analyze.Sentences(toks) {
		words := make([]string, 0, s.Last-s.First)
		for _, t := range toks[s.First:s.Last] {
			words = append(words, typography.Replace(t.Text))
		}
		c.add(words)
	}
}

var typography = strings.NewReplacer("“", `"`, "”", `"`, "‘", "'", "’", "'", "–", "-", "—", "-", "…", "...")

func (c *corpus) read(textGlob, jsonPath, conllPath string) error {
	if textGlob != "" {
		paths, err := filepath.Glob(textGlob)
		if err != nil {
			return err
		}
		sort.Strings(paths)
		for _, p := range paths {
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			c.addText(string(b))
		}
	}
	if jsonPath != "" {
		b, err := os.ReadFile(jsonPath)
		if err != nil {
			return err
		}
		var recs map[string]struct {
			ArticleBody string `json:"articleBody"`
		}
		if err := json.Unmarshal(b, &recs); err != nil {
			return fmt.Errorf("%s: %w", jsonPath, err)
		}
		ids := make([]string, 0, len(recs))
		for id := range recs {
			ids = append(ids, id)
		}
		sort.Strings(ids)
		for _, id := range ids {
			c.addText(recs[id].ArticleBody)
		}
	}
	if conllPath != "" {
		f, err := os.Open(conllPath)
		if err != nil {
			return err
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		var words []string
		for sc.Scan() {
			fields := strings.Fields(sc.Text())
			if len(fields) == 0 || fields[0] == "-DOCSTART-" {
				c.add(words)
				words = nil
				continue
			}
			words = append(words, fields[0])
		}
		c.add(words)
		return sc.Err()
	}
	return nil
}

// vocab numbers the words seen at least minCount times from 2; 0 is the
// sentence boundary and 1 stands for every rarer word.
type vocab struct {
	words  []string
	counts []int
}

func (c *corpus) vocabulary(minCount int) (vocab, []int32) {
	counts := map[string]int{}
	for _, s := range c.sents {
		for _, w := range s {
			counts[w]++
		}
	}
	var words []string
	for w, n := range counts {
		if n >= minCount {
			words = append(words, w)
		}
	}
	// Most frequent first, so that the initial classes spread the frequent
	// words; ties in byte order, for a deterministic result.
	slices.SortFunc(words, func(a, b string) int {
		if counts[a] != counts[b] {
			return counts[b] - counts[a]
		}
		return strings.Compare(a, b)
	})
	v := vocab{words: append([]string{"<s>", "<unk>"}, words...)}
	ids := map[string]int32{}
	for i, w := range v.words {
		ids[w] = int32(i)
	}
	v.counts = make([]int, len(v.words))
	stream := []int32{0}
	for _, s := range c.sents {
		for _, w := range s {
			id, ok := ids[w]
			if !ok {
				id = 1
			}
			stream = append(stream, id)
			v.counts[id]++
		}
		stream = append(stream, 0)
		v.counts[0]++
	}
	return v, stream
}

// caseStats returns, for each lower-case form, how often it is written
// capitalised where capitals are not forced (not sentence-initial, not after
// a quote or colon, and not in an all-caps line), and how often each written
// form occurs in such places, which tells how to restore the case of a
// word in a headline.
func (c *corpus) caseStats() (map[string]int, map[string]int) {
	type tally struct{ upper, all int }
	t := map[string]*tally{}
	forms := map[string]int{}
	for _, s := range c.sents {
		if allCaps(s) {
			continue
		}
		for i, w := range s {
			if i == 0 || !strings.ContainsFunc(w, unicode.IsLetter) {
				continue
			}
			switch s[i-1] {
			case `"`, "'", ":", "(", "-", "--", "``":
				continue
			}
			forms[w]++
			l := strings.ToLower(w)
			x := t[l]
			if x == nil {
				x = &tally{}
				t[l] = x
			}
			x.all++
			if r := []rune(w)[0]; unicode.IsUpper(r) {
				x.upper++
			}
		}
	}
	out := make(map[string]int, len(t))
	for l, x := range t {
		out[l] = bucket(x.upper, x.all)
	}
	return out, forms
}

// bucket grades a share of capitalised occurrences: 1 (almost never) to 5
// (almost always); 0 when there are too few to tell.
func bucket(upper, all int) int {
	if all < 2 {
		return 0
	}
	r := float64(upper) / float64(all)
	switch {
	case r < 0.05:
		return 1
	case r < 0.5:
		return 2
	case r < 0.9:
		return 3
	case r < 0.99:
		return 4
	}
	return 5
}

func allCaps(s []string) bool {
	letters := 0
	for _, w := range s {
		if strings.ContainsFunc(w, unicode.IsLower) {
			return false
		}
		if strings.ContainsFunc(w, unicode.IsLetter) {
			letters++
		}
	}
	return letters > 1
}

// write saves the table: the classed words, then the words of dict that the
// text lacks, with no class, count 1, and a capitalisation bucket from the
// text or else from the list's own spelling (1: only lower case there, 5:
// only capitalised, 3: both), so that a headline's common words can be
// re-cased even when the text never used them.
func write(path string, v vocab, classes [][]int, caps, forms map[string]int, dict []string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	zw, _ := gzip.NewWriterLevel(f, gzip.BestCompression)
	bw := bufio.NewWriter(zw)
	fmt.Fprintf(bw, "# Generated by internal/wordclass from unlabelled news text; DO NOT EDIT.\n")
	fmt.Fprintf(bw, "# word, exchange-algorithm classes (coarse to fine), capitalisation bucket,\n")
	fmt.Fprintf(bw, "# count of the form where capitals are not forced\n")
	type row struct {
		word          string
		classes       []int
		bucket, count int
	}
	var rows []row
	known := map[string]bool{}
	for i := 2; i < len(v.words); i++ {
		w := v.words[i]
		r := row{word: w, bucket: caps[strings.ToLower(w)], count: forms[w]}
		for _, cl := range classes {
			r.classes = append(r.classes, cl[i]+1)
		}
		rows = append(rows, r)
		known[w] = true
	}
	spellings := map[string]int{} // lower-case form → 1 lower, 2 capitalised, 3 both
	for _, w := range dict {
		if w == "" || strings.ContainsAny(w, "' ") {
			continue
		}
		if strings.ToLower(w) == w {
			spellings[w] |= 1
		} else {
			spellings[strings.ToLower(w)] |= 2
		}
	}
	for _, w := range dict {
		if w == "" || strings.ContainsAny(w, "' ") || known[w] {
			continue
		}
		known[w] = true
		b, ok := caps[strings.ToLower(w)]
		if !ok || b == 0 {
			b = map[int]int{1: 1, 2: 5, 3: 3}[spellings[strings.ToLower(w)]]
		}
		rows = append(rows, row{word: w, classes: make([]int, len(classes)), bucket: b, count: 1})
	}
	sort.Slice(rows, func(a, b int) bool { return rows[a].word < rows[b].word })
	for _, r := range rows {
		if r.word[0] == '#' || strings.ContainsAny(r.word, "\t\n") {
			continue
		}
		bw.WriteString(r.word)
		for _, c := range r.classes {
			fmt.Fprintf(bw, "\t%d", c)
		}
		fmt.Fprintf(bw, "\t%d\t%d\n", r.bucket, r.count)
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return f.Close()
}
