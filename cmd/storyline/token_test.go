package main

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// serve --token-file takes its write token from the file: the token works
// and nothing on the command line shows it.
func TestServeTakesTokenFromFile(t *testing.T) {
	t.Setenv("STORYLINE_TOKEN", "")
	dir := t.TempDir()
	tokenFile := filepath.Join(dir, "token")
	if err := os.WriteFile(tokenFile, []byte("  s3cret-from-file \n"), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out, errOut lockedBuffer
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--db", filepath.Join(dir, "s.db"), "--addr", "127.0.0.1:0", "--no-poll",
			"--token-file", tokenFile, "--log-level", "warn"}, strings.NewReader(""), &out, &errOut)
	}()
	addr := regexp.MustCompile(`serving (http://127\.0\.0\.1:\d+/)`)
	var url string
	for deadline := time.Now().Add(30 * time.Second); url == ""; time.Sleep(50 * time.Millisecond) {
		if m := addr.FindStringSubmatch(errOut.String()); m != nil {
			url = m[1]
		} else if time.Now().After(deadline) {
			t.Fatalf("serve did not print its address:\n%s", errOut.String())
		}
	}
	for token, want := range map[string]int{"s3cret-from-file": 200, "wrong": 401} {
		// Reads are open: a write shows whether the token is the one
		// (an empty feed is refused as invalid, not unauthorized).
		req, _ := http.NewRequest("POST", url+"api/feeds", nil)
		req.Header.Set("Authorization", "Bearer "+token)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if got := resp.StatusCode == 401; got != (want == 401) {
			t.Errorf("token %q: %d", token, resp.StatusCode)
		}
	}
	if strings.Contains(errOut.String(), "read-only") || strings.Contains(errOut.String(), "shows in ps") {
		t.Errorf("serve with a token file:\n%s", errOut.String())
	}
	cancel()
	if code := <-done; code != 0 {
		t.Errorf("serve exit %d:\n%s", code, errOut.String())
	}
}

func TestTokenFlags(t *testing.T) {
	t.Setenv("STORYLINE_TOKEN", "")
	t.Setenv("STORYLINE_READ_TOKEN", "")
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("good", "tok\nsecond line ignored\n")
	for _, tc := range []struct {
		args []string
		want string // the error's text, "" for none
	}{
		{[]string{"--token-file", good}, ""},
		{[]string{"--read-token-file", good}, ""},
		{[]string{"--token-file", write("empty", "\n  \n")}, "holds no token"},
		{[]string{"--token-file", write("big", strings.Repeat("x", maxTokenFile+1))}, "not a token"},
		{[]string{"--token-file", filepath.Join(dir, "missing")}, "no such file"},
		{[]string{"--token", "a", "--token-file", good}, "not both"},
	} {
		var errOut strings.Builder
		e := &env{stderr: &errOut}
		c, fs := serveFlags(e, "serve", "", "127.0.0.1:0")
		_, err := parse(fs, tc.args)
		if err == nil {
			err = checkTokenFlags(e, fs)
		}
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%v: %v", tc.args, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("%v: error %v, want %q", tc.args, err, tc.want)
		case tc.want == "" && c.token != "tok" && c.readToken != "tok":
			t.Errorf("%v: tokens %q, %q", tc.args, c.token, c.readToken)
		}
	}
}
