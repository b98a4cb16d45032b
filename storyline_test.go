package storyline

import "testing"

func TestLinkURL(t *testing.T) {
	for raw, want := range map[string]string{
		"https://news.example/a?b=1#c":             "https://news.example/a?b=1#c",
		"http://news.example":                      "http://news.example",
		"HTTPS://news.example/":                    "HTTPS://news.example/",
		"":                                         "",
		"javascript:alert(1)":                      "",
		"JavaScript:alert(1)":                      "",
		" javascript:alert(1)":                     "",
		"java\tscript:alert(1)":                    "",
		"data:text/html,<script>alert(1)</script>": "",
		"vbscript:msgbox":                          "",
		"file:///etc/passwd":                       "",
		"ftp://news.example/a":                     "",
		"/news/1":                                  "",
		"//news.example/1":                         "",
		"https:news.example":                       "",
		"https://":                                 "",
		"https://bank.example@evil.example/":       "",
		"https://news.example/\x00":                "",
	} {
		if got := LinkURL(raw); got != want {
			t.Errorf("LinkURL(%q) = %q, want %q", raw, got, want)
		}
	}
}
