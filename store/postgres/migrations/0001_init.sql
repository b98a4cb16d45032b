-- 0001_init: the first schema of the storyline PostgreSQL store, the same
-- tables as the SQLite store's migrations 0001 to 0005 (see store/sqlite).
--
-- Conventions
--   * Times are timestamptz (microseconds); NULL means unknown.
--   * "No story" and "not a duplicate" are NULL, never 0, so that the
--     foreign keys hold.
--   * Everything lives in the schema first on the connection's search_path
--     (public unless the URL sets search_path), so that one database may
--     hold several stores; the store's advisory locks are keyed by it too.

-- storyline: the text search configuration of the search index. English
-- stemming (Snowball, as the SQLite store's porter tokenizer) without stop
-- words: every word of a query must match, as it must in the SQLite store,
-- and a query of common words ("to be or not to be") finds what holds them.
CREATE TEXT SEARCH DICTIONARY storyline_stem (TEMPLATE = snowball, Language = english);
CREATE TEXT SEARCH CONFIGURATION storyline (COPY = english);
ALTER TEXT SEARCH CONFIGURATION storyline
	ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part
	WITH storyline_stem;

-- stories: groups of articles about one real-world event. Ids are given by
-- the store, one more than the highest ever given, inside the transaction
-- that stores the story's first article, under the clustering lease.
CREATE TABLE stories (
	id          bigint      PRIMARY KEY,
	-- title of the story's first original (non-duplicate) article with a
	-- title, else of its first copy with one.
	title       text        NOT NULL DEFAULT '',
	-- created/updated: min/max over its articles of published, or of
	-- ingested when published is unknown.
	created     timestamptz,
	updated     timestamptz,
	-- articles counts every article, copies included; sources the distinct
	-- named outlets of its original articles.
	articles    integer     NOT NULL DEFAULT 0,
	sources     integer     NOT NULL DEFAULT 0,
	-- merged_into is the story that absorbed this one; a merged story keeps
	-- its row (so that old links resolve) but has no articles left.
	merged_into bigint      REFERENCES stories (id)
);

CREATE INDEX stories_updated ON stories (updated DESC, id DESC) WHERE merged_into IS NULL;
CREATE INDEX stories_merged_into ON stories (merged_into) WHERE merged_into IS NOT NULL;

-- articles: one row per key, holding its latest version; the id order is
-- the ingest order (ids are given under the clustering lease).
CREATE TABLE articles (
	id           bigint      PRIMARY KEY,
	-- key is storyline.Article.Key(): the URL, or the source and external
	-- id, which a NUL byte separates (bytea: text cannot hold one).
	key          bytea       NOT NULL UNIQUE,
	external_id  text        NOT NULL DEFAULT '',
	url          text        NOT NULL DEFAULT '',
	source       text        NOT NULL DEFAULT '',
	title        text        NOT NULL DEFAULT '',
	author       text        NOT NULL DEFAULT '',
	language     text        NOT NULL DEFAULT '',
	published    timestamptz,
	-- ingested is when the current version was stored.
	ingested     timestamptz NOT NULL,
	body         text        NOT NULL DEFAULT '',
	-- parts: storyline.Part list, NULL when there are none.
	parts        jsonb,
	version      integer     NOT NULL DEFAULT 1,
	-- hash is the caller's content hash of the current version.
	hash         text        NOT NULL,
	story        bigint      REFERENCES stories (id),
	duplicate_of bigint      REFERENCES articles (id),
	-- search is the full-text index of the title (weight A) and body (B).
	search       tsvector    GENERATED ALWAYS AS (
		setweight(to_tsvector('storyline'::regconfig, title), 'A') ||
		setweight(to_tsvector('storyline'::regconfig, body), 'B')) STORED
);

CREATE INDEX articles_story ON articles (story, source, duplicate_of);
CREATE INDEX articles_search ON articles USING gin (search);

-- article_versions: the earlier texts of an article; the current version
-- is always in articles.
CREATE TABLE article_versions (
	article   bigint      NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
	version   integer     NOT NULL,
	title     text        NOT NULL,
	author    text        NOT NULL,
	published timestamptz,
	ingested  timestamptz NOT NULL,
	body      text        NOT NULL,
	parts     jsonb,
	hash      text        NOT NULL,
	PRIMARY KEY (article, version)
);

-- assignments: why an article joined its story (one row per article).
CREATE TABLE assignments (
	article bigint           PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
	story   bigint           NOT NULL REFERENCES stories (id),
	score   double precision NOT NULL DEFAULT 0,
	reason  text             NOT NULL DEFAULT '',
	terms   text[]
);

-- features: what dedup and cluster need to rebuild their in-memory indexes
-- (storyline.Features), one row per article, read back in ingest order.
-- published is Features.Published, or the article's published or ingested
-- time when that is zero, so that a "since" window always applies.
-- signature is the MinHash signature, little-endian uint32s.
CREATE TABLE features (
	article      bigint      PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
	story        bigint      REFERENCES stories (id),
	published    timestamptz NOT NULL,
	duplicate_of bigint,
	source       text        NOT NULL DEFAULT '',
	title        text[],
	body         text[],
	entities     text[],
	signature    bytea
);

CREATE INDEX features_published ON features (published);

-- story_version: a counter that every stored story change advances, in
-- the transaction that stores it (see storyline.Store.StoryVersion).
CREATE TABLE story_version (
	id integer PRIMARY KEY CHECK (id = 1),
	n  bigint  NOT NULL
);
INSERT INTO story_version (id, n) VALUES (1, 0);

-- feeds: the feeds that `storyline serve` polls, and their status.
-- poll_interval is in nanoseconds (a time.Duration).
CREATE TABLE feeds (
	id            bigint      GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	url           text        NOT NULL UNIQUE,
	title         text        NOT NULL DEFAULT '',
	source        text        NOT NULL DEFAULT '',
	poll_interval bigint      NOT NULL,
	created       timestamptz NOT NULL,
	etag          text        NOT NULL DEFAULT '',
	last_modified text        NOT NULL DEFAULT '',
	last_fetch    timestamptz,
	last_success  timestamptz,
	next_fetch    timestamptz,
	last_error    text        NOT NULL DEFAULT '',
	failures      integer     NOT NULL DEFAULT 0,
	articles      integer     NOT NULL DEFAULT 0
);

-- analyses and cards: the reconcile stage's caches, shared by every
-- process (see storyline.CardCache).
CREATE TABLE analyses (
	article bigint  PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
	version integer NOT NULL,
	data    bytea   NOT NULL
);

CREATE TABLE cards (
	story bigint PRIMARY KEY REFERENCES stories (id) ON DELETE CASCADE,
	stamp text   NOT NULL,
	data  bytea  NOT NULL
);
