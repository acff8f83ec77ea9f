package richtext

import (
	"net/url"
	"strings"

	"golang.org/x/net/html"
)

// element is a start tag seen by the builder and not yet ended.
type element struct {
	tag     tagAt
	kept    bool // false: Telegram would reject or ignore it, so it is left out
	emitted bool // its start tag is in the doc (it is emitted with its first rune)
}

// builder turns bluemonday's output into a doc that Telegram's parser
// accepts: tags balanced and nested the way Telegram allows, whitespace
// collapsed as a browser would show it (except inside <pre>), at most one
// blank line in a row, no leading or trailing whitespace, no empty
// elements.
type builder struct {
	d     doc
	stack []element
	// openByName counts the open elements by name, keptByName the kept
	// ones, so that the checks made for every tag and text cost O(1)
	// however deep the markup.
	openByName map[string]int
	keptByName map[string]int
	kept       int
	// unemitted is the lowest stack index that may hold a kept element
	// whose start tag is not in the doc yet.
	unemitted    int
	pendingLines int
	pendingSpace bool
	afterBreak   bool // only whitespace since the last block marker
}

// buildDoc parses policy-sanitized HTML into a doc.
func buildDoc(sanitized string) doc {
	b := &builder{openByName: map[string]int{}, keptByName: map[string]int{}}
	b.d.text = make([]rune, 0, len(sanitized))
	z := html.NewTokenizer(strings.NewReader(sanitized))
	for {
		switch z.Next() {
		case html.ErrorToken:
			b.end(0)
			return b.d
		case html.TextToken:
			b.write(string(z.Text()))
		case html.StartTagToken:
			b.start(z.Token())
		case html.EndTagToken:
			name, _ := z.TagName()
			b.endTag(string(name))
		}
		// Self-closing allowed tags are empty elements and Telegram drops
		// those; comments cannot survive the policy.
	}
}

// start pushes a start tag, deciding whether Telegram can take it here.
func (b *builder) start(tok html.Token) {
	e := element{tag: tagAt{open: true, name: tok.Data}}
	e.tag.start, e.kept = b.render(tok)
	if e.kept {
		e.kept = b.allowedHere(tok.Data)
	}
	if e.kept {
		b.keptByName[tok.Data]++
		b.kept++
	}
	b.stack = append(b.stack, e)
	b.openByName[tok.Data]++
}

// render writes the start tag with only the attributes Telegram reads.
// ok is false for tags this package never emits.
func (b *builder) render(tok html.Token) (start string, ok bool) {
	switch tok.Data {
	case "a":
		href := attr(tok, "href")
		if !linkable(href) {
			return "", false
		}
		return `<a href="` + escapeAttr(href) + `">`, true
	case "code":
		if class := attr(tok, "class"); codeLanguage.MatchString(class) {
			return `<code class="` + class + `">`, true
		}
		return "<code>", true
	case "blockquote":
		for _, a := range tok.Attr {
			if a.Key == "expandable" {
				return "<blockquote expandable>", true
			}
		}
		return "<blockquote>", true
	}
	for _, name := range telegramTags {
		if name == tok.Data {
			return "<" + name + ">", true
		}
	}
	return "", false
}

// allowedHere applies Telegram's nesting rules: nothing inside code or
// pre except a <code> opening a <pre> (its language), no link inside a
// link, no blockquote inside a blockquote. Telegram would silently drop
// such an entity; leaving the tag out keeps the output honest.
func (b *builder) allowedHere(name string) bool {
	if b.kept >= maxDepth {
		return false
	}
	if b.keptOpen("code") || b.keptOpen("pre") {
		top := b.stack[len(b.stack)-1]
		return name == "code" && top.kept && top.tag.name == "pre" && !top.emitted
	}
	switch name {
	case "a", "blockquote":
		return !b.keptOpen(name)
	}
	return true
}

func (b *builder) keptOpen(name string) bool { return b.keptByName[name] > 0 }

// maxDepth bounds how many formatting elements nest: real posts use two
// or three, and every one open at a cut is repeated in each piece.
const maxDepth = 16

// endTag ends the innermost open element called name and every element
// opened inside it; an end tag with no matching start is ignored.
func (b *builder) endTag(name string) {
	if b.openByName[name] == 0 {
		return
	}
	for i := len(b.stack) - 1; i >= 0; i-- {
		if b.stack[i].tag.name == name {
			b.end(i)
			return
		}
	}
}

// end closes the elements from stack[from] up.
func (b *builder) end(from int) {
	for len(b.stack) > from {
		e := b.stack[len(b.stack)-1]
		b.stack = b.stack[:len(b.stack)-1]
		b.openByName[e.tag.name]--
		if e.kept {
			b.keptByName[e.tag.name]--
			b.kept--
		}
		b.unemitted = min(b.unemitted, len(b.stack))
		if e.emitted {
			b.d.tags = append(b.d.tags, tagAt{pos: len(b.d.text), name: e.tag.name})
		}
	}
}

func attr(tok html.Token, key string) string {
	for _, a := range tok.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// linkable double-checks an href the policy let through: absolute, and
// with a scheme Telegram opens.
func linkable(href string) bool {
	u, err := url.Parse(href)
	if err != nil {
		return false
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		return u.Host != ""
	case "tg", "mailto":
		return u.Opaque != "" || u.Host != "" || u.Path != ""
	}
	return false
}
