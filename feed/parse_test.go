package feed

import (
	"os"
	"strings"
	"testing"
	"time"
)

func readTestdata(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestParseFormats(t *testing.T) {
	tests := []struct {
		file, base, format, title string
		first                     string // title of the oldest entry
		url, id, author, body     string
		published                 time.Time
		n                         int
	}{
		{
			file: "rss.xml", base: "https://gazette.example/feed.xml", format: "rss", title: "Harbour Gazette — Latest",
			first: "Ferry workers walk out at dawn", url: "https://gazette.example/news/ferry-strike", id: "hg-1001",
			author: "Mira Castell", body: "Ferry crews at the north quay stopped work at dawn on Tuesday, the union said.\n\nAbout 40 sailings were cancelled & passengers were sent to buses.",
			published: time.Date(2025, 10, 7, 6, 30, 0, 0, time.UTC), n: 3, // the empty entry too, for the pipeline to refuse
		},
		{
			file: "atom.xml", base: "https://courier.example/atom", format: "atom", title: "Valley Courier",
			first: "Bridge reopens after repairs", url: "https://courier.example/bridge", id: "urn:courier:42",
			author: "Ines Varga", body: "The Old Mill bridge reopened to traffic on Tuesday morning.\n\nRepairs took eleven weeks.",
			published: time.Date(2025, 10, 7, 8, 0, 0, 0, time.UTC), n: 1,
		},
		{
			file: "feed.json", base: "https://coastline.example/feed.json", format: "json", title: "Coastline Daily",
			first: "Storm warning for the coast", url: "https://coastline.example/storm", id: "cd-7",
			author: "Tom Adebayo", body: "Forecasters issued a storm warning for the northern coast on Tuesday.\n\nWinds of up to 90 km/h are expected.",
			published: time.Date(2025, 10, 7, 11, 0, 0, 0, time.UTC), n: 1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			doc, err := Parse(readTestdata(t, tt.file), tt.base)
			if err != nil {
				t.Fatal(err)
			}
			if doc.Format != tt.format || doc.Title != tt.title || len(doc.Articles) != tt.n {
				t.Fatalf("got format %q title %q, %d articles", doc.Format, doc.Title, len(doc.Articles))
			}
			a := doc.Articles[0]
			if a.Title == "" && a.Body == "" { // no date: first
				a = doc.Articles[1]
			}
			if a.Title != tt.first || a.URL != tt.url || a.ExternalID != tt.id || a.Author != tt.author ||
				!a.Published.Equal(tt.published) {
				t.Errorf("first entry = %+v", a)
			}
			if a.Body != tt.body {
				t.Errorf("body = %q\nwant  %q", a.Body, tt.body)
			}
		})
	}
}

func TestParseRefusesNonFeeds(t *testing.T) {
	for _, in := range []string{"", "<html><body>hello</body></html>", "{\"a\":1}", "just text"} {
		if _, err := Parse([]byte(in), ""); err == nil {
			t.Errorf("Parse(%q) accepted a non-feed", in)
		}
	}
}

