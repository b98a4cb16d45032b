// Package memo holds caches of computed strings for hot paths that run on
// several goroutines at once, such as stemming every word of every article.
package memo

import (
	"sync"
	"sync/atomic"
)

// Strings is a string-to-string cache that is read far more often than
// written: reads look in an immutable map without locking; new entries
// wait in a locked map until there are enough of them to publish a new
// immutable map (which costs a copy, so it happens as the cache grows by a
// quarter). The zero Strings is empty and ready to use.
type Strings struct {
	published atomic.Pointer[map[string]string]
	mu        sync.Mutex
	pending   map[string]string
}

// Load returns the value cached for k.
func (c *Strings) Load(k string) (string, bool) {
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
func (c *Strings) LoadBytes(k []byte) (string, bool) {
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
func (c *Strings) Store(k, v string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.pending == nil {
		c.pending = map[string]string{}
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
	m := make(map[string]string, n+len(c.pending))
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
