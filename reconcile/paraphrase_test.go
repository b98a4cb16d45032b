package reconcile

import (
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/storyline-news/storyline"
)

// paraphraseStory is one story of testdata/paraphrases.json: invented
// reports of an invented event that state the same facts in other words,
// with the clauses (article id, a distinctive substring) that must end in
// one claim, those that must stay apart, and those that contradict each
// other (apart, or one claim marked conflicting: never silently one).
type paraphraseStory struct {
	Story    string                `json:"story"`
	Articles []*storyline.Article  `json:"articles"`
	Same     [][2]paraphraseClause `json:"same"`
	Apart    [][2]paraphraseClause `json:"apart"`
	Opposed  [][2]paraphraseClause `json:"opposed"`
}

// paraphraseClause is an article's external id and a substring of one of
// its clauses.
type paraphraseClause [2]string

// TestClaimParaphrases checks claim grouping on reports written for the
// purpose, apart from the demo corpus that the grouping was tuned on:
// different verbs and nouns for one event ("arrested", "detained", "taken
// into custody"), a death toll against a count of the killed, figures that
// disagree, and denials.
func TestClaimParaphrases(t *testing.T) {
	for _, st := range paraphraseStories(t) {
		t.Run(st.Story, func(t *testing.T) {
			c := st.card()
			claimOf := func(cl paraphraseClause) int {
				t.Helper()
				if k := claimIndex(c, cl[0], cl[1]); k >= 0 {
					return k
				}
				t.Errorf("%s %q is in no claim", cl[0], cl[1])
				return -1
			}
			for _, p := range st.Same {
				if a, b := claimOf(p[0]), claimOf(p[1]); a != b {
					t.Errorf("apart, want one claim: %s %q / %s %q", p[0][0], p[0][1], p[1][0], p[1][1])
				}
			}
			for _, p := range st.Apart {
				if a, b := claimOf(p[0]), claimOf(p[1]); a == b && a >= 0 {
					t.Errorf("one claim, want two: %s %q / %s %q", p[0][0], p[0][1], p[1][0], p[1][1])
				}
			}
			for _, p := range st.Opposed {
				a, b := claimOf(p[0]), claimOf(p[1])
				if a == b && a >= 0 && c.Claims[a].Status != storyline.Conflicting {
					t.Errorf("a denial merged with what it denies, status %s: %s %q / %s %q", c.Claims[a].Status, p[0][0], p[0][1], p[1][0], p[1][1])
				}
			}
			if t.Failed() {
				for _, cl := range c.Claims {
					t.Logf("claim %s %v", cl.Status, cl.Sources)
					for _, v := range cl.Variants {
						t.Logf("    %s: %s", v.Article, v.Text)
					}
				}
			}
		})
	}
}

// TestClaimParaphrasesConflict checks that counts of the dead that
// disagree (at least 17 against 14) still make a number conflict when the
// clauses are worded apart ("were killed", "died", "the death toll rose
// to"), and that the later toll given as a rise is an update, not a
// dispute.
func TestClaimParaphrasesConflict(t *testing.T) {
	c := paraphraseStories(t)[0].card()
	var flag *storyline.Flag
	for i, f := range c.Flags {
		if f.Kind == storyline.NumberConflict && strings.Contains(f.Text, "dead") {
			flag = &c.Flags[i]
		}
	}
	if flag == nil || !containsAll(flag.Text, []string{"17 (Harbour Ledger)", "14 (Valley Wire)"}) {
		t.Fatalf("no number conflict on the dead (17 vs 14): flags %+v", c.Flags)
	}
	k := claimIndex(c, "vw-1", "Fourteen workers died")
	if k < 0 || c.Claims[k].Status != storyline.Conflicting {
		t.Errorf("the disputed count of the dead is not conflicting: %+v", c.Claims)
	}
}

// paraphraseStories reads testdata/paraphrases.json.
func paraphraseStories(t *testing.T) []paraphraseStory {
	t.Helper()
	data, err := os.ReadFile("testdata/paraphrases.json")
	if err != nil {
		t.Fatal(err)
	}
	var stories []paraphraseStory
	if err := json.Unmarshal(data, &stories); err != nil {
		t.Fatal(err)
	}
	return stories
}

// card builds the story's card.
func (st paraphraseStory) card() *storyline.Card {
	for i, a := range st.Articles {
		a.ID, a.Version = int64(i+1), 1
	}
	return Card(&storyline.Story{ID: 1, Title: st.Articles[0].Title}, st.Articles)
}

// claimIndex returns the index of the card's claim that holds the clause
// of article id that contains text, -1 if none. The card keeps one
// variant of clauses written alike: a clause is also found in the claim
// that holds its text and counts its outlet.
func claimIndex(c *storyline.Card, id, text string) int {
	for k, cl := range c.Claims {
		for _, v := range cl.Variants {
			if v.Article == id && strings.Contains(v.Text, text) {
				return k
			}
		}
	}
	src := ""
	for _, a := range c.Articles {
		if a.ID == id {
			src = a.Source
		}
	}
	for k, cl := range c.Claims {
		for _, v := range cl.Variants {
			if strings.Contains(v.Text, text) && slices.Contains(cl.Sources, src) {
				return k
			}
		}
	}
	return -1
}
