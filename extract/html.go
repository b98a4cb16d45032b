package extract

import (
	"bytes"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/markusmobius/go-htmldate"
	trafilatura "github.com/markusmobius/go-trafilatura"
	"github.com/storyline-news/storyline"
	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/unicode/norm"
)

// HTML extracts the article of a web page: title, author, publication time,
// language and body through go-trafilatura, with go-readability and
// go-domdistiller as fallback extractors, then cleans the body (see Clean).
// pageURL, when known, becomes the article's URL and helps resolve the page's
// metadata; otherwise the page's canonical URL is used.
//
// A page in a legacy encoding is decoded when it declares its charset; a page
// that is binary, empty, invalid UTF-8, larger than MaxDocumentBytes, nested
// deeper than MaxDepth or without any article text gives an EINVALID or
// ETOOLARGE error.
func HTML(data []byte, pageURL string) (*storyline.Article, error) {
	// A path given as the page's address need not be UTF-8.
	pageURL = strings.ToValidUTF8(pageURL, "\uFFFD")
	text, err := decodeHTML(data)
	if err != nil {
		return nil, err
	}
	if err := checkPage(text); err != nil {
		return nil, err
	}
	doc, err := html.Parse(strings.NewReader(text))
	if err != nil {
		return nil, parseError(err)
	}
	result, err := trafilatura.ExtractDocument(doc, htmlOptions(pageURL))
	if err != nil || result.ContentNode == nil {
		return nil, errNoArticle()
	}
	page := pageArticle(result, pageURL)
	// The page's <html lang> is what it declares; finish detects the
	// language from the text and keeps the declared one as a tie-breaker.
	page.Language = firstString(declaredLanguage(doc), page.Language)
	a := finish(page, nodeText(result.ContentNode))
	if a.Body == "" {
		return nil, errNoArticle()
	}
	return a, nil
}

// errNoArticle is the error for a page without article text.
func errNoArticle() error {
	return storyline.Errorf(storyline.EINVALID, "no article text found in the page")
}

// declaredLanguage returns the lang attribute of the page's <html> element.
func declaredLanguage(doc *html.Node) string {
	for n := doc.FirstChild; n != nil; n = n.NextSibling {
		if n.Type == html.ElementNode && n.Data == "html" {
			for _, attr := range n.Attr {
				if attr.Key == "lang" {
					return attr.Val
				}
			}
		}
	}
	return ""
}

// htmlOptions are the trafilatura settings extract uses; see the package
// README section in eval/extraction.go for how they were chosen.
func htmlOptions(pageURL string) trafilatura.Options {
	opts := trafilatura.Options{
		EnableFallback:  true,
		ExcludeComments: true,
		PruneSelector:   commentSections,
		Focus:           trafilatura.Balanced,
		// The publication time, not only the day: reports of one story
		// come hours apart.
		HtmlDateOptions: &htmldate.Options{ExtractTime: true, UseOriginalDate: true},
	}
	if u, err := url.Parse(pageURL); err == nil && u.IsAbs() {
		opts.OriginalURL = u
	}
	return opts
}

// commentSections selects the readers' comments of common publishing
// systems (WordPress, Disqus). Comments are not the outlet's reporting:
// trafilatura leaves them out of its own extraction, and pruning them first
// keeps its fallback extractors from taking a long comment thread for the
// article when the article is short.
const commentSections = "#comments, .comments, #respond, .comment-respond, .commentlist, .comment-list, #disqus_thread, .comments-area"

// pageArticle fills an article from trafilatura's metadata.
func pageArticle(r *trafilatura.ExtractResult, pageURL string) *storyline.Article {
	m := r.Metadata
	a := &storyline.Article{
		URL:       pageURL,
		Title:     strings.TrimSpace(m.Title),
		Author:    strings.TrimSpace(m.Author),
		Language:  m.Language,
		Published: m.Date,
		Source:    m.Sitename,
	}
	if a.URL == "" {
		a.URL = m.URL
	}
	if a.Source == "" {
		a.Source = m.Hostname
	}
	return a
}

// decodeHTML returns the page as NFC-normalised UTF-8 text. A page that is not
// valid UTF-8 is decoded only when it declares another charset (byte order
// mark, or <meta charset>); otherwise it is refused like invalid text.
func decodeHTML(data []byte) (string, error) {
	if len(data) > MaxDocumentBytes {
		return "", errTooLarge(MaxDocumentBytes)
	}
	if !utf8.Valid(data) && !isBinary(data) {
		if enc, name, _ := charset.DetermineEncoding(data, ""); name != "utf-8" && declaresCharset(data) {
			decoded, err := enc.NewDecoder().Bytes(data)
			if err == nil {
				data = decoded
			}
		}
	}
	if err := checkText(data); err != nil {
		return "", err
	}
	return norm.NFC.String(string(data)), nil
}

// declaresCharset reports whether the start of a page names its charset, so
// that decoding it is not a guess.
func declaresCharset(data []byte) bool {
	head := bytes.ToLower(data[:min(len(data), 1024)])
	return bytes.Contains(head, []byte("charset")) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}) || bytes.HasPrefix(data, []byte{0xFF, 0xFE})
}

// parseError turns an HTML parser error into a one-line user error.
func parseError(err error) error {
	if strings.Contains(err.Error(), "open stack of elements") {
		return errTooDeep()
	}
	return storyline.Errorf(storyline.EINVALID, "malformed HTML: %v", err)
}
