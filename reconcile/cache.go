package reconcile

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"runtime"
	"sort"
	"sync"

	"github.com/storyline-news/storyline"
)

// Format is the version of the analysis and card encodings and of what
// they hold: analyses and cards cached under another format are made
// again. It changes whenever Analyze or Build would give a different
// result for the same articles (3: datelines, attribution frames, dateline
// places, common words at a sentence start; 4: news-event paraphrases and
// phrases in a fact's terms, relative clauses left out of its modality;
// 5: the tagger retrained by the current code; 6: names headed by a body
// noun are organisations; 7: ages and ranges in figures, and figures of
// another period; 8: a quotation broken by its reporting clause is one
// quote; 9: hyphenated number words, places by their head noun or list,
// claims joined by the claim matcher, plain-worded flags, summary marks;
// 10: reports of unknown outlet count as no source and corroborate
// nothing, and the card counts them).
const Format = 10

// Cache keeps analyses and cards between builds. store/sqlite implements it.
type Cache interface {
	// Analyses returns the cached analyses of the articles, by article ID;
	// articles without one are absent.
	Analyses(ctx context.Context, ids []int64) (map[int64]storyline.AnalysisRecord, error)
	// SaveAnalyses stores analyses, replacing earlier ones of the same
	// articles.
	SaveAnalyses(ctx context.Context, recs []storyline.AnalysisRecord) error
	// CachedCard returns the card data cached for the story under stamp, or
	// nil when there is none or the stamp differs.
	CachedCard(ctx context.Context, story int64, stamp string) ([]byte, error)
	// SaveCard caches a story's card data under stamp.
	SaveCard(ctx context.Context, story int64, stamp string, data []byte) error
}

// Load returns the card of a story. A card cached for exactly these
// articles (same versions, copies and times) is returned as it is;
// otherwise the card is built from the cached analyses, analysing only the
// articles that are new or revised since (in parallel), and both the new
// analyses and the card are cached. This is how a card follows its story
// incrementally: an article joining changes the stamp, and the rebuild
// costs that article's analysis plus a pass over the others'.
func Load(ctx context.Context, cache Cache, s *storyline.Story, arts []*storyline.Article) (*storyline.Card, error) {
	stamp := Stamp(s, arts)
	if data, err := cache.CachedCard(ctx, s.ID, stamp); err != nil {
		return nil, err
	} else if data != nil {
		var c storyline.Card
		if err := json.Unmarshal(data, &c); err == nil {
			return &c, nil
		}
	}
	ans, err := Analyses(ctx, cache, arts)
	if err != nil {
		return nil, err
	}
	c := Build(s, arts, ans)
	data, err := json.Marshal(c)
	if err != nil {
		return nil, fmt.Errorf("encode card of story %d: %w", s.ID, err)
	}
	if err := cache.SaveCard(ctx, s.ID, stamp, data); err != nil {
		return nil, err
	}
	return c, nil
}

// Analyses returns the analyses of the articles, in their order: from the
// cache when it holds one for the article's version, else made now (on
// every CPU) and cached.
func Analyses(ctx context.Context, cache Cache, arts []*storyline.Article) ([]*Analysis, error) {
	ids := make([]int64, 0, len(arts))
	for _, a := range arts {
		if a.ID != 0 {
			ids = append(ids, a.ID)
		}
	}
	cached, err := cache.Analyses(ctx, ids)
	if err != nil {
		return nil, err
	}
	ans := make([]*Analysis, len(arts))
	var todo []int
	for i, a := range arts {
		if rec, ok := cached[a.ID]; ok && rec.Version == a.Version {
			if an, err := UnmarshalAnalysis(rec.Data); err == nil && an.Format == Format {
				ans[i] = an
				continue
			}
		}
		todo = append(todo, i)
	}
	analyseAll(arts, ans, todo)
	recs := make([]storyline.AnalysisRecord, 0, len(todo))
	for _, i := range todo {
		if arts[i].ID == 0 {
			continue
		}
		data, err := ans[i].Marshal()
		if err != nil {
			return nil, fmt.Errorf("encode analysis of article %d: %w", arts[i].ID, err)
		}
		recs = append(recs, storyline.AnalysisRecord{Article: arts[i].ID, Version: arts[i].Version, Data: data})
	}
	if err := cache.SaveAnalyses(ctx, recs); err != nil {
		return nil, err
	}
	return ans, nil
}

// analyseAll analyses arts[i] into ans[i] for each i in todo, on as many
// goroutines as there are CPUs.
func analyseAll(arts []*storyline.Article, ans []*Analysis, todo []int) {
	workers := min(runtime.GOMAXPROCS(0), len(todo))
	next := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				ans[i] = Analyze(arts[i])
			}
		}()
	}
	for _, i := range todo {
		next <- i
	}
	close(next)
	wg.Wait()
}

// Stamp identifies what a card is built from: the story's title, its
// articles with their versions, copies, outlets and times, and Format.
func Stamp(s *storyline.Story, arts []*storyline.Article) string {
	type key struct {
		ID, Dup   int64
		Version   int
		Source    string
		Published int64
	}
	keys := make([]key, len(arts))
	for i, a := range arts {
		keys[i] = key{a.ID, a.DuplicateOf, a.Version, a.Source, published(a).UnixNano()}
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i].ID < keys[j].ID })
	h := sha256.New()
	fmt.Fprintf(h, "%d\x00%d\x00%s\x00%d\x00", Format, s.ID, s.Title, s.Sources)
	for _, k := range keys {
		fmt.Fprintf(h, "%d,%d,%d,%s,%d;", k.ID, k.Dup, k.Version, k.Source, k.Published)
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}
