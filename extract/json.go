package extract

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strings"

	"github.com/storyline-news/storyline"
)

// record is one article as JSON: the fields extract reads, with their aliases.
type record struct {
	ID        json.RawMessage `json:"id"`
	Title     string          `json:"title"`
	Text      string          `json:"text"`
	Body      string          `json:"body"`
	Content   string          `json:"content"`
	URL       string          `json:"url"`
	Source    string          `json:"source"`
	Author    json.RawMessage `json:"author"`
	Language  string          `json:"language"`
	Lang      string          `json:"lang"`
	Published json.RawMessage `json:"published"`
	Date      json.RawMessage `json:"date"`
	PubDate   json.RawMessage `json:"pubDate"`
}

// JSON reads a .json file holding one article object or an array of them.
// An object's fields are id (string or number, the ExternalID), title,
// text (or body, or content), url, source, author (a string or a list of
// strings), language (or lang) and published (or date, or pubDate: RFC 3339,
// RFC 1123, "2006-01-02 15:04:05", a date alone, or unix seconds); other
// fields are ignored. The text is cleaned (see Clean).
//
// JSON returns the articles of every good item. When some items are bad it
// also returns an EINVALID error naming the first of them; an item over
// MaxDocumentBytes is bad too. A file that is not JSON gives only an error.
func JSON(data []byte) ([]*storyline.Article, error) {
	if err := checkText(data); err != nil {
		return nil, err
	}
	data = bytes.TrimSpace(bytes.TrimPrefix(data, bom))
	if data[0] != '[' {
		a, err := jsonArticle(data)
		if err != nil {
			return nil, err
		}
		return []*storyline.Article{a}, nil
	}
	var items []json.RawMessage
	if err := json.Unmarshal(data, &items); err != nil {
		return nil, jsonError(err)
	}
	return jsonArticles(items)
}

// jsonArticles reads the items of an array, keeping the good ones.
func jsonArticles(items []json.RawMessage) ([]*storyline.Article, error) {
	var out []*storyline.Article
	var first error
	firstItem, bad := 0, 0
	for i, item := range items {
		a, err := jsonArticle(item)
		if err != nil {
			if bad++; first == nil {
				first, firstItem = err, i+1
			}
			continue
		}
		out = append(out, a)
	}
	switch bad {
	case 0:
		return out, nil
	case 1:
		return out, storyline.Errorf(storyline.ErrorCode(first), "item %d: %s", firstItem, storyline.ErrorMessage(first))
	}
	return out, storyline.Errorf(storyline.ErrorCode(first), "item %d: %s (and %d more bad items)",
		firstItem, storyline.ErrorMessage(first), bad-1)
}

// JSONLines reads articles from r, one JSON object a line (.jsonl), and calls
// fn for each non-blank line with its number (from 1) and either the article
// or the line's EINVALID or ETOOLARGE error: a bad line does not stop the
// reading. Lines may be as long as MaxDocumentBytes; a longer one is skipped
// without being held in memory. JSONLines stops at the first error fn
// returns, or of reading r, and returns it.
func JSONLines(r io.Reader, fn func(line int, a *storyline.Article, err error) error) error {
	br := bufio.NewReaderSize(r, 64<<10)
	for n := 1; ; n++ {
		line, tooLong, rerr := readLine(br, MaxDocumentBytes)
		if rerr != nil && rerr != io.EOF {
			return rerr
		}
		var ferr error
		switch {
		case tooLong:
			ferr = fn(n, nil, errTooLarge(MaxDocumentBytes))
		case len(bytes.TrimSpace(line)) > 0:
			a, err := jsonLine(line)
			ferr = fn(n, a, err)
		}
		if ferr != nil {
			return ferr
		}
		if rerr == io.EOF {
			return nil
		}
	}
}

// readLine returns the next line of br without its line end, and io.EOF with
// the last one. A line longer than limit is read to its end but not kept:
// readLine reports it with tooLong.
func readLine(br *bufio.Reader, limit int) (line []byte, tooLong bool, err error) {
	for {
		chunk, err := br.ReadSlice('\n')
		if !tooLong {
			line = append(line, chunk...)
			if len(bytes.TrimRight(line, "\r\n")) > limit {
				line, tooLong = nil, true
			}
		}
		if err != bufio.ErrBufferFull {
			return bytes.TrimRight(line, "\r\n"), tooLong, err
		}
	}
}

