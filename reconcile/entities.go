package reconcile

import (
	"fmt"
	"github.com/storyline-news/storyline/analyze/document"
	"sort"
	"strings"
	"unicode"

	"github.com/storyline-news/storyline"
)

// nameIndex maps the name key of every name an entity of the story goes by
// to its canonical name.
type nameIndex map[string]string

// canonical returns the canonical name for a name, or the name itself.
func (ix nameIndex) canonical(name string) string {
	if c, ok := ix[document.NameKey(name)]; ok {
		return c
	}
	if _, rest := document.SplitTitle(document.CleanName(name)); rest != "" {
		if c, ok := ix[document.NameKey(rest)]; ok {
			return c
		}
	}
	return name
}

// cardEntities resolves the entities of every report's own reporting into
// the story's entities, most widely reported first.
func cardEntities(reps []*report) ([]storyline.CardEntity, nameIndex) {
	var list []*document.Entry
	for _, r := range reps {
		for _, le := range r.an.Entities {
			if le.Post != "" {
				continue
			}
			e := &document.Entry{}
			e.Add(le.Name, le.Type, le.Mentions)
			for _, f := range le.Forms {
				e.Add(f, le.Type, 0)
			}
			for _, ro := range le.Roles {
				e.AddRole(ro)
			}
			e.SetSources([]string{r.outlet})
			list = append(list, e)
		}
	}
	merged := document.Resolve(list)
	sort.SliceStable(merged, func(i, j int) bool {
		if len(merged[i].Sources()) != len(merged[j].Sources()) {
			return len(merged[i].Sources()) > len(merged[j].Sources())
		}
		return merged[i].Mentions() > merged[j].Mentions()
	})
	ix := nameIndex{}
	out := make([]storyline.CardEntity, 0, len(merged))
	for _, e := range merged {
		ce := storyline.CardEntity{Name: e.Name(), Type: e.Type(), Aliases: []string{}, Roles: e.Roles(), Mentions: e.Mentions(), Sources: e.Sources()}
		ix[document.NameKey(e.Name())] = e.Name()
		forms := e.Forms()
		sort.SliceStable(forms, func(i, j int) bool {
			if forms[i].N != forms[j].N {
				return forms[i].N > forms[j].N
			}
			return forms[i].Form < forms[j].Form
		})
		for _, fc := range forms {
			f := fc.Form
			if document.NameKey(f) != document.NameKey(e.Name()) {
				ce.Aliases = appendFold(ce.Aliases, f)
				ix[document.NameKey(f)] = e.Name()
			}
		}
		if e.Type() == storyline.Person {
			for _, ro := range e.Roles() {
				if a := titled(ro, e.Name()); a != "" {
					ce.Aliases = appendFold(ce.Aliases, a)
				}
			}
		}
		out = append(out, ce)
	}
	return out, ix
}

// appendFold appends s unless list holds it in any letter case.
func appendFold(list []string, s string) []string {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return list
		}
	}
	return append(list, s)
}

// titled returns the short form news style gives a titled person: the
// office before the surname ("Colombian President" and "Gustavo Petro" give
// "President Petro"), or "" when the role is not a capitalised title.
func titled(role, name string) string {
	words := strings.Fields(name)
	if len(words) < 2 {
		return ""
	}
	var off []string
	for _, w := range strings.Fields(role) {
		if document.IsRoleWord(strings.ToLower(w)) {
			if !document.IsCapital(w) {
				return ""
			}
			off = append(off, w)
		} else if len(off) > 0 {
			return "" // "Minister of State for ...": not a short title
		}
	}
	if len(off) == 0 || !document.RoleHeads[strings.ToLower(off[len(off)-1])] {
		return ""
	}
	return strings.Join(off, " ") + " " + words[len(words)-1]
}

// roleUse is one outlet (or post) giving a title to a full name.
type roleUse struct {
	name, role, office, qual string
	outlet, post             string
}

