package server

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/ingest"
	"github.com/storyline-news/storyline/source"
)

// ingestReply is the answer to POST /api/articles.
type ingestReply struct {
	Read       int            `json:"read"`
	Added      int            `json:"added"`
	Unchanged  int            `json:"unchanged"`
	Revised    int            `json:"revised"`
	Duplicates int            `json:"duplicates"`
	Failed     int            `json:"failed"`
	Articles   []ingestedItem `json:"articles"`
	Errors     []ingestError  `json:"errors"`
}

// ingestedItem is one stored article of a POST.
type ingestedItem struct {
	At          string `json:"at"`
	ID          string `json:"id"`
	ArticleID   int64  `json:"article_id"`
	Story       int64  `json:"story"`
	Outcome     string `json:"outcome"`
	DuplicateOf int64  `json:"duplicate_of,omitempty"`
}

// ingestError is one refused input of a POST.
type ingestError struct {
	At      string `json:"at"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

// apiAddArticles stores the articles of the body: one JSON object, a JSON
// array, JSON lines, or one HTML or plain-text document (?source= and
// ?published= give defaults). The body is read whole first (up to MaxBody)
// and every article in it is stored before the reply, even if the client
// hangs up or the server starts shutting down meanwhile: an accepted
// article is never lost.
func (s *Server) apiAddArticles(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.opts.MaxBody))
	if err != nil {
		s.jsonError(w, r, err)
		return
	}
	if len(bytes.TrimSpace(body)) == 0 {
		s.jsonError(w, r, storyline.Errorf(storyline.EINVALID, "The body is empty: send a JSON article, JSON lines or a document."))
		return
	}
	opts := source.Options{Source: r.URL.Query().Get("source"), Stdin: bytes.NewReader(oneObject(body))}
	if p := r.URL.Query().Get("published"); p != "" {
		t, err := time.Parse(time.RFC3339, p)
		if err != nil {
			s.jsonError(w, r, storyline.Errorf(storyline.EINVALID, "published must be an RFC 3339 time."))
			return
		}
		opts.Published = t
	}
	// A large batch may take longer to store than the server's write
	// timeout allows for an answer.
	http.NewResponseController(w).SetWriteDeadline(time.Time{})
	if s.opts.Pipeline == nil {
		s.jsonError(w, r, storyline.Errorf(storyline.EINVALID, "This server does not accept articles."))
		return
	}
	ctx := context.WithoutCancel(r.Context())
	reply := ingestReply{Articles: []ingestedItem{}, Errors: []ingestError{}}
	// Run flushes what it stored before it returns: accepted means durable.
	sum, err := s.opts.Pipeline.Run(ctx, []string{"-"}, ingest.RunOptions{Source: opts, Each: func(rep ingest.Report) error {
		at := "body" + strings.TrimPrefix(rep.Origin, "stdin")
		s.ingested(ctx, rep)
		if rep.Err != nil {
			reply.Errors = append(reply.Errors, ingestError{At: at, Code: storyline.ErrorCode(rep.Err), Message: storyline.ErrorMessage(rep.Err)})
			return nil
		}
		reply.add(at, rep.Result)
		return nil
	}})
	reply.Read, reply.Added, reply.Unchanged, reply.Revised = sum.Read, sum.Added, sum.Unchanged, sum.Revised
	reply.Duplicates, reply.Failed = sum.Duplicates, sum.Failed
	if err != nil {
		s.jsonError(w, r, err)
		return
	}
	code := http.StatusOK
	if reply.Failed > 0 && reply.Failed == reply.Read {
		code = http.StatusBadRequest
	}
	writeJSON(w, code, reply)
}

// add lists one stored article in the reply.
func (rep *ingestReply) add(at string, res ingest.Result) {
	a := res.Article
	rep.Articles = append(rep.Articles, ingestedItem{At: at, ID: a.ExternalID, ArticleID: a.ID, Story: a.Story,
		Outcome: outcomeName(res.Outcome), DuplicateOf: a.DuplicateOf})
}

// oneObject puts a pretty-printed single JSON object on one line, so that
// the JSON lines reader takes it as one article.
func oneObject(body []byte) []byte {
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 || trimmed[0] != '{' || !bytes.Contains(trimmed, []byte("\n")) || !json.Valid(trimmed) {
		return body
	}
	var buf bytes.Buffer
	if err := json.Compact(&buf, trimmed); err != nil {
		return body
	}
	return buf.Bytes()
}