// jsonLine reads one line of a .jsonl file.
func jsonLine(line []byte) (*storyline.Article, error) {
	if err := checkText(line); err != nil {
		return nil, err
	}
	return jsonArticle(bytes.TrimSpace(line))
}

// jsonArticle reads one JSON object into an article.
func jsonArticle(data []byte) (*storyline.Article, error) {
	if len(data) > MaxDocumentBytes {
		return nil, errTooLarge(MaxDocumentBytes)
	}
	if len(data) == 0 || data[0] != '{' {
		return nil, storyline.Errorf(storyline.EINVALID, "want a JSON object")
	}
	var r record
	if err := json.Unmarshal(data, &r); err != nil {
		return nil, jsonError(err)
	}
	return r.article()
}

// article converts a record, checking its fields.
func (r *record) article() (*storyline.Article, error) {
	id, err := jsonID(r.ID)
	if err != nil {
		return nil, err
	}
	author, err := jsonAuthor(r.Author)
	if err != nil {
		return nil, err
	}
	published, err := parseTime(firstRaw(r.Published, r.Date, r.PubDate))
	if err != nil {
		return nil, storyline.Errorf(storyline.EINVALID, "published: %s", storyline.ErrorMessage(err))
	}
	text := firstString(r.Text, r.Body, r.Content)
	if strings.TrimSpace(text) == "" && strings.TrimSpace(r.Title) == "" {
		return nil, storyline.Errorf(storyline.EINVALID, "no title and no text")
	}
	a := &storyline.Article{
		ExternalID: id,
		URL:        strings.TrimSpace(r.URL),
		Source:     strings.TrimSpace(r.Source),
		Title:      strings.TrimSpace(r.Title),
		Author:     author,
		Language:   strings.ToLower(strings.TrimSpace(firstString(r.Language, r.Lang))),
		Published:  published,
	}
	return finish(a, normalizeNewlines(text)), nil
}

// jsonID reads an id given as a string or a number.
func jsonID(raw json.RawMessage) (string, error) {
	var s string
	switch {
	case isNull(raw):
		return "", nil
	case json.Unmarshal(raw, &s) == nil:
		return strings.TrimSpace(s), nil
	}
	var n json.Number
	if json.Unmarshal(raw, &n) == nil {
		return n.String(), nil
	}
	return "", storyline.Errorf(storyline.EINVALID, "id: want a string or a number")
}

// jsonAuthor reads an author given as a string or a list of strings.
func jsonAuthor(raw json.RawMessage) (string, error) {
	var s string
	var list []string
	switch {
	case isNull(raw):
		return "", nil
	case json.Unmarshal(raw, &s) == nil:
		return strings.TrimSpace(s), nil
	case json.Unmarshal(raw, &list) == nil:
		return strings.Join(list, ", "), nil
	}
	return "", storyline.Errorf(storyline.EINVALID, "author: want a string or a list of strings")
}

// isNull reports whether a field is absent or null.
func isNull(raw json.RawMessage) bool {
	return len(raw) == 0 || string(raw) == "null"
}

// firstRaw returns the first field that is present and not null.
func firstRaw(fields ...json.RawMessage) json.RawMessage {
	for _, f := range fields {
		if !isNull(f) {
			return f
		}
	}
	return nil
}

// firstString returns the first non-blank string.
func firstString(values ...string) string {
	for _, v := range values {
		if strings.TrimSpace(v) != "" {
			return v
		}
	}
	return ""
}

// jsonError turns an encoding/json error into a one-line user error.
func jsonError(err error) error {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntax):
		return storyline.Errorf(storyline.EINVALID, "invalid JSON at byte offset %d: %s",
			syntax.Offset, strings.TrimPrefix(syntax.Error(), "json: "))
	case errors.As(err, &typ) && typ.Field != "":
		return storyline.Errorf(storyline.EINVALID, "%s: want %s, not %s", typ.Field, kindName(typ.Type.Kind().String()), typ.Value)
	case errors.As(err, &typ):
		return storyline.Errorf(storyline.EINVALID, "want a JSON object, not %s", typ.Value)
	}
	return storyline.Errorf(storyline.EINVALID, "invalid JSON: %s", strings.TrimPrefix(err.Error(), "json: "))
}

// kindName names a Go kind the way a JSON writer thinks of it.
func kindName(kind string) string {
	switch kind {
	case "string":
		return "a string"
	case "slice":
		return "a list"
	case "struct", "map":
		return "an object"
	}
	return kind
}
