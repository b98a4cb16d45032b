-- 0001_init: the first schema of the storyline SQLite store.
--
-- Conventions
--   * Times are INTEGER unix nanoseconds in UTC; NULL means unknown. Integers
--     sort and compare fast and need no parsing when 100k rows are read back.
--   * "No story" and "not a duplicate" are NULL, never 0, so that the foreign
--     keys hold (PRAGMA foreign_keys=ON is set on every connection).
--   * JSON columns (parts, terms) hold small arrays that are only ever read
--     whole; the clustering features use a compact binary encoding instead
--     (see features.data).

-- stories: groups of articles about one real-world event. Ids are given by
-- the clusterer, which owns them; the store never allocates one.
CREATE TABLE stories (
	id          INTEGER PRIMARY KEY,
	-- title of the story's first original (non-duplicate) article with a
	-- title, else of its first copy with one.
	title       TEXT    NOT NULL DEFAULT '',
	-- created/updated: min/max over its articles of published, or of
	-- ingested when published is unknown.
	created     INTEGER,
	updated     INTEGER,
	-- articles counts every article, copies included; sources counts the
	-- distinct outlets of its original articles (duplicate_of IS NULL), an
	-- original without a source name counting as an outlet of its own.
	articles    INTEGER NOT NULL DEFAULT 0,
	sources     INTEGER NOT NULL DEFAULT 0,
	-- merged_into is the story that absorbed this one; a merged story keeps
	-- its row (so that old links resolve) but has no articles left.
	merged_into INTEGER REFERENCES stories (id)
);

-- Listing live stories, newest activity first.
CREATE INDEX stories_updated ON stories (updated DESC, id DESC) WHERE merged_into IS NULL;

-- Re-pointing the stories merged into one that is itself being merged.
CREATE INDEX stories_merged_into ON stories (merged_into) WHERE merged_into IS NOT NULL;

-- articles: one row per key, holding its latest version. The rowid order is
-- the ingest order.
CREATE TABLE articles (
	id           INTEGER PRIMARY KEY,
	-- key is storyline.Article.Key(): the URL, or the source and external id.
	key          TEXT    NOT NULL UNIQUE,
	external_id  TEXT    NOT NULL DEFAULT '',
	url          TEXT    NOT NULL DEFAULT '',
	source       TEXT    NOT NULL DEFAULT '',
	title        TEXT    NOT NULL DEFAULT '',
	author       TEXT    NOT NULL DEFAULT '',
	language     TEXT    NOT NULL DEFAULT '',
	published    INTEGER,
	-- ingested is when the current version was stored.
	ingested     INTEGER NOT NULL,
	body         TEXT    NOT NULL DEFAULT '',
	-- parts: JSON array of storyline.Part, NULL when there are none.
	parts        TEXT,
	version      INTEGER NOT NULL DEFAULT 1,
	-- hash is the caller's content hash of the current version.
	hash         TEXT    NOT NULL,
	story        INTEGER REFERENCES stories (id),
	duplicate_of INTEGER REFERENCES articles (id)
);

-- The articles of a story; source and duplicate_of let a save tell, with
-- one seek, whether an article brings a new outlet to its story.
CREATE INDEX articles_story ON articles (story, source, duplicate_of);

-- article_versions: the earlier texts of an article, kept when its key
-- gets a new version. The current version is always in articles.
CREATE TABLE article_versions (
	article   INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
	version   INTEGER NOT NULL,
	title     TEXT    NOT NULL,
	author    TEXT    NOT NULL,
	published INTEGER,
	ingested  INTEGER NOT NULL,
	body      TEXT    NOT NULL,
	parts     TEXT,
	hash      TEXT    NOT NULL,
	PRIMARY KEY (article, version)
) WITHOUT ROWID;

-- assignments: why an article joined its story (one row per article; a
-- re-clustered revision replaces it). terms is a JSON array of strings.
-- story always equals the article's story; rows are found through
-- articles_story, so that each save writes one index page fewer.
CREATE TABLE assignments (
	article INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
	story   INTEGER NOT NULL REFERENCES stories (id),
	score   REAL    NOT NULL DEFAULT 0,
	reason  TEXT    NOT NULL DEFAULT '',
	terms   TEXT
);

-- features: what dedup and cluster need to rebuild their in-memory indexes
-- (storyline.Features), one row per article, read back in article (ingest)
-- order. published is Features.Published, or the article's published or
-- ingested time when that is zero, so that a "since" window always applies.
-- story always equals the article's story (no index of its own, as for
-- assignments). data is the binary encoding written by encodeFeatures
-- (features.go): a format byte, then uvarints, every string (source, terms,
-- entities) as its id in the terms table. Ids instead of text make a row
-- about a third of the size (several rows a page instead of one) and make
-- decoding an array lookup instead of a string copy or a map lookup.
CREATE TABLE features (
	article   INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
	story     INTEGER REFERENCES stories (id),
	published INTEGER NOT NULL,
	data      BLOB    NOT NULL
);

-- terms: the dictionary of the strings in features data. Append-only: an
-- id, once committed, names the same string for ever, so that processes
-- may cache the mapping. Id 0 is the empty string and is not stored.
CREATE TABLE terms (
	id   INTEGER PRIMARY KEY,
	term TEXT    NOT NULL UNIQUE
);

-- articles_fts: full-text index over title and body, an external-content
-- FTS5 table kept in sync with articles by the triggers below.
CREATE VIRTUAL TABLE articles_fts USING fts5 (
	title,
	body,
	content = 'articles',
	content_rowid = 'id',
	tokenize = 'porter unicode61 remove_diacritics 2'
);

CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
	INSERT INTO articles_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
END;

CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
	INSERT INTO articles_fts (articles_fts, rowid, title, body)
	VALUES ('delete', old.id, old.title, old.body);
END;

-- Only a change of the indexed text touches the index: moving an article to
-- another story or marking it a duplicate does not.
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, body ON articles BEGIN
	INSERT INTO articles_fts (articles_fts, rowid, title, body)
	VALUES ('delete', old.id, old.title, old.body);
	INSERT INTO articles_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
END;
