package server

import (
	"math"
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/storyline-news/storyline"
)

// clientOf identifies the client of a request for per-client limits: its
// IP address, an IPv6 address by its /64 network (which one subscriber
// usually holds whole, so that it cannot pose as many clients). When the
// peer is on this machine (a reverse proxy in front of the server), the
// client is the last address of X-Forwarded-For, the one the proxy added;
// a header sent from anywhere else is ignored.
func clientOf(r *http.Request) netip.Prefix {
	addr := peerAddr(r.RemoteAddr)
	if addr.IsLoopback() {
		if xff := r.Header.Values("X-Forwarded-For"); len(xff) > 0 {
			last := xff[len(xff)-1]
			last = strings.TrimSpace(last[strings.LastIndexByte(last, ',')+1:])
			if a, err := netip.ParseAddr(last); err == nil {
				addr = a
			}
		}
	}
	addr = addr.Unmap()
	bits := 32
	if addr.Is6() {
		bits = 64
	}
	p, err := addr.Prefix(bits)
	if err != nil {
		return netip.Prefix{} // an unparsable peer: all such share one limit
	}
	return p
}

// peerAddr is the IP address of a "host:port" remote address.
func peerAddr(remote string) netip.Addr {
	host, _, err := net.SplitHostPort(remote)
	if err != nil {
		host = remote
	}
	a, _ := netip.ParseAddr(host)
	return a
}

// Default limits on event streams.
const (
	// maxStreams bounds the open event streams: each holds a goroutine, a
	// connection and a buffer of events (some 30 KB in all).
	maxStreams = 1000
	// maxClientStreams bounds one client's: a browser opens one per tab.
	maxClientStreams = 32
)

// streamLimit counts open event streams, overall and by client.
type streamLimit struct {
	mu        sync.Mutex
	max       int
	perClient int
	open      int
	byClient  map[netip.Prefix]int
}

func newStreamLimit(max, perClient int) *streamLimit {
	return &streamLimit{max: max, perClient: perClient, byClient: map[netip.Prefix]int{}}
}

// acquire reserves a stream for the client; false when a limit is reached.
// Each successful acquire must be followed by one release.
func (l *streamLimit) acquire(c netip.Prefix) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.open >= l.max || l.byClient[c] >= l.perClient {
		return false
	}
	l.open++
	l.byClient[c]++
	return true
}

// release gives back a stream of the client.
func (l *streamLimit) release(c netip.Prefix) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.open--
	if l.byClient[c]--; l.byClient[c] <= 0 {
		delete(l.byClient, c)
	}
}

// count returns how many streams are open.
func (l *streamLimit) count() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.open
}

// Sign-in attempts a client may make: a burst, then one every so often.
const (
	signInBurst    = 10
	signInInterval = 6 * time.Second
	// maxLimitedClients bounds the clients a rate limiter remembers.
	maxLimitedClients = 10000
)

// rateLimit is a token bucket per client: each client may act burst times
// at once, and gains one more try every interval.
type rateLimit struct {
	mu       sync.Mutex
	burst    float64
	interval time.Duration
	buckets  map[netip.Prefix]*bucket
}

// bucket is one client's tries left as of a time.
type bucket struct {
	tokens float64
	at     time.Time
}

func newRateLimit(burst int, interval time.Duration) *rateLimit {
	return &rateLimit{burst: float64(burst), interval: interval, buckets: map[netip.Prefix]*bucket{}}
}

// allow takes one try of the client's at now; when none is left it
// returns false and how long until the next.
func (l *rateLimit) allow(c netip.Prefix, now time.Time) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.buckets[c]
	if b == nil {
		if len(l.buckets) >= maxLimitedClients {
			l.forgetRested(now)
		}
		b = &bucket{tokens: l.burst, at: now}
		l.buckets[c] = b
	}
	b.tokens = min(l.burst, b.tokens+float64(now.Sub(b.at))/float64(l.interval))
	b.at = now
	if b.tokens < 1 {
		return false, time.Duration((1 - b.tokens) * float64(l.interval))
	}
	b.tokens--
	return true, 0
}

// forgetRested drops the clients whose buckets are full again, which
// behave as new ones would; if that frees nothing, it drops them all
// rather than grow (a flood of addresses could buy its tries anyway).
func (l *rateLimit) forgetRested(now time.Time) {
	for c, b := range l.buckets {
		if b.tokens+float64(now.Sub(b.at))/float64(l.interval) >= l.burst {
			delete(l.buckets, c)
		}
	}
	if len(l.buckets) >= maxLimitedClients {
		clear(l.buckets)
	}
}

// retryAfter sets the Retry-After header to wait, in whole seconds.
func retryAfter(w http.ResponseWriter, wait time.Duration) {
	w.Header().Set("Retry-After", strconv.Itoa(max(1, int(math.Ceil(wait.Seconds())))))
}

// errBusy is the answer to a stream beyond the limits.
var errBusy = storyline.Errorf(storyline.EUNAVAILABLE, "Too many event streams are open; try again later.")
