package extract

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/storyline-news/storyline"
)

func TestText(t *testing.T) {
	tests := []struct {
		name, file, text string
		id, title, body  string
	}{
		{name: "first line is the title", file: "/in/ferry-2025.txt",
			text: "Night ferry ends\n\n" + para, id: "ferry-2025.txt", title: "Night ferry ends", body: para},
		{name: "a question can be a title", file: "a.txt",
			text: "Who will run the ferry?\n" + para, id: "a.txt", title: "Who will run the ferry?", body: para},
		{name: "a sentence is not a title", file: "b.txt",
			text: "The ferry ends. Residents are angry.\n" + para,
			id:   "b.txt", title: "The ferry ends.", body: "The ferry ends. Residents are angry.\n\n" + para},
		{name: "one line only", file: "c.txt", text: "Night ferry ends",
			id: "c.txt", title: "Night ferry ends", body: "Night ferry ends"},
		{name: "abbreviations do not end the title", file: "d.txt",
			text: "Mr. Okafor met U.S. officials on Monday. They spoke for an hour.",
			id:   "d.txt", title: "Mr. Okafor met U.S. officials on Monday.",
			body: "Mr. Okafor met U.S. officials on Monday. They spoke for an hour."},
		{name: "byte order mark and CRLF", file: "e.txt", text: "\uFEFFNight ferry ends\r\n" + para + "\r\n",
			id: "e.txt", title: "Night ferry ends", body: para},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Text(tt.file, []byte(tt.text))
			if err != nil {
				t.Fatal(err)
			}
			if a.ExternalID != tt.id || a.Title != tt.title || a.Body != tt.body {
				t.Errorf("got id %q title %q body %q\nwant id %q title %q body %q",
					a.ExternalID, a.Title, a.Body, tt.id, tt.title, tt.body)
			}
		})
	}
}

func TestDeriveTitleCutsLongSentences(t *testing.T) {
	long := strings.Repeat("word ", 80) + "end."
	got := deriveTitle(long)
	if runeCount(got) > maxTitleRunes+1 || !strings.HasSuffix(got, "word…") {
		t.Errorf("deriveTitle = %q (%d runes)", got, runeCount(got))
	}
}

func TestTextRefusesBadInput(t *testing.T) {
	controls := bytes.Repeat([]byte{0x01, 0x02, 'a', 0x1b}, 100)
	tests := []struct {
		name string
		data []byte
		code string
		msg  string
	}{
		{"empty", nil, storyline.EINVALID, "empty document"},
		{"white space", []byte(" \n\t\r\n \u00a0"), storyline.EINVALID, "empty document"},
		{"NUL bytes", []byte("PK\x03\x04\x00\x00text"), storyline.EINVALID, "binary data, not text"},
		{"control bytes", controls, storyline.EINVALID, "binary data, not text"},
		{"invalid UTF-8", []byte("Caf\xe9 owners said"), storyline.EINVALID, "invalid UTF-8 at byte offset 3"},
		{"too large", bytes.Repeat([]byte("a"), MaxDocumentBytes+1), storyline.ETOOLARGE, "document larger than the 10 MiB limit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Text("x.txt", tt.data)
			if storyline.ErrorCode(err) != tt.code || storyline.ErrorMessage(err) != tt.msg {
				t.Errorf("err = %v (%s), want %q (%s)", err, storyline.ErrorCode(err), tt.msg, tt.code)
			}
		})
	}
}

// countingReader is an endless text that counts the bytes read from it.
type countingReader struct{ n int64 }

func (r *countingReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'a'
	}
	r.n += int64(len(p))
	return len(p), nil
}

func TestReadLimitedStopsEarly(t *testing.T) {
	r := &countingReader{}
	_, err := ReadLimited(io.LimitReader(r, 60<<20), MaxDocumentBytes)
	if storyline.ErrorCode(err) != storyline.ETOOLARGE {
		t.Fatalf("err = %v, want ETOOLARGE", err)
	}
	if r.n > MaxDocumentBytes+64<<10 {
		t.Errorf("read %d bytes of a 60 MB text, want about %d", r.n, MaxDocumentBytes)
	}
	data, err := ReadLimited(strings.NewReader("short"), 5)
	if err != nil || string(data) != "short" {
		t.Errorf("ReadLimited at the limit = %q, %v", data, err)
	}
}

// TestTextDetectsLanguage checks that a report's language comes from its
// text, and that a record's declared language only breaks a tie.
func TestTextDetectsLanguage(t *testing.T) {
	a, err := Text("bridge.txt", []byte("Puente cerrado\n\nEl puente sobre el río fue cerrado el martes después de que los ingenieros encontraran grietas, dijeron las autoridades."))
	if err != nil || a.Language != "es" {
		t.Fatalf("Text = %+v, %v; want language es", a, err)
	}
	rec := `{"title":"Bridge closed","text":"The bridge over the river was closed on Tuesday after engineers found cracks in it, officials said.","language":"fr"}`
	if as, err := JSON([]byte(rec)); err != nil || len(as) != 1 || as[0].Language != "en" {
		t.Errorf("JSON declared fr, English text: %v; want en", err)
	}
	if as, err := JSON([]byte(`{"title":"Kyiv","text":"Zelensky, Kyiv.","language":"uk"}`)); err != nil || len(as) != 1 || as[0].Language != "uk" {
		t.Errorf("JSON declared uk, text too short to tell: %v; want uk", err)
	}
}
