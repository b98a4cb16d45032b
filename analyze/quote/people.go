package quote

import (
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/analyze"
)

// entity is one person of the text, with the fullest name it is given, its
// gender when something tells it, and the role words around its mentions
// ("foreign", "minister"), so that "the minister said" can find it.
type entity struct {
	name   string
	words  []string // lower-cased name words, titles dropped
	gender byte     // 'm', 'f' or 0
	votes  [2]int   // pronoun evidence: he, she
	roles  map[string]bool
	// decided is set once the gender has been weighed.
	decided bool
	// sure is true when the entity is surely a person: a tagger found it,
	// or a title, a known first name or a reporting clause names it.
	sure bool
	// first is the rune offset of its first mention.
	first int
	// starts are the sorted rune offsets of the mentions cast assigned to
	// it so far.
	starts []int
}

// person is one mention of an entity: [start, end) in runes.
type person struct {
	start, end int
	ent        *entity
}

// nameWords splits a mention into its name words, dropping titles in front
// ("Sen. Ted Cruz" → Ted Cruz) and a possessive at the end. The titles are
// returned apart, lower-cased.
func nameWords(s string) (words, title []string) {
	f := strings.Fields(s)
	cut := 0 // after the last title: "New Jersey Gov. Chris Christie" → Chris Christie
	for i := 0; i < len(f)-1; i++ {
		if titles[strings.ToLower(f[i])] {
			cut = i + 1
		}
	}
	for _, w := range f[:cut] {
		if w = strings.ToLower(strings.TrimSuffix(w, ".")); titles[w] || titles[w+"."] {
			title = append(title, w)
		}
	}
	f = f[cut:]
	if n := len(f); n > 0 {
		f[n-1] = strings.TrimSuffix(strings.TrimSuffix(f[n-1], "'s"), "’s")
	}
	return f, title
}

// cast groups person mentions into entities. A mention joins the entity of
// the nearest earlier mention that it is part of ("Petro" after "Gustavo
// Petro", "Mr. Cruz" after "Ted Cruz"), or of the first later one; the
// entity's name is its longest form.
func cast(d *doc, mentions []storyline.Mention, tagged bool) []person {
	sort.SliceStable(mentions, func(i, j int) bool { return mentions[i].Start < mentions[j].Start })
	type item struct {
		m     storyline.Mention
		words []string
		title []string
	}
	items := make([]item, 0, len(mentions))
	for _, m := range mentions {
		if m.Type != storyline.Person || m.End <= m.Start {
			continue
		}
		w, t := nameWords(m.Text)
		if len(w) == 0 {
			continue
		}
		items = append(items, item{m, w, t})
	}
	var ents []*entity
	byWord := make(map[string][]*entity, len(items)) // entities by the first and last word of their name
	// find returns the entity the name is a form of: the one named nearest
	// before at, else the first named after it.
	find := func(words []string, at int) *entity {
		var best, first *entity
		bestAt, firstAt := -1, -1
		for _, e := range byWord[words[len(words)-1]] {
			if !partOf(words, e.words) {
				continue
			}
			ss := e.starts
			k := sort.SearchInts(ss, at+1) // ss[:k] <= at < ss[k:]
			if k > 0 && ss[k-1] > bestAt {
				best, bestAt = e, ss[k-1]
			}
			if k < len(ss) && (firstAt < 0 || ss[k] < firstAt) {
				first, firstAt = e, ss[k]
			}
		}
		if best == nil {
			return first
		}
		return best
	}
	// Full names first, so that a bare surname finds its person even when
	// it comes before the full name.
	order := make([]int, len(items))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return len(items[order[a]].words) > len(items[order[b]].words) })
	owner := make([]*entity, len(items))
	for _, i := range order {
		it := items[i]
		lw := lowerAll(it.words)
		e := find(lw, it.m.Start)
		if e == nil {
			e = &entity{name: strings.Join(it.words, " "), words: lw, roles: map[string]bool{}}
			ents = append(ents, e)
			byWord[lw[0]] = append(byWord[lw[0]], e)
			if n := len(lw); n > 1 && lw[n-1] != lw[0] {
				byWord[lw[n-1]] = append(byWord[lw[n-1]], e)
			}
		}
		owner[i] = e
		k := sort.SearchInts(e.starts, it.m.Start)
		e.starts = slices.Insert(e.starts, k, it.m.Start)
	}
	people := make([]person, len(items))
	for i, it := range items {
		e := owner[i]
		for _, t := range it.title {
			e.roles[t] = true
			if g := honorificGender[t]; g != 0 {
				e.gender = g
			}
		}
		people[i] = person{start: it.m.Start, end: it.m.End, ent: e}
		if tagged || len(it.title) > 0 || len(e.words) > 1 && (maleNames[e.words[0]] || femaleNames[e.words[0]]) {
			e.sure = true
		}
	}
	d.people = people
	d.byWord = make(map[string][]*entity, 2*len(ents))
	for _, e := range ents {
		e.first = -1
	}
	for _, p := range people {
		e := p.ent
		if e.first >= 0 {
			continue
		}
		e.first = p.start
		d.byWord[e.words[0]] = append(d.byWord[e.words[0]], e)
		if n := len(e.words); n > 1 {
			d.byWord[e.words[n-1]] = append(d.byWord[e.words[n-1]], e)
		}
	}
	d.learnRoles()
	d.learnGender()
	return people
}

