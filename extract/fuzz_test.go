package extract

import (
	"bytes"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/storyline-news/storyline"
)

// The fuzz targets of this file are run for a minute each by
// scripts/fuzz.sh; see docs/FUZZING.md.

// checkCleaned fails t unless body and parts are what Clean promises: body
// paragraphs trimmed, non-empty and one line each, separated by one blank
// line; parts non-empty, in order, each placed before a body paragraph or
// at the end; and every text valid UTF-8.
func checkCleaned(t *testing.T, body string, parts []storyline.Part) {
	t.Helper()
	if !utf8.ValidString(body) {
		t.Fatalf("body is not valid UTF-8: %q", body)
	}
	paras := 0
	if body != "" {
		for _, p := range strings.Split(body, "\n\n") {
			if p == "" || p != strings.TrimSpace(p) || strings.ContainsAny(p, "\n\r") {
				t.Fatalf("body paragraph %q is blank, untrimmed or more than a line in %q", p, body)
			}
			paras++
		}
	}
	last := 0
	for i, p := range parts {
		if strings.TrimSpace(p.Text) == "" || p.Kind == "" {
			t.Fatalf("part %d is empty or without a kind: %+v", i, p)
		}
		if p.Index < last || p.Index > paras {
			t.Fatalf("part %d at paragraph %d, after %d, in a body of %d paragraphs", i, p.Index, last, paras)
		}
		last = p.Index
		for _, s := range []string{p.Text, p.Author, p.Posted} {
			if !utf8.ValidString(s) {
				t.Fatalf("part %d is not valid UTF-8: %+v", i, p)
			}
		}
	}
}

// words counts the white-space separated words of texts.
func words(texts ...string) map[string]int {
	n := map[string]int{}
	for _, s := range texts {
		for _, w := range strings.Fields(s) {
			n[w]++
		}
	}
	return n
}

// checkKept fails t unless the words of the body and parts are those of
// the input, each as many times: Clean sorts text, it neither loses nor
// invents any.
func checkKept(t *testing.T, in, body string, parts []storyline.Part) {
	t.Helper()
	out := []string{body}
	for _, p := range parts {
		out = append(out, p.Text)
	}
	if got, want := words(out...), words(in); !reflect.DeepEqual(got, want) {
		t.Fatalf("the words of body and parts differ from the input's:\n in   %q\n body %q\n parts %+v", in, body, parts)
	}
}

// FuzzClean checks that Clean, on any text, gives well-formed paragraphs
// and parts that together hold every word of the input once, and that
// cleaning a cleaned body again changes nothing.
func FuzzClean(f *testing.F) {
	for _, s := range []string{
		"",
		"The ferry strike entered its second day.\n\nShare this article\n\nUnions met on Tuesday.",
		"Road closed\nThe bridge shut at noon.\n— Lin Oduya (@linoduya) March 3, 2025\npic.twitter.com/abc",
		"Photo: Harbour Authority\r\nA short wrapped line of typewriter text that goes on for a while\r\nand then continues here.\r\n\r\nNext.",
		"🔥🔥🔥\n\xff\nRead more: floods\nRelated\nOne\nTwo",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		body, parts := Clean(text)
		if !utf8.ValidString(text) {
			return // extract refuses invalid UTF-8 before cleaning
		}
		checkCleaned(t, body, parts)
		checkKept(t, text, body, parts)
		if again, more := Clean(body); len(parts) == 0 && (again != body || len(more) > 0) {
			t.Fatalf("Clean is not idempotent on a text without parts: %q gave %q, then %q and %+v", text, body, again, more)
		}
	})
}