// nameConflicts flags names that do not fit: one outlet (or a post it
// embeds) gives a title to a full name that the others give to someone
// else, when the two names share a part or the title names the same
// country or body ("Colombian President Petro Poroshenko" where others say
// "Colombian President Gustavo Petro").
func nameConflicts(reps []*report, ix nameIndex) []storyline.Flag {
	byOffice := map[string][]roleUse{}
	for _, r := range reps {
		if r.copyOf != nil {
			continue
		}
		for _, le := range r.an.Entities {
			if le.Type != storyline.Person || len(strings.Fields(le.Name)) < 2 || glued(le.Name) {
				continue
			}
			for _, ro := range le.Roles {
				off, qual := document.Office(ro)
				if off == "" {
					continue
				}
				byOffice[off] = append(byOffice[off], roleUse{name: ix.canonical(le.Name), role: ro, office: off, qual: qual, outlet: r.outlet, post: le.Post})
			}
		}
	}
	offices := make([]string, 0, len(byOffice))
	for o := range byOffice {
		offices = append(offices, o)
	}
	sort.Strings(offices)
	var flags []storyline.Flag
	done := map[string]bool{}
	for _, o := range offices {
		uses := byOffice[o]
		for i, u := range uses {
			for _, v := range uses[i+1:] {
				if u.name == v.name || !(u.qual == "" || v.qual == "" || u.qual == v.qual) {
					continue
				}
				if !sharesWord(u.name, v.name) && (u.qual == "" || u.qual != v.qual) {
					continue
				}
				few, many := u, v
				if support(uses, u.name) > support(uses, v.name) {
					few, many = v, u
				}
				if support(uses, few.name) == support(uses, many.name) || done[few.name+"\x00"+many.name] {
					continue
				}
				done[few.name+"\x00"+many.name] = true
				flags = append(flags, conflictFlag(uses, few, many))
			}
		}
	}
	return flags
}

// glued reports whether a name has words run together, as pages whose
// markup lost a space give them ("Kristi NoemKristi Lynn Noem"): a capital
// after three lower-case letters in a word, which a person's name hardly
// has ("McDonald", "MacKenzie" and "DeShawn" have fewer before it). Such a
// name is no evidence of a misnamed person.
func glued(name string) bool {
	lower := 0
	for _, c := range name {
		switch {
		case unicode.IsLower(c):
			lower++
		case unicode.IsUpper(c) && lower >= 3:
			return true
		default:
			lower = 0
		}
	}
	return false
}

// support weighs how many outlets give the office to name: an outlet's own
// reporting counts one, an embedded post a half.
func support(uses []roleUse, name string) float64 {
	seen := map[string]float64{}
	for _, u := range uses {
		if u.name != name {
			continue
		}
		w := 1.0
		if u.post != "" {
			w = 0.5
		}
		seen[u.outlet+"\x00"+u.post] = w
	}
	s := 0.0
	for _, w := range seen {
		s += w
	}
	return s
}

// conflictFlag describes a name conflict.
func conflictFlag(uses []roleUse, few, many roleUse) storyline.Flag {
	var where, others []string
	for _, u := range uses {
		switch u.name {
		case few.name:
			w := u.outlet
			if u.post != "" {
				w = fmt.Sprintf("a post by %s embedded by %s", u.post, u.outlet)
			}
			where = appendOnce(where, w)
		case many.name:
			others = appendOnce(others, u.outlet)
		}
	}
	sources := []string{}
	for _, u := range uses {
		if u.name == few.name {
			sources = appendOnce(sources, u.outlet)
		}
	}
	text := fmt.Sprintf("%q is given the role %q (%s), which %s give%s to %s",
		few.name, few.role, strings.Join(where, "; "), strings.Join(others, ", "), plural(len(others)), many.name)
	return storyline.Flag{Kind: storyline.NameConflict, Text: text, Sources: sources}
}

// plural returns the verb ending for a subject of n outlets.
func plural(n int) string {
	if n == 1 {
		return "s"
	}
	return ""
}

// sharesWord reports whether two names have a word in common.
func sharesWord(a, b string) bool {
	for _, x := range strings.Fields(document.NameKey(a)) {
		for _, y := range strings.Fields(document.NameKey(b)) {
			if x == y && len(x) > 1 {
				return true
			}
		}
	}
	return false
}
