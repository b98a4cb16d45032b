package extract

import (
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/storyline-news/storyline"
)

func TestCleanFixture(t *testing.T) {
	data, err := os.ReadFile("testdata/ferry.txt")
	if err != nil {
		t.Fatal(err)
	}
	_, rest := splitTitle(string(data))
	body, parts := Clean(rest)
	wantBody := []string{
		"The Port Alder city council voted on Tuesday",
		"Mayor Ines Okafor told the chamber:",
		"The vote passed seven to four.",
		"Residents of Gull Island, many of whom",
		"The residents' group said it would collect signatures",
		"The council will publish the new timetable",
	}
	paras := strings.Split(body, "\n\n")
	if len(paras) != len(wantBody) {
		t.Fatalf("body has %d paragraphs, want %d:\n%s", len(paras), len(wantBody), body)
	}
	for i, p := range paras {
		if !strings.HasPrefix(p, wantBody[i]) {
			t.Errorf("paragraph %d = %q, want it to start %q", i, p, wantBody[i])
		}
	}
	want := []storyline.Part{
		{Kind: storyline.PartBoilerplate, Text: "Share on Facebook\nShare on Twitter", Index: 2},
		{Kind: storyline.PartSubheading, Text: "Anger on the island", Index: 3},
		{Kind: storyline.PartEmbeddedPost, Text: "Last boat ever? Not on our watch 🚢🌙✊\n" +
			"— Gull Island Residents (@GullIslandVoice) March 4, 2025\n" +
			"Meeting at the harbour hall tonight, everyone welcome:\n" +
			"Bring your tickets and your neighbours pic.twitter.com/AbCdEf1234",
			Author: "@GullIslandVoice", Posted: "March 4, 2025", Index: 4},
		{Kind: storyline.PartCaption, Text: "Photo: The night ferry at the Gull Island pier. (Harbour Gazette/Jo Lind)", Index: 5},
		{Kind: storyline.PartBoilerplate, Text: "READ MORE: Council approves new harbour budget", Index: 5},
		{Kind: storyline.PartSubheading, Text: "What happens next", Index: 5},
		{Kind: storyline.PartBoilerplate, Text: "Sign up for our morning newsletter to get the day's top stories in your inbox.", Index: 6},
	}
	if !reflect.DeepEqual(parts, want) {
		t.Errorf("parts:\n got %+v\nwant %+v", parts, want)
	}
}

// para is a paragraph of reporting for the test cases.
const para = "The harbour master said on Monday that the storm had damaged three piers and that repairs would take most of the winter."

