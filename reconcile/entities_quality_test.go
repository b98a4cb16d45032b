package reconcile

import (
	"github.com/storyline-news/storyline/analyze/document"
	"testing"

	"github.com/storyline-news/storyline"
)

// entityLabel is one line of testdata/entities.jsonl: an entity of a demo
// story as its card should show it (canonical name and type) and the name
// forms its articles use for it. Vessels and products are not labelled:
// the card has no type for them.
type entityLabel struct {
	Story  string               `json:"story"`
	Entity string               `json:"entity"`
	Type   storyline.EntityType `json:"type"`
	Forms  []string             `json:"forms"`
}

// Floors for TestEntityIdentityQuality, just under the measured figures
// (docs/QUALITY.md), so that a regression in entity resolution fails.
const (
	entityFloorRight = 0.91
	entityFloorTyped = 0.86
)

// TestEntityIdentityQuality scores the card's entities on hand-labelled
// name forms of four demo stories (testdata/entities.jsonl): a form is in
// the right entity when the card entity that has it as name or alias is
// the labelled one, and typed right when that entity also has the
// labelled type. A form that is on no card entity, or on a fragment or
// another entity, is wrong.
func TestEntityIdentityQuality(t *testing.T) {
	if testing.Short() {
		t.Skip("ingests the demo corpus")
	}
	var forms, right, typed int
	for _, l := range readLabels[entityLabel](t, "testdata/entities.jsonl") {
		c := demoCard(t, l.Story)
		for _, form := range l.Forms {
			forms++
			e := cardEntityOf(c, form)
			switch {
			case e == nil:
				t.Logf("%s: %q is on no card entity (want %s %s)", l.Story, form, l.Entity, l.Type)
			case document.NameKey(e.Name) != document.NameKey(l.Entity):
				t.Logf("%s: %q is on %s %s (want %s %s)", l.Story, form, e.Name, e.Type, l.Entity, l.Type)
			default:
				right++
				if e.Type == l.Type {
					typed++
				} else {
					t.Logf("%s: %q is on %s typed %s (want %s)", l.Story, form, e.Name, e.Type, l.Type)
				}
			}
		}
	}
	r := float64(right) / float64(max(forms, 1))
	ty := float64(typed) / float64(max(forms, 1))
	t.Logf("entity identity: %d labelled forms; in the right entity %d (%.3f), and typed right %d (%.3f)", forms, right, r, typed, ty)
	if r < entityFloorRight || ty < entityFloorTyped {
		t.Errorf("entity identity below the floor (right %.2f, typed %.2f)", entityFloorRight, entityFloorTyped)
	}
}

// cardEntityOf returns the first card entity that has form as its name or
// an alias, or nil.
func cardEntityOf(c *storyline.Card, form string) *storyline.CardEntity {
	k := document.NameKey(form)
	for i, e := range c.Entities {
		if document.NameKey(e.Name) == k {
			return &c.Entities[i]
		}
		for _, a := range e.Aliases {
			if document.NameKey(a) == k {
				return &c.Entities[i]
			}
		}
	}
	return nil
}
