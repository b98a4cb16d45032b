package source

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/extract"
)

func TestOverLimit(t *testing.T) {
	const mb = 1 << 20
	for _, tc := range []struct {
		n, limit int64
		want     string
	}{
		{25 * mb, 10 * mb, "25 MB, 15 MB over the 10 MB limit"},
		{10*mb + mb/2, 10 * mb, "10.5 MB, 0.5 MB over the 10 MB limit"},
		{10*mb + mb/20, 10 * mb, "10.05 MB, 0.05 MB over the 10 MB limit"},
		{10*mb + 1, 10 * mb, "10485761 bytes, 1 over the 10485760-byte limit"},
		{20 << 10, 16 << 10, "20 KB, 4 KB over the 16 KB limit"},
		{900, 800, "900 bytes, 100 over the 800-byte limit"},
	} {
		if got := overLimit(tc.n, tc.limit); got != tc.want {
			t.Errorf("overLimit(%d, %d) = %q, want %q", tc.n, tc.limit, got, tc.want)
		}
	}
}

// A file one byte over the limit is refused with a message that says so,
// not "10 MB, over the 10 MB limit".
func TestFileOverLimitMessage(t *testing.T) {
	path := filepath.Join(t.TempDir(), "big.html")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(extract.MaxDocumentBytes + 1); err != nil { // sparse: nothing written
		t.Fatal(err)
	}
	f.Close()
	var msg string
	err = Read(context.Background(), []string{path}, Options{}, func(it Item) error {
		msg = storyline.ErrorMessage(it.Err)
		return nil
	})
	if err != nil || !strings.Contains(msg, "1 over the 10485760-byte limit") {
		t.Errorf("message %q, err %v", msg, err)
	}
}
