package extract

import (
	"path/filepath"
	"strings"

	"github.com/storyline-news/storyline"
)

// Text reads a plain text report. A short first line (see splitTitle) is the
// title, otherwise the title is the body's first sentence; the rest is
// cleaned into body and parts (see Clean). name is the file's path or name:
// its base name becomes the article's ExternalID.
//
// Binary data, invalid UTF-8, an empty text or one over MaxDocumentBytes
// gives an EINVALID or ETOOLARGE error.
func Text(name string, data []byte) (*storyline.Article, error) {
	if err := checkText(data); err != nil {
		return nil, err
	}
	title, body := splitTitle(normalizeNewlines(string(data)))
	a := &storyline.Article{ExternalID: baseName(name), Title: title}
	return finish(a, body), nil
}

// baseName returns the last element of a path, or "" for none. A file name
// need not be UTF-8: its invalid bytes become U+FFFD, so that the
// ExternalID is text like every other field.
func baseName(name string) string {
	if name == "" {
		return ""
	}
	return strings.ToValidUTF8(filepath.Base(name), "\uFFFD")
}
