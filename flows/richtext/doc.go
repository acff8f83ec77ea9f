package richtext

import "strings"

// doc is sanitized rich text taken apart: the visible text Telegram will
// show, and the formatting tags anchored at positions in it. Sanitize
// renders it whole; Split renders it a piece at a time.
type doc struct {
	text []rune
	tags []tagAt
}

// tagAt is a start or end tag placed before text[pos]. Tags are listed in
// document order, properly nested, and no element is empty: every start
// tag is followed by at least one rune before its end tag.
type tagAt struct {
	pos   int
	open  bool
	name  string
	start string // the rendered start tag, attributes included; "" for an end tag
}

// runeUnits is how many UTF-16 code units Telegram counts for r.
func runeUnits(r rune) int {
	if r > 0xFFFF {
		return 2
	}
	return 1
}

// units is the UTF-16 length of text, the way Telegram measures messages.
func units(text []rune) int {
	n := 0
	for _, r := range text {
		n += runeUnits(r)
	}
	return n
}

// renderer writes consecutive pieces of a doc, carrying the elements
// still open from one piece to the next.
type renderer struct {
	d     *doc
	next  int     // index of the first tag not yet applied
	stack []tagAt // start tags of the elements open at the current position
}

// apply updates the open elements with tag t.
func (r *renderer) apply(t tagAt) {
	if t.open {
		r.stack = append(r.stack, t)
	} else if n := len(r.stack); n > 0 {
		r.stack = r.stack[:n-1]
	}
}

// piece renders text[a:b], a ≥ the end of the previous piece: the
// elements open at a are reopened first, and those still open at b are
// closed at the end, so each piece is valid on its own.
func (r *renderer) piece(a, b int) string {
	tags := r.d.tags
	for r.next < len(tags) && tags[r.next].pos <= a {
		r.apply(tags[r.next])
		r.next++
	}
	var out strings.Builder
	for _, t := range r.stack {
		out.WriteString(t.start)
	}
	for pos := a; pos < b; {
		end := b
		if r.next < len(tags) && tags[r.next].pos < b {
			end = tags[r.next].pos
		}
		writeEscaped(&out, r.d.text[pos:end])
		pos = end
		for r.next < len(tags) && tags[r.next].pos == pos && pos < b {
			t := tags[r.next]
			if t.open {
				out.WriteString(t.start)
			} else {
				out.WriteString("</" + t.name + ">")
			}
			r.apply(t)
			r.next++
		}
	}
	for i := len(r.stack) - 1; i >= 0; i-- {
		out.WriteString("</" + r.stack[i].name + ">")
	}
	return out.String()
}

// writeEscaped writes text escaped for Telegram's HTML parser, which
// knows only &lt; &gt; &amp; and &quot; by name.
func writeEscaped(out *strings.Builder, text []rune) {
	for _, c := range text {
		switch c {
		case '<':
			out.WriteString("&lt;")
		case '>':
			out.WriteString("&gt;")
		case '&':
			out.WriteString("&amp;")
		default:
			out.WriteRune(c)
		}
	}
}

// escapeAttr escapes an attribute value for a double-quoted attribute.
func escapeAttr(v string) string {
	return attrEscaper.Replace(v)
}

var attrEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")
