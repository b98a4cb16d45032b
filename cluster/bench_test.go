package cluster

import (
	"fmt"
	"testing"
	"time"
)

// BenchmarkAssign measures one assignment with 10,000 and 100,000
// documents already in the clusterer (about 20 per story, all within the
// window), to show how the cost grows with the stories kept.
func BenchmarkAssign(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		b.Run(fmt.Sprintf("state=%dk", n/1000), func(b *testing.B) {
			docs := synthStream(n+10_000, n/20, 6*24*time.Hour, 3)
			c := New(Options{})
			for _, d := range docs[:n] {
				c.Assign(d)
			}
			pool := docs[n:]
			next := int64(len(docs))
			i := 0
			for b.Loop() {
				d := pool[i%len(pool)]
				next++
				d.Article = next
				c.Assign(d)
				i++
			}
			b.ReportMetric(float64(len(c.live)), "stories")
		})
	}
}

// BenchmarkAssignArticle measures one assignment of a full-length article
// (about 100 distinct terms in title and body) with 10,000 documents in the
// clusterer.
func BenchmarkAssignArticle(b *testing.B) {
	docs := synthStream(10_000, 500, 6*24*time.Hour, 4)
	c := New(Options{})
	for _, d := range docs {
		c.Assign(d)
	}
	article := fixture(b, "a1-bridge-closed.txt", 0, docs[len(docs)-1].Published)
	next := int64(len(docs))
	for b.Loop() {
		next++
		article.Article = next
		c.Assign(article)
	}
}
