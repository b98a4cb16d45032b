package extract

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/storyline-news/storyline"
)

// lineRule labels a line of at most maxRunes characters that matches.
type lineRule struct {
	kind     storyline.PartKind
	maxRunes int
	match    func(string) bool
	// opensList marks a heading ("Related stories", "Most read") whose
	// following headline-like lines are boilerplate too.
	opensList bool
}

// re compiles a case-insensitive pattern into a match function.
func re(pattern string) func(string) bool {
	return regexp.MustCompile(`(?i)` + pattern).MatchString
}

// Lengths of the lines rules look at. Boilerplate and captions are short;
// a long paragraph that mentions "newsletter" or "cookies" is reporting.
const (
	shortLine   = 120
	mediumLine  = 250
	captionLine = 300
)

// boilerplate = storyline.PartBoilerplate, for the table below.
const (
	boilerplate = storyline.PartBoilerplate
	caption     = storyline.PartCaption
)

// lineRules are tried in order; the first that matches labels the line.
var lineRules = []lineRule{
	// Headings of lists of links to other stories.
	{boilerplate, shortLine, re(`^[\[(]?(related|related (stories|articles|posts?|content|coverage|reading|links|news|topics|videos?)|see also|read (more|also|next)|also read|more( \S+){0,3} (stories|news|articles|coverage|videos|reading)|more from( \S+){1,3}|more( on this( story)?)?|you (may|might) (also )?(like|enjoy|be interested in)|recommended( for you| stories| reading)?|most (read|popular|viewed|shared|watched)( \S+){0,3}|popular( on \S+( \S+)?| now| stories)?|trending( now| stories)?|don'?t miss|editor'?s (picks?|choice)|top stories|latest (news|stories|videos|headlines)|explore further|what to read next|keep reading|further reading)\s*[:.…!»>\])]*$`), true},
	// "Read more: <headline>", in several languages.
	{boilerplate, mediumLine, re(`^[\[(]?(related( \S+)?|read more|read also|read next|also read|see also|more|watch|listen|also|recommended|leggi anche( su)?|lesen sie auch|lire aussi|leia também|lea también|ver también)\s*:\s*\S`), false},
	{boilerplate, shortLine, isShareLine, false},
	{boilerplate, mediumLine, re(`\b(sign(ing)? up|subscribe|subscribing)\b.*\b(newsletters?|inbox|e-?mail|free|today|now|here|alerts?)\b|\b(newsletters?|inbox)\b.*\b(sign(ing)? up|subscrib)|thanks for (signing up|subscribing)|processing your subscription`), false},
	{boilerplate, shortLine, re(`^[^.!?]*\bnewsletters?\b[^.!?]*$`), false},
	{boilerplate, mediumLine, re(`\b(click|tap) (here|to)\b|\bclicking here\b`), false},
	{boilerplate, shortLine, re(`^(advertisement|advertising|ad|sponsored( content| links?)?|paid (post|content)|(story|article) continues below( (this )?advertisement)?|continue reading( (below|the main story))?|scroll (down )?to continue( reading)?)\s*[:.…]*$`), false},
	{boilerplate, mediumLine, re(`\bcookies?\b.*\b(use|accept|consent|policy|settings|preferences)\b|\b(use|accept|consent)\b.*\bcookies?\b`), false},
	{boilerplate, mediumLine, re(`\bfollow (us|him|her|them|me|@\w+|[\pL.'’ -]{1,40}) on (twitter|facebook|instagram|x|youtube|tiktok|linkedin|threads|bluesky|mastodon|telegram)\b|^follow (us|@\w+)\b`), false},
	{boilerplate, mediumLine, re(`^(filed under|tags?|tagged( with)?|topics?|categories|category|keywords|more about|source)\s*[:|]|^(tags|topics|categories)$`), false},
	{boilerplate, mediumLine, re(`(©|ⓒ|\(c\)\s*\d{4}|\bcopyright\b)|all rights reserved|for your personal,? non-commercial use`), false},
	{boilerplate, mediumLine, re(`^\(?(additional |with )?(reporting|writing|editing|research) by\b|\bcontributed (reporting|to this (report|story|article))\b`), false},
	{boilerplate, mediumLine, re(`^(write to|e-?mail|contact|reach) [^.]{0,60}\b(at|on|via)\b.*(@|twitter)`), false},
	{boilerplate, shortLine, re(`\b(log|sign) in to (post|leave|comment|reply)\b|\bleave a (comment|reply)\b|^\d+ comments?$|^comments?( \(\d+\))?$`), false},
	{boilerplate, shortLine, re(`^(published|updated|posted|last updated|first published|last modified)\b.{0,80}\d`), false},
	{boilerplate, shortLine, re(`\b\d+\s*(min|mins|minutes?)( de)? (read|leitura|lectura|lettura)\b|^(reading time|tempo de leitura|temps de lecture|lesezeit)\b`), false},
	{boilerplate, shortLine, re(`^disclaimer\s*:|\ban error (has )?occurred\b|\bplease try again( later)?\b`), false},
	{boilerplate, shortLine, isByline, false},
	{boilerplate, shortLine, isDateLine, false},
	{boilerplate, mediumLine, isBreadcrumb, false},
	{boilerplate, mediumLine, isAddress, false},
	{boilerplate, 1 << 20, isLinkGlue, false},
	// Photo captions and credits.
	{caption, captionLine, re(`^(photo|image|picture|video|file photo|illustration|graphic|caption|credit|photograph|foto|bild)s?( credit| caption| copyright| courtesy)?\s*[:|/©]|^(image|media|photo) (caption|copyright|credit)\b`), false},
	{caption, captionLine, re(`\b(photograph|photo|image|picture)s?\s*(:|by\b|courtesy\b|credit\b|©)[^.!?]{0,80}$`), false},
	{caption, captionLine, regexp.MustCompile(`(\((AP|AFP|Reuters|REUTERS|EPA|UPI|Xinhua|AAP)( Photo| photo)?(/[^)]{0,60})?\)|Getty Images|Shutterstock|Alamy|iStock(photo)?|/ ?(AFP|Reuters|REUTERS|AP|EPA(-EFE)?|Bloomberg))\s*\)?\.?$`).MatchString, false},
}

