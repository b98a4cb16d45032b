package feed

import (
	"bytes"
	"mime"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// CharsetOf returns the charset an HTTP Content-Type names, "" when none.
func CharsetOf(contentType string) string {
	_, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		return ""
	}
	return strings.TrimSpace(params["charset"])
}

// xmlEncoding finds the encoding an XML declaration names.
var xmlEncoding = regexp.MustCompile(`^(\s*<\?xml[^>]*?\sencoding\s*=\s*)(["'])([^"']*)(["'])`)

// toUTF8 returns an XML feed as UTF-8, with a declaration that says so, so
// that the parser reads what storyline decoded. The encoding is, in this
// order: a byte-order mark; valid UTF-8 as it stands (a feed labelled
// Latin-1 that is valid UTF-8 is far likelier mislabelled than not); the
// charset of the HTTP response (which RFC 7303 puts before the document's
// own declaration); the XML declaration; else, for bytes that are not
// UTF-8, Windows-1252, the superset of Latin-1 that undeclared Western
// feeds are written in. JSON is returned as it is: JSON is UTF-8.
func toUTF8(data []byte, httpCharset string) []byte {
	trimmed := bytes.TrimLeft(data, " \t\r\n")
	if bytes.HasPrefix(trimmed, []byte("{")) || bytes.HasPrefix(trimmed, []byte("[")) {
		return data
	}
	var enc encoding.Encoding
	switch {
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}), bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		if decoded, err := unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder().Bytes(data); err == nil {
			data = decoded
		}
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		data = data[3:]
	}
	declared := ""
	if m := xmlEncoding.FindSubmatch(data); m != nil {
		declared = string(m[3])
	}
	if !utf8.Valid(data) {
		for _, label := range []string{httpCharset, declared} {
			if e, name := charset.Lookup(label); e != nil && name != "utf-8" {
				enc = e
				break
			}
		}
		if enc == nil && !mostlyUTF8(data) {
			enc = charmap.Windows1252
		}
	}
	if enc != nil {
		if decoded, err := enc.NewDecoder().Bytes(data); err == nil {
			data = decoded
		}
	}
	if !utf8.Valid(data) {
		data = bytes.ToValidUTF8(data, []byte("\uFFFD"))
	}
	if declared != "" && !strings.EqualFold(declared, "utf-8") {
		data = xmlEncoding.ReplaceAll(data, []byte(`${1}${2}UTF-8${4}`))
	}
	return data
}

// mostlyUTF8 reports whether text that is not valid UTF-8 still has more
// well-formed multi-byte characters than stray bytes: UTF-8 with a few bad
// bytes, best read as UTF-8 with the bad bytes replaced.
func mostlyUTF8(data []byte) bool {
	good, bad := 0, 0
	for len(data) > 0 {
		r, n := utf8.DecodeRune(data)
		switch {
		case r == utf8.RuneError && n == 1:
			bad++
		case n > 1:
			good++
		}
		data = data[n:]
	}
	return good > bad
}
