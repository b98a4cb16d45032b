package document

import (
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/storyline-news/storyline/analyze"
	wordkeys "github.com/storyline-news/storyline/analyze/lexicon"
)

// Figure is a number a clause gives, with what it counts: "have killed at
// least 17 people" is 17 of "die" with the qualifier "at least".
type Figure struct {
	Value float64 `json:"value"`
	// Text is the figure as written, with its qualifier and counted noun.
	Text string `json:"text"`
	// Counts is the comparable key of what is counted: a class for
	// casualties ("die", "injur", "missing"), else the counted noun's key.
	Counts string `json:"counts"`
	// Qualifier is "at least", "about", "more than" ... or "".
	Qualifier string `json:"qualifier,omitempty"`
	// Unit is "%", a currency sign, or "".
	Unit string `json:"unit,omitempty"`
	// Ref is set for a figure the clause refers back to rather than
	// gives ("26,000 of the 48,000 homes").
	Ref bool `json:"ref,omitempty"`
	// Upper ends a range ("30-60 per cent"), whose start is Value.
	Upper float64 `json:"upper,omitempty"`
	// Period is the time frame other than the report's own that the
	// clause gives ("2010 2015", "14th century"), "" for none: a figure
	// of another time is background, not a reading of the story's count
	// (see period).
	Period string `json:"period,omitempty"`
	// Of is the class of casualties that a count of some group falls in:
	// "two workers were killed" counts workers, among the dead ("die"). It
	// disputes a report that no one died, not a toll of everyone.
	Of string `json:"of,omitempty"`
}

var (
	numberWords = wordkeys.NumberWords
	multipliers = wordkeys.Multipliers
	qualifiers  = []string{"at least", "more than", "as many as", "up to", "fewer than", "less than",
		"at most", "an estimated", "just over", "just under", "nearly", "almost", "about", "around",
		"roughly", "approximately", "some", "over", "under", "about", "close to"}
	// notCounts are words before a number that make it a label, not a count.
	notCounts = wordSet(`category no no. number flight route article section chapter page aged age
	level grade class room gate platform highway route version phase stage round day week year`)
	months = wordSet(`january february march april may june july august september october november december
	jan feb mar apr jun jul aug sep sept oct nov dec`)
	weekdays = wordSet(`monday tuesday wednesday thursday friday saturday sunday`)
	// casualty words name the classes of counts that outlets most often
	// dispute; a count near one of them counts that class.
	casualty = map[string]string{"die": "die", "injur": "injur", "missing": "missing", "miss": "missing",
		"evacu": "evacu", "arrest": "arrest", "detain": "arrest", "rescu": "rescu"}
	countNouns = wordSet(`people persons person residents civilians others victims individuals`)
	// pastForms are irregular past tenses: they end a counted noun, and
	// show that a clause has its verb.
	pastForms = wordSet(`lost spent took left fell went came got held made found gave kept ran sent told saw hit struck rose won
	sank broke began fled caught fought sought brought bought built drove flew threw spoke stole wrote led met
	paid sold stood blew drew grew knew shook swept tore wore woke froze hid slid sprang swam sang rang shot dug`)
	// qualifierPhrases are the qualifiers split into words, in order.
	qualifierPhrases = splitPhrases(qualifiers)
	// qualifierLeads are the first words of the qualifiers.
	qualifierLeads = firstWords(qualifierPhrases)
)

// splitPhrases splits each phrase into its words.
func splitPhrases(phrases []string) [][]string {
	out := make([][]string, len(phrases))
	for i, p := range phrases {
		out[i] = strings.Fields(p)
	}
	return out
}

// firstWords returns the set of the first words of phrases.
func firstWords(phrases [][]string) map[string]bool {
	m := map[string]bool{}
	for _, p := range phrases {
		m[p[0]] = true
	}
	return m
}

// numberAt parses the number at token i: digits ("240,000", "2.1bn",
// "84m"), or number words ("nine", "two dozen"). It returns the value, the
// index after the number and its multiplier, and whether there was one.
// low and cls are the tokens' lower case and classes.
func numberAt(toks []analyze.Token, low []string, cls []wordClass, i int) (float64, int, bool) {
	tk := toks[i]
	var v float64
	j := i + 1
	switch {
	case tk.Kind == analyze.Number:
		f, err := strconv.ParseFloat(strings.ReplaceAll(tk.Text, ",", ""), 64)
		if err != nil {
			return 0, i, false
		}
		v = f
	case cls[i].has(digitWord):
		num, suf := splitDigits(low[i])
		f, err := strconv.ParseFloat(strings.ReplaceAll(num, ",", ""), 64)
		m, ok := multipliers[suf]
		if err != nil || !ok && suf != "p" {
			return 0, i, false // 5.12am, 3rd, 10km: not counts
		}
		// "50p" is pence, with figures taking the unit (see figures).
		if ok {
			f *= m
		}
		v = f
	case cls[i].has(numberWord) && low[i] != "hundred":
		v = numberWords[low[i]]
	default:
		return 0, i, false
	}
	if j < len(low) && cls[j].has(multiplierWord) {
		v *= multipliers[low[j]]
		j++
	}
	return v, j, true
}

