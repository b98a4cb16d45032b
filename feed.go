package storyline

import (
	"context"
	"time"
)

// Feed is an RSS, Atom or JSON Feed that storyline polls for new reports,
// with what the last polls found.
type Feed struct {
	ID int64 `json:"id"`
	// URL is the address of the feed document.
	URL string `json:"url"`
	// Title is the feed's own title, or what the user named it.
	Title string `json:"title"`
	// Source is the outlet name given to the feed's articles; empty means
	// the feed's title, else the host of each article's link.
	Source string `json:"source,omitempty"`
	// Interval is the time between two successful polls.
	Interval time.Duration `json:"-"`
	// Created is when the feed was added.
	Created time.Time `json:"created"`

	// ETag and LastModified are the validators of the last 200 response,
	// sent back with the next poll (conditional GET).
	ETag         string `json:"-"`
	LastModified string `json:"-"`

	// LastFetch is when the feed was last polled, successfully or not.
	LastFetch time.Time `json:"last_fetch,omitzero"`
	// LastSuccess is when a poll last succeeded.
	LastSuccess time.Time `json:"last_success,omitzero"`
	// NextFetch is when the feed is due again.
	NextFetch time.Time `json:"next_fetch,omitzero"`
	// LastError is why the last poll failed, "" after a success.
	LastError string `json:"last_error,omitempty"`
	// Failures counts the polls that failed in a row; it sets the backoff.
	Failures int `json:"failures"`
	// Articles counts the articles the feed has added.
	Articles int `json:"articles"`
}

// FeedStatus is a one-word summary of a feed's health for lists.
type FeedStatus string

// Feed statuses.
const (
	FeedNew     FeedStatus = "new"     // never polled
	FeedOK      FeedStatus = "ok"      // the last poll succeeded
	FeedFailing FeedStatus = "failing" // the last poll failed
)

// Status returns the feed's health as of its last poll.
func (f *Feed) Status() FeedStatus {
	switch {
	case f.LastFetch.IsZero():
		return FeedNew
	case f.LastError != "":
		return FeedFailing
	}
	return FeedOK
}

// FeedStore keeps the feeds to poll and their status; every Store is one.
type FeedStore interface {
	// Feeds returns every feed, oldest first.
	Feeds(ctx context.Context) ([]*Feed, error)
	// Feed returns one feed by ID, or ENOTFOUND.
	Feed(ctx context.Context, id int64) (*Feed, error)
	// AddFeed stores a new feed and sets f.ID and f.Created. It returns
	// ECONFLICT when a feed with the same URL exists, EINVALID without a URL.
	AddFeed(ctx context.Context, f *Feed) error
	// UpdateFeed saves the title, source, interval and poll status of a
	// stored feed, or returns ENOTFOUND.
	UpdateFeed(ctx context.Context, f *Feed) error
	// DeleteFeed removes a feed (its articles stay), or returns ENOTFOUND.
	DeleteFeed(ctx context.Context, id int64) error
	// ClaimDueFeeds takes the feeds due at now (no NextFetch, or one not
	// after now), most overdue first, at most limit of them (all when 0),
	// and in the same transaction moves their NextFetch to now+hold, so
	// that no other poller of the database (another server process) takes
	// them meanwhile: the poll's UpdateFeed sets the real next time, and
	// the feeds of a poller that dies are due again after hold. It returns
	// the feeds as they were before the claim. Two pollers claiming at
	// once never get the same feed.
	ClaimDueFeeds(ctx context.Context, now time.Time, hold time.Duration, limit int) ([]*Feed, error)
}
