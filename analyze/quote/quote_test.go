package quote

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"unicode"

	"github.com/storyline-news/storyline"
)

// want is one expected quote: its text, and the speaker's name and the
// words of the text that name them ("" for no speaker).
type want struct {
	text, name, mention string
}

func TestFind(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []want
	}{
		{"curly, X said",
			"“We will not back down,” Foreign Minister Ana Ruiz said on Tuesday.",
			[]want{{"We will not back down", "Ana Ruiz", "Foreign Minister Ana Ruiz"}}},
		{"straight, said X with appositive",
			`"The port is closed until further notice," said Tomas Lindqvist, a harbour official.`,
			[]want{{"The port is closed until further notice", "Tomas Lindqvist", "Tomas Lindqvist"}}},
		{"said a role, then the name",
			`"Every contract must be published," said its director, Esi Quaye.`,
			[]want{{"Every contract must be published", "Esi Quaye", "Esi Quaye"}}},
		{"said a role, then the full name and more",
			`"We will keep asking," said the group's spokesman, Kofi Addo, on Tuesday.`,
			[]want{{"We will keep asking", "Kofi Addo", "Kofi Addo"}}},
		{"a pronoun inside a quote says nothing of the speaker's gender",
			"Callum Ridland, 54, spoke outside the hospital.\n\n“We took a big sea and she went down in minutes,” he said.",
			[]want{{"We took a big sea and she went down in minutes", "Callum Ridland", "he"}}},
		{"single curly marks",
			"‘We were never told about the flooding,’ said Mary Okafor, who runs the bakery.",
			[]want{{"We were never told about the flooding", "Mary Okafor", "Mary Okafor"}}},
		{"guillemets, told reporters",
			"«We will stay until the very end», Jean Dupont told reporters in Lyon.",
			[]want{{"We will stay until the very end", "Jean Dupont", "Jean Dupont"}}},
		{"low-high German marks",
			"„The talks have failed again“, said Klaus Weber, the union chairman.",
			[]want{{"The talks have failed again", "Klaus Weber", "Klaus Weber"}}},
		{"wire double apostrophes",
			"''It was a very long night for all of us,'' Mr. Haddad said.",
			[]want{{"It was a very long night for all of us", "Haddad", "Mr. Haddad"}}},
		{"X, the ..., said",
			"“Nobody expected the river to rise this fast,” Lena Park, the mayor of Eastbrook, said.",
			[]want{{"Nobody expected the river to rise this fast", "Lena Park", "Lena Park"}}},
		{"according to X after the quote",
			"“The bridge will reopen in May,” according to Transport Secretary Hugo Silva.",
			[]want{{"The bridge will reopen in May", "Hugo Silva", "Transport Secretary Hugo Silva"}}},
		{"according to X before the quote",
			"According to Senator Lisa Brandt, “The vote will be very close this time.”",
			[]want{{"The vote will be very close this time.", "Lisa Brandt", "Senator Lisa Brandt"}}},
		{"told a crowd with a colon",
			"Mara Quillon told a crowd in Port Calder: “Close the bridge today. Open the ferry tomorrow!”",
			[]want{{"Close the bridge today. Open the ferry tomorrow!", "Mara Quillon", "Mara Quillon"}}},
		{"declared in a post",
			"Mara Quillon arrived in Port Calder. “Open the ferry tomorrow!” Quillon declared in a post on X.",
			[]want{{"Open the ferry tomorrow!", "Mara Quillon", "Quillon"}}},
		{"wrote with a colon",
			"In a letter to members, the union leader Carla Mendes wrote: “We have been patient for too long.”",
			[]want{{"We have been patient for too long.", "Carla Mendes", "Carla Mendes"}}},
		{"added",
			"Officials met on Monday. “It is not over yet,” Mr. Lindqvist added.",
			[]want{{"It is not over yet", "Lindqvist", "Mr. Lindqvist"}}},
		{"split by the attribution: one quote",
			"Ana Ruiz spoke first. “We are ready,” she said. “But the rain may still stop us.”",
			[]want{{"We are ready … But the rain may still stop us.", "Ana Ruiz", "she"}}},
		{"split by the attribution mid-sentence",
			`"If the dam holds," said Pavel Sova, "the valley will be dry by June."`,
			[]want{{"If the dam holds … the valley will be dry by June.", "Pavel Sova", "Pavel Sova"}}},
		{"split after a full stop, with words after the verb",
			"“Here comes the tide.” she said, pointing at the harbour wall. “All of it.”",
			[]want{{"Here comes the tide. … All of it.", "she", "she"}}},
		{"split by a clause with an appositive, lower-case second piece",
			"“This used to be a quiet town,” said Ines Moreau, the mayor of Valbonne, “but it is growing fast.”",
			[]want{{"This used to be a quiet town … but it is growing fast.", "Ines Moreau", "Ines Moreau"}}},
		{"an unclosed paragraph with its own clause does not swallow the next quotation",
			"“The ferries are full,” he said. “They will stay full until May\n\n“We need two more boats,” said Captain Rhys Arden.",
			[]want{{"The ferries are full … They will stay full until May", "he", "he"}, {"We need two more boats", "Rhys Arden", "Captain Rhys Arden"}}},
		{"a new sentence of indirect speech is no clause of the piece before",
			"“The ferry was late,” Ana Ruiz said. “It was full, too.” She said, twice, that she would complain.",
			[]want{{"The ferry was late … It was full, too.", "Ana Ruiz", "Ana Ruiz"}}},
		{"quipped",
			"The host came on last. A weary Noor Haddad quipped, “Nobody reads the footnotes anyway.”",
			[]want{{"Nobody reads the footnotes anyway.", "Noor Haddad", "Noor Haddad"}}},
		{"a sentence that opens with its verb",
			"Crowds gathered by the pier. Said Aurelio Vance, who grew up on the island, “We were all so proud of her.”",
			[]want{{"We were all so proud of her.", "Aurelio Vance", "Aurelio Vance"}}},
		{"admitted",
			"Tomas Lindqvist waited outside. “I was a little nervous,” he admitted.",
			[]want{{"I was a little nervous", "Tomas Lindqvist", "he"}}},
		{"split by a long clause",
			"“It is finished,” Marta Ilves said of the season, in which her team lost every away game. “In my head, anyway.”",
			[]want{{"It is finished … In my head, anyway.", "Marta Ilves", "Marta Ilves"}}},
		{"two speakers are two quotes",
			"“We will win,” said Mayor Jonas Berg. “You will not,” said Councillor Ada Frost.",
			[]want{{"We will win", "Jonas Berg", "Mayor Jonas Berg"}, {"You will not", "Ada Frost", "Councillor Ada Frost"}}},
		{"a second reporting clause is a second quote",
			"“We are ready,” Ana Ruiz said. “The rain may still stop us,” she added.",
			[]want{{"We are ready", "Ana Ruiz", "Ana Ruiz"}, {"The rain may still stop us", "Ana Ruiz", "she"}}},
		{"a piece without a clause after the writer's sentence goes on with the quotation",
			"“We are ready,” Ana Ruiz said. The crowd cheered for a long time. “The rain may still stop us.”",
			[]want{{"We are ready … The rain may still stop us.", "Ana Ruiz", "Ana Ruiz"}}},
		{"a piece with a clause of its own after the writer's sentence is a quote of its own",
			"“We are ready,” Ana Ruiz said. Mayor Jonas Berg disagreed. “The rain will stop you,” he said.",
			[]want{{"We are ready", "Ana Ruiz", "Ana Ruiz"}, {"The rain will stop you", "Jonas Berg", "he"}}},
		{"a new paragraph with a new speaker is a new quote",
			"“The port is closed,” said Tomas Lindqvist.\n\n“It will open on Monday,” said Eva Lund, the harbour master.",
			[]want{{"The port is closed", "Tomas Lindqvist", "Tomas Lindqvist"}, {"It will open on Monday", "Eva Lund", "Eva Lund"}}},
		{"pronoun by gender",
			"Ana Ruiz met Peter Hall in Geneva on Monday. “The border stays open for now,” he said.",
			[]want{{"The border stays open for now", "Peter Hall", "he"}}},
		{"pronoun by earlier pronoun",
			"Jordan Blake took the stage after Sam Ito. Blake said she was tired. “We have done enough talking,” she said.",
			[]want{{"We have done enough talking", "Jordan Blake", "she"}}},
		{"the minister said",
			"Foreign Minister Ana Ruiz arrived late. Reporters waited outside. “We have nothing to hide,” the minister said.",
			[]want{{"We have nothing to hide", "Ana Ruiz", "the minister"}}},
		{"fullest name",
			"Gustavo Petro addressed the assembly on Tuesday.\n\n“We are not afraid of anyone,” Petro said.",
			[]want{{"We are not afraid of anyone", "Gustavo Petro", "Petro"}}},
		{"unattributed paragraph continues the quotation",
			"“We will rebuild every house,” said Mayor Jonas Berg.\n\n“Every family will get help before the winter comes.”",
			[]want{{"We will rebuild every house … Every family will get help before the winter comes.", "Jonas Berg", "Mayor Jonas Berg"}}},
		{"a paragraph with a clause of its own is a quote of its own",
			"“We will rebuild every house,” said Mayor Jonas Berg.\n\n“Every family will get help,” he added.",
			[]want{{"We will rebuild every house", "Jonas Berg", "Mayor Jonas Berg"}, {"Every family will get help", "Jonas Berg", "he"}}},
		{"multi-paragraph quote without a closing mark",
			"“The first thing we must do is count the damage in every village.\n\n“Then we rebuild, street by street,” said Governor Ines Tavares.",
			[]want{{"The first thing we must do is count the damage in every village. Then we rebuild, street by street", "Ines Tavares", "Governor Ines Tavares"}}},
		{"short quote with a reporting clause",
			"Asked whether he would resign, Mr. Osei paused. “Absolutely not,” he said.",
			[]want{{"Absolutely not", "Osei", "he"}}},
		{"signature after a dash",
			"“The debate changed nothing for me.” ― Rosa Delgado, a voter in Tucson",
			[]want{{"The debate changed nothing for me.", "Rosa Delgado", "Rosa Delgado"}}},
		{"nested quotation stays inside its host",
			"“He looked at me and said, ‘Go home,’ and then he left,” Nadia Haddad recalled.",
			[]want{{"He looked at me and said, ‘Go home,’ and then he left", "Nadia Haddad", "Nadia Haddad"}}},
		{"wire style with an inner single quote",
			"''They kept chanting 'Lock the gates,' all night,'' said Officer Dan Reyes.",
			[]want{{"They kept chanting 'Lock the gates,' all night", "Dan Reyes", "Officer Dan Reyes"}}},
		{"curly and straight marks mixed in one quote",
			"“I fundamentally disagree with the ruling,\" said retired Gen. Mark Ellis.",
			[]want{{"I fundamentally disagree with the ruling", "Mark Ellis", "Gen. Mark Ellis"}}},
		{"X, who ..., said before the quote",
			"Maria Lopez, who chairs the committee, said: “We will hold hearings in March.”",
			[]want{{"We will hold hearings in March.", "Maria Lopez", "Maria Lopez"}}},
		{"participle after the speaker",
			"On Friday, Senator Lisa Brandt posted a video, saying: “The vote is on Monday.”",
			[]want{{"The vote is on Monday.", "Lisa Brandt", "Senator Lisa Brandt"}}},
		{"title of a book even with a reporting clause",
			"In his 2002 book, “Make Your Own Luck,” Mr. Osei argued for lower taxes.",
			nil},
		{"a heading in quotation marks is not a quote",
			"The council met again.\n\n“Coal Is Not The Enemy.”\n\nThe mine reopened in May.",
			nil},
		{"scare quotes are not quotes",
			"Officials called the plan “reckless” and said the budget was “a fantasy”.",
			nil},
		{"titles are not quotes",
			"She starred in the film “The Long Road Home” and the series “Night Shift” last year.",
			nil},
		{"nicknames are not quotes",
			"Donald “The Donald” Trump arrived late for the rally.",
			nil},
		{"partial quotes woven into the writer's sentence are not direct quotes",
			"The minister said that the plan was “a necessary step for the whole region”.",
			nil},
		{"apostrophes are not quotes",
			"The Clintons' foundation and Petro's office didn't comment on the '90s deal.",
			nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Find(tt.in, nil)
			check(t, tt.in, got, tt.want)
		})
	}
}

