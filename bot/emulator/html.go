package emulator

import (
	"errors"
	"fmt"
	"html"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Entity is a Telegram MessageEntity. Offset and Length count UTF-16 code
// units of the plain text, as the Bot API does.
type Entity struct {
	Type           string `json:"type"`
	Offset         int    `json:"offset"`
	Length         int    `json:"length"`
	URL            string `json:"url,omitempty"`
	Language       string `json:"language,omitempty"`
	CustomEmojiID  string `json:"custom_emoji_id,omitempty"`
	UnixTime       int64  `json:"unix_time,omitempty"`
	DateTimeFormat string `json:"date_time_format,omitempty"`
}

// UTF16Len is the length of s in UTF-16 code units, the unit of entity
// offsets. An invalid UTF-8 byte counts as one unit (U+FFFD).
func UTF16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16Units(r)
	}
	return n
}

func utf16Units(r rune) int {
	if r >= 0x10000 {
		return 2
	}
	return 1
}

// parseErr formats errors the way the Bot API words them after "Bad Request: ".
func parseErr(format string, args ...any) error {
	return fmt.Errorf("can't parse entities: "+format, args...)
}

// pendingTag is a start tag waiting for its end tag.
type pendingTag struct {
	name   string // lower-cased tag name
	arg    string // href, language, emoji id, spoiler class, "expandable" or unix time
	format string // tg-time format
	offset int    // UTF-16 offset where the content starts
	begin  int    // byte offset in the output where the content starts
	// lang and codeEnd record a <code class="language-x"> that opened with
	// this <pre>; the pair becomes one pre entity if they also end together.
	lang    string
	codeEnd int
}

type htmlParser struct {
	src   string
	out   strings.Builder
	u16   int
	stack []pendingTag
	ents  []Entity
	// open counts the tags on the stack by nesting class, so the nesting
	// rules cost O(1) per tag even for absurdly deep markup.
	open map[string]int
}

// nestClass groups the tags Telegram's nesting rules talk about.
func nestClass(tag string) string {
	switch tag {
	case "code", "pre":
		return "code"
	case "blockquote":
		return "quote"
	case "a", "tg-emoji", "tg-time":
		return "atomic"
	}
	return ""
}

func (p *htmlParser) push(t pendingTag) {
	p.stack = append(p.stack, t)
	p.open[nestClass(t.name)]++
}

func (p *htmlParser) pop() pendingTag {
	t := p.stack[len(p.stack)-1]
	p.stack = p.stack[:len(p.stack)-1]
	p.open[nestClass(t.name)]--
	return t
}

// ParseHTML applies Telegram's HTML parse_mode: it returns the plain text
// and its entities, or an error worded like Telegram's. It follows the
// Bot API server's parser (TDLib) where known: tag and attribute syntax,
// empty entities dropped, links without a valid URL dropped, entities
// nested where Telegram forbids it dropped. One deliberate difference:
// an unsupported named entity such as "&nbsp;" is an error here, where
// Telegram would show it literally, because that is always a bot bug.
func ParseHTML(text string) (plain string, entities []Entity, err error) {
	if !utf8.ValidString(text) {
		return "", nil, errors.New("strings must be encoded in UTF-8")
	}
	p := &htmlParser{src: text, open: map[string]int{}}
	for i := 0; i < len(text); {
		switch text[i] {
		case '&':
			r, n, err := decodeEntity(text, i)
			if err != nil {
				return "", nil, err
			}
			if n == 0 { // not an entity: Telegram keeps a bare '&'
				p.write("&")
				i++
				continue
			}
			p.write(string(r))
			i += n
		case '<':
			if i+1 < len(text) && text[i+1] == '/' {
				i, err = p.endTag(i)
			} else {
				i, err = p.startTag(i)
			}
			if err != nil {
				return "", nil, err
			}
		default:
			j := i + 1
			for j < len(text) && text[j] != '<' && text[j] != '&' {
				j++
			}
			p.write(text[i:j])
			i = j
		}
	}
	if len(p.stack) > 0 {
		return "", nil, parseErr("Can't find end tag corresponding to start tag \"%s\"", p.stack[len(p.stack)-1].name)
	}
	// Telegram lists entities by offset, an enclosing entity first. They
	// were appended as their tags closed, inner first, hence the reversal.
	slices.Reverse(p.ents)
	slices.SortStableFunc(p.ents, func(a, b Entity) int {
		if a.Offset != b.Offset {
			return a.Offset - b.Offset
		}
		return b.Length - a.Length
	})
	return p.out.String(), p.ents, nil
}

