package cluster

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// beatReport is an invented full-length report without a time on one
// beat (a city council's budget fights): week w's report shares the beat's
// names and words with every other week, and has its own happening.
func beatReport(w int) Doc {
	beat := strings.Fields(`council budget mayor ilsa varenne city hall vote
		taxes spending deficit councillor orban marsh district schools roads
		transit police library parks housing plan session debate motion amend
		approve reject committee finance chair public hearing residents`)
	event := make([]string, 0, 80)
	for i := range 80 {
		event = append(event, fmt.Sprintf("w%dterm%d", w, i))
	}
	body := append(append([]string{}, beat...), event...)
	return Doc{Article: int64(w + 1), Title: []string{"council", "budget", fmt.Sprintf("w%dhead", w)},
		Body: body, Entities: []string{"ilsa varenne", "orban marsh", fmt.Sprintf("w%dplace", w)}}
}

func TestUndatedReportsDoNotChain(t *testing.T) {
	c := New(Options{})
	stories := map[int64]int{}
	for w := range 30 {
		stories[c.Assign(beatReport(w)).Story]++
	}
	for id, n := range stories {
		if n > 1 {
			t.Errorf("story %d holds %d undated reports of different weeks on one beat", id, n)
		}
	}
}

func TestUndatedSameEventJoins(t *testing.T) {
	c := New(Options{})
	a := beatReport(3)
	b := beatReport(3) // a second outlet's report of the same happening
	b.Article = 99
	da, db := c.Assign(a), c.Assign(b)
	if da.Story != db.Story {
		t.Errorf("two undated reports of one happening: stories %d and %d (%s)", da.Story, db.Story, db.Reason)
	}
}

func TestShortUndatedKeepOrdinaryBar(t *testing.T) {
	c := New(Options{})
	x := c.vectors(Doc{Body: strings.Fields("ferry strike port savane workers walk out over pay")})
	if c.undated(x, time.Time{}) {
		t.Error("a snippet without a time is held to the undated bar")
	}
}
