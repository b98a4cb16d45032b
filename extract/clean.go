package extract

import (
	"strings"

	"github.com/storyline-news/storyline"
)

// Clean stub.
func Clean(text string) (string, []storyline.Part) {
	var out []string
	for _, l := range strings.Split(text, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n\n"), nil
}

func deriveTitle(body string) string { return "" }
