package server

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"testing"
)

// An article's URL reaches a reader only when it is a web address: not
// when posted as "javascript:" or "data:", nor when an older version of
// storyline stored it so.
func TestArticleLinksAreWebAddresses(t *testing.T) {
	f := newFixture(t, false, nil)
	body := `{"id":"a1","source":"Gazette","url":"javascript:alert(1)","title":"Harbour bridge closes after inspection","body":"The harbour bridge closed on Monday after inspectors found corrosion, the council said."}
{"id":"a2","source":"Courier","url":"data:text/html,<script>alert(2)</script>","title":"Harbour bridge shut after corrosion found","body":"Inspectors found corrosion and the harbour bridge was shut on Monday, the council said."}
{"id":"a3","source":"Herald","url":"https://herald.example/bridge","title":"Council shuts harbour bridge","body":"The council shut the harbour bridge on Monday after inspectors found corrosion."}
`
	resp, reply := f.do(t, "POST", "/api/articles", testToken, "application/x-ndjson", body)
	var ir ingestReply
	decode(t, reply, &ir)
	if resp.StatusCode != 200 || ir.Added != 3 {
		t.Fatalf("POST: %d %s", resp.StatusCode, reply)
	}
	// As an older storyline would have stored it.
	raw, err := sql.Open("sqlite", f.db.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	if _, err := raw.ExecContext(context.Background(), `UPDATE articles SET url = 'jAvAscript:alert(3)' WHERE external_id = 'a3'`); err != nil {
		t.Fatal(err)
	}
	var pages []string
	for _, a := range ir.Articles {
		pages = append(pages, f.get(t, fmt.Sprintf("/api/articles/%d", a.ArticleID), 200),
			f.get(t, fmt.Sprintf("/articles/%d", a.ArticleID), 200),
			f.get(t, fmt.Sprintf("/api/stories/%d", a.Story), 200),
			f.get(t, storyPath(a.Story), 200))
	}
	for _, p := range pages {
		low := strings.ToLower(p)
		if strings.Contains(low, "script:") || strings.Contains(low, "data:text") || strings.Contains(p, "ZgotmplZ") {
			t.Fatalf("an unsafe link was served:\n%s", p)
		}
	}
}
