package document

import (
	"bytes"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/analyze"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// NameKey is the comparable form of a name: lower case, without accents,
// dots, possessive endings or a leading "the".
func NameKey(name string) string {
	s := strings.TrimSpace(name)
	if analyze.IsASCII(s) {
		return asciiNameKey(s)
	}
	s = strings.ToLower(s)
	s = strings.TrimPrefix(s, "the ")
	s = strings.TrimSuffix(strings.TrimSuffix(s, "'s"), "’s")
	s = strings.TrimSuffix(s, "'")
	s = strings.ReplaceAll(s, ".", "")
	if analyze.IsASCII(s) {
		return strings.Join(strings.Fields(s), " ")
	}
	fold := accentFolders.Get().(transform.Transformer)
	if folded, _, err := transform.String(fold, s); err == nil {
		s = folded
	}
	accentFolders.Put(fold)
	return strings.Join(strings.Fields(s), " ")
}

// accentFolders hold transformers that drop accents; one is not safe for
// concurrent use, and making one costs several allocations.
var accentFolders = sync.Pool{New: func() any {
	return transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
}}

// asciiNameKey is nameKey for a name of plain ASCII without surrounding
// space: the same steps on one buffer, which makes only the key.
func asciiNameKey(s string) string {
	var buf [64]byte
	b := buf[:0]
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	b = bytes.TrimPrefix(b, []byte("the "))
	b = bytes.TrimSuffix(b, []byte("'s")) // "’s" is not ASCII
	b = bytes.TrimSuffix(b, []byte("'"))
	// Drop the dots and join the words with single spaces, in place.
	n, space := 0, false
	for _, c := range b {
		switch {
		case c == '.':
		case asciiSpace(c):
			space = n > 0
		default:
			if space {
				b[n] = ' '
				n++
				space = false
			}
			b[n] = c
			n++
		}
	}
	return string(b[:n])
}

// asciiSpace reports whether an ASCII byte is white space (as
// unicode.IsSpace has it).
func asciiSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}

// CleanName trims what a tagger may leave around a name: a leading "the",
// a possessive ending, quotation marks and punctuation.
func CleanName(s string) string {
	s = strings.TrimSpace(s)
	s = strings.Trim(s, "\"“”‘’'«»()[],.:;")
	for _, p := range []string{"the ", "The "} {
		s = strings.TrimPrefix(s, p)
	}
	s = strings.TrimSuffix(strings.TrimSuffix(s, "'s"), "’s")
	return strings.TrimSpace(s)
}

// initials returns the acronym a multi-word name makes ("United Nations
// General Assembly" → "UNGA"; an acronym inside counts whole: "UN General
// Assembly" → "UNGA"), skipping function words; "" for one word.
func initials(name string) string {
	words := strings.Fields(name)
	if len(words) < 2 {
		return ""
	}
	var b strings.Builder
	for _, w := range words {
		switch strings.ToLower(w) {
		case "of", "the", "and", "for", "de", "del", "la", "&":
			continue
		}
		if isAcronym(w) {
			b.WriteString(strings.ReplaceAll(w, ".", ""))
			continue
		}
		for _, c := range w {
			if !unicode.IsUpper(c) {
				return ""
			}
			b.WriteRune(c)
			break
		}
	}
	return b.String()
}

// Entry is an entity being resolved: within one article (from mentions) or
// within a story (from the articles' local entities).
type Entry struct {
	name     string
	words    int // of name
	typ      storyline.EntityType
	types    []typeCount
	forms    []formCount // in the order first met
	roles    []string
	mentions int
	sources  []string // outlets (card level)
	post     string
	// The words of the name's key and the name's initials, made when
	// resolve first needs them and again when the name changes (see
	// keyWords and initialsOf).
	key      []string
	keyed    bool
	inits    string
	initsSet bool
}

// formCount is how many mentions use a surface form of an entity.
type formCount struct {
	form string
	n    int
}

// typeCount is how many mentions give an entity a type.
type typeCount struct {
	typ storyline.EntityType
	n   int
}

// uses returns how many mentions use form.
func (e *Entry) uses(form string) int {
	for _, f := range e.forms {
		if f.form == form {
			return f.n
		}
	}
	return 0
}

