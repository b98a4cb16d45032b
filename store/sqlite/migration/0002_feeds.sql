-- 0002_feeds: the feeds that `storyline serve` polls, and their status.
--
-- Times are INTEGER unix nanoseconds in UTC (NULL: never), as in 0001;
-- interval is in nanoseconds too.
CREATE TABLE feeds (
	id            INTEGER PRIMARY KEY,
	url           TEXT    NOT NULL UNIQUE,
	title         TEXT    NOT NULL DEFAULT '',
	source        TEXT    NOT NULL DEFAULT '',
	interval      INTEGER NOT NULL,
	created       INTEGER NOT NULL,
	-- validators of the last full response, for conditional GET.
	etag          TEXT    NOT NULL DEFAULT '',
	last_modified TEXT    NOT NULL DEFAULT '',
	last_fetch    INTEGER,
	last_success  INTEGER,
	next_fetch    INTEGER,
	-- last_error is '' after a successful poll.
	last_error    TEXT    NOT NULL DEFAULT '',
	-- failures counts failed polls in a row (the backoff exponent).
	failures      INTEGER NOT NULL DEFAULT 0,
	articles      INTEGER NOT NULL DEFAULT 0
);
