package extract

import (
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/storyline-news/storyline"
)

func TestJSONLines(t *testing.T) {
	f, err := os.Open("testdata/articles.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	type result struct {
		line int
		a    *storyline.Article
		err  error
	}
	var got []result
	err = JSONLines(f, func(line int, a *storyline.Article, err error) error {
		got = append(got, result{line, a, err})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 6 {
		t.Fatalf("got %d results, want 6 (blank line skipped): %+v", len(got), got)
	}
	first := got[0].a
	if first == nil || first.ExternalID != "hg-1" || first.Title != "Night ferry to end" ||
		first.Source != "Harbour Gazette" || first.Author != "Jo Lind" || first.Language != "en" ||
		!first.Published.Equal(time.Date(2025, 3, 4, 18, 30, 0, 0, time.UTC)) ||
		first.Body != "The council voted to end the night ferry to Gull Island on Tuesday.\n\nThe last boat runs in March." ||
		len(first.Parts) != 1 || first.Parts[0].Kind != storyline.PartBoilerplate {
		t.Errorf("line 1 = %+v", first)
	}
	if a := got[1].a; a == nil || a.ExternalID != "42" || !a.Published.Equal(time.Date(2025, 3, 4, 20, 15, 0, 0, time.UTC)) {
		t.Errorf("line 2 = %+v", a)
	}
	if r := got[2]; r.line != 4 || storyline.ErrorCode(r.err) != storyline.EINVALID ||
		!strings.Contains(r.err.Error(), "invalid JSON") {
		t.Errorf("broken line: %+v", r)
	}
	if a := got[3].a; a == nil || a.Title != "Operators have until April to bid for the day service." ||
		!a.Published.Equal(time.Unix(1741118400, 0)) {
		t.Errorf("line 5 = %+v", a)
	}
	if r := got[4]; r.line != 6 || r.err == nil || r.err.Error() != `published: unrecognised time "the day after tomorrow"` {
		t.Errorf("bad date line: %+v", r)
	}
	if a := got[5].a; a == nil || a.Title != "Headline only" || a.Body != "" {
		t.Errorf("headline-only line = %+v", a)
	}
}

func TestJSONLinesLongLines(t *testing.T) {
	long := `{"id":"long","text":"` + strings.Repeat("word ", 300_000) + `"}`
	huge := `{"id":"huge","text":"` + strings.Repeat("x", MaxDocumentBytes) + `"}`
	input := long + "\n" + huge + "\n" + `{"id":"after","text":"Still read."}`
	var ids []string
	var errs []string
	err := JSONLines(strings.NewReader(input), func(line int, a *storyline.Article, err error) error {
		if err != nil {
			errs = append(errs, storyline.ErrorCode(err))
			return nil
		}
		ids = append(ids, a.ExternalID)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(ids, ",") != "long,after" || strings.Join(errs, ",") != storyline.ETOOLARGE {
		t.Errorf("ids %v, errors %v", ids, errs)
	}
}

func TestJSONLinesStopsOnCallbackError(t *testing.T) {
	stop := errors.New("stop")
	calls := 0
	err := JSONLines(strings.NewReader("{\"id\":1,\"title\":\"a\"}\n{\"id\":2,\"title\":\"b\"}\n"),
		func(int, *storyline.Article, error) error { calls++; return stop })
	if err != stop || calls != 1 {
		t.Errorf("err %v after %d calls, want stop after 1", err, calls)
	}
}

func TestJSON(t *testing.T) {
	data, err := os.ReadFile("testdata/articles.json")
	if err != nil {
		t.Fatal(err)
	}
	articles, err := JSON(data)
	if len(articles) != 2 || articles[0].ExternalID != "a" || articles[1].ExternalID != "7" ||
		articles[1].Title != "The north quay will take ferries while the piers are closed." {
		t.Errorf("articles = %+v", articles)
	}
	if err == nil || err.Error() != "item 3: no title and no text (and 1 more bad items)" ||
		storyline.ErrorCode(err) != storyline.EINVALID {
		t.Errorf("err = %v", err)
	}

	one, err := JSON([]byte(`{"id": "x", "title": "One object", "date": "4 March 2025"}`))
	if err != nil || len(one) != 1 || one[0].Published.Day() != 4 {
		t.Errorf("one object: %+v, %v", one, err)
	}
}

func TestJSONErrors(t *testing.T) {
	tests := []struct{ in, msg string }{
		{`{"id": "x", "title": 5}`, "title: want a string, not number"},
		{`{"id": true, "title": "t"}`, "id: want a string or a number"},
		{`{"title": "t", "author": {"name": "n"}}`, "author: want a string or a list of strings"},
		{`{"title": "t"`, "invalid JSON at byte offset 13: unexpected end of JSON input"},
		{`{"title": "t",}`, "invalid JSON at byte offset 15: invalid character '}' looking for beginning of object key string"},
		{`"just a string"`, "want a JSON object"},
		{"", "empty document"},
	}
	for _, tt := range tests {
		_, err := JSON([]byte(tt.in))
		if err == nil || err.Error() != tt.msg || storyline.ErrorCode(err) != storyline.EINVALID {
			t.Errorf("JSON(%s) error = %v, want %q", tt.in, err, tt.msg)
		}
	}
}

func TestParseTime(t *testing.T) {
	want := time.Date(2025, 3, 4, 18, 30, 5, 0, time.UTC)
	day := time.Date(2025, 3, 4, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		in   string
		want time.Time
	}{
		{"2025-03-04T18:30:05Z", want},
		{"2025-03-04T19:30:05+01:00", want},
		{"2025-03-04T18:30:05.000Z", want},
		{"Tue, 04 Mar 2025 18:30:05 GMT", want},
		{"Tue, 4 Mar 2025 18:30:05 +0000", want},
		{"2025-03-04 18:30:05", want},
		{"2025-03-04T18:30:05", want},
		{"1741113005", want},
		{"2025-03-04", day},
		{"March 4, 2025", day},
		{"4 March 2025", day},
		{"", time.Time{}},
	}
	for _, tt := range tests {
		got, err := ParseTime(tt.in)
		if err != nil || !got.Equal(tt.want) {
			t.Errorf("ParseTime(%q) = %v, %v, want %v", tt.in, got, err, tt.want)
		}
	}
	if _, err := ParseTime("soon"); storyline.ErrorCode(err) != storyline.EINVALID {
		t.Errorf("ParseTime(soon) error = %v", err)
	}
}
