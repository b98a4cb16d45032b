package sqlite

import (
	"context"
	"fmt"
	"strings"
	"unicode"

	"github.com/storyline-news/storyline"
)

// defaultSearchLimit is how many hits Search returns when asked for 0.
const defaultSearchLimit = 20

// snippetTokens is the size, in tokens, of a search snippet.
const snippetTokens = 24

// Search runs a full-text query over article titles and bodies and returns
// at most limit hits (20 when limit is 0), best first (BM25, a title match
// weighing twice a body match). Every word of the query must match; a word
// ending in * matches as a prefix; "double-quoted words" match as a phrase.
// Any other punctuation is taken as text, never as query syntax, so no
// query is an error. Snippets are plain text with … where text was cut and
// the matched terms between storyline.SnippetMarkStart and SnippetMarkEnd.
func (db *DB) Search(ctx context.Context, query string, limit int) ([]storyline.SearchHit, error) {
	db.settle()
	match := ftsQuery(query)
	if match == "" {
		return nil, nil
	}
	if limit <= 0 {
		limit = defaultSearchLimit
	}
	rows, err := db.read.QueryContext(ctx, `SELECT a.id, coalesce(a.story, 0), a.title,
			snippet(articles_fts, -1, ?, ?, '…', ?)
		FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid
		WHERE articles_fts MATCH ?
		ORDER BY bm25(articles_fts, 2.0, 1.0), a.id
		LIMIT ?`, storyline.SnippetMarkStart, storyline.SnippetMarkEnd, snippetTokens, match, limit)
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", query, err)
	}
	defer rows.Close()
	var hits []storyline.SearchHit
	for rows.Next() {
		var h storyline.SearchHit
		if err := rows.Scan(&h.Article, &h.Story, &h.Title, &h.Snippet); err != nil {
			return nil, fmt.Errorf("search %q: %w", query, err)
		}
		hits = append(hits, h)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("search %q: %w", query, err)
	}
	return hits, nil
}

// ftsQuery turns a user's query into an FTS5 MATCH expression made only of
// quoted strings, which FTS5 reads as plain text: each whitespace-separated
// word (or "double-quoted phrase") becomes one quoted string, with a * after
// it when the word ended in *. A NUL separates words. Words without a
// letter or digit are dropped; "" means nothing to search for.
func ftsQuery(q string) string {
	// FTS5 reads its query as a C string: a NUL would end it inside a
	// quoted string and make the query an error. It separates words,
	// like any other control character.
	q = strings.ReplaceAll(q, "\x00", " ")
	var terms []string
	add := func(text string, prefix bool) {
		if strings.IndexFunc(text, isWordRune) < 0 {
			return
		}
		term := `"` + strings.ReplaceAll(text, `"`, `""`) + `"`
		if prefix {
			term += "*"
		}
		terms = append(terms, term)
	}
	for q = strings.TrimSpace(q); q != ""; q = strings.TrimLeftFunc(q, unicode.IsSpace) {
		if q[0] == '"' {
			if end := strings.IndexByte(q[1:], '"'); end >= 0 {
				add(q[1:1+end], false)
				q = q[2+end:]
				continue
			}
			q = q[1:] // an unmatched quote is punctuation
		}
		end := strings.IndexFunc(q, unicode.IsSpace)
		if end < 0 {
			end = len(q)
		}
		word := q[:end]
		q = q[end:]
		prefix := strings.HasSuffix(word, "*")
		add(strings.TrimRight(word, "*"), prefix)
	}
	return strings.Join(terms, " ")
}

// isWordRune reports whether r can be part of an indexed token.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}