// splitDigits splits "2.1bn" into "2.1" and "bn".
func splitDigits(w string) (string, string) {
	for i, c := range w {
		if !unicode.IsDigit(c) && c != '.' && c != ',' {
			return w[:i], w[i:]
		}
	}
	return w, ""
}

// figures finds the counts of a clause, given as tokens with their lower
// case and classes.
func figures(toks []analyze.Token, low []string, cls []wordClass) []Figure {
	var out []Figure
	for i := 0; i < len(toks); i++ {
		if f, next, ok := noneAt(toks, low, cls, i); ok {
			out = append(out, f)
			i = next - 1
			continue
		}
		if !cls[i].has(figureToken) {
			continue // numberAt finds no number
		}
		v, j, ok := numberAt(toks, low, cls, i)
		if !ok || !isCount(toks, low, cls, i, j, v) {
			continue
		}
		if j < len(low) && low[j] == "of" {
			i = j // a part ("two of those who died", "26,000 of 48,000"), not a total
			continue
		}
		// "a handful of the 3,500 people who": a figure given before.
		f := Figure{Value: v, Ref: i >= 2 && low[i-2] == "of" && low[i-1] == "the"}
		if j+1 < len(low) && isDash(low[j]) {
			// A range: "30-60 per cent", "8–10 homes".
			if hi, after, ok := numberAt(toks, low, cls, j+1); ok && hi > v {
				f.Upper, j = hi, after
			}
		}
		start := i
		if i > 0 && strings.ContainsAny(low[i-1], "$£€¥₹") {
			f.Unit = low[i-1]
			start = i - 1
		} else if strings.HasSuffix(low[i], "p") && toks[i].Kind == analyze.Word {
			f.Unit = "p" // "50p": pence (or "1440p", a screen's lines)
		}
		for qi, qw := range qualifierPhrases {
			// Tokens hold no spaces, so the words match as the
			// phrase would.
			if start >= len(qw) && slices.Equal(low[start-len(qw):start], qw) {
				f.Qualifier = qualifiers[qi]
				start -= len(qw)
				break
			}
		}
		end := j
		if end < len(low) && (low[end] == "%" || low[end] == "per" && end+1 < len(low) && low[end+1] == "cent" || low[end] == "percent") {
			f.Unit = "%"
			end++
			if low[end-1] == "per" {
				end++
			}
		}
		// The counted noun: the words that follow, up to a function word.
		noun := ""
		k := end
		for ; k < len(low) && k < end+3 && toks[k].Kind == analyze.Word && !analyze.IsStopword(low[k]) && !cls[k].has(monthWord); k++ {
			if k > end && (cls[k].has(auxiliaryWord) || pastTense(toks[k].Text) || pastForms[low[k]]) {
				break // "40 homes lost their roofs": the noun is homes
			}
			if noun == "" || !modifierLike(low[k]) {
				noun = low[k]
			}
			if countNouns[noun] {
				k++
				break // "3,500 people spent the night": the noun is people
			}
		}
		f.Counts = countKey(noun, toks, low, f.Unit)
		if !IsCasualty(f.Counts) && noun != "" {
			f.Of, _ = casualtyAfter(toks, low, cls, k)
		}
		f.Text = spanText(toks[start:max(k, end)])
		out = append(out, f)
		i = max(k, end) - 1
	}
	return out
}

