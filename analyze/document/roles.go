package document

import (
	"strings"
	"unicode"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/analyze"
)

// wordSet makes a set of the space-separated words of list.
func wordSet(list string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(list) {
		m[w] = true
	}
	return m
}

// RoleHeads are the nouns that make a title or an office ("Interior
// Minister", "President"); roleMods are the words that narrow one.
var (
	RoleHeads = wordSet(`president minister secretary senator governor mayor ambassador envoy
	spokesman spokeswoman spokesperson chairman chairwoman chairperson chair director chief ceo judge
	general commander king queen prince princess pope chancellor premier leader speaker commissioner
	skipper captain coach professor prosecutor attorney representative deputy founder manager head
	lawyer inspector superintendent officer sheriff councillor councilor mp mep congressman
	congresswoman lawmaker executive archbishop bishop cardinal emir sheikh admiral colonel
	lieutenant sergeant detective constable boss owner president-elect sen rep gov`)
	roleMods = wordSet(`prime foreign interior home defence defense finance health justice state
	vice acting former interim labour labor trade energy environment education economy economic
	transport agriculture security national opposition party senior assistant associate managing
	supreme federal regional local district county city first lead chief executive general
	attorney deputy affairs public police army navy military coast guard fire club team union
	group company research lead-`)
	// honorifics are dropped from names and are not roles.
	honorifics = wordSet(`mr mr. mrs mrs. ms ms. dr dr. sir dame`)
)

// IsRoleWord reports whether the lower-cased word can be part of a title.
func IsRoleWord(w string) bool {
	w = strings.TrimSuffix(w, ".")
	return RoleHeads[w] || roleMods[w]
}

// hasRoleHead reports whether any of the words is a title noun.
func hasRoleHead(words []string) bool {
	for _, w := range words {
		if RoleHeads[strings.TrimSuffix(strings.ToLower(w), ".")] {
			return true
		}
	}
	return false
}

// roleBefore returns the title written just before the mention that starts
// at token index i ("Colombian Interior Minister" before "Armando
// Benedetti"), or "".
func (t *text) roleBefore(i int) string {
	j := i - 1
	first := -1
	for ; j >= 0; j-- {
		tok := t.toks[j]
		if tok.Kind == analyze.Space {
			break
		}
		low := t.low[j]
		switch {
		case IsRoleWord(low):
		case (low == "'s" || low == "’s") && j > 0 && IsCapital(t.toks[j-1].Text):
			j-- // "Ghana's": take the owner too
		case IsCapital(tok.Text) && first >= 0 && t.qualifier(j):
		default:
			j = -1 // stop: the loop's j-- leaves it below 0
			continue
		}
		first = j
	}
	if first < 0 {
		return ""
	}
	var words []string
	for _, tok := range t.toks[first:i] {
		words = append(words, tok.Text)
	}
	if !hasRoleHead(words) {
		return ""
	}
	// Drop qualifiers before the title that are not capitalised words of
	// a place, organisation or nationality (already ensured), and trim.
	return strings.TrimSpace(t.span(t.toks[first].Start, t.toks[i-1].End))
}

// roleAfter returns an appositive title after the mention that ends at token
// index i: "Adwoa Kesse, Ghana's interior minister, said" gives "Ghana's
// interior minister".
func (t *text) roleAfter(i int) string {
	if i >= len(t.toks) || t.toks[i].Text != "," {
		return ""
	}
	var words []string
	end := i + 1
	for ; end < len(t.toks) && end < i+9; end++ {
		tx := t.toks[end].Text
		if tx == "," || tx == "." || tx == ";" || t.toks[end].Kind == analyze.Space || tx == "(" {
			break
		}
		words = append(words, tx)
	}
	if len(words) == 0 || end >= len(t.toks) || end-i > 8 || !hasRoleHead(words) {
		return ""
	}
	// The last word must be the title noun: "his minister of state" is a
	// role, "who leads the party" is not.
	if !RoleHeads[strings.ToLower(words[len(words)-1])] {
		return ""
	}
	start := i + 1
	if w := t.low[start]; w == "the" || w == "a" || w == "an" {
		start++
	}
	if start >= end {
		return ""
	}
	return t.span(t.toks[start].Start, t.toks[end-1].End)
}

// qualifier reports whether the capitalised token j may narrow a title: a
// word of a place, organisation or nationality mention, an acronym, or a
// nationality adjective.
func (t *text) qualifier(j int) bool {
	tok := t.toks[j]
	if m := t.mentionAt(tok.Start); m != nil && m.Type != storyline.Person {
		return true
	}
	w := tok.Text
	if isAcronym(w) {
		return true
	}
	low := strings.ToLower(w)
	for _, suf := range []string{"ian", "ean", "an", "ese", "ish", "i", "ic"} {
		if strings.HasSuffix(low, suf) && len(low) > len(suf)+2 {
			return true
		}
	}
	return false
}

// IsCapital reports whether a word starts with an upper-case letter.
func IsCapital(w string) bool {
	for _, c := range w {
		return unicode.IsUpper(c)
	}
	return false
}

// isAcronym reports whether w is two to six capitals, with or without dots
// ("US", "U.S.", "UNGA").
func isAcronym(w string) bool {
	w = strings.ReplaceAll(w, ".", "")
	if len(w) < 2 || len(w) > 6 {
		return false
	}
	for _, c := range w {
		if !unicode.IsUpper(c) {
			return false
		}
	}
	return true
}

// Office splits a title into its office ("interior minister") and its
// qualifier ("ghana", "colombian"), both lower-cased, for comparing titles
// across outlets.
func Office(role string) (string, string) {
	var off, qual []string
	for _, w := range strings.Fields(strings.ToLower(role)) {
		w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
		w = strings.TrimSuffix(w, ".")
		switch {
		case w == "the" || w == "a" || w == "an" || w == "of":
		case IsRoleWord(w):
			off = append(off, w)
		default:
			qual = append(qual, w)
		}
	}
	return strings.Join(off, " "), strings.Join(qual, " ")
}

// SplitTitle separates leading title words and honorifics from a name as a
// tagger may have included them ("President Gustavo Petro").
func SplitTitle(name string) (role, rest string) {
	words := strings.Fields(name)
	for len(words) > 1 && honorifics[strings.ToLower(words[0])] {
		words = words[1:]
	}
	k := 0
	for k < len(words)-1 && IsRoleWord(strings.ToLower(words[k])) {
		k++
	}
	if !hasRoleHead(words[:k]) {
		return "", strings.Join(words, " ")
	}
	return strings.Join(words[:k], " "), strings.Join(words[k:], " ")
}