// check compares found quotes with the expected ones and checks that every
// offset is a rune offset into in.
func check(t *testing.T, in string, got []storyline.QuoteSpan, want []want) {
	t.Helper()
	r := []rune(in)
	if len(got) != len(want) {
		t.Fatalf("Find(%q) gave %d quotes, want %d: %+v", in, len(got), len(want), got)
	}
	for i, q := range got {
		if err := spansOK(r, q); err != "" {
			t.Errorf("quote %d: %s", i, err)
		}
		if q.Text != want[i].text {
			t.Errorf("quote %d = %q, want %q", i, q.Text, want[i].text)
		}
		if want[i].name == "" {
			if q.Speaker != nil {
				t.Errorf("quote %d: speaker %+v, want none", i, *q.Speaker)
			}
			continue
		}
		if q.Speaker == nil {
			t.Errorf("quote %d %q: no speaker, want %q", i, q.Text, want[i].name)
			continue
		}
		if q.Speaker.Name != want[i].name {
			t.Errorf("quote %d: speaker %q, want %q", i, q.Speaker.Name, want[i].name)
		}
		if m := string(r[q.Speaker.Start:q.Speaker.End]); m != want[i].mention {
			t.Errorf("quote %d: speaker mention %q, want %q", i, m, want[i].mention)
		}
	}
}

