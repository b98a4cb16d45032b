package reconcile

import "strings"

// More words that reports use for one another, added to paraphrases (see
// terms.go): the vocabulary of news events that outlets vary most (what
// happened, to whom), and the irregular forms of common verbs, which
// stemming leaves apart from the rest of their verb ("clung" / "clinging").
func init() {
	for key, list := range map[string]string{
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
	} {
		for _, w := range strings.Fields(list) {
			paraphrases[w] = key
		}
	}
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
