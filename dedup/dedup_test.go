package dedup

import (
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/storyline-news/storyline/analyze"
)

func readTerms(t testing.TB, name string) (string, []string) {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b), analyze.Terms(string(b))
}

// copies returns edited versions of a wire text as outlets run it.
func copies(text string) map[string]string {
	paras := strings.Split(strings.TrimSpace(text), "\n\n")
	return map[string]string{
		"verbatim":          text,
		"headline added":    "Bridge shut after crack found in support\n\n" + text,
		"last para trimmed": strings.Join(paras[:len(paras)-1], "\n\n"),
		"two paras trimmed": strings.Join(paras[:len(paras)-2], "\n\n"),
		"credit line":       text + "\n\nReporting by Lena Marsh; editing by Paul Okafor. Copyright Harbour Wire Services.",
		"dateline added":    "PORT ALDER (Harbour Wire) - " + text,
		"word edits": strings.NewReplacer("Tuesday evening", "Tuesday night", "thousands of", "many",
			"hastily arranged", "brief").Replace(text),
	}
}

func TestCopiesFound(t *testing.T) {
	wire, wireTerms := readTerms(t, "wire.txt")
	ix := NewIndex(Options{})
	ix.Add(1, Signature(wireTerms))
	for name, text := range copies(wire) {
		sig := Signature(analyze.Terms(text))
		orig, sim, ok := ix.Find(sig)
		if !ok || orig != 1 {
			t.Errorf("%s: Find = %d, %.2f, %v; want the wire text", name, orig, sim, ok)
			continue
		}
		t.Logf("%-18s similarity %.2f", name, sim)
	}
}

func TestSameEventNotCopy(t *testing.T) {
	_, wire := readTerms(t, "wire.txt")
	_, other := readTerms(t, "other.txt")
	ix := NewIndex(Options{})
	ix.Add(1, Signature(wire))
	if orig, sim, ok := ix.Find(Signature(other)); ok {
		t.Errorf("another report of the same event is a copy of %d (%.2f)", orig, sim)
	}
	if s := Similarity(Signature(wire), Signature(other)); s > 0.1 {
		t.Errorf("similarity of two reports of one event = %.2f, want < 0.1", s)
	}
}

func TestEarliestOriginal(t *testing.T) {
	wire, terms := readTerms(t, "wire.txt")
	ix := NewIndex(Options{})
	ix.Add(10, Signature(terms))
	ix.Add(11, Signature(analyze.Terms(copies(wire)["credit line"])))
	ix.Add(12, Signature(terms))
	if orig, _, ok := ix.Find(Signature(terms)); !ok || orig != 10 {
		t.Errorf("Find = %d, %v; want the earliest, 10", orig, ok)
	}
}

func TestShortTexts(t *testing.T) {
	ix := NewIndex(Options{})
	h1 := analyze.Terms("Malaysia Airlines flight MH370 missing over South China Sea")
	ix.Add(1, Signature(h1))
	if _, _, ok := ix.Find(Signature(analyze.Terms("Malaysia Airlines flight MH370 missing over South China Sea"))); !ok {
		t.Error("identical headline not found")
	}
	if o, s, ok := ix.Find(Signature(analyze.Terms("Malaysia Airlines flight MH370 missing over South China Sea, search widens"))); ok {
		t.Errorf("a longer headline of another outlet is a copy of %d (%.2f)", o, s)
	}
	if sig := Signature(analyze.Terms("Live updates")); sig != nil {
		t.Errorf("a two-word text has a signature")
	}
	ix.Add(2, nil) // ignored
	if ix.Len() != 1 {
		t.Errorf("Len = %d, want 1", ix.Len())
	}
}

func TestDeterministic(t *testing.T) {
	_, terms := readTerms(t, "wire.txt")
	a, b := Signature(terms), Signature(terms)
	for i := range a {
		if a[i] != b[i] {
			t.Fatal("signature differs between calls")
		}
	}
	// A fixed value guards against accidental changes of the hash functions,
	// which would make stored signatures useless after an upgrade.
	if a[0] != 61703438 {
		t.Errorf("sig[0] = %d (hash functions changed?)", a[0])
	}
}

func BenchmarkSignature(b *testing.B) {
	_, terms := readTerms(b, "wire.txt")
	b.ReportMetric(float64(len(terms)), "terms")
	for b.Loop() {
		Signature(terms)
	}
}

// BenchmarkFind looks up a copy among 100,000 distinct texts of 150 terms.
func BenchmarkFind(b *testing.B) {
	_, terms := readTerms(b, "wire.txt")
	rng := rand.New(rand.NewPCG(1, 2))
	ix := NewIndex(Options{})
	text := make([]string, 150)
	for i := range 100000 {
		for j := range text {
			text[j] = strconv.Itoa(rng.IntN(20000))
		}
		ix.Add(int64(i), Signature(text))
		if i == 50000 {
			ix.Add(int64(i), Signature(terms))
		}
	}
	sig := Signature(terms)
	for b.Loop() {
		if _, _, ok := ix.Find(sig); !ok {
			b.Fatal("copy not found")
		}
	}
}

// An index keeps the most recent MaxArticles signatures.
func TestMaxArticles(t *testing.T) {
	_, wire := readTerms(t, "wire.txt")
	rng := rand.New(rand.NewPCG(3, 4))
	text := make([]string, 60)
	ix := NewIndex(Options{MaxArticles: 1000})
	ix.Add(1, Signature(wire))
	for i := range 3000 {
		for j := range text {
			text[j] = strconv.Itoa(rng.IntN(20000))
		}
		ix.Add(int64(100+i), Signature(text))
		if i == 500 {
			if _, _, ok := ix.Find(Signature(wire)); !ok {
				t.Fatal("a recent original not found")
			}
		}
	}
	if ix.Len() != 1000 {
		t.Errorf("Len = %d, want 1000", ix.Len())
	}
	if o, _, ok := ix.Find(Signature(wire)); ok {
		t.Errorf("an evicted original %d still found", o)
	}
	ix.Add(5000, Signature(wire))
	if o, _, ok := ix.Find(Signature(wire)); !ok || o != 5000 {
		t.Errorf("Find = %d, %v after re-adding; want 5000", o, ok)
	}
}
