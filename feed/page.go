package feed

import (
	"context"
	"strings"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/extract"
	"github.com/storyline-news/storyline/fetch"
)

// PageReader returns a Page function for Options that fetches a linked page
// with the client (robots.txt and all) and extracts its article.
func PageReader(c *fetch.Client) func(ctx context.Context, url string) (*storyline.Article, error) {
	return func(ctx context.Context, url string) (*storyline.Article, error) {
		resp, err := c.Get(ctx, fetch.Request{URL: url})
		if err != nil {
			return nil, err
		}
		if ct := resp.ContentType; ct != "" && !strings.Contains(ct, "html") {
			return nil, storyline.Errorf(storyline.EINVALID, "%s: not an HTML page (%s)", url, ct)
		}
		page, err := extract.HTML(resp.Body, resp.URL)
		if err != nil {
			return nil, err
		}
		if page.URL == "" {
			page.URL = resp.URL
		}
		return page, nil
	}
}
