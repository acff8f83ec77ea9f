// Package svg draws the admin's maps and charts as inline SVG on the
// server, so that they need no JavaScript, fonts or tiles and work with no
// internet access.
//
// Every piece of text (zone names, labels, titles) comes from staff input
// and is escaped; every coordinate goes through num, which never writes
// NaN or Inf, so one bad value cannot make the whole picture invalid.
package svg

import (
	"encoding/xml"
	"html/template"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Sizes accepted for a picture; anything else falls back to the defaults
// rather than failing a page.
const (
	defaultWidth, defaultHeight = 640, 400
	maxSize                     = 8192
)

// size returns usable dimensions for a picture.
func size(w, h int) (float64, float64) {
	if w <= 0 || w > maxSize {
		w = defaultWidth
	}
	if h <= 0 || h > maxSize {
		h = defaultHeight
	}
	return float64(w), float64(h)
}

// builder accumulates one SVG document.
type builder struct{ strings.Builder }

// open writes the root element, sized by its viewBox so that CSS can scale
// it, with the accessible name and description.
func (b *builder) open(w, h float64, class, title, desc string) {
	b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" class="`)
	b.esc(class)
	b.WriteString(`" viewBox="0 0 `)
	b.num(w)
	b.WriteByte(' ')
	b.num(h)
	b.WriteString(`" width="`)
	b.num(w)
	b.WriteString(`" height="`)
	b.num(h)
	b.WriteString(`" role="img" aria-label="`)
	b.esc(title)
	b.WriteString(`"><title>`)
	b.esc(title)
	b.WriteString(`</title>`)
	if desc != "" {
		b.WriteString(`<desc>`)
		b.esc(desc)
		b.WriteString(`</desc>`)
	}
}

func (b *builder) close() template.HTML {
	b.WriteString(`</svg>`)
	// The text went through esc and the numbers through num: the document
	// is safe to inline in a page.
	return template.HTML(b.String())
}

// esc writes s as XML character data, good in attributes too: quotes are
// escaped, and characters XML does not allow become U+FFFD.
func (b *builder) esc(s string) {
	_ = xml.EscapeText(b, []byte(s)) // a strings.Builder does not fail
}

// num writes x with at most two decimals; a value that is not finite
// becomes 0 so that the document stays valid.
func (b *builder) num(x float64) {
	b.WriteString(num(x))
}

func num(x float64) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return "0"
	}
	s := strconv.FormatFloat(x, 'f', 2, 64)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	if s == "-0" || s == "" {
		return "0"
	}
	return s
}

// attrs writes name="value" pairs of numbers.
func (b *builder) attrs(pairs ...any) {
	for i := 0; i+1 < len(pairs); i += 2 {
		b.WriteByte(' ')
		b.WriteString(pairs[i].(string))
		b.WriteString(`="`)
		switch v := pairs[i+1].(type) {
		case float64:
			b.num(v)
		case string:
			b.esc(v)
		}
		b.WriteByte('"')
	}
}

// text writes a <text> element at x, y.
func (b *builder) text(x, y float64, class, anchor, s string) {
	b.WriteString(`<text`)
	b.attrs("x", x, "y", y, "class", class, "text-anchor", anchor)
	b.WriteByte('>')
	b.esc(s)
	b.WriteString(`</text>`)
}

// empty is the picture shown when there is nothing to draw: the same size
// as a full one so the page layout does not jump.
func empty(w, h float64, class, title, message string) template.HTML {
	var b builder
	b.open(w, h, class+" svg-empty", title, message)
	b.text(w/2, h/2, "svg-empty-text", "middle", message)
	return b.close()
}

// shorten cuts s to n runes with an ellipsis, for labels under the axis;
// the full text stays in a <title>.
func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// finite reports whether every x is a usable number.
func finite(xs ...float64) bool {
	for _, x := range xs {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return false
		}
	}
	return true
}