// FuzzText checks that a plain text file gives an article or an EINVALID or
// ETOOLARGE error, and that the article is clean: a one-line title, a
// cleaned body, and no text that was not in the file.
func FuzzText(f *testing.F) {
	if data, err := os.ReadFile("testdata/ferry.txt"); err == nil {
		f.Add("ferry.txt", data)
	}
	f.Add("notes/a.txt", []byte("Storm warning\r\n\r\nGales are expected tonight. Mr. Kofi Ansah of the met office said so."))
	f.Add("", []byte("\uFEFF\n\n  \n"))
	f.Add("b.txt", []byte("no capital letters here. and none here either"))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		a, err := Text(name, data)
		if err != nil {
			if c := storyline.ErrorCode(err); c != storyline.EINVALID && c != storyline.ETOOLARGE {
				t.Fatalf("error %v has code %q", err, c)
			}
			return
		}
		checkArticle(t, a)
		in := words(normalizeNewlines(string(data))) // without a leading byte order mark
		for w := range words(a.Body, a.Title) {
			if in[w] == 0 && !strings.HasSuffix(a.Title, "…") {
				t.Fatalf("word %q of the article is not in the file %q", w, data)
			}
		}
	})
}

// checkArticle fails t unless a has a one-line title of at most
// maxTitleRunes (and an ellipsis), a cleaned body and valid UTF-8 fields.
func checkArticle(t *testing.T, a *storyline.Article) {
	t.Helper()
	checkCleaned(t, a.Body, a.Parts)
	for _, s := range []string{a.Title, a.Author, a.Source, a.URL, a.Language, a.ExternalID} {
		if !utf8.ValidString(s) {
			t.Fatalf("field %q is not valid UTF-8 in %+v", s, a)
		}
	}
	if strings.ContainsAny(a.Title, "\n\r") || utf8.RuneCountInString(a.Title) > maxTitleRunes+1 {
		t.Fatalf("title %q is more than a line or longer than %d runes", a.Title, maxTitleRunes)
	}
}

// FuzzHTML checks that any page gives an article or a one-line error, and
// that the article has a non-empty cleaned body, valid UTF-8 everywhere and
// a bare language code.
func FuzzHTML(f *testing.F) {
	for _, name := range []string{"testdata/ferry.html", "testdata/thread.html"} {
		if data, err := os.ReadFile(name); err == nil {
			f.Add(data, "https://news.example/2025/ferry")
		}
	}
	f.Add([]byte(`<html lang="pt_BR"><title>Cheia | Jornal</title><article><h1>Cheia</h1><p>O rio subiu dois metros durante a noite, disse a defesa civil.</p></article>`), "")
	f.Add([]byte("<meta charset=windows-1252><p>Caf\xe9 reopens after the flood, the owner said on Monday.</p>"), "relative/path")
	f.Add([]byte(strings.Repeat("<div>", 600)+"deep"), "https://x.example/")
	f.Fuzz(func(t *testing.T, data []byte, pageURL string) {
		a, err := HTML(data, pageURL)
		if err != nil {
			if msg := err.Error(); strings.Contains(msg, "\n") {
				t.Fatalf("error of more than one line: %q", msg)
			}
			return
		}
		checkArticle(t, a)
		if strings.TrimSpace(a.Body) == "" {
			t.Fatalf("article without a body from %q", data)
		}
		if a.Language != strings.ToLower(a.Language) || strings.ContainsAny(a.Language, "-_ ") {
			t.Fatalf("language %q is not a bare code", a.Language)
		}
	})
}