func (p *htmlParser) write(s string) {
	p.out.WriteString(s)
	p.u16 += UTF16Len(s)
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
}

func (p *htmlParser) skipSpaces(i int) int {
	for i < len(p.src) && isSpace(p.src[i]) {
		i++
	}
	return i
}

// startTag parses "<name attr=value ...>" starting at begin and returns
// the offset after '>'.
func (p *htmlParser) startTag(begin int) (int, error) {
	s := p.src
	i := begin + 1
	for i < len(s) && !isSpace(s[i]) && s[i] != '>' {
		i++
	}
	if i >= len(s) {
		return 0, parseErr("Unclosed start tag at byte offset %d", begin)
	}
	tag := pendingTag{name: strings.ToLower(s[begin+1 : i]), offset: p.u16, begin: p.out.Len()}
	switch tag.name {
	case "a", "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler",
		"tg-emoji", "tg-time", "code", "pre", "blockquote":
	default:
		return 0, parseErr("Unsupported start tag \"%s\" at byte offset %d", tag.name, begin)
	}
	for {
		i = p.skipSpaces(i)
		if i >= len(s) {
			return 0, parseErr("Unclosed start tag \"%s\" at byte offset %d", tag.name, begin)
		}
		if s[i] == '>' {
			break
		}
		nameStart := i
		for i < len(s) && !isSpace(s[i]) && s[i] != '=' && s[i] != '>' {
			i++
		}
		attr := strings.ToLower(s[nameStart:i])
		if attr == "" {
			return 0, parseErr("Empty attribute name in the tag \"%s\" at byte offset %d", tag.name, begin)
		}
		i = p.skipSpaces(i)
		if i >= len(s) || s[i] != '=' { // a valueless attribute, like <blockquote expandable>
			tag.setAttr(attr, "")
			continue
		}
		value, next, err := p.attrValue(p.skipSpaces(i+1), tag.name, begin)
		if err != nil {
			return 0, err
		}
		tag.setAttr(attr, value)
		i = next
	}
	if tag.name == "span" && tag.arg != "spoiler" {
		return 0, parseErr("Tag \"span\" must have class \"tg-spoiler\" at byte offset %d", begin)
	}
	p.push(tag)
	return i + 1, nil
}

// attrValue reads a quoted string (entities decoded) or an HTML name token.
func (p *htmlParser) attrValue(i int, tagName string, begin int) (string, int, error) {
	s := p.src
	if i >= len(s) {
		return "", 0, parseErr("Unclosed start tag \"%s\" at byte offset %d", tagName, begin)
	}
	if q := s[i]; q == '"' || q == '\'' {
		var v strings.Builder
		for i++; i < len(s) && s[i] != q; {
			r, n, err := decodeEntity(s, i)
			if err != nil {
				return "", 0, err
			}
			if n > 0 {
				v.WriteRune(r)
				i += n
				continue
			}
			v.WriteByte(s[i])
			i++
		}
		if i >= len(s) {
			return "", 0, parseErr("Unclosed start tag \"%s\" at byte offset %d", tagName, begin)
		}
		return v.String(), i + 1, nil
	}
	start := i
	for i < len(s) && (isAlnum(s[i]) || s[i] == '.' || s[i] == '-') {
		i++
	}
	if i >= len(s) || !isSpace(s[i]) && s[i] != '>' {
		return "", 0, parseErr("Unexpected end of name token at byte offset %d", start)
	}
	return strings.ToLower(s[start:i]), i, nil
}

