package cluster

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/storyline-news/storyline/analyze"
)

// fixture reads a report from testdata: the first line is the title, the
// rest the body.
func fixture(t testing.TB, name string, id int64, published time.Time) Doc {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	head, body, _ := strings.Cut(string(b), "\n")
	return Doc{Article: id, Source: name, Published: published, Title: analyze.Terms(head), Body: analyze.Terms(body)}
}

var fixtureNames = []string{
	"a1-bridge-closed.txt", "a2-bridge-commuters.txt", "a3-bridge-repairs.txt",
	"b1-lowmoor-bridge.txt", "b2-lowmoor-diversion.txt", "c1-ferry-strike.txt",
}