func TestText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain   text\n\n\n second", "plain text\n\nsecond"},
		{"<p>a <b>bold</b> move</p><p>next</p>", "a bold move\n\nnext"},
		{"line<br>break", "line\nbreak"},
		{`<img src=x onerror="alert(1)">caption<script>evil()</script><style>p{}</style>`, "caption"},
		{"Tom &amp; Jerry &lt;3", "Tom & Jerry <3"},
	}
	for _, tt := range tests {
		if got := Text(tt.in); got != tt.want {
			t.Errorf("Text(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestOPMLRoundTrip(t *testing.T) {
	in := `<?xml version="1.0"?><opml version="1.0"><head><title>x</title></head><body>
	<outline text="News"><outline text="Gazette" xmlUrl="https://gazette.example/rss"/>
	<outline title="Courier" text="c" xmlUrl="https://courier.example/atom"/></outline>
	<outline text="dup" xmlUrl="https://gazette.example/rss"/><outline text="folder only"/></body></opml>`
	subs, err := ReadOPML(strings.NewReader(in), 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	if len(subs) != 2 || subs[0] != (Subscription{"Gazette", "https://gazette.example/rss"}) ||
		subs[1] != (Subscription{"Courier", "https://courier.example/atom"}) {
		t.Fatalf("ReadOPML = %+v", subs)
	}
	if _, err := ReadOPML(strings.NewReader("not xml at all"), 1<<20); err == nil {
		t.Error("ReadOPML accepted garbage")
	}
}

// TestOPMLCharset checks that an OPML file in a legacy encoding is decoded,
// not refused as invalid UTF-8 (found while writing FuzzReadOPML).
func TestOPMLCharset(t *testing.T) {
	in := `<?xml version="1.0" encoding="windows-1251"?><opml><body>` +
		"<outline text=\"\xcd\xee\xe2\xee\xf1\xf2\xe8\" xmlUrl=\"https://ru.example/\"/></body></opml>"
	subs, err := ReadOPML(strings.NewReader(in), 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	if len(subs) != 1 || subs[0].Title != "Новости" {
		t.Fatalf("ReadOPML = %+v", subs)
	}
}

func TestParseLatin1(t *testing.T) {
	doc, err := Parse(readTestdata(t, "latin1.xml"), "https://x.example/rss")
	if err != nil {
		t.Fatal(err)
	}
	if doc.Title != "Café News" || len(doc.Articles) != 1 || doc.Articles[0].Title != "Señor López wins" || doc.Articles[0].Body != "Café résumé." {
		t.Fatalf("latin-1 feed: %q %+v", doc.Title, doc.Articles)
	}
}

func TestParseUndeclaredCharsets(t *testing.T) {
	tests := []struct {
		file, charset, title, first string
	}{
		// No charset anywhere: bytes that are not UTF-8 are Windows-1252.
		{"latin1-undeclared.xml", "", "Gazette de la Côte", "Élection à Saint-Brévin"},
		{"cp1252-undeclared.xml", "", "Borough Ledger", "Council’s budget: “no new taxes”"},
		// The charset of the HTTP response decides.
		{"koi8r-undeclared.xml", "KOI8-R", "Вестник Заречья", "Мост открыт после ремонта"},
		{"latin1-undeclared.xml", "iso-8859-1", "Gazette de la Côte", "Élection à Saint-Brévin"},
		// The HTTP charset comes before the document's own declaration.
		{"latin1.xml", "windows-1252", "Café News", "Señor López wins"},
		// Valid UTF-8 stays UTF-8 whatever the label says.
		{"rss.xml", "iso-8859-1", "Harbour Gazette — Latest", "Ferry workers walk out at dawn"},
	}
	for _, tt := range tests {
		doc, err := ParseCharset(readTestdata(t, tt.file), "", tt.charset)
		if err != nil {
			t.Errorf("%s (%q): %v", tt.file, tt.charset, err)
			continue
		}
		if doc.Title != tt.title {
			t.Errorf("%s (%q): title %q, want %q", tt.file, tt.charset, doc.Title, tt.title)
		}
		found := false
		for _, a := range doc.Articles {
			found = found || a.Title == tt.first
		}
		if !found {
			t.Errorf("%s (%q): no entry titled %q in %+v", tt.file, tt.charset, tt.first, doc.Articles)
		}
	}
	if got := CharsetOf(`application/rss+xml; charset="ISO-8859-1"`); got != "ISO-8859-1" {
		t.Errorf("CharsetOf = %q", got)
	}
}

func TestParseUTF16(t *testing.T) {
	in := "<?xml version=\"1.0\" encoding=\"UTF-16\"?><rss version=\"2.0\"><channel><title>Tide Watch</title><item><title>Høj vande</title><description>Ved kajen.</description></item></channel></rss>"
	var b []byte
	b = append(b, 0xFF, 0xFE)
	for _, r := range in {
		b = append(b, byte(r), byte(r>>8))
	}
	doc, err := Parse(b, "")
	if err != nil {
		t.Fatal(err)
	}
	if doc.Title != "Tide Watch" || len(doc.Articles) != 1 || doc.Articles[0].Title != "Høj vande" {
		t.Errorf("UTF-16 feed: %q %+v", doc.Title, doc.Articles)
	}
}
