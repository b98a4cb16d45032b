package main

import (
	"fmt"
	"math"
	"os"
)

// bigrams holds, for every word, its distinct successors and predecessors
// with counts, and its count of following itself.
type bigrams struct {
	next, prev [][]edge
	self       []int
}

type edge struct {
	word  int32
	count int
}

func newBigrams(n int, stream []int32) *bigrams {
	pairs := map[[2]int32]int{}
	for i := 1; i < len(stream); i++ {
		pairs[[2]int32{stream[i-1], stream[i]}]++
	}
	b := &bigrams{next: make([][]edge, n), prev: make([][]edge, n), self: make([]int, n)}
	for p, c := range pairs {
		if p[0] == p[1] {
			b.self[p[0]] = c
			continue
		}
		b.next[p[0]] = append(b.next[p[0]], edge{p[1], c})
		b.prev[p[1]] = append(b.prev[p[1]], edge{p[0], c})
	}
	// Map iteration is random: order the lists for a deterministic result.
	for i := range n {
		sortEdges(b.next[i])
		sortEdges(b.prev[i])
	}
	return b
}

func sortEdges(es []edge) {
	for i := 1; i < len(es); i++ {
		for j := i; j > 0 && es[j].word < es[j-1].word; j-- {
			es[j], es[j-1] = es[j-1], es[j]
		}
	}
}

// xlogx is x·ln x, with 0 for 0.
func xlogx(x int) float64 {
	if x <= 0 {
		return 0
	}
	if x < len(xlogxTable) {
		return xlogxTable[x]
	}
	return float64(x) * math.Log(float64(x))
}

var xlogxTable = func() []float64 {
	t := make([]float64, 1<<16)
	for i := 1; i < len(t); i++ {
		t[i] = float64(i) * math.Log(float64(i))
	}
	return t
}()

// exchange clusters words 2.. into k classes and returns each word's class;
// words 0 (boundary) and 1 (rare words) get classes like any other.
func exchange(b *bigrams, counts []int, k, iters int) []int {
	n := len(counts)
	cls := make([]int, n)
	for w := range n {
		cls[w] = w % k
	}
	cc := make([]int, k*k) // class bigram counts, cc[c1*k+c2]
	cn := make([]int, k)   // class counts
	for w := range n {
		cn[cls[w]] += counts[w]
		for _, e := range b.next[w] {
			cc[cls[w]*k+cls[e.word]] += e.count
		}
		cc[cls[w]*k+cls[w]] += b.self[w]
	}
	right := make([]int, k) // counts of w followed by class c
	left := make([]int, k)  // counts of class c followed by w
	var rnz, lnz []int
	for it := 1; it <= iters; it++ {
		moved := 0
		for w := range n {
			a := cls[w]
			rnz, lnz = rnz[:0], lnz[:0]
			for _, e := range b.next[w] {
				c := cls[e.word]
				if right[c] == 0 {
					rnz = append(rnz, c)
				}
				right[c] += e.count
			}
			for _, e := range b.prev[w] {
				c := cls[e.word]
				if left[c] == 0 {
					lnz = append(lnz, c)
				}
				left[c] += e.count
			}
			s := b.self[w]
			// Take w out of its class.
			for _, c := range rnz {
				cc[a*k+c] -= right[c]
			}
			for _, c := range lnz {
				cc[c*k+a] -= left[c]
			}
			cc[a*k+a] -= s
			cn[a] -= counts[w]

			best, bestGain := a, math.Inf(-1)
			for c := range k {
				gain := -2 * (xlogx(cn[c]+counts[w]) - xlogx(cn[c]))
				for _, d := range rnz {
					if d != c {
						x := cc[c*k+d]
						gain += xlogx(x+right[d]) - xlogx(x)
					}
				}
				for _, d := range lnz {
					if d != c {
						x := cc[d*k+c]
						gain += xlogx(x+left[d]) - xlogx(x)
					}
				}
				x := cc[c*k+c]
				gain += xlogx(x+right[c]+left[c]+s) - xlogx(x)
				if gain > bestGain+1e-9 || gain >= bestGain-1e-9 && c == a {
					best, bestGain = c, gain
				}
			}
			// Put w into the best class.
			for _, c := range rnz {
				cc[best*k+c] += right[c]
			}
			for _, c := range lnz {
				cc[c*k+best] += left[c]
			}
			// The pair (best, best) also gains w's bigrams with itself and
			// with the words of best, already counted through right/left
			// when c == best; only the self count is left.
			cc[best*k+best] += s
			cn[best] += counts[w]
			if best != a {
				cls[w] = best
				moved++
			}
			for _, c := range rnz {
				right[c] = 0
			}
			for _, c := range lnz {
				left[c] = 0
			}
		}
		fmt.Fprintf(os.Stderr, "k=%d pass %d: %d words moved\n", k, it, moved)
		if moved*1000 < n {
			break
		}
	}
	return cls
}
