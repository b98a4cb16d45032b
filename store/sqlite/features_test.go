package sqlite

import (
	"context"
	"errors"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/storyline-news/storyline"
)

// allFeatures streams every feature of db since the time.
func allFeatures(t *testing.T, db *DB, since time.Time) []storyline.Features {
	t.Helper()
	var list []storyline.Features
	if err := db.Features(context.Background(), since, func(f storyline.Features) error {
		list = append(list, f)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return list
}

func TestFeaturesRoundTrip(t *testing.T) {
	db := openTest(t)
	reserveStories(t, db, 5)
	full := storyline.Features{
		DuplicateOf: 0,
		Source:      "Harbour Gazette",
		Published:   t0.Add(90 * time.Minute),
		Title:       []string{"ferri", "strike", "ferri"},
		Body:        []string{"worker", "walk", "", "dawn", "strike"},
		Entities:    []string{"org:ferry union", "place:harbour town"},
		Signature:   []uint32{0, 1, 1 << 31, 4294967295},
	}
	a := report("Harbour Gazette", "g1", 1, "Ferry strike", "Text.")
	save(t, db, a, "h", &storyline.StoryChange{Assignment: storyline.Assignment{Story: 5}, Features: full})
	// Empty features; time, source and duplicate link come from the article.
	b := report("Town Daily", "t1", 3, "Ferry strike", "Text.")
	b.DuplicateOf = a.ID
	save(t, db, b, "h", &storyline.StoryChange{Assignment: storyline.Assignment{Story: 5}})
	// Neither features nor article has a time: the ingest time places it
	// for since, and Published stays zero.
	c := report("Valley News", "v1", 0, "Undated", "Text.")
	c.Published = time.Time{}
	c.Ingested = t0.Add(10 * time.Hour)
	save(t, db, c, "h", &storyline.StoryChange{Assignment: storyline.Assignment{Story: 6}})

	wantA := full
	wantA.Article, wantA.Story = a.ID, 5
	wantB := storyline.Features{Article: b.ID, Story: 5, DuplicateOf: a.ID, Source: "Town Daily", Published: t0.Add(3 * time.Hour)}
	wantC := storyline.Features{Article: c.ID, Story: 6, Source: "Valley News"}

	tests := []struct {
		name  string
		since time.Time
		want  []storyline.Features
	}{
		{"all", time.Time{}, []storyline.Features{wantA, wantB, wantC}},
		{"since exact", t0.Add(3 * time.Hour), []storyline.Features{wantB, wantC}},
		{"since later", t0.Add(4 * time.Hour), []storyline.Features{wantC}},
		{"far future", time.Date(3000, 1, 1, 0, 0, 0, 0, time.UTC), nil},
		{"far past", time.Date(1000, 1, 1, 0, 0, 0, 0, time.UTC), []storyline.Features{wantA, wantB, wantC}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := allFeatures(t, db, tt.since); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
	stop := errors.New("stop")
	if err := db.Features(context.Background(), time.Time{}, func(storyline.Features) error { return stop }); err != stop {
		t.Errorf("error = %v, want the callback's", err)
	}
}

// TestTermsAcrossHandles writes through two handles on one file, as two
// processes would, and checks that the term dictionary stays consistent.
func TestTermsAcrossHandles(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "shared.db")
	one, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer one.Close()
	two, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer two.Close()

	saves := []struct {
		db    *DB
		terms []string
	}{
		{one, []string{"x", "y"}},
		{two, []string{"y", "z"}},
		{one, []string{"z", "w", "x"}},
		{two, []string{"w", "v"}},
	}
	for i, s := range saves {
		a := report("S", string(rune('a'+i)), i, "T", "B")
		save(t, s.db, a, "h", &storyline.StoryChange{Assignment: storyline.Assignment{Story: 1},
			Features: storyline.Features{Body: s.terms}})
		if err := s.db.Flush(ctx); err != nil { // as a process ending its ingest
			t.Fatal(err)
		}
	}
	for _, db := range []*DB{one, two} {
		got := allFeatures(t, db, time.Time{})
		for i, s := range saves {
			if !reflect.DeepEqual(got[i].Body, s.terms) {
				t.Errorf("features %d: %q, want %q", i, got[i].Body, s.terms)
			}
		}
	}
}

func TestDecodeFeaturesCorrupt(t *testing.T) {
	terms := []string{"", "a", "b"}
	good, err := encodeFeatures(nil, &storyline.Features{Source: "a", Title: []string{"b"}, Signature: []uint32{7}},
		func(s string) (uint64, error) { return map[string]uint64{"": 0, "a": 1, "b": 2}[s], nil })
	if err != nil {
		t.Fatal(err)
	}
	var f storyline.Features
	if err := decodeFeatures(good, terms, &f); err != nil || f.Source != "a" || f.Title[0] != "b" {
		t.Fatalf("good blob: %v %+v", err, f)
	}
	tests := map[string][]byte{
		"empty":          nil,
		"unknown format": {9},
		"short":          good[:len(good)-1],
		"trailing":       append(append([]byte{}, good...), 0),
		"unknown term":   {1, 0, 3, 0, 0, 0, 0},
		"huge count":     {1, 0, 0, 0xff, 0xff, 0xff, 0xff, 0x0f},
		"bad varint":     {1, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff},
	}
	for name, blob := range tests {
		if err := decodeFeatures(blob, terms, &f); !errors.Is(err, errCorrupt) {
			t.Errorf("%s: error = %v", name, err)
		}
	}
}

// FuzzDecodeFeatures checks that no blob makes the decoder panic.
func FuzzDecodeFeatures(f *testing.F) {
	f.Add([]byte{1, 0, 1, 1, 2, 0, 0, 1, 7, 0, 0, 0})
	f.Fuzz(func(t *testing.T, blob []byte) {
		var out storyline.Features
		decodeFeatures(blob, []string{"", "a", "b"}, &out)
	})
}
