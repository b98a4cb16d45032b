package memo

import (
	"fmt"
	"sync"
	"testing"
)

func TestStrings(t *testing.T) {
	var c Strings
	if _, ok := c.Load("a"); ok {
		t.Fatal("empty cache has a")
	}
	// Enough entries to publish several immutable maps.
	for i := range 1000 {
		c.Store(fmt.Sprint("k", i), fmt.Sprint("v", i))
	}
	for i := range 1000 {
		k, want := fmt.Sprint("k", i), fmt.Sprint("v", i)
		if v, ok := c.Load(k); !ok || v != want {
			t.Fatalf("Load(%q) = %q, %v; want %q", k, v, ok, want)
		}
		if v, ok := c.LoadBytes([]byte(k)); !ok || v != want {
			t.Fatalf("LoadBytes(%q) = %q, %v; want %q", k, v, ok, want)
		}
	}
	if _, ok := c.LoadBytes([]byte("k1000")); ok {
		t.Error("LoadBytes found a key never stored")
	}
}

// TestStringsConcurrent reads and writes from many goroutines; run with -race.
func TestStringsConcurrent(t *testing.T) {
	var c Strings
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 500 {
				k := fmt.Sprint(i % 300)
				if v, ok := c.Load(k); ok && v != "v"+k {
					t.Errorf("goroutine %d: Load(%q) = %q", g, k, v)
					return
				}
				c.Store(k, "v"+k)
			}
		}()
	}
	wg.Wait()
}

func BenchmarkLoadBytes(b *testing.B) {
	var c Strings
	keys := make([][]byte, 1000)
	for i := range keys {
		keys[i] = []byte(fmt.Sprint("word", i))
		c.Store(string(keys[i]), "stem")
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		c.LoadBytes(keys[i%len(keys)])
	}
}

func TestMapOfStructs(t *testing.T) {
	type forms struct{ lower, shape string }
	var c Map[*forms]
	for i := range 300 {
		w := fmt.Sprint("Word", i)
		c.Store(w, &forms{lower: fmt.Sprint("word", i), shape: "Xxxx"})
	}
	for i := range 300 {
		f, ok := c.Load(fmt.Sprint("Word", i))
		if !ok || f.lower != fmt.Sprint("word", i) {
			t.Fatalf("Load(Word%d) = %v, %v", i, f, ok)
		}
	}
	if f, ok := c.Load("Word300"); ok || f != nil {
		t.Errorf("Load of a key never stored = %v, %v", f, ok)
	}
}

func TestMapStartsAgainWhenFull(t *testing.T) {
	c := Map[int]{Max: 200}
	for i := range 1000 {
		c.Store(fmt.Sprint("k", i), i)
	}
	if _, ok := c.Load("k0"); ok {
		t.Error("the oldest entry is still there after the cache filled up")
	}
	if v, ok := c.Load("k999"); !ok || v != 999 {
		t.Errorf("the newest entry: %v, %v", v, ok)
	}
	if m := c.published.Load(); m != nil && len(*m) > 200 {
		t.Errorf("published %d entries, more than Max", len(*m))
	}
}