// noneAt reads a count of none at token i, of a class of casualties
// ("no one was killed", "nobody was seriously hurt", "none of the crew
// was hurt", "no deaths", "no serious injuries"), and returns it with the index of the token after
// it. Outlets dispute such counts as they do others: "no one was killed"
// against "two workers were killed". "Nobody knows", "no one has
// claimed" count nothing.
func noneAt(toks []analyze.Token, low []string, cls []wordClass, i int) (Figure, int, bool) {
	j := i + 1
	switch {
	case low[i] == "nobody" || low[i] == "no-one":
	case low[i] == "no" && j < len(low) && low[j] == "one":
		j++
	case low[i] == "none" && j < len(low) && low[j] == "of":
		// "none of the 40 passengers was hurt": the verb follows the
		// noun phrase.
		j++
		for j < len(low) && j < i+8 && !cls[j].has(auxiliaryWord) && casualtyOf(low[j]) == "" {
			j++
		}
	case low[i] == "no":
		// A casualty noun, perhaps after one modifier.
		k := j
		if k+1 < len(low) && casualtyOf(low[k]) == "" && casualtyOf(low[k+1]) != "" {
			k++
		}
		if k < len(low) && toks[k].Kind == analyze.Word {
			if c := casualtyOf(low[k]); c != "" {
				return Figure{Counts: c, Text: spanText(toks[i : k+1])}, k + 1, true
			}
		}
		return Figure{}, 0, false
	default:
		return Figure{}, 0, false
	}
	if c, k := casualtyAfter(toks, low, cls, j); c != "" {
		return Figure{Counts: c, Text: spanText(toks[i : k+1])}, k + 1, true
	}
	return Figure{}, 0, false
}

// casualtyAfter returns the class of casualties that the verb at token j
// names, after auxiliaries and adverbs only ("were killed", "was
// seriously hurt", "died"), and the verb's index; "" when there is none.
func casualtyAfter(toks []analyze.Token, low []string, cls []wordClass, j int) (string, int) {
	k := j
	for k < len(low) && k < j+4 && (cls[k].has(auxiliaryWord) || strings.HasSuffix(low[k], "ly")) {
		k++
	}
	if k < len(low) && toks[k].Kind == analyze.Word {
		return casualtyOf(low[k]), k
	}
	return "", k
}

// casualtyOf returns the class of casualties a lower-cased word names
// ("killed", "deaths": "die"), or "".
func casualtyOf(w string) string { return casualty[termKey(w)] }

// isCount rejects numbers that are years, dates, times and labels.
func isCount(toks []analyze.Token, low []string, cls []wordClass, i, j int, v float64) bool {
	if i > 0 && cls[i-1].has(notCountWord|monthWord) {
		return false
	}
	if i > 0 && inName(toks[i-1], low[i-1], cls[i-1]) {
		return false // "Destiny 2", "Apollo 11", "Windows 10": part of a name
	}
	if j < len(low) && (cls[j].has(monthWord) || low[j] == "am" || low[j] == "pm" || low[j] == "a.m." || low[j] == "p.m." || low[j] == "gmt") {
		return false
	}
	if _, ok := yearOf(toks[i]); ok {
		return false
	}
	// An age: "the 55-year-old", "aged 12", "a man, 40 years old".
	if j+1 < len(low) && (isDash(low[j]) && strings.HasPrefix(low[j+1], "year") || (low[j] == "years" || low[j] == "year") && low[j+1] == "old") {
		return false
	}
	return true
}

// inName reports whether a word before a number makes the number part of
// a name: a capitalised word other than a function word, a qualifier ("About
// 40 people"), a weekday ("Tuesday 12 people") or a month.
func inName(tk analyze.Token, low string, c wordClass) bool {
	if tk.Kind != analyze.Word || tk.Text == low || c.has(weekdayWord|monthWord) || analyze.IsStopword(low) || qualifierLeads[low] {
		return false
	}
	r, _ := utf8.DecodeRuneInString(tk.Text)
	return unicode.IsUpper(r)
}

// isDash reports whether a token is a hyphen or an en dash, as in ranges
// and compounds ("30-60", "55-year-old").
func isDash(w string) bool { return w == "-" || w == "–" }

// yearOf returns the year a token gives: a number of four digits from 1000
// to 2100, written without a thousands separator.
func yearOf(tk analyze.Token) (int, bool) {
	if tk.Kind != analyze.Number || len(tk.Text) != 4 {
		return 0, false
	}
	y, err := strconv.Atoi(tk.Text)
	if err != nil || y < 1000 || y > 2100 {
		return 0, false
	}
	return y, true
}

