-- 0004_analyses: the reconcile stage's caches.
--
-- analyses: one article's analysis (sentences, entities, quotes, claims) as
-- compact JSON written by reconcile.Analysis.Marshal, for the version of the
-- article it was made from. A story card is built from these, so an article
-- is analysed once, not at every card. A revised article has a new version,
-- and its stale analysis is replaced on the next card.
CREATE TABLE analyses (
	article INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
	version INTEGER NOT NULL,
	data    BLOB    NOT NULL
);

-- cards: the last card built for a story (JSON of storyline.Card) and the
-- stamp of what it was built from (its articles, their versions, copies and
-- times, and the reconcile format). A card whose stamp no longer matches
-- the story is stale and is rebuilt from the cached analyses.
CREATE TABLE cards (
	story INTEGER PRIMARY KEY REFERENCES stories (id) ON DELETE CASCADE,
	stamp TEXT    NOT NULL,
	data  BLOB    NOT NULL
);