// partOf reports whether a name (lower-cased words) is a shorter form of the
// full name: the same last word ("Petro" of "Gustavo Petro"), or a first
// name alone ("Hillary" of "Hillary Clinton").
func partOf(short, full []string) bool {
	if len(short) > len(full) {
		return false
	}
	if len(short) == 1 {
		return short[0] == full[len(full)-1] || short[0] == full[0]
	}
	// Several words: the same last word, and the others in order ("Paul
	// Ryan" of "Paul D. Ryan", not "Eric Trump" of "Donald Trump").
	if short[len(short)-1] != full[len(full)-1] {
		return false
	}
	k := 0
	for _, w := range full {
		if k < len(short) && w == short[k] {
			k++
		}
	}
	return k == len(short)
}

func lowerAll(ws []string) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = strings.ToLower(w)
	}
	return out
}

// learnRoles records the common nouns said of each person: the words of an
// appositive after a mention ("Ana Ruiz, the foreign minister,", up to a
// preposition: "a spokesman for the party" gives spokesman) and the
// lower-case words just before it ("the foreign minister Ana Ruiz").
func (d *doc) learnRoles() {
	for _, p := range d.people {
		i := d.tokAfter(p.end)
		if i+1 < len(d.toks) && d.toks[i].Text == "," && determiners[d.low(i+1)] {
			for k := i + 2; k < len(d.toks) && k < i+10; k++ {
				t := d.toks[k]
				if t.Kind == analyze.Punct || t.Kind == analyze.Space || prepositions[d.low(k)] {
					break
				}
				p.ent.roles[d.low(k)] = true
			}
		}
		j := d.tokAfter(p.start) - 1
		for k := j; k >= 0 && k > j-4; k-- {
			if d.toks[k].Kind != analyze.Word || determiners[d.low(k)] {
				break
			}
			p.ent.roles[d.low(k)] = true
		}
	}
}

