package document

import wordkeys "github.com/storyline-news/storyline/analyze/lexicon"

// termKey returns the comparable key of a lower-cased word (see
// wordkeys.Key).
func termKey(w string) string { return wordkeys.Key(w) }

// KeyOfToken returns the key of a token that lower-casing would spoil: "US"
// is the country, not the pronoun "us" (a stop word).
func KeyOfToken(text string) (string, bool) {
	switch text {
	case "US", "U.S.", "USA", "U.S.A.":
		return "usa", true
	}
	return "", false
}
