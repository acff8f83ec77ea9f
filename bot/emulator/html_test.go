package emulator

import (
	"html"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

func TestParseHTML(t *testing.T) {
	tests := []struct {
		label string
		in    string
		plain string
		ents  []Entity
	}{
		{"plain text", "Buongiorno", "Buongiorno", nil},
		{"bold", "<b>x</b>", "x", []Entity{{Type: "bold", Offset: 0, Length: 1}}},
		{"strong", "a <strong>bc</strong>", "a bc", []Entity{{Type: "bold", Offset: 2, Length: 2}}},
		{"italic and em", "<i>a</i><em>b</em>", "ab", []Entity{{Type: "italic", Length: 1}, {Type: "italic", Offset: 1, Length: 1}}},
		{"underline and ins", "<u>a</u><ins>b</ins>", "ab", []Entity{{Type: "underline", Length: 1}, {Type: "underline", Offset: 1, Length: 1}}},
		{"strikethrough variants", "<s>a</s><strike>b</strike><del>c</del>", "abc", []Entity{
			{Type: "strikethrough", Length: 1}, {Type: "strikethrough", Offset: 1, Length: 1}, {Type: "strikethrough", Offset: 2, Length: 1}}},
		{"spoiler span", `<span class="tg-spoiler">no</span>`, "no", []Entity{{Type: "spoiler", Length: 2}}},
		{"spoiler tag", "<tg-spoiler>no</tg-spoiler>", "no", []Entity{{Type: "spoiler", Length: 2}}},
		{"upper-case tag names", "<B>x</b>", "x", []Entity{{Type: "bold", Length: 1}}},
		{"link", `<a href="https://comune.example/albo">albo</a>`, "albo", []Entity{{Type: "text_link", Length: 4, URL: "https://comune.example/albo"}}},
		{"link gets a path", `<a href="https://comune.example">x</a>`, "x", []Entity{{Type: "text_link", Length: 1, URL: "https://comune.example/"}}},
		{"link with query gets a path", `<a href='https://comune.example?q=1'>x</a>`, "x", []Entity{{Type: "text_link", Length: 1, URL: "https://comune.example/?q=1"}}},
		{"bare domain link", `<a href="comune.example/x">x</a>`, "x", []Entity{{Type: "text_link", Length: 1, URL: "http://comune.example/x"}}},
		{"link entities decoded", `<a href="https://x.example/?a=1&amp;b=2">x</a>`, "x", []Entity{{Type: "text_link", Length: 1, URL: "https://x.example/?a=1&b=2"}}},
		{"link without href uses text", `<a>https://x.example/p</a>`, "https://x.example/p", []Entity{{Type: "text_link", Length: 19, URL: "https://x.example/p"}}},
		{"user mention link", `<a href="tg://user?id=42">Anna</a>`, "Anna", []Entity{{Type: "text_link", Length: 4, URL: "tg://user?id=42"}}},
		{"javascript link dropped", `<a href="javascript:alert(1)">x</a>`, "x", nil},
		{"unknown attributes ignored", `<b class="x" data-y='z'>x</b>`, "x", []Entity{{Type: "bold", Length: 1}}},
		{"unquoted name token", `<code class=language-go>x</code>`, "x", []Entity{{Type: "code", Length: 1}}},
		{"custom emoji", `<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>`, "👍", []Entity{{Type: "custom_emoji", Length: 2, CustomEmojiID: "5368324170671202286"}}},
		{"date time", `<tg-time unix="1647531900" format="wDT">domani</tg-time>`, "domani", []Entity{{Type: "date_time", Length: 6, UnixTime: 1647531900, DateTimeFormat: "wDT"}}},
		{"code", "<code>x := 1</code>", "x := 1", []Entity{{Type: "code", Length: 6}}},
		{"code language ignored alone", `<code class="language-go">x</code>`, "x", []Entity{{Type: "code", Length: 1}}},
		{"pre", "<pre>a\nb</pre>", "a\nb", []Entity{{Type: "pre", Length: 3}}},
		{"pre with language", `<pre><code class="language-python">print(1)</code></pre>`, "print(1)", []Entity{{Type: "pre", Length: 8, Language: "python"}}},
		{"pre with plain code", `<pre><code>x</code></pre>`, "x", []Entity{{Type: "pre", Length: 1}}},
		{"pre code not covering", `<pre><code class="language-go">x</code>y</pre>`, "xy", []Entity{{Type: "pre", Length: 2}}},
		{"blockquote", "<blockquote>Avviso\nAllerta gialla</blockquote>", "Avviso\nAllerta gialla", []Entity{{Type: "blockquote", Length: 21}}},
		{"expandable blockquote", "<blockquote expandable>x</blockquote>", "x", []Entity{{Type: "expandable_blockquote", Length: 1}}},
		{"nesting sorted outer first", "<b>a<i>b</i></b>", "ab", []Entity{{Type: "bold", Length: 2}, {Type: "italic", Offset: 1, Length: 1}}},
		{"same range outer first", "<u><b>x</b></u>", "x", []Entity{{Type: "underline", Length: 1}, {Type: "bold", Length: 1}}},
		{"nothing inside code", "<code><b>x</b></code>", "x", []Entity{{Type: "code", Length: 1}}},
		{"no nested blockquote", "<blockquote>a<blockquote>b</blockquote></blockquote>", "ab", []Entity{{Type: "blockquote", Length: 2}}},
		{"empty entity dropped", "a<b></b>b", "ab", nil},
		{"empty end tag closes", "<b>x</>", "x", []Entity{{Type: "bold", Length: 1}}},
		{"named entities", "&lt;&gt;&amp;&quot;", `<>&"`, nil},
		{"entity without semicolon", "&lt3 &amp", "<3 &", nil},
		{"numeric entities", "&#233;&#xE8;&#X1F600;", "éè😀", nil},
		{"bare ampersand kept", "Sale & Tabacchi &", "Sale & Tabacchi &", nil},
		{"unknown entity without semicolon kept", "&nbsp &copy", "&nbsp &copy", nil},
		{"invalid numeric entity kept", "&#0; &#xD800; &#;", "&#0; &#xD800; &#;", nil},
		{"utf16 after emoji", "🗑️ <b>Vetro</b>", "🗑️ Vetro", []Entity{{Type: "bold", Offset: 4, Length: 5}}},
		{"utf16 accented Italian", "Città <i>perché</i> è", "Città perché è", []Entity{{Type: "italic", Offset: 6, Length: 6}}},
		{"utf16 emoji inside", "<b>🚧 Via Roma</b>", "🚧 Via Roma", []Entity{{Type: "bold", Length: 11}}},
		{"utf16 after numeric emoji", "&#128465; <u>x</u>", "🗑 x", []Entity{{Type: "underline", Offset: 3, Length: 1}}},
	}
	for _, tt := range tests {
		t.Run(tt.label, func(t *testing.T) {
			plain, ents, err := ParseHTML(tt.in)
			if err != nil {
				t.Fatalf("ParseHTML(%q): %v", tt.in, err)
			}
			if plain != tt.plain || !reflect.DeepEqual(ents, tt.ents) {
				t.Errorf("ParseHTML(%q)\n got %q %+v\nwant %q %+v", tt.in, plain, ents, tt.plain, tt.ents)
			}
		})
	}
}

func TestParseHTMLErrors(t *testing.T) {
	tests := []struct{ label, in, err string }{
		{"unsupported tag", "Ciao <foo>x</foo>", `can't parse entities: Unsupported start tag "foo" at byte offset 5`},
		{"bare less-than", "1 < 2", `can't parse entities: Unsupported start tag "" at byte offset 2`},
		{"unclosed tag", "<b>x", `can't parse entities: Can't find end tag corresponding to start tag "b"`},
		{"mismatched end tag", "<b><i>x</b>", `can't parse entities: Unmatched end tag at byte offset 7, expected "</i>", found "</b>"`},
		{"unexpected end tag", "x</b>", `can't parse entities: Unexpected end tag at byte offset 1`},
		{"unclosed start tag", "x<b", `can't parse entities: Unclosed start tag at byte offset 1`},
		{"unclosed attribute", `<a href="x>y`, `can't parse entities: Unclosed start tag "a" at byte offset 0`},
		{"unclosed end tag", "<b>x</b", `can't parse entities: Unclosed end tag at byte offset 4`},
		{"empty attribute name", `<a ="x">y</a>`, `can't parse entities: Empty attribute name in the tag "a" at byte offset 0`},
		{"unquoted url", `<a href=https://x.example>y</a>`, `can't parse entities: Unexpected end of name token at byte offset 8`},
		{"span without class", `<span>x</span>`, `can't parse entities: Tag "span" must have class "tg-spoiler" at byte offset 0`},
		{"bad custom emoji", `<tg-emoji emoji-id="abc">👍</tg-emoji>`, `can't parse entities: Invalid custom emoji identifier specified`},
		{"bad time", `<tg-time unix="soon">x</tg-time>`, `can't parse entities: Invalid Unix time specified`},
		{"bad time format", `<tg-time unix="1" format="x">x</tg-time>`, `can't parse entities: Invalid date and time format specified`},
		{"unsupported named entity", "a&nbsp;b", `can't parse entities: Unsupported HTML entity "&nbsp;" at byte offset 1`},
		{"invalid utf-8", "\xff", `strings must be encoded in UTF-8`},
	}
	for _, tt := range tests {
		t.Run(tt.label, func(t *testing.T) {
			_, _, err := ParseHTML(tt.in)
			if err == nil || err.Error() != tt.err {
				t.Errorf("ParseHTML(%q) error = %v, want %s", tt.in, err, tt.err)
			}
		})
	}
}

func TestUTF16Len(t *testing.T) {
	for in, want := range map[string]int{"": 0, "abc": 3, "è": 1, "città": 5, "😀": 2, "🗑️": 3, "\xff": 1} {
		if got := UTF16Len(in); got != want {
			t.Errorf("UTF16Len(%q) = %d, want %d", in, got, want)
		}
	}
}

func TestRenderHTML(t *testing.T) {
	tests := []struct {
		label string
		plain string
		ents  []Entity
		want  string
	}{
		{"escapes text", `<script>&"'`, nil, "&lt;script&gt;&amp;&#34;&#39;"},
		{"keeps newlines", "a\nb", nil, "a\nb"},
		{"bold and italic", "ab", []Entity{{Type: "bold", Length: 2}, {Type: "italic", Offset: 1, Length: 1}}, "<b>a<i>b</i></b>"},
		{"each tag", "uscp", []Entity{{Type: "underline", Length: 1}, {Type: "strikethrough", Offset: 1, Length: 1}, {Type: "code", Offset: 2, Length: 1}, {Type: "pre", Offset: 3, Length: 1, Language: "go"}},
			"<u>u</u><s>s</s><code>c</code><pre>p</pre>"},
		{"spoiler", "x", []Entity{{Type: "spoiler", Length: 1}}, `<span class="spoiler">x</span>`},
		{"blockquotes", "ab", []Entity{{Type: "blockquote", Length: 1}, {Type: "expandable_blockquote", Offset: 1, Length: 1}}, `<blockquote>a</blockquote><blockquote class="expandable">b</blockquote>`},
		{"safe link", "x", []Entity{{Type: "text_link", Length: 1, URL: `https://a.example/?q="1"`}}, `<a href="https://a.example/?q=&#34;1&#34;" rel="noopener" target="_blank">x</a>`},
		{"unsafe link as text", "x", []Entity{{Type: "text_link", Length: 1, URL: "javascript:alert(1)"}}, "x"},
		{"unknown type as text", "@comune", []Entity{{Type: "mention", Length: 7}}, "@comune"},
		{"emoji offsets", "😀ab", []Entity{{Type: "bold", Offset: 2, Length: 1}}, "😀<b>a</b>b"},
		{"overlap closes and reopens", "abc", []Entity{{Type: "bold", Length: 2}, {Type: "italic", Offset: 1, Length: 2}}, "<b>a<i>b</i></b><i>c</i>"},
		{"out of range clamped", "ab", []Entity{{Type: "bold", Offset: 1, Length: 99}, {Type: "italic", Offset: 5, Length: 1}, {Type: "code", Offset: -1, Length: 2}}, "<code>a</code><b>b</b>"},
		{"inside surrogate pair", "😀", []Entity{{Type: "bold", Offset: 1, Length: 1}}, "😀"},
	}
	for _, tt := range tests {
		t.Run(tt.label, func(t *testing.T) {
			if got := RenderHTML(tt.plain, tt.ents); got != tt.want {
				t.Errorf("RenderHTML(%q, %+v)\n got %s\nwant %s", tt.plain, tt.ents, got, tt.want)
			}
		})
	}
}

// textOf strips the tags RenderHTML writes and unescapes the rest. It is
// only valid for RenderHTML's output, where text never contains '<'.
var tagRE = regexp.MustCompile(`<[^>]*>`)

func textOf(rendered string) string { return html.UnescapeString(tagRE.ReplaceAllString(rendered, "")) }

// TestRoundTrip checks that rendering what ParseHTML produced keeps the
// plain text intact and its markup balanced.
func TestRoundTrip(t *testing.T) {
	inputs := []string{
		"<b>Raccolta <i>vetro</i></b> domani, 🗑️ &lt;via Roma&gt;",
		`<blockquote expandable><a href="https://comune.example/">Allerta</a> <u>gialla</u></blockquote>`,
		"<pre><code class=\"language-go\">if a &lt; b {}</code></pre>\nfine",
		"<tg-spoiler>segreto</tg-spoiler> & più: perché? &#x1F6A7;",
	}
	for _, in := range inputs {
		plain, ents, err := ParseHTML(in)
		if err != nil {
			t.Fatalf("ParseHTML(%q): %v", in, err)
		}
		out := RenderHTML(plain, ents)
		if got := textOf(out); got != plain {
			t.Errorf("RenderHTML lost text of %q: got %q, want %q", in, got, plain)
		}
		if opens, closes := strings.Count(out, "<")-strings.Count(out, "</"), strings.Count(out, "</"); opens != closes {
			t.Errorf("RenderHTML(%q) is unbalanced: %s", in, out)
		}
	}
}
