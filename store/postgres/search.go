package postgres

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/storyline-news/storyline"
)

// defaultSearchLimit is how many hits Search returns when asked for 0.
const defaultSearchLimit = 20

// Search runs a full-text query over article titles and bodies and returns
// at most limit hits (20 when limit is 0), best first (ts_rank, a title
// match weighing more than a body match), with the syntax storyline.Store
// documents: every word must match; a word ending in * matches as a
// prefix; "double-quoted words" match as a phrase; any other punctuation is
// text, so no query is an error. Snippets (ts_headline) are plain text
// with … where text was cut and the matched terms between
// storyline.SnippetMarkStart and SnippetMarkEnd.
func (db *DB) Search(ctx context.Context, query string, limit int) ([]storyline.SearchHit, error) {
	match, args := tsQuery(query)
	if match == "" {
		return nil, nil
	}
	if limit <= 0 {
		limit = defaultSearchLimit
	}
	n := len(args)
	args = append(args, limit,
		fmt.Sprintf("StartSel=%s, StopSel=%s, MaxWords=24, MinWords=12, ShortWord=0, HighlightAll=false",
			storyline.SnippetMarkStart, storyline.SnippetMarkEnd))
	rows, err := db.pool.Query(ctx, `WITH q AS (SELECT `+match+` AS q),
		hits AS (SELECT a.id, coalesce(a.story, 0) AS story, a.title, a.body,
				ts_rank(a.search, q.q) AS rank
			FROM articles a, q WHERE a.search @@ q.q
			ORDER BY rank DESC, a.id LIMIT $`+strconv.Itoa(n+1)+`)
		SELECT h.id, h.story, h.title, h.body,
			ts_headline('storyline', h.body, q.q, $`+strconv.Itoa(n+2)+`),
			ts_headline('storyline', h.title, q.q, $`+strconv.Itoa(n+2)+`)
		FROM hits h, q ORDER BY h.rank DESC, h.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", query, err)
	}
	defer rows.Close()
	var hits []storyline.SearchHit
	for rows.Next() {
		var h storyline.SearchHit
		var body, inBody, inTitle string
		if err := rows.Scan(&h.Article, &h.Story, &h.Title, &body, &inBody, &inTitle); err != nil {
			return nil, fmt.Errorf("search %q: %w", query, err)
		}
		// The body's words around a match; the title when only it matched.
		h.Snippet = snippet(body, inBody)
		if !strings.Contains(inBody, storyline.SnippetMarkStart) && strings.Contains(inTitle, storyline.SnippetMarkStart) {
			h.Snippet = snippet(h.Title, inTitle)
		}
		hits = append(hits, h)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("search %q: %w", query, err)
	}
	return hits, nil
}

// snippet puts … where the headline cut text, at either end.
func snippet(text, headline string) string {
	plain := strings.TrimSpace(storyline.PlainSnippet(headline))
	text = strings.TrimSpace(text)
	if plain == "" {
		return ""
	}
	if !strings.HasPrefix(text, plain) {
		headline = "…" + strings.TrimLeftFunc(headline, unicode.IsSpace)
	}
	if !strings.HasSuffix(text, plain) {
		headline = strings.TrimRightFunc(headline, unicode.IsSpace) + "…"
	}
	return headline
}

// tsQuery turns a user's query into a tsquery expression and its
// arguments: each whitespace-separated word or "double-quoted phrase" is
// one term, every term must match (&&). A term is read by the same parser
// and stemmer as the indexed text (phraseto_tsquery), so punctuation in it
// is text; a word ending in * is a prefix match of its last token. Terms
// without a letter or digit are dropped; "" means nothing to search for.
func tsQuery(q string) (string, []any) {
	var terms []string
	var args []any
	add := func(text string, prefix bool) {
		if strings.IndexFunc(text, isWordRune) < 0 {
			return
		}
		if prefix {
			args = append(args, prefixQuery(text))
			terms = append(terms, fmt.Sprintf("to_tsquery('storyline', $%d)", len(args)))
			return
		}
		args = append(args, text)
		terms = append(terms, fmt.Sprintf("phraseto_tsquery('storyline', $%d)", len(args)))
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
	return strings.Join(terms, " && "), args
}

// prefixQuery is the to_tsquery text of a prefix word: its runs of
// letters and digits as a phrase, each quoted as a lexeme (so nothing in
// them is tsquery syntax), the last one a prefix.
func prefixQuery(word string) string {
	tokens := strings.FieldsFunc(word, func(r rune) bool { return !isWordRune(r) })
	for i, tok := range tokens {
		tokens[i] = "'" + strings.ReplaceAll(tok, "'", "''") + "'"
	}
	return strings.Join(tokens, " <-> ") + ":*"
}

// isWordRune reports whether r can be part of an indexed token.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}
