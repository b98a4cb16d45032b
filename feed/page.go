package feed

import (
	"context"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/fetch"
	"github.com/storyline-news/storyline/source"
)

// PageReader returns a Page function for Options that fetches a linked page
// with the client (robots.txt and all) and extracts its article.
func PageReader(c *fetch.Client) func(ctx context.Context, url string) (*storyline.Article, error) {
	return func(ctx context.Context, url string) (*storyline.Article, error) {
		var page *storyline.Article
		var pageErr error
		err := source.Read(ctx, []string{url}, source.Options{Fetcher: c}, func(it source.Item) error {
			if it.Err != nil {
				pageErr = it.Err
			} else if page == nil {
				page = it.Article
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		if page == nil && pageErr == nil {
			pageErr = storyline.Errorf(storyline.EINVALID, "%s: no article found", url)
		}
		return page, pageErr
	}
}
