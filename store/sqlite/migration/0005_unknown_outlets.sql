-- 0005_unknown_outlets: an article without a source name is of unknown
-- outlet and counts as no independent source (issue 14: a file name is not
-- an outlet). Stories counted before counted each such original as an
-- outlet of its own; recount them as recountStory does now.
UPDATE stories SET sources = (
	SELECT count(DISTINCT CASE WHEN duplicate_of IS NULL THEN NULLIF(source, '') END)
	FROM articles WHERE story = stories.id)
WHERE merged_into IS NULL;
