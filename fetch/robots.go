package fetch

import (
	"context"
	"net/url"
	"sync"
	"time"

	"github.com/temoto/robotstxt"
)

// robotsCache keeps each host's robots.txt rules for a day.
type robotsCache struct {
	c     *Client
	mu    sync.Mutex
	rules map[string]*Robots
}

func newRobotsCache(c *Client) *robotsCache {
	return &robotsCache{c: c, rules: map[string]*Robots{}}
}

// allowed reports whether u may be fetched. A robots.txt that cannot be
// fetched allows everything, as crawlers conventionally do for 4xx; a
// 5xx or network failure is also treated as allow, so that one broken file
// does not stop a feed.
func (rc *robotsCache) allowed(ctx context.Context, u *url.URL) bool {
	key := u.Scheme + "://" + u.Host
	rc.mu.Lock()
	r := rc.rules[key]
	rc.mu.Unlock()
	if r == nil || time.Since(r.fetched) > 24*time.Hour {
		r = &Robots{}
		resp, err := rc.c.once(ctx, Request{URL: key + "/robots.txt"})
		if err == nil && resp.Status == 200 {
			r = ParseRobots(resp.Body, "storyline")
		}
		r.fetched = time.Now()
		rc.mu.Lock()
		rc.rules[key] = r
		rc.mu.Unlock()
	}
	return r.Allows(u.RequestURI())
}

// Robots is what a robots.txt allows one user agent.
type Robots struct {
	group   *robotstxt.Group // nil: everything is allowed
	fetched time.Time
}

// ParseRobots reads the rules of a robots.txt that apply to agent (the
// group naming it, or else the "*" group) with github.com/temoto/robotstxt,
// which matches paths as RFC 9309 does, "*" and "$" wildcards included. A
// file that cannot be read allows everything, as crawlers treat it.
func ParseRobots(data []byte, agent string) *Robots {
	rd, err := robotstxt.FromBytes(data)
	if err != nil {
		return &Robots{}
	}
	return &Robots{group: rd.FindGroup(agent)}
}

// Allows reports whether a URL with this path and query ("/a/b?c=d") may
// be fetched: the most specific matching rule decides.
func (r *Robots) Allows(pathAndQuery string) bool {
	if r.group == nil {
		return true
	}
	if pathAndQuery == "" {
		pathAndQuery = "/"
	}
	return r.group.Test(pathAndQuery)
}
