package fetch

import (
	"bufio"
	"bytes"
	"context"
	"net/url"
	"strings"
	"sync"
	"time"
)

// robotsCache keeps each host's robots.txt rules for a day.
type robotsCache struct {
	c     *Client
	mu    sync.Mutex
	rules map[string]*robotsRules
}

type robotsRules struct {
	fetched  time.Time
	allow    []string
	disallow []string
}

func newRobotsCache(c *Client) *robotsCache {
	return &robotsCache{c: c, rules: map[string]*robotsRules{}}
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
		r = &robotsRules{fetched: time.Now()}
		resp, err := rc.c.once(ctx, Request{URL: key + "/robots.txt"})
		if err == nil && resp.Status == 200 {
			r = ParseRobots(resp.Body, "storyline")
			r.fetched = time.Now()
		}
		rc.mu.Lock()
		rc.rules[key] = r
		rc.mu.Unlock()
	}
	return r.Allows(u.EscapedPath())
}

// ParseRobots reads the rules of a robots.txt that apply to agent: the group
// naming it, or else the "*" group.
func ParseRobots(data []byte, agent string) *robotsRules {
	agent = strings.ToLower(agent)
	var own, star robotsRules
	var cur []*robotsRules
	inRules := false
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := sc.Text()
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		k, v, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		k = strings.ToLower(strings.TrimSpace(k))
		v = strings.TrimSpace(v)
		switch k {
		case "user-agent":
			if inRules {
				cur, inRules = nil, false
			}
			ua := strings.ToLower(v)
			if ua == "*" {
				cur = append(cur, &star)
			} else if strings.Contains(agent, ua) || strings.Contains(ua, agent) {
				cur = append(cur, &own)
			}
		case "allow", "disallow":
			inRules = true
			for _, g := range cur {
				if k == "allow" {
					g.allow = append(g.allow, v)
				} else if v != "" {
					g.disallow = append(g.disallow, v)
				}
			}
		}
	}
	if len(own.allow)+len(own.disallow) > 0 {
		return &own
	}
	return &star
}

// Allows reports whether path may be fetched: the longest matching rule wins,
// Allow winning ties.
func (r *robotsRules) Allows(path string) bool {
	if path == "" {
		path = "/"
	}
	best, allow := -1, true
	for _, p := range r.disallow {
		if strings.HasPrefix(path, p) && len(p) > best {
			best, allow = len(p), false
		}
	}
	for _, p := range r.allow {
		if p != "" && strings.HasPrefix(path, p) && len(p) >= best {
			best, allow = len(p), true
		}
	}
	return allow
}
