package analyze

import (
	"strings"
	"unicode/utf8"
)

// polishEndings are inflectional endings of Polish nouns, adjectives and
// verbs, longest first. No maintained Go module stems Polish (Snowball
// has no Polish stemmer), so stemPolish strips one of these: a light
// stemmer, which is what term matching needs — the forms of a word
// (prezydent, prezydenta, prezydentowi) meet on one stem.
var polishEndings = []string{
	"owania", "owanie", "owaniu", "ościami", "ościach",
	"owali", "owała", "owało", "owane", "owany", "owych", "owymi", "ością", "ności",
	"ować", "ował", "owie", "owej", "owym", "owy", "owa", "owe", "owi", "anie", "ania", "aniu", "enie", "enia", "eniu", "ność",
	"ach", "ami", "ego", "emu", "ych", "ich", "ymi", "imi", "iem", "ami", "cie", "ciu", "ają", "ało", "ała", "ali",
	"ów", "om", "em", "ie", "ej", "ym", "im", "ą", "ę", "ał", "ać", "eć", "ić", "yć",
	"a", "e", "i", "o", "u", "y",
}

// minPolishStem is the fewest letters stemPolish leaves.
const minPolishStem = 3

// stemPolish strips the longest inflectional ending of a lower-cased
// Polish word that leaves a stem of at least minPolishStem letters.
func stemPolish(w string) string {
	n := utf8.RuneCountInString(w)
	for _, e := range polishEndings {
		if strings.HasSuffix(w, e) && n-utf8.RuneCountInString(e) >= minPolishStem {
			return w[:len(w)-len(e)]
		}
	}
	return w
}
