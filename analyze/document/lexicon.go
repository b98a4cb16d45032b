package document

import (
	"unicode"
	"unicode/utf8"

	"github.com/storyline-news/storyline/analyze"
)

// wordClass is the set of fixed word lists a token's lower-cased text is
// in, with a few facts about the token itself, as bits. A text looks each
// token up once (see classify), so that finding clauses, figures, dates,
// modality and terms tests bits instead of looking words up in many maps
// for every clause and check.
type wordClass uint32

// Word lists (see the sets they stand for) and token facts.
const (
	subordinatorWord   wordClass = 1 << iota // subordinators
	subjectWord                              // subjects
	auxiliaryWord                            // auxiliaries
	qualifierWord                            // qualifierWords
	reportingWord                            // reporting
	characterisingWord                       // characterising
	passiveAuxWord                           // passiveAux
	planVerbWord                             // planVerbs
	possibleWord                             // possibleWords
	monthWord                                // months
	weekdayWord                              // weekdays
	notCountWord                             // notCounts
	numberWord                               // numberWords (all of them count more than 0)
	multiplierWord                           // multipliers of more than two letters ("million", not "m")
	relativeWord                             // relativeWords
	forecastWord                             // forecastVerbs
	stopWord                                 // analyze.IsStopword
	phraseWord                               // a word that starts a news phrase (phrasesByFirst)

	// digitWord is a Word token that starts with a digit ("10km", "2.1bn").
	digitWord
	// figureToken is a token that is or makes a number (see figureToken).
	figureToken
)

// lexicon maps each word of the fixed lists to its classes.
var lexicon = buildLexicon()

// buildLexicon merges the word lists into one map.
func buildLexicon() map[string]wordClass {
	m := map[string]wordClass{}
	for class, set := range map[wordClass]map[string]bool{
		subordinatorWord: subordinators, subjectWord: subjects, auxiliaryWord: auxiliaries,
		qualifierWord: qualifierWords, reportingWord: reporting, characterisingWord: characterising,
		passiveAuxWord: passiveAux, planVerbWord: PlanVerbs, possibleWord: possibleWords,
		monthWord: months, weekdayWord: weekdays, notCountWord: notCounts,
		relativeWord: relativeWords, forecastWord: forecastVerbs,
	} {
		for w := range set {
			m[w] |= class
		}
	}
	for w := range analyze.Stopwords() {
		m[w] |= stopWord
	}
	for w := range phrasesByFirst {
		m[w] |= phraseWord
	}
	for w, v := range numberWords {
		if v > 0 {
			m[w] |= numberWord
		}
	}
	for w, v := range multipliers {
		if v > 0 && len(w) > 2 {
			m[w] |= multiplierWord
		}
	}
	return m
}

// classify returns the classes of each token, low being the tokens in
// lower case.
func classify(toks []analyze.Token, low []string) []wordClass {
	cls := make([]wordClass, len(toks))
	for i, tk := range toks {
		c := lexicon[low[i]]
		if tk.Kind == analyze.Word && startsWithDigit(tk.Text) {
			c |= digitWord
		}
		if tk.Kind == analyze.Number || c&(digitWord|numberWord|multiplierWord) != 0 {
			c |= figureToken
		}
		cls[i] = c
	}
	return cls
}

// startsWithDigit reports whether the first rune of s is a digit.
func startsWithDigit(s string) bool {
	c, _ := utf8.DecodeRuneInString(s)
	return unicode.IsDigit(c)
}

// has reports whether c is in any of the classes of want.
func (c wordClass) has(want wordClass) bool { return c&want != 0 }

// IsAuxiliary reports whether a lower-cased word is an auxiliary verb,
// active or passive ("has", "was", "been").
func IsAuxiliary(w string) bool { return lexicon[w].has(auxiliaryWord | passiveAuxWord) }
