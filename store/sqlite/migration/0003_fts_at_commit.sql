-- The search index is brought up to date once per commit group (group.go)
-- instead of by a trigger on every insert and update: FTS5 writes its
-- pending data out at every savepoint of a transaction it takes part in, and
-- each article is saved in its own savepoint. Deletes keep their trigger.
DROP TRIGGER articles_fts_insert;
DROP TRIGGER articles_fts_update;
