package reconcile

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
	for key, list := range map[string]string{
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
	} {
		for _, w := range strings.Fields(list) {
			paraphrases[w] = key
		}
	}
}

// keyCache remembers term keys: news vocabulary repeats.
var keyCache memo.Strings

// termKey returns the comparable key of a lower-cased word: its paraphrase
// key, or its stem with nominalisations folded onto the verb
// ("revocation" → "revok", "suspension" → "suspen").
func termKey(w string) string {
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

// keyOfToken returns the key of a token that lower-casing would spoil: "US"
// is the country, not the pronoun "us" (a stop word).
func keyOfToken(text string) (string, bool) {
	switch text {
	case "US", "U.S.", "USA", "U.S.A.":
		return "usa", true
	}
	return "", false
}