// spansOK checks a quote's pieces against the text r: in order, inside
// [Start, End) and covering its ends, each opening with its quotation mark;
// and its Text their words, joined by a space or storyline.PieceBreak. It
// returns what is wrong, or "".
func spansOK(r []rune, q storyline.QuoteSpan) string {
	if len(q.Spans) == 0 || q.Spans[0][0] != q.Start || q.Spans[len(q.Spans)-1][1] != q.End {
		return fmt.Sprintf("spans %v do not cover [%d,%d)", q.Spans, q.Start, q.End)
	}
	rest := q.Text
	for k, sp := range q.Spans {
		if sp[0] >= sp[1] || k > 0 && sp[0] < q.Spans[k-1][1] || sp[1] > len(r) {
			return fmt.Sprintf("bad spans %v", q.Spans)
		}
		if !isQuoteRune(r[sp[0]]) {
			return fmt.Sprintf("span %v opens with %q, not a quotation mark", sp, r[sp[0]])
		}
		if k > 0 {
			var ok bool
			if rest, ok = strings.CutPrefix(rest, storyline.PieceBreak); !ok {
				if rest, ok = strings.CutPrefix(rest, " "); !ok {
					return fmt.Sprintf("text %q: pieces not joined by a space or a piece break", q.Text)
				}
			}
		}
		var ok bool
		// An unclosed piece may end with a quote rune of its own words.
		if rest, ok = strings.CutPrefix(rest, words(r[sp[0]:sp[1]], false)); !ok {
			if rest, ok = strings.CutPrefix(rest, words(r[sp[0]:sp[1]], true)); !ok {
				return fmt.Sprintf("text %q does not read the words of %v: %q", q.Text, sp, words(r[sp[0]:sp[1]], true))
			}
		}
	}
	if rest != "" {
		return fmt.Sprintf("text %q has more than its pieces", q.Text)
	}
	return ""
}

