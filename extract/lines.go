package extract

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/storyline-news/storyline"
)

// lineRule labels a line of at most maxRunes characters that matches.
type lineRule struct {
	kind     storyline.PartKind
	maxRunes int
	// hints, when given, are lower-case strings of which the line must
	// contain one before match is tried: a cheap filter before a regexp.
	hints []string
	match func(string) bool
	// list tells whether the headline-like lines after a match are
	// boilerplate too.
	list listMode
}

// listMode tells how a line opens a list of links to other stories.
type listMode int

const (
	// noList: the line stands alone.
	noList listMode = iota
	// headedList: a heading ("Related stories", "Most read"); every
	// headline-like line after it is an item.
	headedList
	// linkList: a link ("Read more: ..."), perhaps the first of several;
	// a headline-like line after it is another, unless reporting follows it,
	// which makes it a sub-heading.
	linkList
)

// hints splits a list of hints at "|".
func hints(list string) []string {
	return strings.Split(list, "|")
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
	{boilerplate, shortLine, nil, re(`^[\[(]?(related|related (stories|articles|posts?|content|coverage|reading|links|news|topics|videos?)|see also|read (more|also|next)|also read|more( \S+){0,3} (stories|news|articles|coverage|videos|reading)|more from( \S+){1,3}|more( on this( story)?)?|you (may|might) (also )?(like|enjoy|be interested in)|recommended( for you| stories| reading)?|most (read|popular|viewed|shared|watched)( \S+){0,3}|popular( on \S+( \S+)?| now| stories)?|trending( now| stories)?|don'?t miss|editor'?s (picks?|choice)|top stories|latest (news|stories|videos|headlines)|explore further|what to read next|keep reading|further reading|leggi anche|lesen sie auch|lire aussi|leia também|lea también|ver también)\s*[:.…!»>\])]*$`), headedList},
	// "Read more: <headline>", in several languages.
	{boilerplate, mediumLine, nil, re(`^[\[(]?(related( \S+)?|read more|read also|read next|also read|see also|more|watch|listen|also|recommended|leggi anche( su)?|lesen sie auch|lire aussi|leia também|lea também|ver también)\s*:\s*\S`), linkList},
	{boilerplate, shortLine, nil, re(`^(home|menu|search|back to top|top|next|previous|skip to (main )?content)$`), noList},
	{boilerplate, shortLine, nil, re(`^(subscribe\b|if you (enjoyed|liked|value|appreciate)\b)`), noList},
	{boilerplate, shortLine, nil, isShareLine, noList},
	{boilerplate, mediumLine, hints("sign|subscri|newsletter|inbox"), re(`\b(sign(ing)? up|subscrib\w*)\b.*\b(newsletters?|inbox|alerts?)\b|\b(newsletters?|inbox)\b.*\b(sign(ing)? up|subscrib\w*)\b|thanks for (signing up|subscribing)|processing your subscription|\b(sign up|subscribe) (for|to) our\b`), noList},
	{boilerplate, shortLine, hints("newsletter"), re(`^[^.!?]*\bnewsletters?\b[^.!?]*$`), noList},
	{boilerplate, mediumLine, hints("click|tap here"), re(`\b(click|tap) here\b|\bclicking here\b|\bclick to\b`), noList},
	{boilerplate, shortLine, nil, re(`^(advertisement|advertising|ad|sponsored( content| links?)?|paid (post|content)|(story|article) continues below( \w+){0,2}|continue reading( (below|the main story))?|scroll (down )?to continue( reading)?)\s*[:.…]*$`), noList},
	{boilerplate, mediumLine, hints("cookie"), re(`\bcookies?\b.*\b(use|accept|consent|policy|settings|preferences)\b|\b(use|accept|consent)\b.*\bcookies?\b`), noList},
	{boilerplate, mediumLine, hints("follow"), re(`\bfollow (us|him|her|them|me|@\w+|[\pL.'’ -]{1,40}) on (twitter|facebook|instagram|x|youtube|tiktok|linkedin|threads|bluesky|mastodon|telegram)\b|^follow (us|@\w+)\b`), noList},
	{boilerplate, mediumLine, nil, re(`^((filed under|tags?|tagged( with)?|topics?|categories|category|keywords|more about|source)\s*[:|]|(tags|topics|categories)$)`), noList},
	// Photo captions and credits.
	{caption, captionLine, nil, re(`^((photo|image|picture|video|file photo|illustration|graphic|caption|credit|photograph|foto|bild)s?( credit| caption| copyright| courtesy)?\s*[:|/©]|(image|media|photo) (caption|copyright|credit)\b)`), noList},
	{caption, captionLine, hints("photo|image|picture"), re(`\b(photograph|photo|image|picture)s?\s*(:|by\b|courtesy\b|credit\b|©)[^.!?]{0,80}$`), noList},
	{caption, captionLine, hints("(ap|(afp|(reuters|(epa|(upi|(xinhua|(aap|getty|shutterstock|alamy|istock|/ap|/ ap|/afp|/ afp|/reuters|/ reuters|/epa|/ epa|/bloomberg|/ bloomberg"), regexp.MustCompile(`(\((AP|AFP|Reuters|REUTERS|EPA|UPI|Xinhua|AAP)( Photo| photo)?(/[^)]{0,60})?\)|Getty Images|Shutterstock|Alamy|iStock(photo)?|/ ?(AFP|Reuters|REUTERS|AP|EPA(-EFE)?|Bloomberg))\s*\)?\.?$`).MatchString, noList},
	{boilerplate, mediumLine, hints("©|ⓒ|(c)"), re(`(^|[^\pL])[©ⓒ]\s*(\d{4}|\pL)|\(c\)\s*\d{4}`), noList},
	// The words alone only in a short line: a snippet may end with a
	// notice run into its text.
	{boilerplate, shortLine, hints("copyright|rights reserved|non-commercial"), re(`\bcopyright\b|all rights reserved|for your personal,? non-commercial use`), noList},
	{boilerplate, mediumLine, hints("by|contributed"), re(`^\(?(additional |with )?(reporting|writing|editing|research) by\b|\bcontributed (reporting|to this (report|story|article))\b`), noList},
	{boilerplate, mediumLine, nil, re(`^(write to|e-?mail|contact|reach) [^.]{0,60}\b(at|on|via)\b.*(@|twitter)`), noList},
	{boilerplate, mediumLine, hints("modera"), re(`\b(comment|comentário|comentario|commentaire|kommentar)s?\b.*\bmodera|\bmodera.*\b(comment|comentário|comentario|commentaire|kommentar)s?\b`), noList},
	{boilerplate, shortLine, hints("log in|sign in|leave a|comment"), re(`\b(log|sign) in to (post|leave|comment|reply)\b|\bleave a (comment|reply)\b|^\d+ comments?$|^comments?( \(\d+\))?$`), noList},
	{boilerplate, shortLine, nil, re(`^(published|updated|posted|last updated|first published|last modified)\b.{0,80}\d`), noList},
	{boilerplate, shortLine, hints("min|leitura|lectura|lettura|reading time|lesezeit|temps de lecture"), re(`\b\d+\s*(min|mins|minutes?)( de)? (read|leitura|lectura|lettura)\b|^(reading time|tempo de leitura|temps de lecture|lesezeit)\b`), noList},
	{boilerplate, shortLine, hints("disclaimer|error|try again"), re(`^disclaimer\s*:|\ban error (has )?occurred\b|\bplease try again( later)?\b`), noList},
	{boilerplate, shortLine, nil, isByline, noList},
	{boilerplate, shortLine, nil, isDateLine, noList},
	{boilerplate, mediumLine, nil, isBreadcrumb, noList},
	{boilerplate, mediumLine, nil, isAddress, noList},
	{boilerplate, shortLine, nil, isLinkLine, noList},
	{boilerplate, 1 << 20, nil, isLinkGlue, noList},
}

