package lexicon

import "strings"

// The verbs of saying, in one place: the quote finder, the card's search
// for speech given without quotation marks, and the attribution frames of
// factual clauses all read them.

// SpeechVerbs are the verbs that attribute a quotation to its speaker, in
// every inflection: "said", "told reporters", "wrote", "tweeted", "adding",
// "declared in a post". Regular verbs are listed by their base form and
// inflected by inflect; irregular forms are listed as they are. Callers
// must not change it.
var SpeechVerbs = map[string]bool{}

func init() {
	for _, v := range strings.Fields(`say tell add write tweet post declare state explain ask reply respond
	continue note argue insist recall warn claim complain acknowledge admit joke quip shout scream
	yell chant cry exclaim whisper murmur muse remark observe announce suggest predict promise vow
	boast brag concede counter retort conclude urge plead demand charge allege maintain contend lament
	email text testify answer agree mock reiterate stress emphasize emphasise caution wonder thunder
	fume snap sigh laugh opine recount report describe interject interrupt echo confirm blast slam
	blare proclaim repeat quote sing beg assure affirm pledge remember shrug gripe grumble holler
	roar scoff sneer tease elaborate recite read write counsel chide scold lecture mutter sob gush
	rave rage rant howl bellow hiss growl cheer marvel acknowledge add question point`) {
		for _, f := range inflect(v) {
			SpeechVerbs[f] = true
		}
	}
	for _, f := range strings.Fields(`said says told tells telling wrote written read reads reading
	put shot fired went goes going sang sung began begins cried cries replied replies
	admitted admitting`) { // two syllables, stressed last: the t doubles
		SpeechVerbs[f] = true
	}
}

// inflect returns a regular English verb's base form, third person, past
// and -ing forms: "quip" → quip, quips, quipped, quipping.
func inflect(v string) []string {
	n := len(v)
	forms := []string{v}
	switch {
	case strings.HasSuffix(v, "e"):
		forms = append(forms, v+"s", v+"d", v[:n-1]+"ing")
	case strings.HasSuffix(v, "y") && n > 1 && !strings.ContainsRune("aeiou", rune(v[n-2])):
		forms = append(forms, v[:n-1]+"ies", v[:n-1]+"ied", v+"ing")
	case strings.HasSuffix(v, "s") || strings.HasSuffix(v, "sh") || strings.HasSuffix(v, "ch") || strings.HasSuffix(v, "x"):
		forms = append(forms, v+"es", v+"ed", v+"ing")
	case n >= 3 && doubles(v):
		last := v[n-1:]
		forms = append(forms, v+"s", v+last+"ed", v+last+"ing")
	default:
		forms = append(forms, v+"s", v+"ed", v+"ing")
	}
	return forms
}

// doubles reports whether a verb doubles its final consonant before -ed
// and -ing: one short vowel before one consonant, in a one-syllable verb
// (quip, snap, chat, beg, sob), but not w, x or y.
func doubles(v string) bool {
	n := len(v)
	vowel := func(c byte) bool { return strings.IndexByte("aeiou", c) >= 0 }
	if vowel(v[n-1]) || strings.IndexByte("wxy", v[n-1]) >= 0 || !vowel(v[n-2]) {
		return false
	}
	if vowel(v[n-3]) && !(v[n-3] == 'u' && n >= 4 && v[n-4] == 'q') { // the u of qu is no vowel: quip
		return false
	}
	syl := 0
	for i := 0; i < n; i++ {
		if vowel(v[i]) && (i == 0 || !vowel(v[i-1])) {
			syl++
		}
	}
	return syl == 1
}

// ReportingVerbs are the forms of the verbs that frame an attribution in
// a reporter's sentence ("officials said", "according to", "the ministry
// noted"): who said something is not part of what a clause claims. Callers
// must not change it.
var ReportingVerbs = wordSet(`say says said saying tell tells told telling state states stated stating
	add adds added report reports reported according note notes noted indicate indicates indicated
	claim claims claimed maintain maintains maintained insist insists insisted`)

// UnmarkedSpeechVerbs are the forms of the verbs that introduce speech
// given without quotation marks ("he said the army would withdraw"): a
// narrower list than SpeechVerbs, whose other verbs ("joked", "sighed")
// rarely introduce indirect speech. Callers must not change it.
var UnmarkedSpeechVerbs = wordSet(`said says stated states declared declares told tells added adds wrote
	writes shouted shouts urged urges insisted insists proclaimed exclaimed warned warns`)

// wordSet makes a set of the words of a blank-separated list.
func wordSet(list string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(list) {
		m[w] = true
	}
	return m
}
