package server

import (
	"strings"

	"github.com/storyline-news/storyline"
)

// Cell states of the corroboration table.
const (
	cellReports = "reports"
	cellDiffers = "differs"
	cellSilent  = "silent"
)

// matrix is the corroboration table: a row per claim, a column per
// independent outlet, each cell telling whether the outlet reports the
// claim, reports it differently, or is silent on it.
type matrix struct {
	Outlets []string
	Rows    []matrixRow
	// Single are the claims that one outlet alone gives, folded by
	// outlet under the table: a row each would be a column of dots.
	Single []outletClaims
}

// outletClaims are the single-source claims of one outlet (or embedded
// post), and how many the page leaves out.
type outletClaims struct {
	Outlet string
	Claims []storyline.Claim
	Hidden int
}

type matrixRow struct {
	Claim storyline.Claim
	Cells []matrixCell
}

type matrixCell struct {
	Outlet string
	State  string
	// Text is the outlet's own wording, when the card has it.
	Text string
}

// newMatrix builds the table from the card's claims: a row for each
// claim that outlets corroborate or dispute, in the card's order
// (conflicting, then corroborated), and the single-source claims folded
// by outlet, in the order of their outlets' first such claim. An outlet reports a
// claim when it is among the claim's sources or worded it. For a
// conflicting claim, the outlets whose wording agrees with the claim's own
// (the first seen) report it and the others differ; when the wordings carry
// figures, agreeing means giving the same figures ("17 killed" and "17
// people died" agree, "14 killed" differs).
func newMatrix(card *storyline.Card, outlets []string) *matrix {
	m := &matrix{Outlets: outlets}
	single := map[string]int{} // outlet → index in m.Single
	for _, cl := range card.Claims {
		if cl.Status == storyline.SingleSource {
			who := cl.Post
			if who == "" && len(cl.Sources) > 0 {
				who = cl.Sources[0]
			}
			k, ok := single[who]
			if !ok {
				k = len(m.Single)
				single[who] = k
				m.Single = append(m.Single, outletClaims{Outlet: who})
			}
			m.Single[k].Claims = append(m.Single[k].Claims, cl)
			continue
		}
		wording := map[string]string{}
		for _, v := range cl.Variants {
			if v.Source != "" && wording[v.Source] == "" {
				wording[v.Source] = v.Text
			}
		}
		sources := map[string]bool{}
		for _, s := range cl.Sources {
			sources[s] = true
		}
		reference := referenceOutlet(cl)
		row := matrixRow{Claim: cl}
		for _, o := range outlets {
			cell := matrixCell{Outlet: o, State: cellSilent, Text: wording[o]}
			switch {
			case !sources[o] && wording[o] == "":
			case cl.Status == storyline.Conflicting && o != reference && !sameWording(wording[o], wording[reference], cl.Text):
				cell.State = cellDiffers
			default:
				cell.State = cellReports
			}
			row.Cells = append(row.Cells, cell)
		}
		m.Rows = append(m.Rows, row)
	}
	return m
}

// referenceOutlet is the outlet whose wording the claim's text is: the one
// with a variant equal to the text, else the claim's first source.
func referenceOutlet(cl storyline.Claim) string {
	for _, v := range cl.Variants {
		if v.Source != "" && normalise(v.Text) == normalise(cl.Text) {
			return v.Source
		}
	}
	if len(cl.Sources) > 0 {
		return cl.Sources[0]
	}
	return ""
}

// sameWording reports whether an outlet's wording agrees with the
// reference's (the claim's text when the reference outlet's is unknown): the
// same figures when both give some, else the same words. An outlet whose
// own wording is unknown repeated the claim's text.
func sameWording(text, reference, claim string) bool {
	if reference == "" {
		reference = claim
	}
	if text == "" {
		text = claim
	}
	a, b := figures(text), figures(reference)
	if a != "" && b != "" {
		return a == b
	}
	return normalise(text) == normalise(reference)
}

// figures returns the numbers a text gives, in order, joined: "17 killed,
// 40 hurt" gives "17 40". Separators inside a number are dropped, so
// "48,000" and "48000" agree.
func figures(s string) string {
	var out []string
	var cur strings.Builder
	flush := func() {
		if cur.Len() > 0 {
			out = append(out, cur.String())
			cur.Reset()
		}
	}
	rs := []rune(s)
	for i, r := range rs {
		switch {
		case r >= '0' && r <= '9':
			cur.WriteRune(r)
		case (r == ',' || r == '.') && cur.Len() > 0 && i+1 < len(rs) && rs[i+1] >= '0' && rs[i+1] <= '9':
			if r == '.' {
				cur.WriteRune(r)
			}
		default:
			flush()
		}
	}
	flush()
	return strings.Join(out, " ")
}

func normalise(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

// entityFlags returns the card's flags that name the entity or one of its
// aliases: "Petro Poroshenko" given a role that fits Gustavo Petro.
func entityFlags(e storyline.CardEntity, flags []storyline.Flag) []storyline.Flag {
	var out []storyline.Flag
	names := append([]string{e.Name}, e.Aliases...)
	for _, f := range flags {
		text := strings.ToLower(f.Text)
		for _, n := range names {
			if n != "" && strings.Contains(text, strings.ToLower(n)) {
				out = append(out, f)
				break
			}
		}
	}
	return out
}
