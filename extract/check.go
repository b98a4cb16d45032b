package extract

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/storyline-news/storyline"
)

// ReadLimited reads r to the end and returns what it read, or an ETOOLARGE
// error as soon as more than limit bytes arrive: it never holds more than
// limit+1 bytes of r in memory.
func ReadLimited(r io.Reader, limit int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, errTooLarge(limit)
	}
	return data, nil
}

// errTooLarge is the error for a document over the limit.
func errTooLarge(limit int64) error {
	return storyline.Errorf(storyline.ETOOLARGE, "document larger than the %s limit", byteSize(limit))
}

// byteSize writes a size the way people read it: "10 MiB", "1.2 MiB",
// "512 bytes".
func byteSize(n int64) string {
	unit, size := "bytes", float64(n)
	switch {
	case n >= 1<<20:
		unit, size = "MiB", size/(1<<20)
	case n >= 1<<10:
		unit, size = "KiB", size/(1<<10)
	}
	return strings.TrimSuffix(fmt.Sprintf("%.1f", size), ".0") + " " + unit
}

// checkText returns an EINVALID or ETOOLARGE error when data is not a text
// extract can use: over MaxDocumentBytes, binary, invalid UTF-8, or empty.
func checkText(data []byte) error {
	if len(data) > MaxDocumentBytes {
		return errTooLarge(MaxDocumentBytes)
	}
	if isBinary(data) {
		return storyline.Errorf(storyline.EINVALID, "binary data, not text")
	}
	if at := invalidUTF8(data); at >= 0 {
		return storyline.Errorf(storyline.EINVALID, "invalid UTF-8 at byte offset %d", at)
	}
	if len(bytes.TrimSpace(bytes.TrimPrefix(data, bom))) == 0 {
		return storyline.Errorf(storyline.EINVALID, "empty document")
	}
	return nil
}

// bom is the UTF-8 byte order mark some editors put first in a file.
var bom = []byte("\uFEFF")

// binarySample is how much of a document isBinary looks at.
const binarySample = 8 << 10

// isBinary reports whether data holds a NUL byte (no text format has one) or
// whether more than 10% of its first few kilobytes are control bytes or
// broken UTF-8, as in images, archives and executables.
func isBinary(data []byte) bool {
	if bytes.IndexByte(data, 0) >= 0 {
		return true
	}
	sample := data[:min(len(data), binarySample)]
	bad := 0
	for i := 0; i < len(sample); {
		r, size := utf8.DecodeRune(sample[i:])
		if r == utf8.RuneError && size == 1 && len(sample)-i >= utf8.UTFMax {
			bad++
		} else if r < 0x20 && r != '\t' && r != '\n' && r != '\r' && r != '\f' {
			bad++
		}
		i += size
	}
	return bad*10 > len(sample)
}

// invalidUTF8 returns the byte offset of the first invalid UTF-8 sequence in
// data, or -1 when data is valid.
func invalidUTF8(data []byte) int {
	if utf8.Valid(data) {
		return -1
	}
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return -1
}

// normalizeNewlines turns CRLF and lone CR line ends into LF and drops a
// leading byte order mark.
func normalizeNewlines(s string) string {
	s = strings.TrimPrefix(s, "\uFEFF")
	if strings.IndexByte(s, '\r') < 0 {
		return s
	}
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
}