func TestClean(t *testing.T) {
	tests := []struct {
		name     string
		text     string
		body     []string // the body's paragraphs
		kinds    []storyline.PartKind
		author   string // of the first part
		posted   string
		partText string // of the first part, when checked
	}{
		{name: "plain paragraphs stay", text: para + "\n\n" + para, body: []string{para, para}},
		{name: "attribution takes the line above",
			text:  para + "\nThe pier is gone. Stay safe everyone\n— Port Watch (@port_watch) 3 March 2025\n" + para,
			body:  []string{para, para},
			kinds: []storyline.PartKind{storyline.PartEmbeddedPost}, author: "@port_watch", posted: "3 March 2025",
			partText: "The pier is gone. Stay safe everyone\n— Port Watch (@port_watch) 3 March 2025"},
		{name: "bare post link takes the line above",
			text:  para + "\nWaves over the sea wall this morning\npic.twitter.com/ZyXw987\n" + para,
			body:  []string{para, para},
			kinds: []storyline.PartKind{storyline.PartEmbeddedPost}},
		{name: "status link in text", text: para + "\nLook at this https://x.com/someone/status/12345 wow\n" + para,
			body: []string{para, para}, kinds: []storyline.PartKind{storyline.PartEmbeddedPost}},
		{name: "instagram attribution",
			text:  para + "\nA post shared by Sea Views (@seaviews.daily) on Mar 3, 2025 at 9:15am PST\n" + para,
			body:  []string{para},
			kinds: []storyline.PartKind{storyline.PartEmbeddedPost}, author: "@seaviews.daily", posted: "Mar 3, 2025 at 9:15am PST"},
		{name: "emoji line", text: para + "\n🌊🌊🌊\n" + para, body: []string{para, para},
			kinds: []storyline.PartKind{storyline.PartEmbeddedPost}},
		{name: "one emoji in reporting stays", text: para + "\nThe council's post, signed with a single 👍, drew 300 replies.",
			body: []string{para, "The council's post, signed with a single 👍, drew 300 replies."}},
		{name: "handles and hashtags in reporting stay",
			text: "The mayor wrote on X as @mayor_alder that the #PortAlder tag had trended all day.\n" + para,
			body: []string{"The mayor wrote on X as @mayor_alder that the #PortAlder tag had trended all day.", para}},
		{name: "share buttons", text: para + "\nFacebook Twitter WhatsApp Email\nShare this article\n" + para,
			body: []string{para, para}, kinds: []storyline.PartKind{storyline.PartBoilerplate}},
		{name: "related list", text: para + "\nRelated stories\nStorm closes coastal road\nFerry timetable changes\n" + para,
			body: []string{para, para}, kinds: []storyline.PartKind{storyline.PartBoilerplate},
			partText: "Related stories\nStorm closes coastal road\nFerry timetable changes"},
		{name: "read more, click here, cookies, advertisement",
			text: para + "\nRead more: Storm closes coastal road\nClick here to see the full gallery\n" +
				"We use cookies to improve your experience.\nADVERTISEMENT\n" + para,
			body: []string{para, para}, kinds: []storyline.PartKind{storyline.PartBoilerplate}},
		{name: "byline and date line", text: "By Jo Lind\nMarch 4, 2025 18:30\n" + para,
			body: []string{para}, kinds: []storyline.PartKind{storyline.PartBoilerplate}},
		{name: "captions", text: para + "\nWaves break over the pier on Monday. (AP Photo/Jane Roe)\nImage: Port Alder council\n" + para,
			body: []string{para, para}, kinds: []storyline.PartKind{storyline.PartCaption}},
		{name: "brand names and broken encodings are reporting",
			text: "Polls show a lead of three points on RealClearPolitics, four on FiveThirtyEight and two on HuffPollster, a caf\u00c3\u00a9 owner said.",
			body: []string{"Polls show a lead of three points on RealClearPolitics, four on FiveThirtyEight and two on HuffPollster, a caf\u00c3\u00a9 owner said."}},
		{name: "links run together", text: para + "\nTen Facts About MarsThe Biggest StarsWhy Moons DriftWhere Comets Go\n" + para,
			body: []string{para, para}, kinds: []storyline.PartKind{storyline.PartBoilerplate}},
		{name: "copyright", text: para + "\n\u00a9 2025 Harbour Gazette. All rights reserved.",
			body: []string{para}, kinds: []storyline.PartKind{storyline.PartBoilerplate}},
		{name: "sub-heading between paragraphs", text: para + "\nRepairs will take months\n" + para,
			body: []string{para, para}, kinds: []storyline.PartKind{storyline.PartSubheading}},
		{name: "short line ending a text stays", text: para + "\nEnds", body: []string{para, "Ends"}},
		{name: "line introducing a quote stays", text: para + "\nThe harbour master said:\n" + para,
			body: []string{para, "The harbour master said:", para}},
		{name: "list items are not sub-headings", text: para + "\n• Pier one\n• Pier two\n" + para,
			body: []string{para, "• Pier one", "• Pier two", para}},
		{name: "table rows are not sub-headings", text: para + "\nPier | Damage\n" + para,
			body: []string{para, "Pier | Damage", para}},
		{name: "hard-wrapped text is rejoined",
			text: "The harbour master said on Monday that the storm had damaged\nthree piers and that repairs would take most of the winter,\nand that ferries would run from the north quay meanwhile.\n\n" +
				"Fishermen said they had not seen such waves in thirty years\nand that several boats had broken their moorings overnight.",
			body: []string{
				"The harbour master said on Monday that the storm had damaged three piers and that repairs would take most of the winter, and that ferries would run from the north quay meanwhile.",
				"Fishermen said they had not seen such waves in thirty years and that several boats had broken their moorings overnight."}},
		{name: "CRLF line ends", text: para + "\r\n\r\n" + para + "\r\n", body: []string{para, para}},
		{name: "empty", text: "  \n \n", body: nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body, parts := Clean(tt.text)
			var paras []string
			if body != "" {
				paras = strings.Split(body, "\n\n")
			}
			if !reflect.DeepEqual(paras, tt.body) {
				t.Errorf("body:\n got %q\nwant %q", paras, tt.body)
			}
			var kinds []storyline.PartKind
			for _, p := range parts {
				kinds = append(kinds, p.Kind)
			}
			if !reflect.DeepEqual(kinds, tt.kinds) {
				t.Fatalf("part kinds = %v, want %v (parts %+v)", kinds, tt.kinds, parts)
			}
			if len(parts) == 0 {
				return
			}
			if p := parts[0]; p.Author != tt.author || p.Posted != tt.posted {
				t.Errorf("author, posted = %q, %q, want %q, %q", p.Author, p.Posted, tt.author, tt.posted)
			}
			if tt.partText != "" && parts[0].Text != tt.partText {
				t.Errorf("part text = %q, want %q", parts[0].Text, tt.partText)
			}
		})
	}
}

func TestDropTitle(t *testing.T) {
	tests := []struct{ text, title, want string }{
		{"Ferry ends\n" + para, "Ferry ends", para},
		{"Ferry ends\n" + para, "Ferry ends | Harbour Gazette", para},
		{"Home > News\nFerry ends\n" + para, "Ferry ends", para},
		{para, "Ferry ends", para},
		{"Ferry\n" + para, "Ferry ends on Gull Island after sixty years", "Ferry\n" + para},
	}
	for _, tt := range tests {
		if got := dropTitle(tt.text, tt.title); got != tt.want {
			t.Errorf("dropTitle(%q, %q) = %q, want %q", tt.text, tt.title, got, tt.want)
		}
	}
}

func BenchmarkClean(b *testing.B) {
	data, err := os.ReadFile("testdata/ferry.txt")
	if err != nil {
		b.Fatal(err)
	}
	text := strings.Repeat(string(data), 20) // about 30 KB, a long report
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Clean(text)
	}
}

func TestCleanKeepsTextThatIsAllSuspicious(t *testing.T) {
	// A lower-cased snippet with a notice run into it, as feed aggregators
	// produce: it is the only text there is, so it stays.
	text := "harbour ferry strike enters third day union leader say talk stalled photographer copyright coastline wire right reserved material published broadcast rewritten redistributed"
	body, _ := Clean(text)
	if body != text {
		t.Errorf("Clean dropped the only text: body %q", body)
	}
}
