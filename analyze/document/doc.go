// Package document reads one news report into what the story card
// compares across outlets: its people, organisations and places with the
// names and titles it gives them, its direct quotes with their speakers,
// and its factual clauses, each with its figures (read as ranges, with what
// they count), days, negation, modality and attribution. Embedded social
// posts are read apart and attributed to the post.
//
// Analyze runs every step; AnalyzeWith runs the steps its Steps ask for,
// so that evaluation can measure one step on its own. The name resolution
// that merges the forms of one entity (Entry, Resolve) serves both one
// report and, in package reconcile, a whole story.
package document
