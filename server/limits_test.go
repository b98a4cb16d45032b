package server

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"testing"
	"time"
)

func TestClientOf(t *testing.T) {
	for _, tc := range []struct{ remote, xff, want string }{
		{"203.0.113.7:5000", "", "203.0.113.7/32"},
		{"203.0.113.7:5000", "198.51.100.1", "203.0.113.7/32"}, // not from a local proxy: ignored
		{"127.0.0.1:5000", "198.51.100.1", "198.51.100.1/32"},
		{"127.0.0.1:5000", "10.0.0.1, 198.51.100.2", "198.51.100.2/32"},
		{"127.0.0.1:5000", "nonsense", "127.0.0.1/32"},
		{"[2001:db8:1:2:3:4:5:6]:443", "", "2001:db8:1:2::/64"},
		{"[::ffff:203.0.113.7]:80", "", "203.0.113.7/32"},
	} {
		r, _ := http.NewRequest("GET", "/", nil)
		r.RemoteAddr = tc.remote
		if tc.xff != "" {
			r.Header.Set("X-Forwarded-For", tc.xff)
		}
		if got := clientOf(r); got != netip.MustParsePrefix(tc.want) {
			t.Errorf("clientOf(%s, XFF %q) = %s, want %s", tc.remote, tc.xff, got, tc.want)
		}
	}
}

// openStream opens an event stream as the client and waits for its
// greeting; it returns the status and, when 200, a function that closes
// it. A refusal must say when to retry.
func openStream(t *testing.T, f *fixture, client string) (int, func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, "GET", f.http.URL+"/events", nil)
	req.Header.Set("X-Forwarded-For", client)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 200 {
		resp.Body.Close()
		cancel()
		if resp.Header.Get("Retry-After") == "" {
			t.Errorf("%d without Retry-After", resp.StatusCode)
		}
		return resp.StatusCode, nil
	}
	line, err := bufio.NewReader(resp.Body).ReadString('\n')
	if err != nil || !strings.HasPrefix(line, "retry:") {
		t.Fatalf("stream greeting %q, %v", line, err)
	}
	return 200, func() { cancel(); resp.Body.Close() }
}

// Event streams are bounded overall and by client; beyond, 503 with
// Retry-After; a closed stream frees its place.
func TestEventStreamsAreBounded(t *testing.T) {
	f := newFixture(t, false, nil)
	f.srv.streams = newStreamLimit(3, 2)
	var closers []func()
	for _, client := range []string{"198.51.100.1", "198.51.100.1", "198.51.100.2"} {
		code, closeIt := openStream(t, f, client)
		if code != 200 {
			t.Fatalf("stream of %s: %d", client, code)
		}
		closers = append(closers, closeIt)
	}
	defer func() {
		for _, c := range closers {
			c()
		}
	}()
	if code, _ := openStream(t, f, "198.51.100.3"); code != http.StatusServiceUnavailable {
		t.Errorf("stream beyond the overall limit: %d", code)
	}
	closers[2]()
	closers = closers[:2]
	waitFor(t, func() bool { return f.srv.streams.count() == 2 })
	if code, _ := openStream(t, f, "198.51.100.1"); code != http.StatusServiceUnavailable {
		t.Errorf("third stream of one client: %d", code)
	}
	code, closeIt := openStream(t, f, "198.51.100.4")
	if code != 200 {
		t.Fatalf("a new client after a stream closed: %d", code)
	}
	closeIt()
}

// waitFor polls cond for up to two seconds.
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	for range 200 {
		if cond() {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatal("condition not met in 2 s")
}

// postLogin signs in as the client with the token and returns the status
// and Retry-After.
func postLogin(t *testing.T, f *fixture, client, token string) (int, string) {
	t.Helper()
	form := url.Values{"token": {token}}
	req, _ := http.NewRequest("POST", f.http.URL+"/login", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", f.http.URL)
	req.Header.Set("X-Forwarded-For", client)
	client0 := f.http.Client()
	client0.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err := client0.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode, resp.Header.Get("Retry-After")
}

// Sign-in attempts are rate-limited by client: past the burst, 429 with
// Retry-After, even with the right token; other clients are not affected.
func TestSignInIsRateLimited(t *testing.T) {
	f := newFixture(t, false, nil)
	for i := range signInBurst {
		if code, _ := postLogin(t, f, "198.51.100.1", "wrong"); code != http.StatusUnauthorized {
			t.Fatalf("attempt %d: %d", i+1, code)
		}
	}
	code, wait := postLogin(t, f, "198.51.100.1", testToken)
	if code != http.StatusTooManyRequests || wait == "" {
		t.Fatalf("attempt past the burst: %d, Retry-After %q", code, wait)
	}
	if code, _ := postLogin(t, f, "198.51.100.2", testToken); code != http.StatusSeeOther {
		t.Errorf("another client: %d", code)
	}
}

func TestRateLimitRefills(t *testing.T) {
	l := newRateLimit(2, time.Second)
	c := netip.MustParsePrefix("198.51.100.1/32")
	now := time.Unix(1000, 0)
	for i := range 2 {
		if ok, _ := l.allow(c, now); !ok {
			t.Fatalf("try %d refused", i+1)
		}
	}
	if ok, wait := l.allow(c, now); ok || wait != time.Second {
		t.Fatalf("third try: %v, wait %s", ok, wait)
	}
	if ok, _ := l.allow(c, now.Add(time.Second)); !ok {
		t.Error("refused after a refill")
	}
}

// The sign-in form must arrive whole, small and quickly: a client that
// trickles it is answered and cut off at the deadline, not after minutes.
func TestSignInFormIsBounded(t *testing.T) {
	f := newFixture(t, false, nil)
	f.srv.loginTimeout = 300 * time.Millisecond
	host := strings.TrimPrefix(f.http.URL, "http://")
	conn, err := net.Dial("tcp", host)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "POST /login HTTP/1.1\r\nHost: %s\r\nOrigin: %s\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\ntoken=", host, f.http.URL)
	start := time.Now()
	answered := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(conn).ReadString('\n')
		answered <- line
	}()
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case line := <-answered:
			if !strings.Contains(line, " 400 ") || time.Since(start) > 2*time.Second {
				t.Fatalf("trickled form answered %q after %s", line, time.Since(start))
			}
			return
		case <-tick.C:
			if time.Since(start) > 5*time.Second {
				t.Fatal("trickled form still read after 5 s")
			}
			conn.Write([]byte("x"))
		}
	}
}

func TestSignInFormSizeIsCapped(t *testing.T) {
	f := newFixture(t, false, nil)
	form := "token=" + strings.Repeat("x", loginBody)
	req, _ := http.NewRequest("POST", f.http.URL+"/login", strings.NewReader(form))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", f.http.URL)
	resp, err := f.http.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("oversized sign-in form: %d", resp.StatusCode)
	}
}
