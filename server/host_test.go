package server

import (
	"context"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
)

// runFixture serves f's server with Run on a loopback listener and returns
// its address; the server stops when the test ends.
func runFixture(t *testing.T, f *fixture) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- f.srv.Run(ctx, ln) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Error(err)
		}
	})
	return "http://" + ln.Addr().String()
}

// getWithHost fetches url with the Host header set to host.
func getWithHost(t *testing.T, url, host string) string {
	t.Helper()
	req, err := http.NewRequest("GET", url, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Host = host
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("GET %s (Host %s): %d %v", url, host, resp.StatusCode, err)
	}
	return string(body)
}

// A request's Host header never chooses the links of a feed, which is
// cached and served to every reader: they come from the base URL or,
// without one, from the listening address.
func TestFeedLinksIgnoreHostHeader(t *testing.T) {
	for _, tc := range []struct{ name, base, want string }{
		{"listening address", "", ""},
		{"base URL", "https://news.example/", "https://news.example/stories/"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t, true, func(o *Options) { o.BaseURL = tc.base; o.Fetch = nil })
			addr := runFixture(t, f)
			want := tc.want
			if want == "" {
				want = addr + "/stories/"
			}
			for _, p := range []string{"/feeds/stories.atom", "/feeds/stories.json?q=minister", "/stories/1/feed.atom"} {
				poisoned := getWithHost(t, addr+p, "evil.example")
				clean := getWithHost(t, addr+p, strings.TrimPrefix(addr, "http://"))
				for _, body := range []string{poisoned, clean} {
					if strings.Contains(body, "evil.example") || !strings.Contains(body, want) {
						t.Fatalf("GET %s: links are not to %s:\n%.600s", p, want, body)
					}
				}
			}
		})
	}
}

func TestBaseURLMustBeAbsolute(t *testing.T) {
	db := newFixture(t, false, nil).db
	for _, v := range []string{"news.example", "//news.example", "ftp://news.example", "https://", "https://news.example/?a=1",
		"https://user@news.example", "javascript:alert(1)"} {
		if _, err := New(Options{DB: db, BaseURL: v}); err == nil {
			t.Errorf("base URL %q accepted", v)
		}
	}
	for v, want := range map[string]string{"https://news.example/": "https://news.example", "http://127.0.0.1:8080/storyline": "http://127.0.0.1:8080/storyline"} {
		if got, err := parseBaseURL(v); err != nil || got != want {
			t.Errorf("parseBaseURL(%q) = %q, %v; want %q", v, got, err, want)
		}
	}
}

func TestListenBase(t *testing.T) {
	for addr, want := range map[string]string{"127.0.0.1:8080": "http://127.0.0.1:8080", "0.0.0.0:80": "http://localhost:80",
		"[::]:8080": "http://localhost:8080", "[::1]:9000": "http://[::1]:9000"} {
		a, err := net.ResolveTCPAddr("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		if got := listenBase(a); got != want {
			t.Errorf("listenBase(%s) = %s, want %s", addr, got, want)
		}
	}
}