// learnGender counts, for each mention, the first he/his/him or she/her that
// follows it in the same or the next sentence before any other person is
// named, and gives an entity without a courtesy title the majority, a
// known first name counting as two pronouns.
func (d *doc) learnGender() {
	for n, p := range d.people {
		if d.afterPreposition(p.start) {
			continue // "lived in Eastbrook. She …" says nothing of Eastbrook
		}
		limit := len(d.toks)
		if n+1 < len(d.people) {
			limit = d.tokAfter(d.people[n+1].start)
		}
		stops := 0
		for k := d.tokAfter(p.end); k < limit; k++ {
			t := d.toks[k]
			if t.Kind == analyze.Punct && isTerminal(t.Text) {
				if stops++; stops == 2 {
					break
				}
				continue
			}
			if t.Kind != analyze.Word || d.quoted(t.Start) {
				continue // in a quotation, "she" may be a boat and "he" anyone
			}
			switch d.low(k) {
			case "he", "his", "him", "himself":
				p.ent.votes[0]++
			case "she", "her", "hers", "herself":
				p.ent.votes[1]++
			default:
				continue
			}
			break
		}
	}
	for _, p := range d.people {
		e := p.ent
		if e.gender != 0 || e.decided {
			continue
		}
		e.decided = true
		he, she := e.votes[0], e.votes[1]
		if len(e.words) > 1 { // a known first name weighs two pronouns
			if maleNames[e.words[0]] {
				he += 2
			}
			if femaleNames[e.words[0]] {
				she += 2
			}
		}
		switch {
		case he > she:
			e.gender = 'm'
		case she > he:
			e.gender = 'f'
		}
	}
}

// quoted reports whether rune offset pos lies inside a quotation.
func (d *doc) quoted(pos int) bool {
	i := sort.Search(len(d.segs), func(i int) bool { return d.segs[i].start > pos }) - 1
	return i >= 0 && pos < d.segs[i].end
}

// afterPreposition reports whether the word before rune offset pos is a
// preposition: a name there is rarely the subject a pronoun refers to.
func (d *doc) afterPreposition(pos int) bool {
	i := d.tokAfter(pos) - 1
	return i >= 0 && prepositions[d.low(i)]
}

var prepositions = wordSet(`in at from to of on for with by into onto near across toward towards
	about against between under over through`)

func isTerminal(s string) bool {
	switch s {
	case ".", "!", "?", "...", "…", "!!", "??", "?!":
		return true
	}
	return false
}

// guessPeople finds person names without a tagger: runs of capitalised
// words that a title introduces ("Sen. Warren", "President Petro") or that
// have two or more words and no organisation or place word ("Ana Ruiz"),
// and later single words that repeat a part of one ("Ruiz").
func guessPeople(d *doc) []storyline.Mention {
	var out []storyline.Mention
	known := map[string]bool{}
	type run struct{ a, b int }
	var singles []run
	for i := 0; i < len(d.toks); {
		a, b := d.capRun(i)
		if b == a {
			i++
			continue
		}
		i = b
		r, ok := d.nameRef(a, b)
		if !ok {
			continue
		}
		a, b = r.a, r.b
		words, title := nameWords(d.span(d.toks[a].Start, d.toks[b-1].End))
		if len(words) == 0 || hasOrgWord(words) {
			continue
		}
		if len(title) == 0 && len(words) == 1 {
			singles = append(singles, run{a, b})
			continue
		}
		if len(words) > 4 || (len(title) == 0 && !looksLikeName(words)) {
			continue
		}
		for _, w := range words {
			known[strings.ToLower(w)] = true
		}
		out = append(out, storyline.Mention{Text: d.span(d.toks[a].Start, d.toks[b-1].End), Type: storyline.Person, Start: d.toks[a].Start, End: d.toks[b-1].End})
	}
	for _, s := range singles {
		t := d.toks[s.a].Text
		w := strings.ToLower(t)
		if known[w] && !titles[w] && strings.ToUpper(t) != t { // not "DNC"
			out = append(out, storyline.Mention{Text: d.toks[s.a].Text, Type: storyline.Person, Start: d.toks[s.a].Start, End: d.toks[s.a].End})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out
}

// looksLikeName rejects capitalised runs that are headline words rather than
// a name: every word must start upper-case and not be all capitals.
func looksLikeName(words []string) bool {
	for _, w := range words {
		rs := []rune(w)
		if len(rs) > 1 && !unicode.IsUpper(rs[0]) && !particles[strings.ToLower(w)] {
			return false
		}
		if len(rs) > 3 && strings.ToUpper(w) == w {
			return false
		}
	}
	return true
}

func hasOrgWord(words []string) bool {
	for _, w := range words {
		if orgWords[strings.ToLower(w)] {
			return true
		}
	}
	return false
}
