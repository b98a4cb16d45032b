// Package ingest runs articles through the pipeline's middle stages —
// analyze, dedup, cluster — and stores each one, with its story, in one
// transaction. It is shared by the command line and the HTTP server.
package ingest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/analyze"
	"github.com/storyline-news/storyline/analyze/language"
	"github.com/storyline-news/storyline/cluster"
	"github.com/storyline-news/storyline/dedup"
)

// Window is how far back, in publication time, restored state reaches:
// stories quiet for longer no longer take new articles.
const Window = 30 * 24 * time.Hour

// Bounds on the state kept in memory between articles, so that a stream of
// any length (a million JSON lines) runs in the same memory: what is kept
// per article is its copy signature and, until its story goes idle, its
// story's centroid and postings. The stored articles are not affected:
// only which earlier articles a new one is compared with.
const (
	// MaxCopySignatures is how many of the latest articles' signatures
	// the copy index keeps, about 1 KB each. Outlets run a wire text
	// within hours or days of each other: 50,000 articles are days of a
	// thousand-outlet stream.
	MaxCopySignatures = 30_000
	// MaxIdleArticles is how many articles may arrive without one joining
	// a story before the story stops taking new ones, whatever the
	// publication times (which also retire a story after cluster's
	// seven-day window): about 1.5 KB per story of headlines, more for
	// full texts.
	MaxIdleArticles = 20_000
)

// Pipeline assigns articles to stories and stores them. It is safe for
// concurrent use; articles are clustered one at a time, in arrival order, so
// that results are deterministic for a given input order.
type Pipeline struct {
	store storyline.Store

	mu        sync.Mutex
	clusterer *cluster.Clusterer
	copies    *dedup.Index
	stale     bool // in-memory state may differ from the store
	// version is the store's story version that the in-memory state
	// reflects (see storyline.Store.StoryVersion).
	version int64
}

// Result tells what Add did with one article.
type Result struct {
	Outcome storyline.Outcome
	Article *storyline.Article
}

// New returns a Pipeline over the store, restoring the clustering state
// from the articles of the last Window.
func New(ctx context.Context, st storyline.Store) (*Pipeline, error) {
	p := &Pipeline{store: st}
	if err := p.restore(ctx); err != nil {
		return nil, err
	}
	return p, nil
}

