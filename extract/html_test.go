package extract

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/storyline-news/storyline"
)

func TestHTML(t *testing.T) {
	data, err := os.ReadFile("testdata/ferry.html")
	if err != nil {
		t.Fatal(err)
	}
	a, err := HTML(data, "https://gazette.example/news/night-ferry?ref=feed")
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "Port Alder council votes to end night ferry service" || a.Author != "Jo Lind" ||
		a.Language != "en" || a.Source != "Harbour Gazette" ||
		a.URL != "https://gazette.example/news/night-ferry?ref=feed" ||
		!a.Published.Equal(time.Date(2025, 3, 4, 18, 30, 0, 0, time.UTC)) {
		t.Errorf("metadata: %+v", a)
	}
	paras := strings.Split(a.Body, "\n\n")
	if len(paras) != 6 || !strings.HasPrefix(paras[0], "The Port Alder city council voted") ||
		!strings.HasPrefix(paras[5], "The council will publish") {
		t.Errorf("body has %d paragraphs:\n%s", len(paras), a.Body)
	}
	for _, unwanted := range []string{"Home", "Share on", "©", "By Jo Lind", "Anger on the island", "@GullIslandVoice", "Harbour reader", "comments"} {
		if strings.Contains(a.Body, unwanted) {
			t.Errorf("body contains %q", unwanted)
		}
	}
	kinds := map[storyline.PartKind]int{}
	for _, p := range a.Parts {
		kinds[p.Kind]++
		if p.Kind == storyline.PartEmbeddedPost && (p.Author != "@GullIslandVoice" || p.Posted != "March 4, 2025" || p.Index != 4) {
			t.Errorf("embedded post = %+v", p)
		}
	}
	if kinds[storyline.PartSubheading] != 2 || kinds[storyline.PartEmbeddedPost] != 1 {
		t.Errorf("parts = %+v", a.Parts)
	}
}

// A short post under a long comment thread: without pruning the comment
// section, the fallback extractors take the thread for the article.
func TestHTMLLeavesOutComments(t *testing.T) {
	data, err := os.ReadFile("testdata/thread.html")
	if err != nil {
		t.Fatal(err)
	}
	a, err := HTML(data, "")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(a.Body, "Our open threads give readers") || strings.Contains(a.Body, "late boat home") {
		t.Errorf("body:\n%s", a.Body)
	}
}

func TestHTMLUsesCanonicalURL(t *testing.T) {
	data, err := os.ReadFile("testdata/ferry.html")
	if err != nil {
		t.Fatal(err)
	}
	a, err := HTML(data, "")
	if err != nil || a.URL != "https://gazette.example/news/night-ferry" {
		t.Errorf("URL = %q, %v", a.URL, err)
	}
}

func TestHTMLDecodesDeclaredCharset(t *testing.T) {
	data, err := os.ReadFile("testdata/ferry.html")
	if err != nil {
		t.Fatal(err)
	}
	page := strings.Replace(string(data), `<meta charset="utf-8">`, `<meta charset="iso-8859-1">`, 1)
	page = strings.Replace(page, "Mayor Ines Okafor", "Mayor In\xe8s Okafor", 1)
	page = strings.ReplaceAll(page, "🚢🌙✊", "")
	a, err := HTML([]byte(page), "")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Body, "Mayor Inès Okafor") {
		t.Errorf("body not decoded from Latin-1:\n%s", a.Body)
	}
}

func TestHTMLRefusesBadInput(t *testing.T) {
	deep := strings.Repeat("<div>", 200_000) + "text" + strings.Repeat("</div>", 200_000)
	wide := strings.Repeat("<p>"+para+"</p>\n", 10_000)
	tests := []struct {
		name string
		page string
		code string
		msg  string
	}{
		{"nested 200,000 deep", deep, storyline.EINVALID, "HTML nested deeper than 512 levels"},
		{"nested just too deep", strings.Repeat("<section>", MaxDepth+1), storyline.EINVALID, "HTML nested deeper than 512 levels"},
		{"10,000 paragraphs", wide, storyline.ETOOLARGE, "page has too many paragraphs to extract (10000, 1.1 MiB of text)"},
		{"empty", "  \n", storyline.EINVALID, "empty document"},
		{"binary", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", storyline.EINVALID, "binary data, not text"},
		{"invalid UTF-8 without a charset", "<p>Caf\xe9</p>", storyline.EINVALID, "invalid UTF-8 at byte offset 6"},
		{"no article", "<html><head><title>Gallery</title></head><body><img src=x></body></html>", storyline.EINVALID, "no article text found in the page"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			_, err := HTML([]byte(tt.page), "")
			if storyline.ErrorCode(err) != tt.code || storyline.ErrorMessage(err) != tt.msg {
				t.Errorf("err = %v (%s), want %q", err, storyline.ErrorCode(err), tt.msg)
			}
			if took := time.Since(start); took > time.Second {
				t.Errorf("took %v to refuse", took)
			}
		})
	}
}

func TestCheckPage(t *testing.T) {
	tests := []struct {
		name string
		page string
		ok   bool
	}{
		{"unclosed paragraphs close each other", strings.Repeat("<p>para", 2000), true},
		{"unclosed list items close each other", "<ul>" + strings.Repeat("<li>item", 2000) + "</ul>", true},
		{"void elements do not nest", strings.Repeat("<br><img src=x>", 2000), true},
		{"closed divs", strings.Repeat("<div>a</div>", 2000), true},
		{"script text is not markup", "<script>" + strings.Repeat("<div>", 2000) + "</script>", true},
		{"unclosed divs", strings.Repeat("<div>", MaxDepth+1), false},
		{"unclosed formatting", strings.Repeat("<b><i>", MaxDepth), false},
	}
	for _, tt := range tests {
		if err := checkPage(tt.page); (err == nil) != tt.ok {
			t.Errorf("%s: checkPage = %v", tt.name, err)
		}
	}
}

func BenchmarkHTML(b *testing.B) {
	data, err := os.ReadFile("testdata/ferry.html")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := HTML(data, "https://gazette.example/news/night-ferry"); err != nil {
			b.Fatal(err)
		}
	}
}
