// Package memo holds caches of computed values for hot paths that run on
// several goroutines at once, such as stemming every word of every article.
package memo

import (
	"sync"
	"sync/atomic"
)

// Map is a cache from strings to values that is read far more often than
// written: reads look in an immutable map without locking; new entries
// wait in a locked map until there are enough of them to publish a new
// immutable map (which costs a copy, so it happens as the cache grows by a
// quarter). Values are shared by every reader: they must not change once
// stored. A cache that would grow beyond Max entries (DefaultMax when 0)
// starts again with its newest ones, so that a long-running process does
// not keep every word it ever met. The zero Map is empty and ready to use.
type Map[V any] struct {
	Max       int
	published atomic.Pointer[map[string]V]
	mu        sync.Mutex
	pending   map[string]V
}

// DefaultMax bounds a Map whose Max is 0.
const DefaultMax = 1 << 18

// Strings is a Map of strings.
type Strings = Map[string]

// Load returns the value cached for k.
func (c *Map[V]) Load(k string) (V, bool) {
	if m := c.published.Load(); m != nil {
		if v, ok := (*m)[k]; ok {
			return v, true
		}
	}
	c.mu.Lock()
	v, ok := c.pending[k]
	c.mu.Unlock()
	return v, ok
}

// LoadBytes is Load for a key held in a byte slice, without making a
// string of it.
func (c *Map[V]) LoadBytes(k []byte) (V, bool) {
	if m := c.published.Load(); m != nil {
		if v, ok := (*m)[string(k)]; ok {
			return v, true
		}
	}
	c.mu.Lock()
	v, ok := c.pending[string(k)]
	c.mu.Unlock()
	return v, ok
}

// Store caches v for k. Both are kept as given: a caller whose strings are
// slices of a larger text should pass copies.
func (c *Map[V]) Store(k string, v V) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.pending == nil {
		c.pending = map[string]V{}
	}
	c.pending[k] = v
	old := c.published.Load()
	n := 0
	if old != nil {
		n = len(*old)
	}
	if len(c.pending) < 64+n/4 {
		return
	}
	limit := c.Max
	if limit == 0 {
		limit = DefaultMax
	}
	if n+len(c.pending) > limit {
		old, n = nil, 0 // start again
	}
	m := make(map[string]V, n+len(c.pending))
	if old != nil {
		for k, v := range *old {
			m[k] = v
		}
	}
	for k, v := range c.pending {
		m[k] = v
	}
	c.published.Store(&m)
	c.pending = nil
}
