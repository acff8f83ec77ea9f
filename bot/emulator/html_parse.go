package emulator

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

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
