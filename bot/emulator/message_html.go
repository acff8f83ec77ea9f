package emulator

import (
	"html"
	"sort"
	"strings"
	"unicode/utf16"
)

// HTML renders the message's text (or caption) with its entities as
// Telegram-style HTML, for the playground and for assertions that care
// about formatting. Entities without an HTML form come out as plain text.
func (m Message) HTML() string {
	if m.Text != "" {
		return entitiesHTML(m.Text, m.Entities)
	}
	return entitiesHTML(m.Caption, m.CaptionEntities)
}

func openTag(e Entity) (string, string) {
	switch e.Type {
	case "bold":
		return "<b>", "</b>"
	case "italic":
		return "<i>", "</i>"
	case "underline":
		return "<u>", "</u>"
	case "strikethrough":
		return "<s>", "</s>"
	case "spoiler":
		return "<tg-spoiler>", "</tg-spoiler>"
	case "code":
		return "<code>", "</code>"
	case "pre":
		if e.Language != "" {
			return `<pre><code class="language-` + html.EscapeString(e.Language) + `">`, "</code></pre>"
		}
		return "<pre>", "</pre>"
	case "text_link":
		return `<a href="` + html.EscapeString(e.URL) + `">`, "</a>"
	case "blockquote":
		return "<blockquote>", "</blockquote>"
	case "expandable_blockquote":
		return "<blockquote expandable>", "</blockquote>"
	}
	return "", ""
}

// entitiesHTML walks the text in UTF-16 units, where entity offsets live,
// closing and reopening tags when entities overlap without nesting.
func entitiesHTML(text string, ents []Entity) string {
	units := utf16.Encode([]rune(text))
	var tagged []Entity
	for _, e := range ents {
		if o, _ := openTag(e); o != "" && e.Offset >= 0 && e.Length > 0 && e.Offset+e.Length <= len(units) {
			tagged = append(tagged, e)
		}
	}
	if len(tagged) == 0 {
		return html.EscapeString(text)
	}
	sort.SliceStable(tagged, func(i, j int) bool {
		if tagged[i].Offset != tagged[j].Offset {
			return tagged[i].Offset < tagged[j].Offset
		}
		return tagged[i].Length > tagged[j].Length
	})
	var b strings.Builder
	var stack []Entity
	next := 0
	for pos := 0; pos <= len(units); pos++ {
		// Close what ends here; anything above it on the stack that goes on
		// is closed too and reopened, keeping the HTML well nested.
		if lowest := lowestEnding(stack, pos); lowest >= 0 {
			for i := len(stack) - 1; i >= lowest; i-- {
				_, c := openTag(stack[i])
				b.WriteString(c)
			}
			var reopen []Entity
			for _, e := range stack[lowest:] {
				if e.Offset+e.Length > pos {
					reopen = append(reopen, e)
				}
			}
			stack = stack[:lowest]
			for _, e := range reopen {
				o, _ := openTag(e)
				b.WriteString(o)
				stack = append(stack, e)
			}
		}
		for next < len(tagged) && tagged[next].Offset == pos {
			o, _ := openTag(tagged[next])
			b.WriteString(o)
			stack = append(stack, tagged[next])
			next++
		}
		if pos < len(units) {
			end := pos + 1
			if utf16.IsSurrogate(rune(units[pos])) && end < len(units) {
				end++
			}
			b.WriteString(html.EscapeString(string(utf16.Decode(units[pos:end]))))
			pos = end - 1
		}
	}
	return b.String()
}

// lowestEnding is the lowest stack index of an entity ending at pos, -1
// for none.
func lowestEnding(stack []Entity, pos int) int {
	for i, e := range stack {
		if e.Offset+e.Length <= pos {
			return i
		}
	}
	return -1
}