// words returns a quoted piece without its marks: the opening mark and
// spaces, and, when closed, the closing mark (a run of one glyph), spaces
// and a comma.
func words(p []rune, closed bool) string {
	a, b := 0, len(p)
	for a < b && (isQuoteRune(p[a]) && p[a] == p[0] || unicode.IsSpace(p[a])) {
		a++
	}
	if c := p[b-1]; closed && isQuoteRune(c) {
		for b > a && p[b-1] == c {
			b--
		}
	}
	for b > a && (unicode.IsSpace(p[b-1]) || p[b-1] == ',') {
		b--
	}
	return string(p[a:b])
}

// TestFindWithMentions uses mentions a tagger gave: the speaker is named
// after the fullest mention of the person, and offsets count runes even
// after accented letters.
func TestFindWithMentions(t *testing.T) {
	in := "In Bogotá, President Gustavo Petro met Nicolás Maduro. “Colombia will not be silent,” Petro said."
	people := mentions(in, "Gustavo Petro", "Nicolás Maduro", "Petro")
	got := Find(in, people)
	check(t, in, got, []want{{"Colombia will not be silent", "Gustavo Petro", "Petro"}})
}

// mentions returns PERSON mentions of the given names, each at its first
// occurrence after the previous one, with rune offsets.
func mentions(text string, names ...string) []storyline.Mention {
	var out []storyline.Mention
	from := 0
	for _, n := range names {
		i := strings.Index(text[from:], n) + from
		start := len([]rune(text[:i]))
		out = append(out, storyline.Mention{Text: n, Type: storyline.Person, Start: start, End: start + len([]rune(n))})
		from = i + len(n)
	}
	return out
}

