package feed

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/storyline-news/storyline"
)

// Subscription is one feed listed in an OPML file.
type Subscription struct {
	Title string
	URL   string
}

// opml is the part of OPML 2.0 that feed readers exchange.
type opml struct {
	XMLName xml.Name `xml:"opml"`
	Version string   `xml:"version,attr"`
	Head    struct {
		Title       string `xml:"title,omitempty"`
		DateCreated string `xml:"dateCreated,omitempty"`
	} `xml:"head"`
	Body struct {
		Outlines []outline `xml:"outline"`
	} `xml:"body"`
}

type outline struct {
	Text     string    `xml:"text,attr"`
	Title    string    `xml:"title,attr,omitempty"`
	Type     string    `xml:"type,attr,omitempty"`
	XMLURL   string    `xml:"xmlUrl,attr,omitempty"`
	HTMLURL  string    `xml:"htmlUrl,attr,omitempty"`
	Outlines []outline `xml:"outline"`
}

// ReadOPML returns the feeds an OPML file lists, folders flattened, in
// order, each URL once. It reads at most maxBytes. A file in another
// encoding than UTF-8 is decoded as a feed is (see Parse): by its byte
// order mark or XML declaration, else as Windows-1252.
func ReadOPML(r io.Reader, maxBytes int64) ([]Subscription, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxBytes))
	if err != nil {
		return nil, fmt.Errorf("read OPML: %w", err)
	}
	var doc opml
	dec := xml.NewDecoder(bytes.NewReader(toUTF8(data, "")))
	dec.Strict = false
	dec.CharsetReader = func(_ string, in io.Reader) (io.Reader, error) { return in, nil }
	if err := dec.Decode(&doc); err != nil {
		return nil, storyline.Errorf(storyline.EINVALID, "not an OPML file: %s", oneLine(err.Error()))
	}
	var subs []Subscription
	seen := map[string]bool{}
	var walk func([]outline)
	walk = func(list []outline) {
		for _, o := range list {
			if u := strings.TrimSpace(o.XMLURL); u != "" && !seen[u] {
				seen[u] = true
				title := o.Title
				if title == "" {
					title = o.Text
				}
				subs = append(subs, Subscription{Title: clean(title), URL: u})
			}
			walk(o.Outlines)
		}
	}
	walk(doc.Body.Outlines)
	return subs, nil
}

// WriteOPML writes the feeds as an OPML 2.0 subscription list.
func WriteOPML(w io.Writer, title string, feeds []*storyline.Feed) error {
	var doc opml
	doc.Version = "2.0"
	doc.Head.Title = title
	doc.Head.DateCreated = time.Now().UTC().Format(time.RFC1123Z)
	for _, f := range feeds {
		name := f.Title
		if name == "" {
			name = f.URL
		}
		doc.Body.Outlines = append(doc.Body.Outlines, outline{Text: name, Title: name, Type: "rss", XMLURL: f.URL})
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