// period names the time frame other than the report's own that a clause
// sets: the years it gives other than year, the report's year of
// publication (0 when unknown), and the decades and centuries it names.
// Outlets give background figures of other times ("584 deaths between 2010
// and 2015", "killed 25 million people in the 14th century") beside the
// story's own; such a figure does not dispute the story's count. A year
// after "since" sets no frame: "the worst floods since 1998 killed 17"
// counts this event.
func period(toks []analyze.Token, low []string, year int) string {
	var marks []string
	for i, w := range low {
		if i > 0 && low[i-1] == "since" {
			continue
		}
		if y, ok := yearOf(toks[i]); ok {
			if y != year {
				marks = appendOnce(marks, w)
			}
			continue
		}
		switch {
		case len(w) == 5 && w[4] == 's' && isDigits(w[:4]): // "1300s"
			marks = appendOnce(marks, w)
		case w == "century" || w == "centuries":
			if i > 0 && strings.HasSuffix(low[i-1], "th") && isDigits(strings.TrimSuffix(low[i-1], "th")) {
				w = low[i-1] + " " + w
			}
			marks = appendOnce(marks, w)
		}
	}
	return strings.Join(marks, " ")
}

// countKey names what a figure counts: a casualty class when the counted
// noun or the clause says so, else the noun's key. Capitalised words after
// the first are names ("Red Dead Redemption"), which count nothing.
func countKey(noun string, toks []analyze.Token, low []string, unit string) string {
	if unit == "%" {
		return "%" + termKey(noun)
	}
	if noun != "" {
		if c, ok := casualty[termKey(noun)]; ok {
			return c
		}
	}
	if noun == "" || countNouns[noun] {
		for i, w := range low {
			if i > 0 && toks[i].Text != w && toks[i].Kind == analyze.Word {
				continue
			}
			if c, ok := casualty[termKey(w)]; ok {
				return c
			}
		}
	}
	return unit + termKey(noun)
}

// spanText joins tokens as they were spaced.
func spanText(toks []analyze.Token) string {
	var b strings.Builder
	n := 0
	for _, tk := range toks {
		n += len(tk.Text) + 1
	}
	b.Grow(n)
	for i, tk := range toks {
		if i > 0 && tk.Start > toks[i-1].End {
			b.WriteByte(' ')
		}
		b.WriteString(tk.Text)
	}
	return b.String()
}

// dates returns the weekdays and month-day dates of a clause, given as
// lower-cased words and their classes.
func dates(low []string, cls []wordClass) []string {
	var out []string
	for i, w := range low {
		switch {
		case cls[i].has(weekdayWord):
			if zoneConversion(low, i) {
				continue
			}
			// A copy: a lowered word shares its buffer with the
			// text's other words (see lowerTokens).
			out = appendOnce(out, strings.Clone(w))
		case cls[i].has(monthWord) && len(w) > 3 && i+1 < len(low) && isDigits(low[i+1]):
			out = appendOnce(out, w+" "+low[i+1])
		}
	}
	return out
}

// timeZones name the zones times are converted into ("1600 GMT").
var timeZones = wordSet(`gmt utc z et est edt ct cst cdt mt mst mdt pt pst pdt bst cet cest eet eest
	wet west ist aest aedt acst awst jst hkt sgt msk`)

// zoneConversion reports whether the weekday at i dates a time converted
// into another zone rather than the event: it stands in parentheses that
// name a zone ("2 a.m. local time (1600 GMT Thursday)"), or next to a zone
// in a clause that also gives the local time ("2am Friday local time,
// 1600 GMT Thursday").
func zoneConversion(low []string, i int) bool {
	open := -1
	for k := i - 1; k >= 0; k-- {
		if low[k] == ")" {
			break
		}
		if low[k] == "(" {
			open = k
			break
		}
	}
	if open >= 0 {
		for k := open + 1; k < len(low) && low[k] != ")"; k++ {
			if timeZones[low[k]] || low[k] == "local" && k+1 < len(low) && low[k+1] == "time" {
				return true
			}
		}
		return false
	}
	local := false
	for k := 0; k+1 < len(low); k++ {
		if low[k] == "local" && low[k+1] == "time" {
			local = true
		}
	}
	if !local {
		return false
	}
	for k := max(i-2, 0); k <= i+2 && k < len(low); k++ {
		if timeZones[low[k]] {
			return true
		}
	}
	return false
}

// modifierLike guesses an adjective or adverb after a counted noun
// ("vehicles worldwide", "people dead").
func modifierLike(w string) bool {
	for _, suf := range []string{"wide", "ic", "al", "ous", "ive", "ful", "ly"} {
		if strings.HasSuffix(w, suf) {
			return true
		}
	}
	return false
}

// IsCasualty reports whether a figure's key is a casualty class ("die"),
// which names the predicate as well as what is counted.
func IsCasualty(counts string) bool {
	for _, c := range casualty {
		if c == counts {
			return true
		}
	}
	return false
}
