// Package storyline holds the domain of the storyline news story engine:
// the reports it reads (Article), the events they are grouped into (Story),
// what a story card says about them (Entity, Quote, Claim, Flag, Development)
// and the Store that keeps them.
//
// The pipeline stages live in sub-packages, one job each, and depend on these
// types, never on each other's internals:
//
//	source ─▶ fetch ─▶ extract ─▶ analyze ─▶ dedup ─▶ cluster ─▶ reconcile ─▶ store ─▶ serve
package storyline

import (
	"context"
	"net/url"
	"strings"
	"time"
)

// Article is one outlet's report as storyline keeps it.
type Article struct {
	// ID is the store's own identifier, 0 until the article is stored.
	ID int64 `json:"-"`
	// ExternalID is the input's id field, or the file name for plain files;
	// it is what `export` prints as "id".
	ExternalID string `json:"id"`
	// URL is where the report was published, if known.
	URL string `json:"url,omitempty"`
	// KeyedByID makes the source and external id the article's key even
	// when it has a URL: a feed entry's own id (RSS guid, Atom id, JSON Feed
	// id) says which entries are the same report, and several entries of a
	// feed may link to one page.
	KeyedByID bool `json:"-"`
	// Source is the outlet's name ("Harbour Gazette"), or its host name.
	Source string `json:"source,omitempty"`
	// Title is the headline.
	Title string `json:"title"`
	// Author is the byline, if any.
	Author string `json:"author,omitempty"`
	// Language is an ISO 639-1 code ("en"), empty when unknown.
	Language string `json:"language,omitempty"`
	// Published is when the outlet published the report; zero when unknown.
	Published time.Time `json:"published,omitzero"`
	// Ingested is when storyline first stored this version.
	Ingested time.Time `json:"ingested,omitzero"`
	// Body is the outlet's own reporting after cleaning: paragraphs separated
	// by blank lines, without embedded posts, share lines or sub-headings.
	Body string `json:"body"`
	// Parts is the material the cleaner took out of the body, labelled.
	Parts []Part `json:"parts,omitempty"`
	// Version counts the distinct texts seen under the same key, from 1.
	Version int `json:"version,omitempty"`
	// Story is the story the article belongs to, 0 until clustered.
	Story int64 `json:"story,omitempty"`
	// DuplicateOf is the ID of the article this one is a near-copy of
	// (a syndicated wire text), 0 when it is an original.
	DuplicateOf int64 `json:"duplicate_of,omitempty"`
}

// Key is the identity under which an article is stored: re-ingesting the same
// key with the same text adds nothing, with a changed text adds a version.
// It is the URL when there is one, else (or when KeyedByID) the source and
// external id.
func (a *Article) Key() string {
	if a.URL != "" && !a.KeyedByID {
		return "url:" + a.URL
	}
	return "id:" + a.Source + "\x00" + a.ExternalID
}

// LinkURL returns raw when it is an address storyline may link to: an
// absolute http or https URL with a host and no user name; otherwise "".
// An article's URL comes from the outlet or its page and is untrusted:
// "javascript:" or "data:" must never reach a reader as a link.
func LinkURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil || u.Opaque != "" {
		return ""
	}
	return raw
}

// PartKind labels material that is in a page but is not the outlet's own
// reporting.
type PartKind string

// The kinds of material the cleaner labels.
const (
	// PartEmbeddedPost is a social-media post quoted into the page: evidence
	// of what someone posted, not of what the outlet reports.
	PartEmbeddedPost PartKind = "embedded_post"
	// PartSubheading is a section heading inside the body.
	PartSubheading PartKind = "subheading"
	// PartBoilerplate is a share, advertising, newsletter or "read more" line.
	PartBoilerplate PartKind = "boilerplate"
	// PartCaption is a photo or video caption or credit line.
	PartCaption PartKind = "caption"
)

// Part is one labelled piece of non-reporting material.
type Part struct {
	Kind PartKind `json:"kind"`
	// Text is the material as it stood in the input.
	Text string `json:"text"`
	// Author is who posted it, for embedded posts ("@handle" or a name).
	Author string `json:"author,omitempty"`
	// Posted is the date line of an embedded post, as written.
	Posted string `json:"posted,omitempty"`
	// Index is the paragraph position in the input before which the part
	// stood, so that a reader can show it in place.
	Index int `json:"index"`
}