// classify returns the rule that labels line p, or nil.
func classify(p string) *lineRule {
	n := runeCount(p)
	for i := range lineRules {
		if r := &lineRules[i]; n <= r.maxRunes && r.match(p) {
			return r
		}
	}
	return nil
}

// markBoilerplate labels share, advertising, navigation and credit lines and
// captions, and the headline lists that follow a "related" heading.
func markBoilerplate(paras []string, kinds []storyline.PartKind) {
	inList := false
	for i, p := range paras {
		if kinds[i] != "" {
			inList = false
			continue
		}
		if r := classify(p); r != nil {
			kinds[i], inList = r.kind, r.opensList
			continue
		}
		if inList && isListedHeadline(p) {
			kinds[i] = boilerplate
			continue
		}
		inList = false
	}
}

// isListedHeadline reports whether p reads like the headline of another
// story in a list of links: short, and not a sentence of reporting.
func isListedHeadline(p string) bool {
	return runeCount(p) <= shortLine+30 && !strings.HasSuffix(p, ".")
}

// shareNetworks are the words of share buttons.
var shareNetworks = map[string]bool{
	"facebook": true, "twitter": true, "whatsapp": true, "linkedin": true,
	"pinterest": true, "reddit": true, "telegram": true, "email": true, "e-mail": true,
	"print": true, "messenger": true, "flipboard": true, "tumblr": true, "sms": true,
	"x": true, "pin": true, "mail": true, "copy": true, "link": true, "share": true,
	"tweet": true, "comments": true, "comment": true, "save": true,
}

// isShareLine reports whether p is a row of share buttons ("Facebook Twitter
// Email"), a share button ("Share this article") or an invitation to share.
func isShareLine(p string) bool {
	lower := strings.ToLower(p)
	words := strings.FieldsFunc(lower, func(r rune) bool {
		return !unicode.IsLetter(r) && r != '-'
	})
	if len(words) == 0 || len(words) > 10 {
		return false
	}
	known := 0
	for _, w := range words {
		if shareNetworks[w] {
			known++
		}
	}
	return known >= 2 && known*2 >= len(words) ||
		words[0] == "share" && len(words) <= 8 ||
		strings.Contains(lower, "share it with") || strings.Contains(lower, "share this")
}

// isByline reports whether p is a byline: "By Jane Doe", short, no sentence.
func isByline(p string) bool {
	rest, ok := strings.CutPrefix(p, "By ")
	if !ok {
		rest, ok = strings.CutPrefix(p, "BY ")
	}
	return ok && len(strings.Fields(rest)) <= 7 && !strings.HasSuffix(p, ".")
}

// isDateLine reports whether p is a date or time on its own line ("NOVEMBER
// 20, 2019 10:43", "5:45 AM PST 11/19/2019"): some numbers, a year or a time,
// few words, no sentence.
func isDateLine(p string) bool {
	if runeCount(p) > 60 || strings.HasSuffix(p, ".") || strings.HasSuffix(p, ":") {
		return false
	}
	numbers, words := 0, 0
	for _, f := range strings.FieldsFunc(p, notWordRune) {
		if strings.Trim(f, "0123456789") == "" {
			numbers++
		} else {
			words++
		}
	}
	return numbers >= 2 && words <= 6 && yearOrTime.MatchString(p)
}

// yearOrTime matches a year from 1900 to 2099 or a clock time.
var yearOrTime = regexp.MustCompile(`\b(19|20)\d\d\b|\b\d{1,2}:\d\d\b`)

// isBreadcrumb reports whether p is a navigation trail: "Home » News » World".
func isBreadcrumb(p string) bool {
	n := strings.Count(p, "»") + strings.Count(p, " > ") + strings.Count(p, " › ")
	return n >= 2
}

// isAddress reports whether p is nothing but a link or an e-mail address.
func isAddress(p string) bool {
	return !strings.ContainsAny(p, " \t") && strings.Contains(p, ".") &&
		(strings.Contains(p, "/") || strings.Contains(p, "@"))
}

// isLinkGlue reports whether p is the text of several links run together
// without spaces ("Ten Facts About MarsThe Biggest StarsWhy Moons Drift"), as
// pages with link lists come out of extraction: three or more places, and at
// least one every 60 characters, where a lower-case word runs straight into a
// capitalised one.
func isLinkGlue(p string) bool {
	glued, lower := 0, 0
	for _, r := range p {
		switch {
		case unicode.IsLower(r):
			lower++
			continue
		case unicode.IsUpper(r) && lower >= 3:
			glued++
		}
		lower = 0
	}
	return glued >= 3 && glued*60 >= runeCount(p)
}

// notWordRune reports whether r separates words.
func notWordRune(r rune) bool {
	return !unicode.IsLetter(r) && !unicode.IsNumber(r) && r != '_'
}
