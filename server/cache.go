package server

import (
	"bytes"
	"compress/gzip"
	"container/list"
	"encoding/json"
	"hash/fnv"
	"net/http"
	"strconv"
	"strings"
	"sync"
)

// responseCache keeps rendered GET responses until the data changes (the
// views' generation moves), so that a busy front page or story page costs
// a map lookup instead of a render.
//
// It is bounded in bytes, not entries: one story page may weigh megabytes,
// and an anonymous reader must not be able to make the server hold many of
// them. Past its budget it drops the least recently used responses. Its
// keys are what a response depends on (the route, the parameters the route
// reads, in canonical form, and the access level), never the raw query
// string, so that junk parameters make no new entries.
type responseCache struct {
	mu      sync.Mutex
	budget  int64 // bytes; at most this many are held
	size    int64 // bytes held
	gen     uint64
	entries map[cacheKey]*list.Element // of *cachedResponse
	recent  list.List                  // most recently used first
}

// DefaultCacheBytes is the response cache's default budget: a few dozen of
// the largest story pages, or thousands of ordinary ones.
const DefaultCacheBytes = 64 << 20

// cacheKey identifies a response: the same URL may render differently for
// a reader and a signed-in writer. route is the request's pattern and
// variant the canonical form of the parameters its handler reads.
type cacheKey struct {
	level          access
	route, variant string
}

// cachedResponse holds a body and its header values, ready to send, and
// the body gzipped for clients that accept it (nil when that does not pay).
type cachedResponse struct {
	key                cacheKey
	gen                uint64
	body, zipped       []byte
	etag               string
	ctype, tag, length []string
	zipLength          []string
}

// entryOverhead is a generous estimate of what an entry costs beyond its
// bodies and key: the structs, header slices and map and list cells.
const entryOverhead = 512

// bytes is what the entry counts against the cache's budget.
func (e *cachedResponse) bytes() int64 {
	return int64(len(e.body) + len(e.zipped) + len(e.key.route) + len(e.key.variant) + len(e.etag) + entryOverhead)
}

// newCachedResponse prepares a body for sending: its ETag, its header
// values, and its gzipped form when that is at least 10% smaller.
func newCachedResponse(key cacheKey, gen uint64, ctype string, body []byte) *cachedResponse {
	h := fnv.New64a()
	h.Write(body)
	etag := `"` + strconv.FormatUint(gen, 36) + "-" + strconv.FormatUint(h.Sum64(), 36) + `"`
	e := &cachedResponse{key: key, gen: gen, body: body, etag: etag, ctype: []string{ctype}, tag: []string{etag},
		length: []string{strconv.Itoa(len(body))}}
	// Small bodies are not worth compressing.
	if len(body) >= 1024 {
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestSpeed)
		zw.Write(body)
		zw.Close()
		if buf.Len() < len(body)*9/10 {
			e.zipped = buf.Bytes()
			e.zipLength = []string{strconv.Itoa(buf.Len())}
		}
	}
	return e
}

// get returns the response cached under key for generation gen, or nil.
func (c *responseCache) get(key cacheKey, gen uint64) *cachedResponse {
	c.mu.Lock()
	defer c.mu.Unlock()
	el := c.entries[key]
	if el == nil {
		return nil
	}
	e := el.Value.(*cachedResponse)
	if e.gen != gen {
		return nil
	}
	c.recent.MoveToFront(el)
	return e
}

// put caches e, dropping the least recently used responses to stay within
// the budget. A response of an older generation than the cache holds, or
// larger than a quarter of the budget, is not kept.
func (c *responseCache) put(e *cachedResponse) {
	n := e.bytes()
	c.mu.Lock()
	defer c.mu.Unlock()
	if e.gen < c.gen || n > c.budget/4 {
		return
	}
	if c.entries == nil || e.gen > c.gen {
		// The data changed: nothing held can be served again.
		c.entries = map[cacheKey]*list.Element{}
		c.recent.Init()
		c.size, c.gen = 0, e.gen
	}
	if old := c.entries[e.key]; old != nil {
		c.remove(old)
	}
	for c.size+n > c.budget {
		c.remove(c.recent.Back())
	}
	c.entries[e.key] = c.recent.PushFront(e)
	c.size += n
}

// remove drops one entry; c.mu is held.
func (c *responseCache) remove(el *list.Element) {
	e := c.recent.Remove(el).(*cachedResponse)
	delete(c.entries, e.key)
	c.size -= e.bytes()
}

// stats returns how many responses and bytes the cache holds.
func (c *responseCache) stats() (entries int, size int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.entries), c.size
}

var (
	noCache      = []string{"no-cache"}
	gzipEncoding = []string{"gzip"}
	varyEncoding = []string{"Accept-Encoding"}
)

// cached serves the response for r from the cache, or builds, caches and
// serves it. variant is the canonical form of every parameter the handler
// reads beyond the route's path values, which must be in it too: two
// requests with the same route and variant must get the same body. Errors
// are answered as JSON or as a page, after ctype.
func (s *Server) cached(w http.ResponseWriter, r *http.Request, variant, ctype string, build func() ([]byte, error)) {
	key := cacheKey{s.access(r), r.Pattern, variant}
	gen := s.views.generation()
	e := s.responses.get(key, gen)
	if e == nil {
		body, err := build()
		if err != nil {
			if strings.HasPrefix(ctype, "text/html") {
				s.pageError(w, r, err)
			} else {
				s.jsonError(w, r, err)
			}
			return
		}
		e = newCachedResponse(key, gen, ctype, body)
		s.responses.put(e)
	}
	hd := w.Header()
	hd["Content-Type"] = e.ctype
	hd["Etag"] = e.tag
	hd["Cache-Control"] = noCache
	if r.Header.Get("If-None-Match") == e.etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	hd["Vary"] = varyEncoding
	body, length := e.body, e.length
	if e.zipped != nil && acceptsGzip(r) {
		body, length = e.zipped, e.zipLength
		hd["Content-Encoding"] = gzipEncoding
	}
	hd["Content-Length"] = length
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

// acceptsGzip reports whether the client takes gzip-encoded answers.
func acceptsGzip(r *http.Request) bool {
	for _, v := range r.Header["Accept-Encoding"] {
		for _, part := range strings.Split(v, ",") {
			name, q, _ := strings.Cut(strings.TrimSpace(part), ";")
			if strings.EqualFold(strings.TrimSpace(name), "gzip") && strings.ReplaceAll(q, " ", "") != "q=0" {
				return true
			}
		}
	}
	return false
}

// marshal encodes v as JSON with a final newline.
func marshal(v any) ([]byte, error) {
	buf, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return append(buf, '\n'), nil
}

func itoa(id int64) string { return strconv.FormatInt(id, 10) }
