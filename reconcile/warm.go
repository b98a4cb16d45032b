package reconcile

import (
	"context"
	"github.com/storyline-news/storyline/analyze/document"
	"runtime"
	"sync"

	"github.com/storyline-news/storyline"
)

// Warmer analyses articles in the background as they are stored, on the
// CPUs that ingest (which clusters one article at a time) leaves idle, and
// caches the analyses, so that a card later costs only its build. Add never
// waits for an analysis; Close waits for the queue to drain.
type Warmer struct {
	cache Cache
	queue chan *storyline.Article
	wg    sync.WaitGroup

	mu      sync.Mutex
	pending []storyline.AnalysisRecord
	err     error
}

// warmBatch is how many analyses are written to the cache together.
const warmBatch = 64

// NewWarmer starts a Warmer with one worker per CPU but one (0: that many).
func NewWarmer(cache Cache, workers int) *Warmer {
	if workers <= 0 {
		workers = max(1, runtime.GOMAXPROCS(0)-1)
	}
	w := &Warmer{cache: cache, queue: make(chan *storyline.Article, 1024)}
	for range workers {
		w.wg.Add(1)
		go w.work()
	}
	return w
}

// Add queues a stored article (with its ID and version) for analysis.
func (w *Warmer) Add(a *storyline.Article) {
	if a.ID == 0 {
		return
	}
	cp := *a
	w.queue <- &cp
}

func (w *Warmer) work() {
	defer w.wg.Done()
	for a := range w.queue {
		data, err := document.Analyze(a).Marshal()
		w.mu.Lock()
		if err != nil && w.err == nil {
			w.err = err
		}
		if err == nil {
			w.pending = append(w.pending, storyline.AnalysisRecord{Article: a.ID, Version: a.Version, Data: data})
		}
		var batch []storyline.AnalysisRecord
		if len(w.pending) >= warmBatch {
			batch, w.pending = w.pending, nil
		}
		w.mu.Unlock()
		w.save(batch)
	}
}

// save writes a batch of analyses, remembering the first error.
func (w *Warmer) save(batch []storyline.AnalysisRecord) {
	if len(batch) == 0 {
		return
	}
	if err := w.cache.SaveAnalyses(context.Background(), batch); err != nil {
		w.mu.Lock()
		if w.err == nil {
			w.err = err
		}
		w.mu.Unlock()
	}
}

// Close waits for every queued article to be analysed and cached, and
// returns the first error.
func (w *Warmer) Close() error {
	close(w.queue)
	w.wg.Wait()
	w.save(w.pending)
	w.pending = nil
	return w.err
}