func TestFindEmpty(t *testing.T) {
	for _, in := range []string{"", "No quotes here.", "“", "”", "\"\"", "He said: “"} {
		for _, q := range Find(in, nil) {
			if q.End <= q.Start {
				t.Errorf("Find(%q) gave an empty quote %+v", in, q)
			}
		}
	}
}

// TestFindPathological runs Find on long degenerate inputs: runs of marks,
// capitals, initials and quotes without paragraphs, which once took
// quadratic time.
func TestFindPathological(t *testing.T) {
	for _, in := range []string{
		strings.Repeat("'", 20000),
		strings.Repeat("“a ", 10000),
		strings.Repeat("Ab Cd said, “x y z w” ", 2000),
		strings.Repeat("A. ", 10000),
		strings.Repeat("“a b c d,” Ab, ", 4000),
		strings.Repeat("“a\n", 10000),
	} {
		Find(in, nil)
	}
}

func BenchmarkFind(b *testing.B) {
	text, err := os.ReadFile("testdata/article.txt")
	if err != nil {
		b.Fatal(err)
	}
	s := string(text)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		Find(s, nil)
	}
}

// FuzzFind checks that any text gives quotes whose offsets are rune offsets
// of the text, in order, with speakers inside the text.
func FuzzFind(f *testing.F) {
	for _, s := range []string{"“A,” he said. “B”", "''x'' '' \"y", "„a“ «b» ‘c’", "He said: “\n\n“x", "” … y”"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		r := []rune(in)
		last := -1
		for _, q := range Find(in, nil) {
			if q.Start < 0 || q.End > len(r) || q.Start >= q.End || q.Start < last {
				t.Fatalf("Find(%q): bad span %+v", in, q)
			}
			last = q.Start
			if err := spansOK(r, q); err != "" {
				t.Fatalf("Find(%q): %s", in, err)
			}
			if sp := q.Speaker; sp != nil && (sp.Start < 0 || sp.End > len(r) || sp.Start >= sp.End) {
				t.Fatalf("Find(%q): bad speaker %+v", in, *sp)
			}
		}
	})
}
