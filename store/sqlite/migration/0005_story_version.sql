-- 0005_story_version: one owner of story identity when several processes
-- (a server and a command-line ingest) write one file.
--
-- story_version holds one row: a counter that every stored story change
-- advances, in the transaction that stores it. A clusterer remembers the
-- value its in-memory view reflects and, before each decision (inside the
-- write transaction, which holds SQLite's write lock: the clustering
-- lease), compares it with this row; a difference means another process
-- changed the stories, and the view is restored from the database first.
-- Story ids themselves are allocated in the same transaction, as one more
-- than the highest id ever given (merged stories keep their rows).
CREATE TABLE story_version (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	n  INTEGER NOT NULL
);
INSERT INTO story_version (id, n) VALUES (1, 0);
