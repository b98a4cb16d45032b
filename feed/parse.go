// Package feed reads RSS, Atom and JSON Feed documents into articles and
// polls a list of feeds on a schedule, politely: through fetch (robots.txt,
// per-host spacing, conditional GET, timeouts, no private addresses unless
// allowed), backing off exponentially when a feed fails, and recording each
// feed's status for the user.
package feed

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/url"
	"sort"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/storyline-news/storyline"
)

// Document is a parsed feed: its own title and link, and its entries as
// articles, oldest first.
type Document struct {
	Title string
	// Link is the site the feed belongs to.
	Link string
	// Format is "rss", "atom" or "json".
	Format   string
	Articles []*storyline.Article
}

// Parse reads an RSS, Atom, RDF or JSON Feed document fetched from base
// (used to resolve relative links). Every entry becomes an article, none is
// dropped (entries that repeat an id are versions of one entry: the latest
// is kept): its body is the entry's content, or its summary, as plain text,
// and its identity (see Identity) is the entry's id, else its link, else a
// hash of its title, description and date. An entry with no text is kept
// too, for its linked page to fill or for the pipeline to refuse with a
// message. Source is left empty for the caller to set.
func Parse(data []byte, base string) (*Document, error) {
	return ParseCharset(data, base, "")
}

// ParseCharset is Parse for a feed whose HTTP response named a charset
// (see CharsetOf): it decodes the document with it when its bytes are not
// UTF-8, and with Windows-1252 when nothing names a charset.
func ParseCharset(data []byte, base, charset string) (*Document, error) {
	p := gofeed.NewParser()
	f, err := p.Parse(bytes.NewReader(toUTF8(data, charset)))
	if err != nil {
		return nil, storyline.Errorf(storyline.EINVALID, "not a feed: %s", oneLine(err.Error()))
	}
	if f.FeedType == "json" && f.FeedVersion == "" {
		// Any JSON object parses; a JSON Feed says which version it is.
		return nil, storyline.Errorf(storyline.EINVALID, "not a feed: JSON without a JSON Feed version")
	}
	doc := &Document{Title: clean(f.Title), Link: resolve(base, f.Link), Format: f.FeedType}
	// Relative entry links resolve against the feed's own site when the
	// feed was not fetched from a URL (a file on disk).
	if base == "" {
		base = doc.Link
	}
	linked := map[string]int{} // entries without an id, by link
	var items []*gofeed.Item
	for _, it := range f.Items {
		if it == nil {
			continue
		}
		a := article(it, base)
		if strings.TrimSpace(it.GUID) == "" && a.URL != "" {
			linked[a.URL]++
		}
		doc.Articles = append(doc.Articles, a)
		items = append(items, it)
	}
	// Entries without an id that link to one page (a live blog) are told
	// apart by what they say, as entries with neither id nor link are.
	for i, a := range doc.Articles {
		if linked[a.URL] > 1 && strings.TrimSpace(items[i].GUID) == "" {
			a.ExternalID, a.KeyedByID = a.URL+"#"+contentHash(items[i]), true
		}
	}
	doc.Articles = latestVersions(doc.Articles)
	// Feeds list newest first by convention but not always; the pipeline
	// clusters in arrival order, so give it the order events happened in.
	sort.SliceStable(doc.Articles, func(i, j int) bool {
		return doc.Articles[i].Published.Before(doc.Articles[j].Published)
	})
	return doc, nil
}

// latestVersions keeps one article of those that share a key (entries that
// repeat an id): the latest published, else the first listed, as feeds list
// newest first.
func latestVersions(arts []*storyline.Article) []*storyline.Article {
	at := map[string]int{}
	var out []*storyline.Article
	for _, a := range arts {
		i, seen := at[a.Key()]
		switch {
		case !seen:
			at[a.Key()] = len(out)
			out = append(out, a)
		case a.Published.After(out[i].Published):
			out[i] = a
		}
	}
	return out
}

// article converts one feed entry.
func article(it *gofeed.Item, base string) *storyline.Article {
	body := Text(it.Content)
	if summary := Text(it.Description); len(summary) > len(body) {
		// Some feeds put a teaser in content and the text in the summary.
		body = summary
	}
	a := &storyline.Article{
		Title: clean(Text(it.Title)),
		Body:  body,
		URL:   resolve(base, it.Link),
	}
	a.ExternalID, a.KeyedByID = Identity(it, a.URL)
	switch {
	case it.PublishedParsed != nil:
		a.Published = it.PublishedParsed.UTC()
	case it.UpdatedParsed != nil:
		a.Published = it.UpdatedParsed.UTC()
	}
	if a.Published.After(time.Now().Add(48 * time.Hour)) {
		a.Published = time.Time{} // a date in the future is a broken date
	}
	var names []string
	for _, p := range it.Authors {
		if p != nil && strings.TrimSpace(p.Name) != "" {
			names = append(names, strings.TrimSpace(p.Name))
		}
	}
	a.Author = strings.Join(names, ", ")
	return a
}

// Identity returns the id under which a feed entry is stored, and whether
// that id rather than the entry's link (already resolved) is its key. It is
// the entry's own id (RSS guid, Atom id, JSON Feed id), else its link, else
// a hash of its title, description (its content when it has none) and date,
// so that entries with no id and no link are told apart by what they say.
// (Parse also tells apart entries without an id that share one link.)
// An id equal to the link keys the entry by its link, as before ids were
// used, so that an upgrade does not store such entries twice.
func Identity(it *gofeed.Item, link string) (id string, keyedByID bool) {
	if guid := strings.TrimSpace(it.GUID); guid != "" {
		return guid, guid != link && guid != strings.TrimSpace(it.Link)
	}
	if link != "" {
		return link, false
	}
	return contentHash(it), false
}

// contentHash identifies an entry by its title, description (its content
// when it has none) and date.
func contentHash(it *gofeed.Item) string {
	text := it.Description
	if strings.TrimSpace(text) == "" {
		text = it.Content
	}
	date := it.Published
	if date == "" {
		date = it.Updated
	}
	h := sha256.New()
	for _, s := range []string{it.Title, text, date} {
		h.Write([]byte(strings.TrimSpace(s)))
		h.Write([]byte{0})
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil)[:16])
}

// resolve makes a link absolute against the feed's URL; links that are not
// http(s) are dropped.
func resolve(base, link string) string {
	link = strings.TrimSpace(link)
	if link == "" {
		return ""
	}
	u, err := url.Parse(link)
	if err != nil {
		return ""
	}
	if b, err := url.Parse(base); err == nil && base != "" {
		u = b.ResolveReference(u)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return ""
	}
	return u.String()
}

// clean collapses runs of white space in a one-line text.
func clean(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// oneLine keeps the first line of a parser's message, shortened.
func oneLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	if r := []rune(s); len(r) > 200 {
		s = string(r[:199]) + "…"
	}
	return s
}

// HostOf returns the host name of a URL without "www.", "" when there is none.
func HostOf(link string) string {
	u, err := url.Parse(link)
	if err != nil {
		return ""
	}
	return strings.TrimPrefix(u.Hostname(), "www.")
}

// errorf wraps an error with the feed it concerns.
func errorf(f *storyline.Feed, err error) error {
	return fmt.Errorf("feed %s: %w", f.URL, err)
}
