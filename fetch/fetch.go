// Package fetch downloads news pages and feeds politely and safely: it obeys
// robots.txt, spaces requests to the same host, makes conditional requests,
// caps sizes and times, retries with backoff, and refuses loopback, private
// and link-local addresses unless told otherwise (no SSRF).
package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"syscall"
	"time"

	"github.com/storyline-news/storyline"
)

// UserAgent is sent with every request.
const UserAgent = "storyline/1.0 (+https://github.com/storyline-news/storyline)"

// Options configure a Client. The zero value gives safe defaults.
type Options struct {
	// AllowPrivate permits loopback, private and link-local addresses.
	AllowPrivate bool
	// Timeout bounds one request, including reading the body (default 20 s).
	Timeout time.Duration
	// MaxBytes caps a response body (default 10 MiB).
	MaxBytes int64
	// Retries is how many times a failed request is tried again (default 2).
	Retries int
	// HostInterval is the minimum time between requests to one host
	// (default 1 s).
	HostInterval time.Duration
	// IgnoreRobots skips robots.txt (for URLs a user gave by hand).
	IgnoreRobots bool
}

// Client fetches URLs. It is safe for concurrent use.
type Client struct {
	opts   Options
	http   *http.Client
	robots *robotsCache
	hosts  sync.Map // host → *hostGate
}

// Request is one fetch, optionally conditional.
type Request struct {
	URL          string
	ETag         string
	LastModified string
}

// Response is what a fetch returned.
type Response struct {
	URL          string // final URL after redirects
	Status       int
	NotModified  bool
	Body         []byte
	ContentType  string
	ETag         string
	LastModified string
}

// New returns a Client with the options.
func New(opts Options) *Client {
	if opts.Timeout == 0 {
		opts.Timeout = 20 * time.Second
	}
	if opts.MaxBytes == 0 {
		opts.MaxBytes = 10 << 20
	}
	if opts.Retries == 0 {
		opts.Retries = 2
	}
	if opts.HostInterval == 0 {
		opts.HostInterval = time.Second
	}
	dialer := &net.Dialer{Timeout: 10 * time.Second, Control: guard(opts.AllowPrivate)}
	transport := &http.Transport{
		Proxy:                 nil,
		DialContext:           dialer.DialContext,
		TLSHandshakeTimeout:   10 * time.Second,
		ResponseHeaderTimeout: opts.Timeout,
		MaxIdleConnsPerHost:   2,
		IdleConnTimeout:       60 * time.Second,
	}
	c := &Client{opts: opts}
	c.http = &http.Client{
		Transport: transport,
		Timeout:   opts.Timeout,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) >= 5 {
				return errors.New("too many redirects")
			}
			return checkURL(req.URL)
		},
	}
	c.robots = newRobotsCache(c)
	return c
}

// Get fetches one URL, waiting for its host's turn, retrying transient
// failures with exponential backoff.
func (c *Client) Get(ctx context.Context, req Request) (*Response, error) {
	u, err := url.Parse(req.URL)
	if err != nil {
		return nil, storyline.Errorf(storyline.EINVALID, "invalid URL %q", req.URL)
	}
	if err := checkURL(u); err != nil {
		return nil, err
	}
	if !c.opts.IgnoreRobots && !c.robots.allowed(ctx, u) {
		return nil, storyline.Errorf(storyline.EINVALID, "%s: disallowed by robots.txt", req.URL)
	}
	backoff := 500 * time.Millisecond
	for attempt := 0; ; attempt++ {
		if err := c.wait(ctx, u.Host); err != nil {
			return nil, err
		}
		resp, err := c.once(ctx, req)
		if err == nil || attempt >= c.opts.Retries || !transient(err) {
			return resp, err
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(backoff):
		}
		backoff *= 2
	}
}

// statusError is an HTTP error status.
type statusError struct{ code int }

func (e statusError) Error() string {
	return "HTTP " + strconv.Itoa(e.code) + " " + http.StatusText(e.code)
}

