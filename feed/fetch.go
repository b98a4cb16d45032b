package feed

import (
	"context"
	"time"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/fetch"
)

// fetchAndAdd makes the conditional request for a feed, parses it and adds
// the entries not seen before, oldest first. It updates the feed's title and
// validators, and returns how many articles were added.
func (p *Poller) fetchAndAdd(ctx context.Context, f *storyline.Feed) (int, error) {
	resp, err := p.opts.Client.Get(ctx, fetch.Request{URL: f.URL, ETag: f.ETag, LastModified: f.LastModified})
	if err != nil {
		return 0, errorf(f, err)
	}
	if resp.NotModified {
		return 0, nil
	}
	doc, err := ParseCharset(resp.Body, resp.URL, CharsetOf(resp.ContentType))
	if err != nil {
		return 0, err
	}
	if f.Title == "" {
		f.Title = doc.Title
	}
	added := 0
	for _, a := range doc.Articles {
		if err := ctx.Err(); err != nil {
			return added, err
		}
		p.label(f, doc, a)
		if p.opts.Known != nil && p.opts.Known(ctx, a.Key()) {
			continue
		}
		if p.opts.Page != nil && a.URL != "" {
			p.fillFromPage(ctx, a)
		}
		// The article is accepted from here on: shutdown must not cut it.
		out, err := p.opts.Add(context.WithoutCancel(ctx), a)
		if err != nil {
			if storyline.ErrorCode(err) == storyline.EINTERNAL {
				return added, errorf(f, err)
			}
			p.opts.Logger.Warn("feed entry refused", "feed", f.ID, "entry", a.ExternalID, "err", storyline.ErrorMessage(err))
			continue
		}
		if out == storyline.Added {
			added++
		}
	}
	// Validators are kept only once every entry was handled, so that a poll
	// cut short fetches the whole feed again.
	f.ETag, f.LastModified = resp.ETag, resp.LastModified
	return added, nil
}

// label sets the outlet of an entry: the feed's Source when the user set
// one, else the host of the entry's link (so that several section feeds of
// one outlet count as one source), else the feed's title.
func (p *Poller) label(f *storyline.Feed, doc *Document, a *storyline.Article) {
	switch {
	case f.Source != "":
		a.Source = f.Source
	case HostOf(a.URL) != "":
		a.Source = HostOf(a.URL)
	case doc.Title != "":
		a.Source = doc.Title
	default:
		a.Source = HostOf(f.URL)
	}
}

// pageTimeout bounds fetching one linked page, robots.txt and host spacing
// included, so that one slow site cannot hold a feed's poll for long.
const pageTimeout = 45 * time.Second

// fillFromPage replaces an entry's text with its linked page's when the page
// can be fetched and has more text; the feed's title, date, author and
// outlet are kept where the page lacks them. When the page refuses (robots,
// paywall status, timeout) the feed's own content stays.
func (p *Poller) fillFromPage(ctx context.Context, a *storyline.Article) {
	ctx, cancel := context.WithTimeout(ctx, pageTimeout)
	defer cancel()
	page, err := p.opts.Page(ctx, a.URL)
	if err != nil || page == nil {
		if err != nil {
			p.opts.Logger.Debug("linked page not used", "url", a.URL, "err", storyline.ErrorMessage(err))
		}
		return
	}
	if len(page.Body) <= len(a.Body) {
		return
	}
	a.Body, a.Parts = page.Body, page.Parts
	if a.Title == "" {
		a.Title = page.Title
	}
	if a.Author == "" {
		a.Author = page.Author
	}
	if a.Published.IsZero() {
		a.Published = page.Published
	}
	if a.Language == "" {
		a.Language = page.Language
	}
}
