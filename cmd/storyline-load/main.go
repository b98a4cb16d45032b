// Command storyline-load is a closed-loop HTTP load generator for
// `storyline serve`: N clients each request the given paths in turn, as
// fast as the server answers, for a fixed time, and it reports requests per
// second and latency percentiles per path. It exits 1 when any request
// failed or the 99th percentile is over -max-p99.
//
//	storyline demo --addr 127.0.0.1:8080 &
//	storyline-load -url http://127.0.0.1:8080 -c 200 -d 30s
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"strings"
	"sync"
	"time"
)

func main() {
	base := flag.String("url", "http://127.0.0.1:8080", "server `URL`")
	clients := flag.Int("c", 200, "concurrent `clients`")
	duration := flag.Duration("d", 30*time.Second, "test `duration`")
	paths := flag.String("paths", "/stories/{top},/api/stories", "comma-separated `paths`; {top} is the top story's id")
	maxP99 := flag.Duration("max-p99", 50*time.Millisecond, "fail when the 99th percentile is over this (0: never)")
	flag.Parse()
	if err := run(*base, *clients, *duration, strings.Split(*paths, ","), *maxP99); err != nil {
		fmt.Fprintln(os.Stderr, "storyline-load:", err)
		os.Exit(1)
	}
}

// sample is one request's outcome.
type sample struct {
	path    int
	latency time.Duration
	failed  bool
}

func run(base string, clients int, duration time.Duration, paths []string, maxP99 time.Duration) error {
	base = strings.TrimRight(base, "/")
	transport := &http.Transport{MaxIdleConns: clients, MaxIdleConnsPerHost: clients, MaxConnsPerHost: clients, DisableCompression: true}
	client := &http.Client{Transport: transport, Timeout: 10 * time.Second}
	if err := resolveTop(client, base, paths); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), duration)
	defer cancel()
	results := make([][]sample, clients)
	errs := make([]string, clients)
	var wg sync.WaitGroup
	start := time.Now()
	for c := range clients {
		wg.Go(func() {
			var own []sample
			for i := c; ctx.Err() == nil; i++ {
				p := i % len(paths)
				t0 := time.Now()
				err := get(client, base+paths[p])
				if ctx.Err() != nil && err != nil {
					break // cut off by the end of the test, not a failure
				}
				own = append(own, sample{path: p, latency: time.Since(t0), failed: err != nil})
				if err != nil && errs[c] == "" {
					errs[c] = err.Error()
				}
			}
			results[c] = own
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	return report(paths, results, errs, clients, elapsed, maxP99)
}

// get requests a URL and reads the whole answer; any status but 200 fails.
func get(client *http.Client, url string) error {
	resp, err := client.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if _, err := io.Copy(io.Discard, resp.Body); err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s: HTTP %d", url, resp.StatusCode)
	}
	return nil
}

// resolveTop replaces {top} in the paths by the top story's id.
func resolveTop(client *http.Client, base string, paths []string) error {
	resp, err := client.Get(base + "/api/stories?limit=1")
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	var stories []struct {
		ID int64 `json:"id"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&stories); err != nil || len(stories) == 0 {
		return fmt.Errorf("no stories at %s (load the demo first): %v", base, err)
	}
	for i := range paths {
		paths[i] = strings.ReplaceAll(strings.TrimSpace(paths[i]), "{top}", fmt.Sprint(stories[0].ID))
	}
	return nil
}

// report prints throughput and latency percentiles, per path and overall.
func report(paths []string, results [][]sample, errs []string, clients int, elapsed time.Duration, maxP99 time.Duration) error {
	per := make([][]time.Duration, len(paths)+1)
	failed := 0
	for _, own := range results {
		for _, s := range own {
			per[s.path] = append(per[s.path], s.latency)
			per[len(paths)] = append(per[len(paths)], s.latency)
			if s.failed {
				failed++
			}
		}
	}
	fmt.Printf("%d clients for %s\n", clients, elapsed.Round(time.Millisecond))
	fmt.Printf("%-28s %9s %9s %9s %9s %9s %9s\n", "path", "requests", "req/s", "p50", "p90", "p99", "max")
	var overall time.Duration
	for i, lat := range per {
		name := "all"
		if i < len(paths) {
			name = paths[i]
		}
		slices.Sort(lat)
		q := func(f float64) time.Duration {
			if len(lat) == 0 {
				return 0
			}
			return lat[min(len(lat)-1, int(f*float64(len(lat))))]
		}
		fmt.Printf("%-28s %9d %9.0f %9s %9s %9s %9s\n", name, len(lat), float64(len(lat))/elapsed.Seconds(),
			ms(q(.5)), ms(q(.9)), ms(q(.99)), ms(q(1)))
		if i == len(paths) {
			overall = q(.99)
		}
	}
	fmt.Printf("errors: %d\n", failed)
	for _, e := range errs {
		if e != "" {
			fmt.Println("first error:", e)
			break
		}
	}
	if failed > 0 {
		return fmt.Errorf("%d requests failed", failed)
	}
	if maxP99 > 0 && overall > maxP99 {
		return fmt.Errorf("p99 %s is over %s", ms(overall), ms(maxP99))
	}
	return nil
}

func ms(d time.Duration) string { return fmt.Sprintf("%.2fms", float64(d.Microseconds())/1000) }