// restore rebuilds the clustering state from the store. The story version
// is read first: should another writer store a change while the features
// are read, the next decision sees a newer version and restores again.
func (p *Pipeline) restore(ctx context.Context) error {
	version, err := p.store.StoryVersion(ctx)
	if err != nil {
		return fmt.Errorf("restore clustering state: %w", err)
	}
	p.clusterer = cluster.New(cluster.Options{MaxIdle: MaxIdleArticles})
	p.copies = dedup.NewIndex(dedup.Options{MaxArticles: MaxCopySignatures})
	err = p.store.Features(ctx, time.Time{}, func(f storyline.Features) error {
		p.clusterer.Restore(f)
		if len(f.Signature) > 0 {
			p.copies.Add(f.Article, f.Signature)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("restore clustering state: %w", err)
	}
	p.version, p.stale = version, false
	return nil
}

// Hash identifies an article's text: a changed hash under a known key makes
// a new version.
func Hash(a *storyline.Article) string {
	h := sha256.New()
	h.Write([]byte(a.Title))
	h.Write([]byte{0})
	h.Write([]byte(a.Body))
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// Prepared is an article with the work done that needs no shared state:
// validation, its hash and its features. Prepare may run on many goroutines
// at once; AddPrepared then takes articles one at a time, in order.
type Prepared struct {
	Article  *storyline.Article
	hash     string
	features storyline.Features
	err      error
}

// Prepare validates and describes an article for AddPrepared.
func Prepare(a *storyline.Article) Prepared {
	if err := Validate(a); err != nil {
		return Prepared{Article: a, err: err}
	}
	if a.Ingested.IsZero() {
		a.Ingested = time.Now().UTC()
	}
	// A URL that is no web address ("javascript:", "data:", a relative
	// canonical link) is dropped rather than stored: the article is kept,
	// without a link, under its source and id.
	a.URL = storyline.LinkURL(a.URL)
	return Prepared{Article: a, hash: Hash(a), features: Describe(a)}
}

// Hash returns the content hash of a prepared article ("" when it failed
// validation): the same key with the same hash is stored unchanged.
func (pr Prepared) Hash() string { return pr.hash }

// Add analyses, deduplicates, clusters and stores one article.
func (p *Pipeline) Add(ctx context.Context, a *storyline.Article) (Result, error) {
	return p.AddPrepared(ctx, Prepare(a))
}

// maxStaleRetries bounds how often one article is decided again after
// other writers changed the stories under it; each retry first restores
// the state from the store, so only a writer storing changes faster than
// a restore takes can exhaust it.
const maxStaleRetries = 3

// AddPrepared deduplicates, clusters and stores a prepared article.
//
// Other processes may write the same store (a server and a command-line
// ingest): the store tells, inside the transaction that holds its
// clustering lease, the story version and the id a new story gets; when
// the version is not the one the in-memory state reflects, the state is
// restored from the store and the article decided again, so that the
// stories are those one process would make.
func (p *Pipeline) AddPrepared(ctx context.Context, pr Prepared) (Result, error) {
	if pr.err != nil {
		return Result{}, pr.err
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	for try := 0; ; try++ {
		if p.stale {
			if err := p.restore(ctx); err != nil {
				return Result{}, err
			}
		}
		res, err := p.save(ctx, pr)
		if errors.Is(err, storyline.ErrStaleView) && try < maxStaleRetries {
			continue // p.stale is set: restore and decide again
		}
		return res, err
	}
}

// save clusters and stores one prepared article; callers hold p.mu.
func (p *Pipeline) save(ctx context.Context, pr Prepared) (Result, error) {
	a, hash := pr.Article, pr.hash
	// The store tells, inside its transaction, whether the article is new,
	// a new version of a known one (which keeps its place and story) or
	// unchanged (then nothing is written and decide is not called).
	f := pr.features
	doc := Doc(a, f, p.copies)
	a.DuplicateOf = doc.DuplicateOf
	var decision cluster.Decision
	version := p.version
	out, err := p.store.SaveArticle(ctx, a, hash, func(s storyline.SaveState) (*storyline.StoryChange, error) {
		if s.Revision {
			return nil, nil
		}
		if s.Version != p.version {
			return nil, storyline.ErrStaleView
		}
		id := s.Article
		doc.Article = id
		// The store gives story ids: a story this article opens gets
		// s.NextStory (the store refuses any other new id).
		p.clusterer.SetLastStory(s.NextStory - 1)
		version = s.Version + 1
		decision = p.clusterer.Assign(doc)
		f.Article, f.Story, f.DuplicateOf = id, decision.Story, a.DuplicateOf
		return &storyline.StoryChange{
			Assignment: storyline.Assignment{Article: id, Story: decision.Story, Score: decision.Score, Reason: decision.Reason, Terms: decision.Terms},
			Merged:     decision.Merged,
			Features:   f,
		}, nil
	})
	if err != nil {
		// The clusterer may have counted an article the store rolled back.
		p.stale = true
		return Result{}, err
	}
	p.version = version
	if out == storyline.Added {
		p.copies.Add(a.ID, f.Signature)
	}
	return Result{Outcome: out, Article: a}, nil
}

// Flush makes every article added so far durable and visible to other
// readers (the store may commit articles in groups). If the commit fails,
// the in-memory state is rebuilt from the store before the next article.
func (p *Pipeline) Flush(ctx context.Context) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if err := p.store.Flush(ctx); err != nil {
		p.stale = true
		return err
	}
	return nil
}

// Describe computes the clustering features of an article.
//
// A title that merely repeats the start of the body (derived from it, as
// for a snippet without a headline) is not counted twice. Entities come
// from the body only: headlines capitalise every word. Terms are read in
// the article's language (detected from its text when not set), with that
// language's stop words and stems.
func Describe(a *storyline.Article) storyline.Features {
	lang := a.Language
	if lang == "" {
		lang = language.Detect(a.Title, a.Body, "")
	}
	var title []string
	if !derivedTitle(a.Title, a.Body) {
		title = analyze.TermsIn(lang, a.Title)
	}
	body := analyze.TermsIn(lang, a.Body)
	return storyline.Features{
		Source:    a.Source,
		Published: a.Published,
		Title:     title,
		Body:      body,
		Entities:  analyze.NameKeys(a.Body),
		Signature: dedup.Signature(append(append([]string(nil), title...), body...)),
	}
}

// Doc returns what the clusterer reads of an article described by f. When
// copies is not nil and holds an earlier article whose text this one
// repeats, DuplicateOf names the earliest such article. Article is left for
// the caller to set once the store has given the article its ID.
func Doc(a *storyline.Article, f storyline.Features, copies *dedup.Index) cluster.Doc {
	d := cluster.Doc{Source: a.Source, Published: f.Published, Title: f.Title, Body: f.Body, Entities: f.Entities}
	if copies != nil {
		if orig, _, ok := copies.Find(f.Signature); ok {
			d.DuplicateOf = orig
		}
	}
	return d
}

// derivedTitle reports whether title is the opening of body, as when the
// title was made from the text's first sentence.
func derivedTitle(title, body string) bool {
	t := strings.TrimRight(strings.TrimSpace(title), ".…")
	return t != "" && strings.HasPrefix(strings.TrimSpace(body), t)
}

// Validate checks that an article can be stored.
func Validate(a *storyline.Article) error {
	if strings.TrimSpace(a.Title) == "" && strings.TrimSpace(a.Body) == "" {
		return storyline.Errorf(storyline.EINVALID, "no text")
	}
	if !utf8.ValidString(a.Title) || !utf8.ValidString(a.Body) {
		return storyline.Errorf(storyline.EINVALID, "text is not valid UTF-8")
	}
	return nil
}