func transient(err error) bool {
	var se statusError
	if errors.As(err, &se) {
		return se.code == http.StatusTooManyRequests || se.code >= 500
	}
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

func (c *Client) once(ctx context.Context, req Request) (*Response, error) {
	hreq, err := http.NewRequestWithContext(ctx, http.MethodGet, req.URL, nil)
	if err != nil {
		return nil, err
	}
	hreq.Header.Set("User-Agent", UserAgent)
	hreq.Header.Set("Accept", "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/feed+json,application/json;q=0.9,*/*;q=0.5")
	if req.ETag != "" {
		hreq.Header.Set("If-None-Match", req.ETag)
	}
	if req.LastModified != "" {
		hreq.Header.Set("If-Modified-Since", req.LastModified)
	}
	resp, err := c.http.Do(hreq)
	if err != nil {
		// A refusal by the address guard is the whole story: say it plainly.
		var np *NotPublicError
		if errors.As(err, &np) {
			return nil, np
		}
		var se *storyline.Error
		if errors.As(err, &se) {
			return nil, se
		}
		return nil, unreachable(hreq.URL.Host, c.opts.Timeout, err)
	}
	defer resp.Body.Close()
	out := &Response{
		URL:          resp.Request.URL.String(),
		Status:       resp.StatusCode,
		ContentType:  resp.Header.Get("Content-Type"),
		ETag:         resp.Header.Get("ETag"),
		LastModified: resp.Header.Get("Last-Modified"),
	}
	if resp.StatusCode == http.StatusNotModified {
		out.NotModified = true
		return out, nil
	}
	if resp.StatusCode >= 400 {
		return out, statusError{resp.StatusCode}
	}
	if resp.ContentLength > c.opts.MaxBytes {
		return out, storyline.Errorf(storyline.ETOOLARGE, "response of %d bytes is over the %d-byte limit", resp.ContentLength, c.opts.MaxBytes)
	}
	out.Body, err = io.ReadAll(io.LimitReader(resp.Body, c.opts.MaxBytes+1))
	if err != nil {
		return out, fmt.Errorf("read body: %w", err)
	}
	if int64(len(out.Body)) > c.opts.MaxBytes {
		return out, storyline.Errorf(storyline.ETOOLARGE, "response is over the %d-byte limit", c.opts.MaxBytes)
	}
	return out, nil
}

// hostGate spaces requests to one host.
type hostGate struct {
	mu   sync.Mutex
	next time.Time
}

func (c *Client) wait(ctx context.Context, host string) error {
	g, _ := c.hosts.LoadOrStore(host, &hostGate{})
	gate := g.(*hostGate)
	gate.mu.Lock()
	now := time.Now()
	at := gate.next
	if at.Before(now) {
		at = now
	}
	gate.next = at.Add(c.opts.HostInterval)
	gate.mu.Unlock()
	if d := time.Until(at); d > 0 {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(d):
		}
	}
	return nil
}

// checkURL accepts only http and https URLs with a host.
func checkURL(u *url.URL) error {
	if u.Scheme != "http" && u.Scheme != "https" {
		return storyline.Errorf(storyline.EINVALID, "unsupported URL scheme %q", u.Scheme)
	}
	if u.Hostname() == "" {
		return storyline.Errorf(storyline.EINVALID, "URL %q has no host", u.String())
	}
	return nil
}

// guard refuses connections to non-public addresses. It runs after name
// resolution, on the address actually dialled, so DNS tricks cannot bypass it.
func guard(allowPrivate bool) func(network, address string, c syscall.RawConn) error {
	return func(network, address string, _ syscall.RawConn) error {
		if allowPrivate {
			return nil
		}
		host, _, err := net.SplitHostPort(address)
		if err != nil {
			return err
		}
		ip := net.ParseIP(host)
		if ip == nil || !Public(ip) {
			return &NotPublicError{Host: host}
		}
		return nil
	}
}

// NotPublicError is the refusal to connect to a loopback, private or
// link-local address (Options.AllowPrivate lifts it). It reads as a
// *storyline.Error of code EINVALID.
type NotPublicError struct {
	Host string // the address refused
}

// Error says which address was refused.
func (e *NotPublicError) Error() string {
	return "refusing to connect to non-public address " + e.Host
}

// As lets errors.As find the refusal as a *storyline.Error.
func (e *NotPublicError) As(target any) bool {
	if t, ok := target.(**storyline.Error); ok {
		*t = storyline.Errorf(storyline.EINVALID, "%s", e.Error())
		return true
	}
	return false
}

// unreachableError is a failure to reach a host, in one line that names the
// host and the reason instead of Go's "Get URL: dial tcp ...: connect: ...".
// It wraps the failure, so that timeouts still read as such.
type unreachableError struct {
	host, reason string
	err          error
}

func (e *unreachableError) Error() string { return "cannot reach " + e.host + ": " + e.reason }
func (e *unreachableError) Unwrap() error { return e.err }

// unreachable turns a failure to connect to host into an unreachableError;
// other errors (TLS, protocol) are returned as they are.
func unreachable(host string, timeout time.Duration, err error) error {
	var dns *net.DNSError
	var op *net.OpError
	var ne net.Error
	reason := ""
	switch {
	case errors.Is(err, context.Canceled):
		return err
	case errors.As(err, &dns) && dns.IsNotFound:
		reason = "no such host"
	case errors.As(err, &dns):
		reason = "name lookup failed (" + dns.Err + ")"
	case errors.Is(err, syscall.ECONNREFUSED):
		reason = "connection refused"
	case errors.Is(err, syscall.EHOSTUNREACH), errors.Is(err, syscall.ENETUNREACH):
		reason = "no route to the host (offline?)"
	case errors.Is(err, syscall.ECONNRESET):
		reason = "connection reset by the server"
	case errors.As(err, &ne) && ne.Timeout():
		reason = "no answer within " + timeout.String()
	case errors.As(err, &op) && op.Op == "dial":
		reason = op.Err.Error()
	default:
		return err
	}
	return &unreachableError{host: host, reason: reason, err: err}
}

// Public reports whether ip is a globally routable address: not loopback,
// private, link-local, multicast, unspecified or carrier-grade NAT.
func Public(ip net.IP) bool {
	if ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() ||
		ip.IsInterfaceLocalMulticast() || ip.IsMulticast() || ip.IsUnspecified() {
		return false
	}
	if v4 := ip.To4(); v4 != nil {
		return !(v4[0] == 100 && v4[1]&0xc0 == 64) && v4[0] != 0 && !(v4[0] == 192 && v4[1] == 0 && v4[2] == 0)
	}
	return true
}
