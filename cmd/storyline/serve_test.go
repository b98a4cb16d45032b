package main

import (
	"bytes"
	"context"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestDemoNoServeListsStories(t *testing.T) {
	db := filepath.Join(t.TempDir(), "demo.db")
	code, out, errOut := cli(t, db, "", "demo", "--no-serve")
	if code != 0 {
		t.Fatalf("demo --no-serve: exit %d\n%s", code, errOut)
	}
	if lines := strings.Count(out, "\n"); lines < 5 || !strings.Contains(errOut, "loaded") {
		t.Fatalf("demo --no-serve listed %d stories:\n%s\n%s", lines, out, errOut)
	}
}

// lockedBuffer is a bytes.Buffer safe to write from the server while the
// test reads it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func TestDemoServesAndStops(t *testing.T) {
	db := filepath.Join(t.TempDir(), "demo.db")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out, errOut lockedBuffer
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"demo", "--db", db, "--addr", "127.0.0.1:0", "--no-poll", "--log-level", "warn"},
			strings.NewReader(""), &out, &errOut)
	}()
	addr := regexp.MustCompile(`open (http://127\.0\.0\.1:\d+/)`)
	var url string
	for deadline := time.Now().Add(60 * time.Second); url == ""; time.Sleep(50 * time.Millisecond) {
		if m := addr.FindStringSubmatch(out.String()); m != nil {
			url = m[1]
		} else if time.Now().After(deadline) {
			t.Fatalf("demo did not print its address:\n%s\n%s", out.String(), errOut.String())
		}
	}
	if !strings.Contains(out.String(), "write token ") {
		t.Errorf("demo did not print its write token:\n%s", out.String())
	}
	for _, path := range []string{"", "healthz", "api/stories"} {
		resp, err := http.Get(url + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Errorf("GET /%s: %d", path, resp.StatusCode)
		}
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Fatalf("demo exit %d after interrupt\n%s", code, errOut.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatal("demo did not stop after interrupt")
	}
}

func TestServeRefusesBadFlags(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	if code, _, _ := cli(t, db, "", "serve", "--log-format", "xml", "--addr", "127.0.0.1:0"); code != exitUsage {
		t.Errorf("--log-format xml: exit %d, want %d", code, exitUsage)
	}
	if code, _, _ := cli(t, db, "", "serve", "extra"); code != exitUsage {
		t.Errorf("serve extra: exit %d, want %d", code, exitUsage)
	}
}
