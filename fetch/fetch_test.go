package fetch

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/storyline-news/storyline"
)

func fastClient(allowPrivate bool) *Client {
	return New(Options{AllowPrivate: allowPrivate, HostInterval: time.Millisecond, Timeout: 2 * time.Second, MaxBytes: 1 << 10})
}

func TestRefusesPrivateAddresses(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("secret")) }))
	defer srv.Close()
	_, err := fastClient(false).Get(context.Background(), Request{URL: srv.URL + "/page"})
	if err == nil || !strings.Contains(err.Error(), "non-public address") {
		t.Fatalf("fetching loopback without permission: err = %v, want refusal", err)
	}
	for _, u := range []string{"file:///etc/passwd", "gopher://x", "http://"} {
		if _, err := fastClient(true).Get(context.Background(), Request{URL: u}); err == nil {
			t.Errorf("Get(%q) succeeded, want an error", u)
		}
	}
}

func TestPublic(t *testing.T) {
	for ip, want := range map[string]bool{
		"8.8.8.8": true, "127.0.0.1": false, "10.1.2.3": false, "192.168.0.1": false, "169.254.169.254": false,
		"100.64.0.1": false, "0.0.0.0": false, "::1": false, "fe80::1": false, "fd00::1": false, "2001:4860::1": true,
	} {
		if got := Public(net.ParseIP(ip)); got != want {
			t.Errorf("Public(%s) = %v, want %v", ip, got, want)
		}
	}
}

func TestConditionalGetAndRetry(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			w.Write([]byte("User-agent: *\nDisallow: /private\n"))
			return
		}
		if hits.Add(1) == 1 {
			http.Error(w, "busy", http.StatusServiceUnavailable)
			return
		}
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"v1"`)
		w.Write([]byte("<p>hello</p>"))
	}))
	defer srv.Close()
	c := fastClient(true)
	ctx := context.Background()
	resp, err := c.Get(ctx, Request{URL: srv.URL + "/news"})
	if err != nil {
		t.Fatalf("Get after one 503: %v", err)
	}
	if string(resp.Body) != "<p>hello</p>" || resp.ETag != `"v1"` {
		t.Fatalf("Get = %q etag %q", resp.Body, resp.ETag)
	}
	resp, err = c.Get(ctx, Request{URL: srv.URL + "/news", ETag: resp.ETag})
	if err != nil || !resp.NotModified {
		t.Fatalf("conditional Get: resp %+v, err %v; want 304", resp, err)
	}
	if _, err := c.Get(ctx, Request{URL: srv.URL + "/private/x"}); err == nil || !strings.Contains(err.Error(), "robots.txt") {
		t.Fatalf("Get of a disallowed path: err = %v", err)
	}
}

func TestSizeCapAndTimeout(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/slow" {
			time.Sleep(time.Second)
		}
		w.Write([]byte(strings.Repeat("x", 4<<10)))
	}))
	defer srv.Close()
	c := New(Options{AllowPrivate: true, HostInterval: time.Millisecond, Timeout: 300 * time.Millisecond, MaxBytes: 1 << 10, Retries: 1, IgnoreRobots: true})
	if _, err := c.Get(context.Background(), Request{URL: srv.URL + "/big"}); err == nil || !strings.Contains(err.Error(), "limit") {
		t.Errorf("oversized body: err = %v", err)
	}
	start := time.Now()
	if _, err := c.Get(context.Background(), Request{URL: srv.URL + "/slow"}); err == nil {
		t.Errorf("slow server: no error")
	}
	if d := time.Since(start); d > 1500*time.Millisecond { // two 300 ms tries and a 500 ms backoff
		t.Errorf("timeout took %v", d)
	}
}

func TestParseRobots(t *testing.T) {
	r := ParseRobots([]byte("User-agent: other\nDisallow: /\n\nUser-agent: *\nDisallow: /a\nAllow: /a/ok\n"), "storyline")
	for path, want := range map[string]bool{"/": true, "/a/x": false, "/a/ok/1": true, "/b": true} {
		if got := r.Allows(path); got != want {
			t.Errorf("Allows(%q) = %v, want %v", path, got, want)
		}
	}
}

// TestRobotsWildcards checks the RFC 9309 patterns a prefix matcher
// ignored, through a client fetching from a loopback server.
func TestRobotsWildcards(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			w.Write([]byte("User-agent: *\nDisallow: /*?session=\nDisallow: /*.pdf$\nDisallow: /drafts/\nAllow: /drafts/public*.html$\n"))
			return
		}
		hits.Add(1)
		w.Write([]byte("ok"))
	}))
	defer srv.Close()
	c := New(Options{AllowPrivate: true, HostInterval: time.Millisecond, Retries: -1})
	for path, want := range map[string]bool{
		"/news?session=abc":            false,
		"/news/today?page=2&session":   true,
		"/news/today?session=1&page=2": false,
		"/files/report.pdf":            false,
		"/files/report.pdf?download=1": true,
		"/files/report.pdfx":           true,
		"/drafts/secret.html":          false,
		"/drafts/public-notes.html":    true,
		"/":                            true,
	} {
		_, err := c.Get(context.Background(), Request{URL: srv.URL + path})
		if got := err == nil; got != want {
			t.Errorf("GET %s: allowed %v (err %v), want %v", path, got, err, want)
		}
	}
	if hits.Load() != 5 {
		t.Errorf("%d requests reached the server, want the 5 allowed", hits.Load())
	}
}

// TestUnreachableSaysWhy checks that a host that does not answer gives
// one line naming the host and the reason, not Go's dial error.
func TestUnreachableSaysWhy(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	_, err = fastClient(true).Get(context.Background(), Request{URL: "http://" + addr + "/"})
	if err == nil || err.Error() != "cannot reach "+addr+": connection refused" {
		t.Errorf("closed port: err = %v", err)
	}
	var np *NotPublicError
	_, err = fastClient(false).Get(context.Background(), Request{URL: "http://" + addr + "/"})
	if !errors.As(err, &np) || np.Host != "127.0.0.1" || storyline.ErrorCode(err) != storyline.EINVALID {
		t.Errorf("private address: err = %v (%T)", err, err)
	}
}