// add counts one more use of a surface form with the given type. An
// entity has few forms and types: lists cost less than maps.
func (e *Entry) add(form string, typ storyline.EntityType, n int) {
	if i := slices.IndexFunc(e.forms, func(f formCount) bool { return f.form == form }); i >= 0 {
		e.forms[i].n += n
	} else {
		e.forms = append(e.forms, formCount{form, n})
	}
	if i := slices.IndexFunc(e.types, func(t typeCount) bool { return t.typ == typ }); i >= 0 {
		e.types[i].n += n
	} else {
		e.types = append(e.types, typeCount{typ, n})
	}
	e.mentions += n
	if words := wordCount(form); e.prefers(form, words) {
		e.name, e.words = form, words
		e.keyed, e.initsSet = false, false // made again from the new name
	}
	best := 0
	for _, t := range e.types {
		if t.n > best || t.n == best && t.typ < e.typ {
			e.typ, best = t.typ, t.n
		}
	}
}

// prefers reports whether form, of the given number of words, names the
// entity better than its name so far: more words, or as many and not in
// capitals where the name is ("Des Moines", not the dateline's "DES
// MOINES"), or as many and used more often.
func (e *Entry) prefers(form string, words int) bool {
	if words != e.words || e.name == "" {
		return words > e.words || e.name == ""
	}
	if a, b := shouted(form), shouted(e.name); a != b {
		return b
	}
	return e.uses(form) > e.uses(e.name)
}

// shouted reports whether a name is written in capitals with a word of five
// letters or more, as datelines and headlines do, rather than an acronym.
func shouted(name string) bool {
	if !allCaps(name) {
		return false
	}
	for _, w := range strings.Fields(name) {
		if letters(w) >= 5 {
			return true
		}
	}
	return false
}

// addRole records a title once.
func (e *Entry) addRole(role string) {
	if role == "" {
		return
	}
	for _, r := range e.roles {
		if strings.EqualFold(r, role) {
			return
		}
	}
	e.roles = append(e.roles, role)
}

// absorb merges o into e.
func (e *Entry) absorb(o *Entry) {
	for _, f := range o.forms {
		e.add(f.form, o.typ, f.n)
	}
	for _, r := range o.roles {
		e.addRole(r)
	}
	for _, s := range o.sources {
		e.sources = appendOnce(e.sources, s)
	}
}