// setAttr keeps the one attribute each tag cares about; Telegram ignores
// every other attribute.
func (t *pendingTag) setAttr(name, value string) {
	switch {
	case t.name == "a" && name == "href", t.name == "tg-emoji" && name == "emoji-id", t.name == "tg-time" && name == "unix":
		t.arg = value
	case t.name == "tg-time" && name == "format":
		t.format = value
	case t.name == "code" && name == "class" && strings.HasPrefix(value, "language-"):
		t.arg = value[len("language-"):]
	case t.name == "span" && name == "class" && strings.HasPrefix(value, "tg-"):
		t.arg = value[len("tg-"):]
	case t.name == "blockquote" && name == "expandable":
		t.arg = "expandable"
	}
}

// endTag parses "</name>" starting at begin and closes the innermost tag.
func (p *htmlParser) endTag(begin int) (int, error) {
	if len(p.stack) == 0 {
		return 0, parseErr("Unexpected end tag at byte offset %d", begin)
	}
	s := p.src
	i := begin + 2
	for i < len(s) && !isSpace(s[i]) && s[i] != '>' {
		i++
	}
	name := s[begin+2 : i]
	if i = p.skipSpaces(i); i >= len(s) || s[i] != '>' {
		return 0, parseErr("Unclosed end tag at byte offset %d", begin)
	}
	top := p.stack[len(p.stack)-1]
	if name != "" && !strings.EqualFold(name, top.name) { // "</>" closes anything, as in Telegram
		return 0, parseErr("Unmatched end tag at byte offset %d, expected \"</%s>\", found \"</%s>\"", begin, top.name, name)
	}
	return i + 1, p.close(p.pop())
}

// close turns a finished tag into an entity, unless it is empty or
// Telegram's nesting rules would drop it.
func (p *htmlParser) close(t pendingTag) error {
	if p.u16 == t.offset {
		return nil
	}
	e := Entity{Offset: t.offset, Length: p.u16 - t.offset}
	switch t.name {
	case "b", "strong":
		e.Type = "bold"
	case "i", "em":
		e.Type = "italic"
	case "u", "ins":
		e.Type = "underline"
	case "s", "strike", "del":
		e.Type = "strikethrough"
	case "span", "tg-spoiler":
		e.Type = "spoiler"
	case "code":
		e.Type = "code" // a language only counts inside <pre>, see below
	case "pre":
		e.Type = "pre"
		if t.codeEnd == p.u16 {
			e.Language = t.lang
		}
	case "blockquote":
		e.Type = "blockquote"
		if t.arg == "expandable" {
			e.Type = "expandable_blockquote"
		}
	case "tg-emoji":
		id, err := strconv.ParseInt(t.arg, 10, 64)
		if err != nil || id <= 0 {
			return parseErr("Invalid custom emoji identifier specified")
		}
		e.Type, e.CustomEmojiID = "custom_emoji", strconv.FormatInt(id, 10)
	case "tg-time":
		unix, err := strconv.ParseInt(t.arg, 10, 64)
		if err != nil || unix < 0 {
			return parseErr("Invalid Unix time specified")
		}
		if !validTimeFormat(t.format) {
			return parseErr("Invalid date and time format specified")
		}
		e.Type, e.UnixTime, e.DateTimeFormat = "date_time", unix, t.format
	case "a":
		href := t.arg
		if href == "" { // <a>url</a> links to its own text
			href = p.out.String()[t.begin:]
		}
		u, ok := linkURL(href)
		if !ok {
			return nil // Telegram silently drops a link it cannot use
		}
		e.Type, e.URL = "text_link", u
	}
	if p.forbiddenInside(t) {
		return nil
	}
	p.ents = append(p.ents, e)
	return nil
}

// forbiddenInside applies the Bot API's nesting rules to a tag just
// popped off the stack: nothing lives inside code or pre (except the
// <pre><code class="language-x"> pairing), blockquotes do not nest, and
// links, custom emoji and times do not contain each other.
func (p *htmlParser) forbiddenInside(t pendingTag) bool {
	if n := len(p.stack); t.name == "code" && n > 0 && p.stack[n-1].name == "pre" && p.stack[n-1].offset == t.offset {
		p.stack[n-1].lang, p.stack[n-1].codeEnd = t.arg, p.u16
		return true
	}
	class := nestClass(t.name)
	return p.open["code"] > 0 || (class == "quote" || class == "atomic") && p.open[class] > 0
}

