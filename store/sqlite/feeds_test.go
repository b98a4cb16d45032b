package sqlite

import (
	"context"
	"testing"
	"time"

	"github.com/storyline-news/storyline"
)

func TestFeedsRoundTrip(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	f := &storyline.Feed{URL: "https://example.org/rss", Title: "Example", Interval: 15 * time.Minute}
	if err := db.AddFeed(ctx, f); err != nil {
		t.Fatal(err)
	}
	if f.ID == 0 || f.Created.IsZero() {
		t.Fatalf("AddFeed did not set ID and Created: %+v", f)
	}
	dup := &storyline.Feed{URL: f.URL, Interval: time.Minute}
	if err := db.AddFeed(ctx, dup); storyline.ErrorCode(err) != storyline.ECONFLICT {
		t.Fatalf("second AddFeed of the same URL: got %v, want conflict", err)
	}
	if err := db.AddFeed(ctx, &storyline.Feed{}); storyline.ErrorCode(err) != storyline.EINVALID {
		t.Fatalf("AddFeed without URL: got %v, want invalid", err)
	}

	now := time.Now().UTC().Truncate(time.Millisecond)
	f.ETag, f.LastModified = `"abc"`, "Mon, 02 Jan 2006 15:04:05 GMT"
	f.LastFetch, f.NextFetch = now, now.Add(time.Hour)
	f.LastError, f.Failures, f.Articles = "HTTP 503 Service Unavailable", 2, 7
	if err := db.UpdateFeed(ctx, f); err != nil {
		t.Fatal(err)
	}
	got, err := db.Feed(ctx, f.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.ETag != f.ETag || got.LastModified != f.LastModified || !got.LastFetch.Equal(now) ||
		!got.NextFetch.Equal(now.Add(time.Hour)) || got.LastError != f.LastError || got.Failures != 2 ||
		got.Articles != 7 || got.Interval != 15*time.Minute || got.Status() != storyline.FeedFailing {
		t.Fatalf("Feed after update = %+v", got)
	}
	list, err := db.Feeds(ctx)
	if err != nil || len(list) != 1 {
		t.Fatalf("Feeds = %v, %v", list, err)
	}
	if s, err := db.Stats(ctx); err != nil || s.Feeds != 1 {
		t.Fatalf("Stats = %+v, %v", s, err)
	}
	if err := db.DeleteFeed(ctx, f.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Feed(ctx, f.ID); storyline.ErrorCode(err) != storyline.ENOTFOUND {
		t.Fatalf("Feed after delete: %v", err)
	}
	if err := db.UpdateFeed(ctx, f); storyline.ErrorCode(err) != storyline.ENOTFOUND {
		t.Fatalf("UpdateFeed after delete: %v", err)
	}
	if err := db.DeleteFeed(ctx, f.ID); storyline.ErrorCode(err) != storyline.ENOTFOUND {
		t.Fatalf("DeleteFeed twice: %v", err)
	}
}
