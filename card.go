package storyline

import (
	"strings"
	"time"
)

// Card is what storyline says about one story: the contract of
// `storyline story ID --json` and `GET /api/stories/{id}`.
type Card struct {
	ID      int64    `json:"id"`
	Title   string   `json:"title"`
	Summary []string `json:"summary"`
	// SummaryDisputed indexes the summary sentences that give a figure
	// outlets disagree on (see Flags).
	SummaryDisputed []int         `json:"summary_disputed,omitempty"`
	Articles        []CardArticle `json:"articles"`
	Sources         int           `json:"sources"`
	// UnknownOutlet counts the articles of no known outlet (no --source,
	// source field, site name or URL host): they are not among Sources
	// and corroborate nothing.
	UnknownOutlet int           `json:"unknown_outlet"`
	Entities      []CardEntity  `json:"entities"`
	Flags         []Flag        `json:"flags"`
	Quotes        []QuoteGroup  `json:"quotes"`
	Claims        []Claim       `json:"claims"`
	Timeline      []Development `json:"timeline"`
	Updated       time.Time     `json:"updated,omitzero"`
	Why           []Assignment  `json:"why,omitempty"`
}

// CardArticle is one report as the card lists it.
type CardArticle struct {
	ID          string    `json:"id"`
	Title       string    `json:"title"`
	Source      string    `json:"source"`
	URL         string    `json:"url,omitempty"`
	Published   time.Time `json:"published,omitzero"`
	DuplicateOf string    `json:"duplicate_of,omitempty"`
	// Language is the report's language, an ISO 639-1 code detected
	// from its text ("de"), empty when unknown.
	Language string `json:"language,omitempty"`
}

// CardEntity is a person, organisation or place of the story, under its
// canonical name, with the other names outlets used for it.
type CardEntity struct {
	Name     string     `json:"name"`
	Type     EntityType `json:"type"`
	Aliases  []string   `json:"aliases"`
	Roles    []string   `json:"roles,omitempty"`
	Mentions int        `json:"mentions"`
	Sources  []string   `json:"sources"`
}

// FlagKind names a problem found when reconciling outlets.
type FlagKind string

// Flag kinds.
const (
	NameConflict   FlagKind = "name_conflict"
	NumberConflict FlagKind = "number_conflict"
	DateConflict   FlagKind = "date_conflict"
	Contradiction  FlagKind = "contradiction"
)

// Label says a flag's kind in plain words, for people.
func (k FlagKind) Label() string {
	switch k {
	case NameConflict:
		return "Names differ"
	case NumberConflict:
		return "Figures differ"
	case DateConflict:
		return "Days differ"
	case Contradiction:
		return "Contradiction"
	}
	return strings.ReplaceAll(string(k), "_", " ")
}

// Flag points out something outlets disagree on.
type Flag struct {
	Kind    FlagKind `json:"kind"`
	Text    string   `json:"text"`
	Sources []string `json:"sources"`
}

// Status is how well a claim or quote is supported across outlets.
type Status string

// Statuses.
const (
	Corroborated Status = "corroborated"
	SingleSource Status = "single_source"
	Conflicting  Status = "conflicting"
)

// QuoteGroup is one statement as several outlets quoted it.
type QuoteGroup struct {
	Speaker  string         `json:"speaker"`
	Text     string         `json:"text"`
	Variants []QuoteVariant `json:"variants"`
	Sources  []string       `json:"sources"`
	Status   Status         `json:"status"`
}

// QuoteVariant is one outlet's wording of a quote.
type QuoteVariant struct {
	Text    string `json:"text"`
	Article string `json:"article"`
	Source  string `json:"source,omitempty"`
}

// Claim is a factual statement of the story, grouped across outlets.
type Claim struct {
	Text      string         `json:"text"`
	Status    Status         `json:"status"`
	Sources   []string       `json:"sources"`
	FirstSeen time.Time      `json:"first_seen,omitzero"`
	Variants  []ClaimVariant `json:"variants,omitempty"`
	// Post is set when the claim comes from an embedded social post rather
	// than from the outlets' own reporting.
	Post string `json:"post,omitempty"`
}

// ClaimVariant is one article's sentence behind a claim.
type ClaimVariant struct {
	Text    string `json:"text"`
	Article string `json:"article"`
	Source  string `json:"source,omitempty"`
}

// Development is a timeline entry: what one report added.
type Development struct {
	Time    time.Time `json:"time,omitzero"`
	Article string    `json:"article"`
	Source  string    `json:"source,omitempty"`
	Text    string    `json:"text"`
	// Kind is "first_report", "added" (what a later report added),
	// "development" (a plan or possibility reported as done) or "update"
	// (a figure that changed with time).
	Kind string `json:"kind,omitempty"`
	// Previous is what an earlier report said, for a development or an
	// update ("The US is preparing to revoke ... (Outlet A)").
	Previous string `json:"previous,omitempty"`
}

// AnalysisRecord is the cached analysis of one version of an article, in
// the encoding of the reconcile stage (compact JSON), so that a card is
// rebuilt without analysing its articles again.
type AnalysisRecord struct {
	Article int64
	Version int
	Data    []byte
}
