package document

import "strings"

// newsPhrase is a run of words that reports use for one event word: "lost
// their lives" for "died", "ordered to leave" for "evacuated". Its keys
// stand for the whole run, so that the verb it is built on ("lost",
// "called") does not count as a word of its own.
type newsPhrase struct {
	words [][]string // the words of each position, lower-case
	keys  []string
}

// phrasesByFirst indexes the phrases by each word that can start them.
var phrasesByFirst = indexPhrases()

func indexPhrases() map[string][]newsPhrase {
	byFirst := map[string][]newsPhrase{}
	for _, p := range []struct{ words, keys string }{
		// Deaths.
		{"lost|lose|loses|losing their|his|her life|lives", "die"},
		{"passed|pass|passes away", "die"},
		// People made to leave their homes.
		{"ordered|told|forced|ordered to leave|flee", "evacu"},
		{"leave|leaving|left|flee|fleeing|fled their|his|her homes|home", "evacu"},
		// An event stopped: cancelled when it was to come, suspended when
		// under way; the words do not say which.
		{"called|call|calls|calling off", "revok suspend"},
		// Figures that grew, things that blew up.
		{"went|go|goes|going up", "rise"},
		{"blew|blow|blows|blown up", "explos"},
	} {
		var words [][]string
		for _, pos := range strings.Fields(p.words) {
			words = append(words, strings.Split(pos, "|"))
		}
		np := newsPhrase{words: words, keys: strings.Fields(p.keys)}
		for _, w := range words[0] {
			byFirst[w] = append(byFirst[w], np)
		}
	}
	return byFirst
}

// phraseAt returns the keys of the news phrase that starts the lower-cased
// tokens low, and how many tokens it takes; n is 0 when none does.
func phraseAt(low []string) (keys []string, n int) {
	for _, p := range phrasesByFirst[low[0]] {
		if len(p.words) <= len(low) && p.matches(low) {
			return p.keys, len(p.words)
		}
	}
	return nil, 0
}

// matches reports whether the phrase's words start low.
func (p newsPhrase) matches(low []string) bool {
	for i, alts := range p.words {
		found := false
		for _, w := range alts {
			found = found || low[i] == w
		}
		if !found {
			return false
		}
	}
	return true
}
