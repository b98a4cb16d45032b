// Package ordered runs a function over a stream on several goroutines and
// delivers the results in the order of the input, so that work such as
// parsing and analysing articles uses every core while what follows it
// (clustering, storing) still sees articles in arrival order.
package ordered

import (
	"runtime"
	"sync"
)

// Map calls produce, which sends inputs with emit until it returns; work
// runs on up to workers goroutines (GOMAXPROCS when workers < 1); consume
// receives the results one at a time in input order. When consume returns
// an error, emit reports false, the remaining work is skipped and Map
// returns that error after produce returns; otherwise it returns produce's
// error.
func Map[In, Out any](workers int, produce func(emit func(In) bool) error, work func(In) Out, consume func(Out) error) error {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	type job struct {
		in   In
		out  Out
		done chan struct{}
	}
	jobs := make(chan *job, workers*32)    // to the workers
	pending := make(chan *job, workers*32) // to the consumer, in order
	stop := make(chan struct{})
	var stopOnce sync.Once
	var consumeErr error

	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				select {
				case <-stop:
				default:
					j.out = work(j.in)
				}
				close(j.done)
				// The consumer may be waiting for this result: closing
				// done puts it next in line on this worker's processor,
				// where it would otherwise wait until the worker is
				// preempted. Yielding lets it store the result at once.
				runtime.Gosched()
			}
		}()
	}
	consumed := make(chan struct{})
	go func() {
		defer close(consumed)
		for j := range pending {
			<-j.done
			if consumeErr != nil {
				continue
			}
			if err := consume(j.out); err != nil {
				consumeErr = err
				stopOnce.Do(func() { close(stop) })
			}
		}
	}()

	err := produce(func(in In) bool {
		select {
		case <-stop:
			return false
		default:
		}
		j := &job{in: in, done: make(chan struct{})}
		pending <- j
		jobs <- j
		return true
	})
	close(jobs)
	close(pending)
	wg.Wait()
	<-consumed
	if consumeErr != nil {
		return consumeErr
	}
	return err
}
