package emulator

import (
	"html"
	"slices"
	"strings"
)

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
	return renderSpans(plain, spans)
}

// renderSpans writes plain, escaped, with the tags of spans. Spans may
// overlap arbitrarily: where one ends inside another, the tags above it
// are closed and reopened to keep the markup well nested. A span starting
// inside a surrogate pair opens after it. spans is sorted in place.
func renderSpans(plain string, spans []renderSpan) string {
	// By start, an enclosing span first; equal spans keep their order.
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
