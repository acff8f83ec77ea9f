// Package richtext makes the rich text staff write in the admin safe for
// Telegram's HTML parse mode, and splits it into pieces that fit in one
// message or caption.
//
// Sanitize keeps the formatting Telegram knows (bold, italic, underline,
// strikethrough, links, code, pre, blockquote), turns paragraphs, line
// breaks, headings and list items into text structure, and strips or
// escapes everything else. Split and VisibleLength sanitize first, so
// they accept anything, and Sanitize is idempotent, so sanitizing twice
// costs time but changes nothing.
package richtext

import "strings"

// Telegram's limits on visible text, in UTF-16 code units after entity
// parsing.
const (
	MessageLimit = 4096
	CaptionLimit = 1024
)

// Sanitize returns html as Telegram's HTML parse mode accepts it: only
// the allowed tags, properly nested and balanced, text escaped with
// &lt; &gt; &amp; only, links only to http, https, tg and mailto URLs.
func Sanitize(html string) string {
	d := parse(html)
	r := renderer{d: &d}
	return r.piece(0, len(d.text))
}

// VisibleLength is how many characters Telegram counts for the
// sanitized html: UTF-16 code units of the text after entity parsing.
func VisibleLength(html string) int {
	d := parse(html)
	return units(d.text)
}

// parse runs the whole pipeline: structure to newlines, the bluemonday
// policy, then Telegram's own rules.
func parse(html string) doc {
	html = strings.ToValidUTF8(html, "\uFFFD")
	html = markers.Replace(lineEndings.Replace(html))
	return buildDoc(policy.Sanitize(blocksToText(html)))
}

// lineEndings normalizes Windows and old Mac line endings, which Telegram
// would otherwise show as stray characters inside <pre>.
var lineEndings = strings.NewReplacer("\r\n", "\n", "\r", "\n")