// classify returns the rule that labels line p, or nil.
func classify(p string) *lineRule {
	n := runeCount(p)
	lower := ""
	if n <= captionLine {
		lower = strings.ToLower(p)
	}
	for i := range lineRules {
		r := &lineRules[i]
		if n <= r.maxRunes && (r.hints == nil || containsAny(lower, r.hints)) && r.match(p) {
			return r
		}
	}
	return nil
}

// containsAny reports whether s contains one of subs.
func containsAny(s string, subs []string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

// markBoilerplate labels share, advertising, navigation and credit lines and
// captions, and the headline lists that follow a "related" heading.
func markBoilerplate(paras []string, kinds []storyline.PartKind) {
	list := noList
	for i, p := range paras {
		if kinds[i] != "" {
			list = noList
			continue
		}
		if r := classify(p); r != nil {
			kinds[i], list = r.kind, r.list
			continue
		}
		reportingNext := i+1 < len(paras) && isReporting(paras[i+1])
		if list == headedList && isListedHeadline(p) || list == linkList && isListedHeadline(p) && !reportingNext {
			kinds[i] = boilerplate
			continue
		}
		list = noList
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
	if len(p) < 4 || !strings.EqualFold(p[:3], "by ") {
		return false
	}
	return len(strings.Fields(p)) <= 8 && !strings.HasSuffix(p, ".")
}

// isLinkLine reports whether p is a short line that points to a web address
// rather than reports: "Listen: https://...", "More coverage at https://...".
func isLinkLine(p string) bool {
	return strings.Contains(p, "://") && !strings.HasSuffix(p, ".") && len(strings.Fields(p)) <= 15
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
// pages with link lists come out of extraction: three or more places where a
// lower-case word runs straight into a capitalised one, at least one every 60
// characters, in a line that does not end like a sentence (a sentence may
// name RealClearPolitics and FiveThirtyEight). Hashtags, handles and
// addresses do not count.
func isLinkGlue(p string) bool {
	last, _ := utf8.DecodeLastRuneInString(p)
	if strings.ContainsRune(".!?", last) {
		return false // checked first: most paragraphs end a sentence
	}
	glued := 0
	for _, token := range strings.Fields(p) {
		if !strings.HasPrefix(token, "#") && !strings.HasPrefix(token, "@") && !strings.Contains(token, "://") {
			glued += gluePoints(token)
		}
	}
	return glued >= 3 && glued*60 >= runeCount(p)
}

// gluePoints counts the places in a word where three or more lower-case
// letters run into a capital.
func gluePoints(token string) int {
	glued, lower := 0, 0
	for _, r := range token {
		switch {
		case unicode.IsLower(r):
			lower++
			continue
		case unicode.IsUpper(r) && lower >= 3:
			glued++
		}
		lower = 0
	}
	return glued
}

// notWordRune reports whether r separates words.
func notWordRune(r rune) bool {
	return !unicode.IsLetter(r) && !unicode.IsNumber(r) && r != '_'
}