// appendOnce appends s unless list holds it.
func appendOnce(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// Resolve merges entries that name the same entity: the same name key;
// then a shorter name whose words are all in one longer name of the same
// type ("Petro" → "Gustavo Petro"; "State Department" → "US State
// Department"), going to the most mentioned such name when several fit;
// then an acronym of a longer name ("UNGA", "US"). The result is sorted by
// mentions, most first.
func Resolve(list []*Entry) []*Entry {
	byKey := map[string]*Entry{}
	var out []*Entry
	for _, e := range list {
		k := NameKey(e.name)
		if k == "" {
			continue
		}
		if x, ok := byKey[k]; ok {
			x.absorb(e)
			continue
		}
		byKey[k] = e
		out = append(out, e)
	}
	// Longer names first, so short forms find their full name.
	sort.SliceStable(out, func(i, j int) bool { return out[i].words > out[j].words })
	var kept []*Entry
	for _, e := range out {
		if host := findHost(e, kept); host != nil {
			host.absorb(e)
			continue
		}
		if host := orgHead(e, kept); host != nil {
			e.typ = host.typ // the tagger's person is the organisation
			host.absorb(e)
			continue
		}
		kept = append(kept, e)
	}
	sort.SliceStable(kept, func(i, j int) bool { return kept[i].mentions > kept[j].mentions })
	return kept
}

// withoutArticle returns the words of a place name without the article
// it may open with in its own language ("A Coruña", "La Paz", "Al Hudaydah").
func withoutArticle(words []string) []string {
	if len(words) > 1 && placeArticles[words[0]] {
		return words[1:]
	}
	return words
}

// placeArticles are the articles that open place names in the languages
// news reports most often carry them from.
var placeArticles = wordSet(`a o os as la las el los le les il lo al der die das den het de`)

// findHost returns the longer entry that a short or acronym name belongs
// to, or nil.
func findHost(e *Entry, kept []*Entry) *Entry {
	words := e.keyWords()
	acr := strings.ReplaceAll(e.name, ".", "")
	acronym := isAcronym(e.name)
	var best *Entry
	for _, k := range kept {
		kw := k.keyWords()
		if !compatible(e.typ, k.typ) || e.typ == storyline.Place && (k.typ != storyline.Place || len(words) == 1 && !acronym && !slices.Equal(words, withoutArticle(kw))) {
			// A place is not a short form of what is named after it
			// ("Hong Kong" of "Hong Kong Polytechnic University", "New
			// York" of the "New York Times"), nor is a place of one word
			// of a longer one: "Sudan" is not "South Sudan", nor
			// "Jersey" "New Jersey" (an acronym is: "US"). A name that
			// only adds an article is the same place ("Coruña", "A
			// Coruña").
			continue
		}
		fits := false
		switch {
		case e.typ == storyline.Place && len(words) < len(kw) && slices.Equal(words, withoutArticle(kw)):
			fits = true
		case acronym && len(kw) > 1:
			fits = k.initialsOf() == acr
		case len(words) < len(kw):
			// A single word names a person by a part of the name, an
			// organisation or place by its last word ("Department").
			fits = subsequence(words, kw) && (e.typ == storyline.Person || len(words) > 1 || e.typ == k.typ && words[0] == kw[len(kw)-1])
		}
		if fits && (best == nil || k.mentions > best.mentions) {
			best = k
		}
	}
	if best == nil && e.typ == storyline.Person {
		best = spellingHost(words, kept)
	}
	return best
}

// spellingHost returns the person that a person's name spells another way,
// or nil: outlets transliterate names differently ("Volodymyr Zelenskiy",
// "Zelensky"), and a name written two ways is one person, not two that a
// name conflict would set against each other. Its words must be those of
// the other name, or of a first or last part of it, all but one word alike
// and that one spelled alike (see spelledAlike). Of several such it goes
// to the most mentioned.
func spellingHost(words []string, kept []*Entry) *Entry {
	var best *Entry
	for _, k := range kept {
		kw := k.keyWords()
		if k.typ != storyline.Person || len(words) > len(kw) {
			continue
		}
		if (alikePart(words, kw[:len(words)]) || alikePart(words, kw[len(kw)-len(words):])) && (best == nil || k.mentions > best.mentions) {
			best = k
		}
	}
	return best
}

// alikePart reports whether two lists of name words of one length differ
// in one word only, spelled alike in both.
func alikePart(a, b []string) bool {
	differ := 0
	for i := range a {
		if a[i] == b[i] {
			continue
		}
		if differ++; differ > 1 || !spelledAlike(a[i], b[i]) {
			return false
		}
	}
	return differ == 1
}

// spelledAlike reports whether two words of names are spellings of one
// name ("zelensky", "zelenskiy"; "mohammed", "mohamed"): five letters or
// more, the same first three, and one edit apart (two from nine letters).
func spelledAlike(a, b string) bool {
	ra, rb := []rune(a), []rune(b)
	n := min(len(ra), len(rb))
	if n < 5 || string(ra[:3]) != string(rb[:3]) {
		return false
	}
	most := 1
	if n >= 9 {
		most = 2
	}
	return editDistance(ra, rb, most) <= most
}

// editDistance returns the Levenshtein distance of a and b, or most+1 once
// it is known to exceed most.
func editDistance(a, b []rune, most int) int {
	if d := len(a) - len(b); d > most || -d > most {
		return most + 1
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		low := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			low = min(low, cur[j])
		}
		if low > most {
			return most + 1
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// orgHead returns the organisation a one-word name tagged as a person
// stands for, or nil: news writes a company by its first word once named
// in full ("Halvard" after "Halvard Motors", "Sarathi's shares" after
// "Sarathi Secure Technologies"), and the tagger, not knowing the word,
// takes the subject of "Halvard said" for a person. The word must begin
// the name of an organisation of the story and be no word of a person's
// name there (the "Tessaro" of "Giulia Tessaro" stays a person). Of
// several such organisations it goes to the most mentioned, then the
// shortest ("Pellworth Bakeries", not the brand "Pellworth Farmhouse"). Names
// tagged as organisations or places are left alone: "Senate" is not the
// "Senate Judiciary Committee", nor "Ghana" "Ghana Integrity Watch".
func orgHead(e *Entry, kept []*Entry) *Entry {
	if e.typ != storyline.Person || e.words != 1 {
		return nil
	}
	words := e.keyWords()
	if len(words) != 1 {
		return nil
	}
	var best *Entry
	for _, k := range kept {
		kw := k.keyWords()
		if k.typ == storyline.Person && slices.Contains(kw, words[0]) {
			return nil
		}
		if k.typ == storyline.Org && len(kw) > 1 && kw[0] == words[0] && (best == nil || k.mentions > best.mentions || k.mentions == best.mentions && k.words < best.words) {
			best = k
		}
	}
	return best
}

// keyWords returns the words of the key of the entry's name.
func (e *Entry) keyWords() []string {
	if !e.keyed {
		e.key, e.keyed = strings.Fields(NameKey(e.name)), true
	}
	return e.key
}

// initialsOf returns initials(e.name).
func (e *Entry) initialsOf() string {
	if !e.initsSet {
		e.inits, e.initsSet = initials(e.name), true
	}
	return e.inits
}

// wordCount returns len(strings.Fields(s)) without making the fields.
func wordCount(s string) int {
	n := 0
	inWord := false
	for _, c := range s {
		space := unicode.IsSpace(c)
		if !space && !inWord {
			n++
		}
		inWord = !space
	}
	return n
}

// compatible reports whether two tagger types may name one entity: the
// same type, or an organisation and a place (taggers confuse them).
func compatible(a, b storyline.EntityType) bool {
	return a == b || (a == storyline.Org && b == storyline.Place) || (a == storyline.Place && b == storyline.Org)
}

// subsequence reports whether the words of short appear in long, in order,
// as a contiguous first or last part ("Petro" in "Gustavo Petro", "State
// Department" in "US State Department").
func subsequence(short, long []string) bool {
	n := len(short)
	if n == 0 || n > len(long) {
		return false
	}
	head, tail := true, true
	for i := range short {
		head = head && short[i] == long[i]
		tail = tail && short[i] == long[len(long)-n+i]
	}
	return head || tail
}

// localEntities resolves the mentions of one text into its entities, with
// the titles written around each person. OTHER mentions (nationalities,
// events) are left out: they are not who or where.
func localEntities(t *text, post string) []LocalEntity {
	// Mentions of one name key go to one entry at once: resolve would
	// merge them in the same order, after making an entry for each.
	var list []*Entry
	byKey := map[string]*Entry{}
	for _, m := range t.mentions {
		if m.Type == storyline.Other {
			continue
		}
		role, name := "", CleanName(m.Text)
		if m.Type == storyline.Person {
			role, name = SplitTitle(name)
		}
		if letters(name) < 2 {
			continue
		}
		k := NameKey(name)
		if k == "" {
			continue // resolve drops it
		}
		e := byKey[k]
		if e == nil {
			e = &Entry{post: post}
			byKey[k] = e
			list = append(list, e)
		}
		e.add(name, m.Type, 1)
		if m.Type == storyline.Person {
			e.addRole(role)
			first := sort.Search(len(t.toks), func(i int) bool { return t.toks[i].Start >= m.Start })
			end := sort.Search(len(t.toks), func(i int) bool { return t.toks[i].Start >= m.End })
			if end < len(t.toks) && (t.toks[end].Text == "'s" || t.toks[end].Text == "’s") {
				end++
			}
			e.addRole(t.roleBefore(first))
			e.addRole(t.roleAfter(end))
		}
	}
	var out []LocalEntity
	for _, e := range Resolve(list) {
		le := LocalEntity{Name: e.name, Type: e.typ, Roles: e.roles, Mentions: e.mentions, Post: post}
		for _, f := range e.forms {
			if f.form != e.name {
				le.Forms = append(le.Forms, f.form)
			}
		}
		sort.Strings(le.Forms)
		out = append(out, le)
	}
	return out
}

// NameCount is one name an entity goes by, and how many mentions use it.
type NameCount struct {
	Form string
	N    int
}

// Add adds a name of the entity, of a type, used by n mentions.
func (e *Entry) Add(form string, typ storyline.EntityType, n int) { e.add(form, typ, n) }

// AddRole adds a title or role given to the entity.
func (e *Entry) AddRole(role string) { e.addRole(role) }

// SetSources sets the outlets that name the entity (a card's resolution
// across reports).
func (e *Entry) SetSources(outlets []string) { e.sources = outlets }

// Name returns the entity's fullest name.
func (e *Entry) Name() string { return e.name }

// Type returns the entity's type.
func (e *Entry) Type() storyline.EntityType { return e.typ }

// Roles returns the titles and roles given to the entity.
func (e *Entry) Roles() []string { return e.roles }

// Mentions returns how many mentions name the entity.
func (e *Entry) Mentions() int { return e.mentions }

// Sources returns the outlets that name the entity.
func (e *Entry) Sources() []string { return e.sources }

// Forms returns the names the entity goes by, in the order first met.
func (e *Entry) Forms() []NameCount {
	out := make([]NameCount, len(e.forms))
	for i, f := range e.forms {
		out[i] = NameCount{Form: f.form, N: f.n}
	}
	return out
}