// decodeEntity decodes the character reference at s[i] == '&'. n is the
// number of bytes consumed, 0 when the '&' starts no reference and stays
// literal. As in Telegram the ';' is optional and only &lt; &gt; &amp;
// &quot; are known by name.
func decodeEntity(s string, i int) (r rune, n int, err error) {
	j := i + 1
	if j < len(s) && s[j] == '#' {
		j++
		base := rune(10)
		if j < len(s) && (s[j] == 'x' || s[j] == 'X') {
			base, j = 16, j+1
		}
		start := j
		for ; j < len(s); j++ {
			d := hexValue(s[j])
			if d < 0 || d >= base {
				break
			}
			if r = r*base + d; r >= 0x10ffff {
				return 0, 0, nil
			}
		}
		if j == start || r == 0 || r >= 0xd800 && r <= 0xdfff || j-i >= 10 {
			return 0, 0, nil
		}
	} else {
		for j < len(s) && isAlpha(s[j]) {
			j++
		}
		switch name := s[i+1 : j]; name {
		case "lt":
			r = '<'
		case "gt":
			r = '>'
		case "amp":
			r = '&'
		case "quot":
			r = '"'
		default:
			if name != "" && j < len(s) && s[j] == ';' {
				return 0, 0, parseErr("Unsupported HTML entity \"&%s;\" at byte offset %d", name, i)
			}
			return 0, 0, nil
		}
	}
	if j < len(s) && s[j] == ';' {
		j++
	}
	return r, j - i, nil
}

func hexValue(c byte) rune {
	switch {
	case '0' <= c && c <= '9':
		return rune(c - '0')
	case 'a' <= c && c <= 'f':
		return rune(c-'a') + 10
	case 'A' <= c && c <= 'F':
		return rune(c-'A') + 10
	}
	return -1
}

