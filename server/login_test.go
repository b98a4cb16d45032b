package server

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestSafeNext(t *testing.T) {
	for next, want := range map[string]string{
		"/stories/3":              "/stories/3",
		"/search?q=a%20b#hit":     "/search?q=a%20b#hit",
		"/feeds?notice=Added%21":  "/feeds?notice=Added%21",
		"":                        "/",
		"stories/3":               "/",
		"//evil.example":          "/",
		"/\t/evil.example":        "/",
		"/\n/evil.example":        "/",
		"/\r\n/evil.example":      "/",
		"\t//evil.example":        "/",
		" //evil.example":         "/",
		"/\\evil.example":         "/",
		"\\\\evil.example":        "/",
		"/x/\\..\\\\evil.example": "/",
		"/%2F/evil.example":       "/",
		"/\x00/evil.example":      "/",
		"/\x7f/evil.example":      "/",
		"/\u0085/evil.example":    "/",
		"/\u202e/evil.example":    "/",
		"https://evil.example/":   "/",
		"javascript:alert(1)":     "/",
		"/:foo":                   "/:foo",
	} {
		if got := safeNext(next); got != want {
			t.Errorf("safeNext(%q) = %q, want %q", next, got, want)
		}
	}
}

// A sign-in never sends the browser to another site, whatever next says.
func TestLoginRedirectStaysOnSite(t *testing.T) {
	f := newFixture(t, false, nil)
	client := f.http.Client()
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	for _, next := range []string{"/\t/evil.example", "/\n/evil.example", "/\\evil.example", "//evil.example", "/stories/1"} {
		form := url.Values{"token": {testToken}, "next": {next}}
		req, _ := http.NewRequest("POST", f.http.URL+"/login", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Origin", f.http.URL)
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		want := "/"
		if next == "/stories/1" {
			want = next
		}
		if loc := resp.Header.Get("Location"); resp.StatusCode != http.StatusSeeOther || loc != want {
			t.Errorf("next %q: %d to %q, want %q", next, resp.StatusCode, loc, want)
		}
		page := f.get(t, "/login?next="+url.QueryEscape(next), 200)
		if strings.Contains(page, "evil.example") {
			t.Errorf("sign-in page keeps next %q", next)
		}
	}
}
