package emulator

import "html"

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

// entitiesHTML writes the entities that have an HTML form and lie inside
// the text with renderSpans, the walk RenderHTML uses, so overlapping
// entities come out well nested the same way.
func entitiesHTML(text string, ents []Entity) string {
	size := UTF16Len(text)
	var spans []renderSpan
	for _, e := range ents {
		// Length is compared with what is left so that a huge offset or
		// length from the entities parameter cannot overflow into range.
		if o, c := openTag(e); o != "" && e.Offset >= 0 && e.Length > 0 && e.Length <= size-e.Offset {
			spans = append(spans, renderSpan{e.Offset, e.Offset + e.Length, o, c})
		}
	}
	if len(spans) == 0 { // text as it is, invalid UTF-8 included
		return html.EscapeString(text)
	}
	return renderSpans(text, spans)
}