func isAlpha(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
func isAlnum(c byte) bool { return isAlpha(c) || '0' <= c && c <= '9' }

// linkURL validates an href the way Telegram does for text links: http(s)
// with a host (a bare domain gets "http://"), or a tg:// or ton:// link;
// anything else is dropped. Telegram reports http(s) URLs with a path,
// so "https://comune.example" comes back as "https://comune.example/".
func linkURL(href string) (string, bool) {
	href = strings.TrimSpace(href)
	scheme, rest, found := strings.Cut(href, ":")
	if !found || !isScheme(scheme) || isPort(rest) {
		scheme, rest, href = "http", "//"+href, "http://"+href
	}
	switch strings.ToLower(scheme) {
	case "tg", "ton":
		return href, strings.TrimLeft(rest, "/") != ""
	case "http", "https":
	default:
		return "", false
	}
	u, err := url.Parse(href)
	if err != nil || u.Hostname() == "" || !strings.HasPrefix(rest, "//") {
		return "", false
	}
	if u.Path == "" {
		at := len(scheme) + len("://")
		end := strings.IndexAny(href[at:], "?#")
		if end < 0 {
			return href + "/", true
		}
		return href[:at+end] + "/" + href[at+end:], true
	}
	return href, true
}

func isScheme(s string) bool {
	if s == "" || !isAlpha(s[0]) {
		return false
	}
	for i := 1; i < len(s); i++ {
		if !isAlnum(s[i]) && s[i] != '+' && s[i] != '-' && s[i] != '.' {
			return false
		}
	}
	return true
}

// isPort tells "comune.example:8080/x" (a host and port) from a scheme.
func isPort(rest string) bool {
	n := 0
	for n < len(rest) && '0' <= rest[n] && rest[n] <= '9' {
		n++
	}
	return n > 0 && (n == len(rest) || strings.IndexByte("/?#", rest[n]) >= 0)
}

// validTimeFormat accepts the documented date_time formats: empty, "r"
// (relative), or an optional "w" (weekday), "d"/"D" (date) and "t"/"T" (time).
func validTimeFormat(f string) bool {
	if f == "r" {
		return true
	}
	f = strings.TrimPrefix(f, "w")
	if f != "" && (f[0] == 'd' || f[0] == 'D') {
		f = f[1:]
	}
	if f != "" && (f[0] == 't' || f[0] == 'T') {
		f = f[1:]
	}
	return f == ""
}

// renderTags maps entity types to the HTML a web page shows them with.
// Types missing here (mention, url, custom_emoji, ...) render as text.
var renderTags = map[string][2]string{
	"bold":                  {"<b>", "</b>"},
	"italic":                {"<i>", "</i>"},
	"underline":             {"<u>", "</u>"},
	"strikethrough":         {"<s>", "</s>"},
	"spoiler":               {`<span class="spoiler">`, "</span>"},
	"code":                  {"<code>", "</code>"},
	"pre":                   {"<pre>", "</pre>"},
	"blockquote":            {"<blockquote>", "</blockquote>"},
	"expandable_blockquote": {`<blockquote class="expandable">`, "</blockquote>"},
}

// renderSpan is an entity as a UTF-16 range with its tags.
type renderSpan struct {
	start, end  int
	open, close string
}

// RenderHTML shows a message's text and entities as safe HTML for a web
// page: every character is escaped, only known entity types become tags,
// and links are kept only for http, https and tg URLs. Entities may
// overlap arbitrarily (the entities parameter allows it), so tags are
// closed and reopened where needed to keep the markup well nested.
// Newlines stay "\n"; the page is expected to use white-space: pre-wrap.
func RenderHTML(plain string, entities []Entity) string {
	total := UTF16Len(plain)
	var spans []renderSpan
	for _, e := range entities {
		start, end := max(e.Offset, 0), min(e.Offset+e.Length, total)
		if e.Length <= 0 || start >= end {
			continue
		}
		tags, ok := renderTags[e.Type]
		if e.Type == "text_link" && safeHref(e.URL) {
			tags, ok = [2]string{`<a href="` + html.EscapeString(e.URL) + `" rel="noopener" target="_blank">`, "</a>"}, true
		}
		if ok {
			spans = append(spans, renderSpan{start, end, tags[0], tags[1]})
		}
	}
	slices.SortStableFunc(spans, func(a, b renderSpan) int {
		if a.start != b.start {
			return a.start - b.start
		}
		return b.end - a.end
	})

	var b, run strings.Builder
	var open []renderSpan
	next, pos := 0, 0
	// sync closes the spans that ended by pos (reopening the ones above
	// them that go on) and opens the spans that start by pos.
	sync := func() {
		b.WriteString(html.EscapeString(run.String()))
		run.Reset()
		k := slices.IndexFunc(open, func(s renderSpan) bool { return s.end <= pos })
		if k >= 0 {
			for j := len(open) - 1; j >= k; j-- {
				b.WriteString(open[j].close)
			}
			kept := open[:k]
			for _, s := range open[k:] {
				if s.end > pos {
					b.WriteString(s.open)
					kept = append(kept, s)
				}
			}
			open = kept
		}
		for ; next < len(spans) && spans[next].start <= pos; next++ {
			if spans[next].end > pos {
				b.WriteString(spans[next].open)
				open = append(open, spans[next])
			}
		}
	}
	for _, r := range plain {
		if next < len(spans) && spans[next].start <= pos || len(open) > 0 && minEnd(open) <= pos {
			sync()
		}
		run.WriteRune(r) // an invalid byte arrives as U+FFFD
		pos += utf16Units(r)
	}
	sync()
	for j := len(open) - 1; j >= 0; j-- {
		b.WriteString(open[j].close)
	}
	return b.String()
}

func minEnd(open []renderSpan) int {
	m := open[0].end
	for _, s := range open[1:] {
		m = min(m, s.end)
	}
	return m
}

// safeHref keeps links a citizen-facing page can follow without risk.
func safeHref(u string) bool {
	scheme, _, ok := strings.Cut(u, ":")
	if !ok {
		return false
	}
	switch strings.ToLower(scheme) {
	case "http", "https", "tg":
		return true
	}
	return false
}
