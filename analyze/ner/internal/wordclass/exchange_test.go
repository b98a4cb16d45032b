package main

import (
	"math"
	"testing"
)

// objective is the class-bigram log-likelihood (up to a constant) that the
// exchange algorithm maximises.
func objective(b *bigrams, counts []int, cls []int, k int) float64 {
	cc := make([]int, k*k)
	cn := make([]int, k)
	for w := range counts {
		cn[cls[w]] += counts[w]
		for _, e := range b.next[w] {
			cc[cls[w]*k+cls[e.word]] += e.count
		}
		cc[cls[w]*k+cls[w]] += b.self[w]
	}
	f := 0.0
	for _, x := range cc {
		f += xlogx(x)
	}
	for _, x := range cn {
		f -= 2 * xlogx(x)
	}
	return f
}

// TestExchangeFindsRoles clusters a toy text in which determiners, nouns and
// verbs alternate: the classes found must be at least as likely as the
// classes by role, and the nouns must share one.
func TestExchangeFindsRoles(t *testing.T) {
	var c corpus
	dets := []string{"the", "a", "this"}
	nouns := []string{"dog", "cat", "bird", "fish"}
	verbs := []string{"runs", "sleeps", "eats"}
	for i := range 200 {
		c.add([]string{dets[i%3], nouns[i%4], verbs[i%3], dets[(i+1)%3], nouns[(i+2)%4]})
	}
	v, stream := c.vocabulary(1)
	b := newBigrams(len(v.words), stream)
	const k = 4
	cls := exchange(b, v.counts, k, 20)
	byRole := make([]int, len(cls))
	id := map[string]int{}
	for i, w := range v.words {
		id[w] = i
		for role, group := range [][]string{dets, nouns, verbs} {
			for _, g := range group {
				if g == w {
					byRole[i] = role + 1
				}
			}
		}
	}
	got, want := objective(b, v.counts, cls, k), objective(b, v.counts, byRole, k)
	if got < want-1e-6*math.Abs(want) {
		t.Errorf("objective %.3f, below the by-role classes' %.3f", got, want)
	}
	for _, w := range nouns[1:] {
		if cls[id[w]] != cls[id[nouns[0]]] {
			t.Errorf("nouns split across classes: %v", cls)
		}
	}
}