// Story is a group of articles that report the same real-world event.
type Story struct {
	ID    int64  `json:"id"`
	Title string `json:"title"`
	// Articles counts every article in the story, copies included.
	Articles int `json:"articles"`
	// Sources counts independent outlets: syndicated copies count once.
	Sources int `json:"sources"`
	// Created is the publication time of the story's first article.
	Created time.Time `json:"created,omitzero"`
	// Updated is the publication (or ingest) time of its latest article.
	Updated time.Time `json:"updated,omitzero"`
}

// EntityType is the kind of a named entity.
type EntityType string

// Entity types, as the command-line contract names them.
const (
	Person EntityType = "PERSON"
	Org    EntityType = "ORG"
	Place  EntityType = "PLACE"
	Other  EntityType = "OTHER"
)

// Mention is a named entity found in a text, with rune offsets.
type Mention struct {
	Text      string     `json:"text"`
	Type      EntityType `json:"type"`
	Start     int        `json:"start"`
	End       int        `json:"end"`
	Canonical string     `json:"canonical,omitempty"`
}

// Speaker is who a quote is attributed to: the mention in the text and the
// name it resolves to.
type Speaker struct {
	Name  string `json:"name"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// QuoteSpan is a direct quote found in one text, with rune offsets.
//
// A quotation the writer breaks with its reporting clause ("We are ready,"
// she said. "The rain may still stop us.") or runs over several paragraphs
// is one quote of several pieces: Spans are the pieces [start, end) in
// order, each with its quotation marks, Start and End cover them all (the
// reporting clause between them too), and Text is the words between the
// marks of each piece, joined by PieceBreak where the writer's words stood
// between them and by a space where only spaces or a paragraph break did.
// A quote of one piece has one span, [Start, End).
type QuoteSpan struct {
	Text    string   `json:"text"`
	Start   int      `json:"start"`
	End     int      `json:"end"`
	Spans   [][2]int `json:"spans"`
	Speaker *Speaker `json:"speaker"`
}

// PieceBreak joins in a quote's Text two pieces that the writer's own
// words (the reporting clause) stand between: an ellipsis, as in print.
const PieceBreak = " … "

// Pieces returns the rune ranges the quote's words cover: its Spans, or
// [Start, End) for a quote that has none (one read from an older cache).
func (q QuoteSpan) Pieces() [][2]int {
	if len(q.Spans) == 0 {
		return [][2]int{{q.Start, q.End}}
	}
	return q.Spans
}

// Assignment records why an article joined a story, for `story --why`.
type Assignment struct {
	Article int64 `json:"article"`
	Story   int64 `json:"story"`
	// Score is the similarity to the story when it joined (0 for a new story).
	Score float64 `json:"score"`
	// Reason is a one-line human explanation.
	Reason string `json:"reason"`
	// Terms lists the shared terms or entities that weighed most.
	Terms []string `json:"terms,omitempty"`
}

// Filter narrows a listing of stories or articles.
type Filter struct {
	Story  int64
	Limit  int
	Offset int
}

// Outcome tells what storing an article did.
type Outcome int

// The outcomes of Store.SaveArticle.
const (
	// Added means a new article was stored.
	Added Outcome = iota
	// Unchanged means the same key and text were already stored.
	Unchanged
	// Revised means the key was known and a new version of its text stored.
	Revised
)

// Store keeps articles and stories: the one boundary between the pipeline,
// the server and the command line on one side and a database on the other.
// Implementations: store/sqlite (the embedded default) and, for scale-out,
// store/postgres; store/storetest is the conformance suite each passes.
// Every write that concerns one article happens in one transaction, so
// that a crash never leaves half an article.
//
// Errors: a method gives an *Error with code ENOTFOUND for an unknown ID or
// key, EINVALID for a request no store could satisfy, ECONFLICT as
// documented; anything else (a broken connection, a full disk) is an
// internal error, wrapped with what was being done.
type Store interface {
	// Lookup returns the stored article with the key (see Article.Key),
	// the content hash of its current version, and ENOTFOUND when there is
	// none. Articles saved but not yet flushed count.
	Lookup(ctx context.Context, key string) (*Article, string, error)
	// Committed returns the content hash of the article stored under key as
	// last made durable ("" when there is none, and no error) and whether an
	// analysis of that version is cached. Unlike Lookup it need not see
	// articles saved but not flushed, and never waits for the writer, so
	// that workers preparing articles can ask it.
	Committed(ctx context.Context, key string) (hash string, analysed bool, err error)
	// SaveArticle stores the article (new, or a new version when its key is
	// known with another hash) in one transaction. Inside it, once the text
	// is known to be new or revised, decide (when not nil) is called with
	// the article's ID, the story ID the store gives a new story and the
	// story version (see SaveState), and returns the story change to store
	// with it — the story, the merges, the assignment and the clustering
	// features — or an error that rolls everything back and is returned.
	//
	// The store owns story identity: a change's story must be
	// SaveState.NextStory (a new story, created here) or a live story;
	// anything else gives ErrStaleView, as does a merged story that is no
	// longer live. Writers that decide hold the store's clustering lease
	// from the reading of SaveState to the commit, so that no other writer
	// stores a change in between; each stored change advances the story
	// version by one.
	//
	// It sets a.ID, a.Version, a.Ingested (when zero), a.Story and
	// a.DuplicateOf to what was stored and returns what it did; the same
	// key and hash again give Unchanged, write nothing and do not call
	// decide. On error a is left as it was. A change without a story gives
	// EINVALID. Without a decider (tests, imports) a.Story, when set, must
	// name a story as a change's would.
	SaveArticle(ctx context.Context, a *Article, hash string, decide Decider) (Outcome, error)
	// StoryVersion returns the story version: a counter that every stored
	// story change advances, whichever process stored it. A clusterer
	// reads it with the features it restores and compares it with
	// SaveState.Version before each decision: a difference means another
	// writer changed the stories meanwhile.
	StoryVersion(ctx context.Context) (int64, error)
	// Flush makes every saved article visible to other readers and durable
	// against a crash: stores may commit saved articles in groups.
	Flush(ctx context.Context) error
	// Article returns the current version of one article by ID, or
	// ENOTFOUND.
	Article(ctx context.Context, id int64) (*Article, error)
	// Articles returns articles in ingest order: those of f.Story when it is
	// not 0, from f.Offset on, at most f.Limit (all when 0).
	Articles(ctx context.Context, f Filter) ([]*Article, error)
	// EachArticle calls fn with every stored article in ingest order, one
	// at a time, without holding them all in memory (for export). An error
	// from fn stops the walk and is returned as is; fn may call the store.
	EachArticle(ctx context.Context, fn func(*Article) error) error
	// LastArticle returns the highest article ID, 0 for an empty store: a
	// cheap way for a long-running reader to notice that another process
	// added articles.
	LastArticle(ctx context.Context) (int64, error)
	// Story returns one live story by ID, or ENOTFOUND (also for a story
	// merged away: see Resolve).
	Story(ctx context.Context, id int64) (*Story, error)
	// Resolve returns the ID of the live story that id stands for,
	// following merges (id itself when it was never merged), or ENOTFOUND
	// for an ID never given out.
	Resolve(ctx context.Context, id int64) (int64, error)
	// Stories returns live stories with articles, newest activity first,
	// paged by f.Offset and f.Limit (0: all). With f.Story set it returns
	// just the live story that ID stands for (following merges), or none.
	Stories(ctx context.Context, f Filter) ([]*Story, error)
	// Assignments returns why each article of the story joined it, in
	// ingest order; none for an unknown story.
	Assignments(ctx context.Context, story int64) ([]Assignment, error)
	// Features streams the clustering features of articles published at or
	// after since, in ingest order, to rebuild the in-memory indexes. An
	// error from fn stops the stream and is returned.
	Features(ctx context.Context, since time.Time, fn func(Features) error) error
	// Search runs a full-text query over titles and bodies and returns at
	// most limit hits (a store's default when 0), best first, a title match
	// weighing more than a body match. Every word of the query must match;
	// a word ending in * matches as a prefix; "double-quoted words" match
	// as a phrase; any other punctuation is text, never syntax, so no query
	// is an error, and one without a letter or digit finds nothing.
	// Snippets are plain text with … where text was cut and each matched
	// term between SnippetMarkStart and SnippetMarkEnd (see PlainSnippet).
	Search(ctx context.Context, query string, limit int) ([]SearchHit, error)
	// Stats counts what the store holds, for monitoring; it may scan, so it
	// is meant for a scrape every few seconds, not every request.
	Stats(ctx context.Context) (Stats, error)
	// FeedStore keeps the feeds the server polls.
	FeedStore
	// CardCache keeps analyses and story cards between builds.
	CardCache
	// Close flushes and releases the store; it must not be used afterwards.
	Close() error
}

// ArticleWatcher is a Store that tells each handle of the articles that
// other handles — other processes — store, as they commit: the PostgreSQL
// store does (LISTEN/NOTIFY). A server watches so that its live updates
// and its views follow every process's articles at once; with a store that
// is no ArticleWatcher it notices them by polling LastArticle.
type ArticleWatcher interface {
	// WatchArticles calls fn with each article that another handle adds or
	// revises, until ctx is done, and then returns ctx's error. A lost
	// connection is reopened; what was stored meanwhile is not told.
	WatchArticles(ctx context.Context, fn func(ArticleChange)) error
}

// ArticleChange tells that another process stored an article.
type ArticleChange struct {
	Article int64 `json:"article"`
	Story   int64 `json:"story,omitempty"`
	// Revised: a new version of a known article, not a new article.
	Revised bool `json:"revised,omitempty"`
}

// CardCache keeps the costly parts of story cards — each article's analysis
// and each story's card — so that a card is not computed again for every
// reader. reconcile.Cache is the same set of methods.
type CardCache interface {
	// Analyses returns the cached analyses of the articles, by article ID;
	// an article without one is absent (no error). The caller checks
	// Version against the article's.
	Analyses(ctx context.Context, ids []int64) (map[int64]AnalysisRecord, error)
	// SaveAnalyses stores analyses, replacing earlier ones of the same
	// articles.
	SaveAnalyses(ctx context.Context, recs []AnalysisRecord) error
	// CachedCard returns the card data cached for the story under stamp, or
	// nil (no error) when there is none or the stamp differs.
	CachedCard(ctx context.Context, story int64, stamp string) ([]byte, error)
	// SaveCard caches a story's card data under stamp, replacing any other.
	SaveCard(ctx context.Context, story int64, stamp string, data []byte) error
}

// Stats are counts for monitoring (the server's /metrics).
type Stats struct {
	// Articles counts stored articles (current versions), copies included.
	Articles int64
	// Stories counts live stories that have articles.
	Stories int64
	// Feeds counts the feeds being polled.
	Feeds int64
}

// Markers around the matched terms in search snippets: control characters
// no stored text contains (the extract stage keeps none), so that a page
// can escape a snippet and then turn them into <mark>.
const (
	SnippetMarkStart = "\x02"
	SnippetMarkEnd   = "\x03"
)

// PlainSnippet returns a search snippet without its match markers.
func PlainSnippet(s string) string {
	return snippetMarks.Replace(s)
}

var snippetMarks = strings.NewReplacer(SnippetMarkStart, "", SnippetMarkEnd, "")

// Decider computes an article's story change inside the transaction that
// stores the article, from what the store tells it there.
type Decider func(s SaveState) (*StoryChange, error)

// SaveState is what a store tells a Decider.
type SaveState struct {
	// Article is the ID the article is stored under.
	Article int64
	// Revision tells that a version of the article was already stored
	// (Article is its known ID).
	Revision bool
	// NextStory is the ID the store gives the story this article opens,
	// if it opens one: the story ID no story has had.
	NextStory int64
	// Version is the story version before this save (see
	// Store.StoryVersion).
	Version int64
}

// ErrStaleView is the error of a story change decided on a view of the
// stories that another writer has changed since: the decider's state must
// be restored from the store and the article decided again.
var ErrStaleView = &Error{Code: ECONFLICT, Message: "The stories changed while this article was being clustered; try again."}

// StoryChange is what the clusterer decided for one article, stored with it.
type StoryChange struct {
	Assignment
	// Merged lists stories absorbed into Assignment.Story with this article.
	Merged []int64
	// Features is what the clusterer and dedup need to restart.
	Features Features
}

// Features is the compact, stage-neutral description of an article that the
// dedup and cluster stages keep in memory and restore from the store.
type Features struct {
	Article     int64     `json:"article"`
	Story       int64     `json:"story"`
	DuplicateOf int64     `json:"duplicate_of,omitempty"`
	Source      string    `json:"source,omitempty"`
	Published   time.Time `json:"published"`
	// Title and Body are the article's analysed terms (stems), in order.
	Title []string `json:"title"`
	Body  []string `json:"body"`
	// Entities are normalised entity keys.
	Entities []string `json:"entities,omitempty"`
	// Signature is the MinHash signature of the body.
	Signature []uint32 `json:"signature,omitempty"`
}

// SearchHit is one result of a full-text search.
type SearchHit struct {
	Article int64  `json:"article"`
	Story   int64  `json:"story"`
	Title   string `json:"title"`
	Snippet string `json:"snippet"`
}
