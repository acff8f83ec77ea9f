package emulator

import (
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

func FuzzParseHTML(f *testing.F) {
	for _, seed := range []string{
		"", "Ciao", "<b>x</b>", "<b><i>x</i></b>", "<b>x</i>", "<b>x", "x</b>", "1 < 2",
		`<a href="https://comune.example">albo</a>`, `<a>comune.example</a>`, `<a href=x>y</a>`,
		`<span class="tg-spoiler">s</span>`, `<tg-emoji emoji-id="1">👍</tg-emoji>`,
		`<tg-time unix="1" format="r">t</tg-time>`, `<pre><code class="language-go">x</code></pre>`,
		"<blockquote expandable>q</blockquote>", "&lt;&gt;&amp;&quot;&#233;&#x1F600;&nbsp;&",
		"🗑️ <b>città</b> è", "<code><b>x</b></code>", "<b attr='&amp;' x=\"y\">z</B >", "</>", "<>",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, in string) {
		plain, ents, err := ParseHTML(in)
		if err != nil {
			return
		}
		if !utf8.ValidString(plain) {
			t.Fatalf("ParseHTML(%q) returned invalid UTF-8 %q", in, plain)
		}
		size := UTF16Len(plain)
		for i, e := range ents {
			if e.Offset < 0 || e.Length <= 0 || e.Offset+e.Length > size {
				t.Fatalf("ParseHTML(%q): entity %+v outside text of %d units", in, e, size)
			}
			if i > 0 {
				prev := ents[i-1]
				if prev.Offset > e.Offset || prev.Offset == e.Offset && prev.Length < e.Length {
					t.Fatalf("ParseHTML(%q): entities out of order: %+v before %+v", in, prev, e)
				}
			}
			for _, o := range ents[:i] { // tags nest, so entities never cross
				if o.Offset < e.Offset && e.Offset < o.Offset+o.Length && o.Offset+o.Length < e.Offset+e.Length {
					t.Fatalf("ParseHTML(%q): entities %+v and %+v cross", in, o, e)
				}
			}
		}
		if got := textOf(RenderHTML(plain, ents)); got != plain {
			t.Fatalf("round trip of %q lost text: got %q, want %q", in, got, plain)
		}
	})
}

// renderedTag matches exactly the markup RenderHTML may emit.
var renderedTag = regexp.MustCompile(`^</?(b|i|u|s|code|pre|blockquote|span)>$|^<span class="spoiler">$|^<blockquote class="expandable">$|^<a href="[^"<>]*" rel="noopener" target="_blank">$|^</a>$`)

func FuzzRenderHTML(f *testing.F) {
	f.Add("Raccolta vetro", "bold", 0, 8, "")
	f.Add("🗑️ città", "italic", 1, 3, "")
	f.Add("<script>alert(1)</script>", "text_link", 0, 5, "javascript:alert(1)")
	f.Add("albo pretorio", "text_link", 0, 4, `https://x.example/"><script>`)
	f.Add("a\nb", "pre", -3, 100, "")
	f.Add("\xff\xfe", "spoiler", 0, 1, "")
	f.Fuzz(func(t *testing.T, plain, typ string, offset, length int, url string) {
		ents := []Entity{
			{Type: typ, Offset: offset, Length: length, URL: url},
			{Type: "bold", Offset: offset / 2, Length: length},
			{Type: "italic", Offset: 0, Length: offset},
		}
		out := RenderHTML(plain, ents)
		for _, tag := range tagRE.FindAllString(out, -1) {
			if !renderedTag.MatchString(tag) {
				t.Fatalf("RenderHTML(%q, %+v) emitted unexpected markup %q in %s", plain, ents, tag, out)
			}
		}
		var want strings.Builder
		for _, r := range plain { // invalid bytes become U+FFFD, one each
			want.WriteRune(r)
		}
		if got := textOf(out); got != want.String() {
			t.Fatalf("RenderHTML(%q, %+v) text = %q, want %q", plain, ents, got, want.String())
		}
	})
}
