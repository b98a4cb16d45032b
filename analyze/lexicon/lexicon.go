// Package lexicon holds the word lists that several stages read: the
// words news reports use for one another, folded onto one key, so that
// "killed" and "deaths", "revoke" and "revocation" compare equal.
package lexicon

import (
	"strings"

	"github.com/storyline-news/storyline/analyze"
	"github.com/storyline-news/storyline/internal/memo"
)

// paraphrases folds words that news reports use for one another onto one
// key, so that "killed" and "deaths", "defy" and "disobey", "airstrikes"
// and "strikes" compare equal. Keys are matched on the lower-cased word and
// then on its stem.
var paraphrases = map[string]string{}

func init() {
	addParaphrases(map[string]string{
		"die":      "kill killed kills killing dead death deaths died die dies dying fatalities fatality fatal lives toll",
		"injur":    "injured injuries injury injure wounded wounding hurt",
		"strike":   "airstrike airstrikes air-strikes strikes strike struck attack attacks attacked raid raids bombing bombings",
		"disobey":  "defy defied defies defying disobey disobeyed disobeying",
		"remark":   "remarks remark comments comment statement statements",
		"soldier":  "soldiers soldier troops troop servicemen personnel",
		"usa":      "us u.s. usa american americans america",
		"investig": "proceedings investigation investigations investigate probe probes prosecution",
		"revok":    "revoke revoked revokes revoking revocation cancel cancelled canceled cancellation cancels withdraw withdrawn withdrew",
		"boat":     "boats boat vessels vessel ships ship",
		"home":     "homes houses households properties",
		"power":    "power electricity",
		"arrest":   "arrested arrests detained detention detain",
		"evacu":    "evacuated evacuation evacuations evacuate",
		"missing":  "missing unaccounted",
		"rescu":    "rescued rescue rescuers saved",
		"deni":     "denied deny denies refused refuse refuses",
		"urg":      "urged urge urges urging called calls",
		"swept":    "swept sweep sweeps carried washed",
		"close":    "close closed closes closing shut shuts shutting closure",
		"suspend":  "suspended suspend suspends suspension halted halt halts",
		"releas":   "release released releases releasing freed freeing",
	})
}

// addParaphrases folds the words of each list onto its key.
func addParaphrases(lists map[string]string) {
	for key, list := range lists {
		for _, w := range strings.Fields(list) {
			paraphrases[w] = key
		}
	}
}

// keyCache remembers term keys: news vocabulary repeats.
var keyCache memo.Strings

// Key returns the comparable key of a lower-cased word: its paraphrase
// key, or its stem with nominalisations folded onto the verb
// ("revocation" → "revok", "suspension" → "suspen").
func Key(w string) string {
	if k, ok := keyCache.Load(w); ok {
		return k
	}
	// Copies: the word may be a slice of a whole article (see
	// analyze.Tokenize), which the cache would otherwise keep.
	k := strings.Clone(computeKey(w))
	keyCache.Store(strings.Clone(w), k)
	return k
}

func computeKey(w string) string {
	if k, ok := paraphrases[w]; ok {
		return k
	}
	s := analyze.Stem(w)
	if k, ok := paraphrases[s]; ok {
		return k
	}
	switch {
	case len(s) >= 5 && strings.HasSuffix(s, "c"):
		s = s[:len(s)-1] + "k" // revoc(ation) = revok(e)
	case len(s) >= 6 && (strings.HasSuffix(s, "ns") || strings.HasSuffix(s, "nd")):
		s = s[:len(s)-1] // suspens(ion) = suspend
	}
	return s
}

// More words that reports use for one another, added to paraphrases (see
// terms.go): the vocabulary of news events that outlets vary most (what
// happened, to whom), and the irregular forms of common verbs, which
// stemming leaves apart from the rest of their verb ("clung" / "clinging").
func init() {
	addParaphrases(map[string]string{
		"night":   "night nights overnight",
		"evening": "evening evenings",
		// Casualties and the police: added to the classes of terms.go.
		"die":    "drowned drown drowns drowning perished perish perishes",
		"arrest": "custody apprehended apprehend",
		// Events.
		"explos":  "explosion explosions explode exploded explodes exploding blast blasts detonation detonations",
		"fire":    "blaze blazes inferno",
		"capsiz":  "capsized capsize capsizes capsizing overturned overturn overturns overturning",
		"weaken":  "weaken weakened weakening weakens downgraded downgrade downgrades",
		"rise":    "rise rises rising rose risen increase increased increases increasing climb climbed climbs climbing",
		"protest": "protest protests protester protesters demonstrators demonstrator demonstration demonstrations",
		"pupil":   "pupil pupils schoolchildren schoolchild",
		"journal": "journalist journalists reporter reporters",
	})
	for base, forms := range irregularVerbs {
		key := computeKey(base)
		for _, w := range strings.Fields(forms) {
			paraphrases[w] = key
		}
	}
}

// irregularVerbs maps a verb to its irregular past forms; each form takes
// the key of the verb. Forms that are mostly other words in news ("left",
// "led", "saw") are not here.
var irregularVerbs = map[string]string{
	"begin": "began begun", "break": "broke broken", "bring": "brought", "build": "built",
	"buy": "bought", "catch": "caught", "cling": "clung", "come": "came", "drive": "drove driven",
	"fall": "fell fallen", "fight": "fought", "find": "found", "flee": "fled", "fly": "flew flown",
	"freeze": "froze frozen", "give": "gave given", "go": "went gone", "grow": "grew grown",
	"hide": "hid hidden", "hold": "held", "keep": "kept", "lose": "lost", "meet": "met",
	"pay": "paid", "run": "ran", "seek": "sought", "sell": "sold", "send": "sent",
	"shake": "shook shaken", "shoot": "shot", "sink": "sank sunk", "speak": "spoke spoken",
	"spend": "spent", "stand": "stood", "steal": "stole stolen", "take": "took taken",
	"tear": "tore torn", "throw": "threw thrown", "win": "won", "write": "wrote written",
}
