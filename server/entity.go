package server

import (
	"context"
	"sort"
	"strings"
	"time"

	"github.com/storyline-news/storyline"
)

// entityPage is what storyline knows about one named entity across
// stories: the names outlets used for it, the flags raised about it, and
// the stories it appears in.
type entityPage struct {
	Name     string               `json:"name"`
	Type     storyline.EntityType `json:"type,omitempty"`
	Aliases  []string             `json:"aliases"`
	Mentions int                  `json:"mentions"`
	Sources  []string             `json:"sources"`
	Flags    []storyline.Flag     `json:"flags"`
	Stories  []entityStory        `json:"stories"`
}

// entityStory is one story an entity appears in, with the card's entry for
// it (nil when the card lists no entities and the story matched on text).
type entityStory struct {
	Story  *storyline.Story      `json:"story"`
	Entity *storyline.CardEntity `json:"entity,omitempty"`
}

// maxEntityStories bounds an entity page.
const maxEntityStories = 50

// entity finds the stories whose articles mention name (full-text phrase
// search, so it scales with the index, not the archive) and keeps those
// whose card lists the entity under that name or alias. A story whose card
// has no entities yet (reconcile not run) is kept on the text match.
//
// wait bounds, for the whole page, how long it waits for story cards that
// are being built (a reader's page: cards not ready in time are left out
// of the matching, the story kept on its text match); a negative wait
// waits for every card (the API).
func (s *Server) entity(ctx context.Context, name string, wait time.Duration) (*entityPage, error) {
	name = strings.Join(strings.Fields(name), " ")
	if name == "" {
		return nil, storyline.Errorf(storyline.EINVALID, "An entity name is required.")
	}
	ep := &entityPage{Name: name, Aliases: []string{}, Sources: []string{}, Flags: []storyline.Flag{}, Stories: []entityStory{}}
	stories, err := s.searchStories(ctx, `"`+strings.ReplaceAll(name, `"`, "")+`"`)
	if err != nil {
		return nil, err
	}
	aliases, sources := map[string]bool{}, map[string]bool{}
	deadline := time.Now().Add(wait)
	for _, st := range stories {
		if len(ep.Stories) >= maxEntityStories {
			break
		}
		left := time.Duration(-1)
		if wait >= 0 {
			left = max(0, time.Until(deadline))
		}
		v, err := s.views.storyWithin(ctx, st.ID, left)
		if storyline.ErrorCode(err) == storyline.ENOTFOUND {
			continue
		} else if err != nil {
			return nil, err
		}
		e := findEntity(v.Card, name)
		if e == nil && len(v.Card.Entities) > 0 {
			continue
		}
		ep.Stories = append(ep.Stories, entityStory{Story: v.Story, Entity: e})
		if e == nil {
			continue
		}
		if ep.Type == "" {
			ep.Type = e.Type
		}
		if !strings.EqualFold(e.Name, name) && len(ep.Stories) == 1 {
			// Asked by an alias: show the canonical name.
			ep.Name = e.Name
		}
		for _, a := range append([]string{e.Name}, e.Aliases...) {
			if !strings.EqualFold(a, ep.Name) && !aliases[a] {
				aliases[a] = true
				ep.Aliases = append(ep.Aliases, a)
			}
		}
		for _, src := range e.Sources {
			if !sources[src] {
				sources[src] = true
				ep.Sources = append(ep.Sources, src)
			}
		}
		ep.Mentions += e.Mentions
		ep.Flags = append(ep.Flags, entityFlags(*e, v.Card.Flags)...)
	}
	if len(ep.Stories) == 0 {
		return nil, storyline.Errorf(storyline.ENOTFOUND, "No story mentions %q.", name)
	}
	sort.Strings(ep.Sources)
	sort.SliceStable(ep.Stories, func(i, j int) bool { return ep.Stories[i].Story.Updated.After(ep.Stories[j].Story.Updated) })
	return ep, nil
}

// findEntity returns the card's entity named name, or having it as an alias.
func findEntity(c *storyline.Card, name string) *storyline.CardEntity {
	for i := range c.Entities {
		if strings.EqualFold(c.Entities[i].Name, name) {
			return &c.Entities[i]
		}
	}
	for i := range c.Entities {
		for _, a := range c.Entities[i].Aliases {
			if strings.EqualFold(a, name) {
				return &c.Entities[i]
			}
		}
	}
	return nil
}
