package emulator

import (
	"strconv"
	"strings"
)

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
