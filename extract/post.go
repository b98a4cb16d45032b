package extract

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/storyline-news/storyline"
)

// post is one embedded social post: paragraphs [start, end) of a text.
type post struct {
	start, end     int
	author, posted string
}

// attribution matches the line a social network's embed code leaves under a
// post: "— Name (@handle) September 27, 2025", with an optional date, or
// Instagram's "A post shared by Name (@handle) on Sep 27, 2025".
var attribution = regexp.MustCompile(`^(?:[—–-]{1,2}|(?i:a post shared by))\s*[^()]{0,120}?\((@[\pL\pN_.]{1,50})\)\s*(?:on\s+)?(.{0,60})$`)

// postLink matches links to social posts and the short links networks put
// into a post's text.
var postLink = regexp.MustCompile(`(?i)\b(?:pic\.twitter\.com/\w+|t\.co/\w+|(?:twitter|x)\.com/\w+/status(?:es)?/\d+|instagram\.com/(?:p|reel|tv)/[\w-]+|tiktok\.com/@[\w.]+/video/\d+|bsky\.app/profile/[^\s/]+/post/\w+|threads\.net/@[\w.]+/post/\w+|facebook\.com/[^\s/]+/(?:posts|videos)/\w+)`)

// Limits on the lines drawn into an embedded post around its markers.
const (
	// maxPostGap is the longest line between two markers that still joins
	// them into one post: a post's text, not a paragraph of the report.
	maxPostGap = 300
	// maxPostText is the longest line taken as the text of a post whose
	// attribution stands alone; posts of many networks run to 500 characters.
	maxPostText = 600
)

// markPosts finds embedded posts, marks their paragraphs in kinds and returns
// them by their first paragraph.
func markPosts(paras []string, kinds []storyline.PartKind) map[int]post {
	markers := make([]bool, len(paras))
	any := false
	for i, p := range paras {
		markers[i] = isPostMarker(p)
		any = any || markers[i]
	}
	if !any {
		return nil
	}
	posts := map[int]post{}
	for i := 0; i < len(paras); i++ {
		if !markers[i] {
			continue
		}
		start, end := postBlock(paras, markers, i)
		for _, p := range splitPosts(paras, start, end) {
			posts[p.start] = p
		}
		for j := start; j < end; j++ {
			kinds[j] = storyline.PartEmbeddedPost
		}
		i = end - 1
	}
	return posts
}

// isPostMarker reports whether a paragraph can only come from a social post:
// an attribution line, a link to a post, or a run of emoji.
func isPostMarker(p string) bool {
	return isAttribution(p) || hasPostLink(p) || emojiLine(p)
}

// isAttribution reports whether p is the attribution line of a post.
func isAttribution(p string) bool {
	return strings.Contains(p, "(@") && attribution.MatchString(p)
}

// postHosts are the addresses postLink looks for, to skip it cheaply.
var postHosts = []string{"twitter.com/", "t.co/", "x.com/", "instagram.com/", "tiktok.com/",
	"bsky.app/", "threads.net/", "facebook.com/"}

// hasPostLink reports whether p links to a social post.
func hasPostLink(p string) bool {
	// Every host has a slash: most paragraphs have none, and need not be
	// lower-cased.
	return strings.IndexByte(p, '/') >= 0 && containsAny(strings.ToLower(p), postHosts) && postLink.MatchString(p)
}

// postBlock returns the paragraphs [start, end) of the post material around
// the marker at i: following markers, with at most one short line between
// two of them, and the line before a marker that has no text of its own (an
// attribution or a bare link stands under the post's text).
func postBlock(paras []string, markers []bool, i int) (start, end int) {
	start, end = i, i+1
	for end < len(paras) {
		switch {
		case markers[end]:
			end++
		case end+1 < len(paras) && markers[end+1] && runeCount(paras[end]) <= maxPostGap:
			end += 2
		default:
			return withPostText(paras, start), end
		}
	}
	return withPostText(paras, start), end
}

// withPostText moves start back over the post's text when the marker at start
// carries no text of its own.
func withPostText(paras []string, start int) int {
	if start > 0 && textless(paras[start]) && runeCount(paras[start-1]) <= maxPostText {
		return start - 1
	}
	return start
}

// textless reports whether a marker line is only an attribution or links to
// posts, which stand under the post's text.
func textless(p string) bool {
	if isAttribution(p) {
		return true
	}
	if !hasPostLink(p) {
		return false
	}
	rest := strings.NewReplacer("https://", "", "http://", "").Replace(postLink.ReplaceAllString(p, ""))
	return tokenKey(rest) == ""
}

// splitPosts divides the block [start, end) into posts: each attribution line
// closes a post; lines after the last one belong to the last post.
func splitPosts(paras []string, start, end int) []post {
	var posts []post
	cur := post{start: start}
	for i := start; i < end; i++ {
		m := attribution.FindStringSubmatch(paras[i])
		if m == nil {
			continue
		}
		cur.end, cur.author, cur.posted = i+1, m[1], strings.TrimSpace(m[2])
		posts = append(posts, cur)
		cur = post{start: i + 1}
	}
	switch {
	case len(posts) == 0:
		return []post{{start: start, end: end}}
	case cur.start < end:
		posts[len(posts)-1].end = end
	}
	return posts
}

// emojiLine reports whether a line carries a run of emoji: two or more of
// them, or nothing but one. An emoji joined to the one before it (a ZWJ
// sequence), a skin tone or a flag's second letter does not count again.
func emojiLine(p string) bool {
	n, other, joined, flag := 0, false, false, false
	for _, r := range p {
		switch {
		case isEmojiModifier(r) || r == ' ':
		case isRegionalIndicator(r):
			if !flag {
				n++
			}
			flag = !flag
		case isPictograph(r):
			if !joined {
				n++
			}
		default:
			other = true
		}
		joined = r == 0x200D
	}
	return n >= 2 || n == 1 && !other
}

// isRegionalIndicator reports whether r is one of the letters flags are
// written with, two to a flag.
func isRegionalIndicator(r rune) bool {
	return r >= 0x1F1E6 && r <= 0x1F1FF
}

// isPictograph reports whether r is an emoji pictograph (the ranges of
// Unicode's Extended_Pictographic that news text does not otherwise use).
func isPictograph(r rune) bool {
	switch {
	case r >= 0x1F000 && r <= 0x1FAFF, // emoticons, symbols, flags, transport
		r >= 0x2600 && r <= 0x27BF, // miscellaneous symbols and dingbats
		r >= 0x2B05 && r <= 0x2B55, // arrows, stars, circles
		r == 0x203C || r == 0x2049, // ‼ ⁉
		r >= 0x231A && r <= 0x23FA: // watches, media controls
		return true
	}
	return false
}

// isEmojiModifier reports whether r only modifies the emoji before it.
func isEmojiModifier(r rune) bool {
	return r == 0xFE0F || r == 0xFE0E || r == 0x200D || r == 0x20E3 ||
		r >= 0x1F3FB && r <= 0x1F3FF || // skin tones
		r >= 0xE0020 && r <= 0xE007F // tag letters of subdivision flags
}

// runeCount is the length of s in characters.
func runeCount(s string) int {
	return utf8.RuneCountInString(s)
}
