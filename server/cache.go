package server

import (
	"bytes"
	"compress/gzip"
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
type responseCache struct {
	mu      sync.RWMutex
	entries map[cacheKey]*cachedResponse
}

// cacheKey identifies a response: the same URL may render differently for
// a reader and a signed-in writer.
type cacheKey struct {
	level       access
	path, query string
}

// cachedResponse holds a body and its header values, ready to send, and
// the body gzipped for clients that accept it.
type cachedResponse struct {
	gen                uint64
	body               []byte
	etag               string
	ctype, tag, length []string

	zipOnce   sync.Once
	zipped    []byte
	zipLength []string
}

// gzipped returns the compressed body, made on first use; nil when
// compressing does not pay.
func (e *cachedResponse) gzipped() []byte {
	e.zipOnce.Do(func() {
		if len(e.body) < 1024 {
			return
		}
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestSpeed)
		zw.Write(e.body)
		zw.Close()
		if buf.Len() < len(e.body)*9/10 {
			e.zipped = buf.Bytes()
			e.zipLength = []string{strconv.Itoa(buf.Len())}
		}
	})
	return e.zipped
}

var (
	noCache      = []string{"no-cache"}
	gzipEncoding = []string{"gzip"}
	varyEncoding = []string{"Accept-Encoding"}
)

// maxCachedResponses bounds the cache; past it, it starts over.
const maxCachedResponses = 2048

// cached serves the response for r from the cache, or builds, caches and
// serves it. Errors are answered as JSON or as a page, after ctype.
func (s *Server) cached(w http.ResponseWriter, r *http.Request, ctype string, build func() ([]byte, error)) {
	key := cacheKey{s.access(r), r.URL.Path, r.URL.RawQuery}
	gen := s.views.generation()
	c := &s.responses
	c.mu.RLock()
	e := c.entries[key]
	c.mu.RUnlock()
	if e == nil || e.gen != gen {
		body, err := build()
		if err != nil {
			if strings.HasPrefix(ctype, "text/html") {
				s.pageError(w, r, err)
			} else {
				s.jsonError(w, r, err)
			}
			return
		}
		h := fnv.New64a()
		h.Write(body)
		etag := `"` + strconv.FormatUint(gen, 36) + "-" + strconv.FormatUint(h.Sum64(), 36) + `"`
		e = &cachedResponse{gen: gen, body: body, etag: etag, ctype: []string{ctype}, tag: []string{etag},
			length: []string{strconv.Itoa(len(body))}}
		c.mu.Lock()
		if c.entries == nil || len(c.entries) >= maxCachedResponses {
			c.entries = map[cacheKey]*cachedResponse{}
		}
		c.entries[key] = e
		c.mu.Unlock()
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
	if acceptsGzip(r) {
		if z := e.gzipped(); z != nil {
			body, length = z, e.zipLength
			hd["Content-Encoding"] = gzipEncoding
		}
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
