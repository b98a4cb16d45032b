package source

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/feed"
)

// sniffBytes is how much of an input's start is looked at to tell its
// format: enough for an XML declaration, comments and a doctype before a
// feed's root element, or a JSON Feed's version ahead of its items.
const sniffBytes = 4096

// jsonFeedVersion is how a JSON Feed says what it is.
var jsonFeedVersion = regexp.MustCompile(`"version"\s*:\s*"https?://jsonfeed\.org/version/`)

// IsFeed reports whether data starts like a feed document: an XML document
// whose root element is <rss>, an Atom <feed> or <rdf:RDF>, or a JSON object
// giving a JSON Feed version.
func IsFeed(data []byte) bool {
	head := bytes.TrimLeft(data[:min(len(data), sniffBytes)], " \t\r\n\ufeff")
	if bytes.HasPrefix(head, []byte("{")) {
		return jsonFeedVersion.Match(head)
	}
	root := xmlRoot(head)
	switch {
	case root == "rss", root == "rdf:RDF":
		return true
	case root == "feed":
		// An Atom feed; an HTML page has no <feed> root.
		return bytes.Contains(head, []byte("http://www.w3.org/2005/Atom"))
	}
	return false
}

// xmlRoot returns the name of the first element of an XML document, after
// its declaration, processing instructions, comments and doctype; "" when
// there is none within head.
func xmlRoot(head []byte) string {
	for {
		head = bytes.TrimLeft(head, " \t\r\n")
		switch {
		case bytes.HasPrefix(head, []byte("<?")):
			head = after(head, "?>")
		case bytes.HasPrefix(head, []byte("<!--")):
			head = after(head, "-->")
		case bytes.HasPrefix(head, []byte("<!")):
			head = after(head, ">")
		case bytes.HasPrefix(head, []byte("<")):
			end := bytes.IndexAny(head[1:], " \t\r\n/>")
			if end < 0 {
				return ""
			}
			return string(head[1 : end+1])
		default:
			return ""
		}
		if head == nil {
			return ""
		}
	}
}

// after returns what follows the first sep in b, nil without one.
func after(b []byte, sep string) []byte {
	if i := bytes.Index(b, []byte(sep)); i >= 0 {
		return b[i+len(sep):]
	}
	return nil
}

// isFeedType reports whether an HTTP Content-Type names a feed format.
func isFeedType(contentType string) bool {
	ct := strings.ToLower(contentType)
	return strings.Contains(ct, "rss") || strings.Contains(ct, "atom") || strings.Contains(ct, "feed+json") ||
		strings.Contains(ct, "rdf")
}

// readFeed reads every entry of a feed document as an article, each under
// its own identity (see feed.Identity). An entry is labelled with the
// outlet the options give, else its link's host, else the feed's title.
// base resolves relative links ("" for a file: the feed's own site link).
func readFeed(origin string, data []byte, base, charset string, opts Options, fn func(Item) error) error {
	doc, err := feed.ParseCharset(data, base, charset)
	if err != nil {
		return fn(Item{Origin: origin, Err: err})
	}
	if len(doc.Articles) == 0 {
		return fn(Item{Origin: origin, Err: storyline.Errorf(storyline.EINVALID, "feed has no entries")})
	}
	for i, a := range doc.Articles {
		it := Item{Origin: fmt.Sprintf("%s[%d]", origin, i), Article: a}
		if a.Title == "" && a.Body == "" {
			it.Article = nil
			it.Err = storyline.Errorf(storyline.EINVALID, "feed entry has no text")
			if a.URL != "" {
				it.Err = storyline.Errorf(storyline.EINVALID, "feed entry has only a link: ingest %s to read its page", a.URL)
			}
		} else {
			defaults(a, opts)
			if a.Source == "" {
				a.Source = doc.Title
			}
		}
		if err := fn(it); err != nil {
			return err
		}
	}
	return nil
}
