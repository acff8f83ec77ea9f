package richtext

import (
	"regexp"

	"github.com/microcosm-cc/bluemonday"
)

// telegramTags are the HTML elements Telegram's parse_mode HTML formats
// and this package lets through; "a" is handled apart because it needs
// its href. Telegram knows a few more (span class="tg-spoiler",
// tg-emoji, tg-time) that staff have no use for in a post.
var telegramTags = []string{"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "code", "pre", "blockquote"}

// codeLanguage is the class a <code> inside <pre> may carry so that
// Telegram highlights it; anything looser could smuggle arbitrary text
// into an attribute.
var codeLanguage = regexp.MustCompile(`^language-[A-Za-z0-9_+#.-]{1,32}$`)

// newPolicy builds the bluemonday policy for Telegram: only the tags
// above, links only with an absolute http, https, tg or mailto URL, and
// no other attribute (rel and target are dropped because Telegram
// ignores them anyway). Script and style contents are dropped whole by
// bluemonday's defaults.
func newPolicy() *bluemonday.Policy {
	p := bluemonday.NewPolicy()
	p.AllowElements(telegramTags...)
	p.AllowAttrs("href").OnElements("a")
	p.AllowURLSchemes("http", "https", "tg", "mailto")
	p.RequireParseableURLs(true)
	p.AllowRelativeURLs(false)
	p.AllowAttrs("class").Matching(codeLanguage).OnElements("code")
	p.AllowAttrs("expandable").Matching(regexp.MustCompile(`^$`)).OnElements("blockquote")
	return p
}

// policy is built once: a bluemonday policy is safe for concurrent use
// once configured.
var policy = newPolicy()