// FuzzJSON checks that JSON gives articles with valid UTF-8 and a title or
// text, and that an object reads the same alone, in an array and as a
// JSON line.
func FuzzJSON(f *testing.F) {
	if data, err := os.ReadFile("testdata/articles.json"); err == nil {
		f.Add(data)
	}
	f.Add([]byte(`{"id": 7, "title": "Dam opens", "text": "Water flowed.\r\nShare on X", "author": ["A", "B"], "published": 1742000000.5}`))
	f.Add([]byte(`{"id": "x", "body": "B", "lang": "EN", "date": "3 March 2025"}`))
	f.Add([]byte(`[{"title": "T"}, {"id": {}}, 3, null]`))
	f.Add([]byte("\uFEFF {\"content\": \"\\u00e9t\\u00e9\", \"pubDate\": \"Mon, 03 Mar 2025 10:00:00 +0100\"}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		arts, err := JSON(data)
		if c := storyline.ErrorCode(err); err != nil && c != storyline.EINVALID && c != storyline.ETOOLARGE {
			t.Fatalf("error %v has code %q", err, c)
		}
		for _, a := range arts {
			checkArticle(t, a)
			if a.Title == "" && a.Body == "" {
				t.Fatalf("article with neither title nor body from %q", data)
			}
		}
		obj := bytes.TrimSpace(bytes.TrimPrefix(data, bom))
		if len(obj) == 0 || obj[0] != '{' || bytes.ContainsAny(obj, "\r\n") {
			return
		}
		var lines []*storyline.Article
		var lineErr error
		if err := JSONLines(bytes.NewReader(obj), func(_ int, a *storyline.Article, err error) error {
			lines, lineErr = append(lines, a), err
			return nil
		}); err != nil {
			t.Fatalf("JSONLines: %v", err)
		}
		if (err == nil) != (lineErr == nil) || len(lines) != 1 || err == nil && !reflect.DeepEqual(arts[0], lines[0]) {
			t.Fatalf("%q: JSON gave %v, %v; JSONLines %v, %v", obj, arts, err, lines, lineErr)
		}
		inArray, err := JSON(append(append([]byte("["), obj...), ']'))
		if err == nil && (len(inArray) != 1 || !reflect.DeepEqual(inArray[0], lines[0])) {
			t.Fatalf("%q reads otherwise in an array: %+v", obj, inArray)
		}
	})
}

// FuzzJSONLines checks that every non-blank line is reported once, in
// order, with an article or an error but not both.
func FuzzJSONLines(f *testing.F) {
	if data, err := os.ReadFile("testdata/articles.jsonl"); err == nil {
		f.Add(data)
	}
	f.Add([]byte("{\"title\": \"a\"}\r\n\n  \n{\"title\": \"b\"\n[]\n{}"))
	f.Add([]byte("\xff\xfe{\"text\": \"x\"}\n{\"text\": 1}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		want := 0
		for _, l := range strings.Split(string(data), "\n") {
			if strings.TrimSpace(l) != "" {
				want++
			}
		}
		got, prev := 0, 0
		err := JSONLines(bytes.NewReader(data), func(line int, a *storyline.Article, err error) error {
			if line <= prev || (a == nil) == (err == nil) {
				t.Fatalf("line %d after %d: article %v, error %v", line, prev, a, err)
			}
			if a != nil {
				checkArticle(t, a)
			}
			got, prev = got+1, line
			return nil
		})
		if err != nil {
			t.Fatalf("JSONLines: %v", err)
		}
		if got != want {
			t.Fatalf("%d lines reported, %d non-blank in %q", got, want, data)
		}
	})
}

// FuzzParseTime checks that a time ParseTime accepts has a year a reader
// can print, and reads back the same when written as RFC 3339.
func FuzzParseTime(f *testing.F) {
	for _, s := range []string{"", "2025-03-03T10:00:00.5+01:00", "Mon, 03 Mar 2025 10:00:00 GMT", "1742000000", "-12.75", "3 March 2025", "2025/13/40", "1e9"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		tm, err := ParseTime(s)
		if err != nil || tm.IsZero() {
			return
		}
		if y := tm.Year(); y < 0 || y > 9999 {
			t.Fatalf("ParseTime(%q) = %v, year %d", s, tm, y)
		}
		back, err := ParseTime(tm.Format(time.RFC3339Nano))
		if err != nil || !back.Equal(tm) {
			t.Fatalf("ParseTime(%q) = %v, which reads back as %v, %v", s, tm, back, err)
		}
	})
}
