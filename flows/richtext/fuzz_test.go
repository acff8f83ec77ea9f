package richtext_test

import (
	"strings"
	"testing"

	"github.com/campanile/campanile/flows/richtext"
)

var fuzzSeeds = []string{
	"", "Ciao", "<b>x</b>", "<p>uno</p><p>due</p>", "a<br>b", "<ul><li>a<li>b</ul>",
	"<script>alert(1)</script>", `<a href="javascript:alert(1)">x</a>`, `<a href="https://x.example/?a=1&b=2">q</a>`,
	"<b>x<i>y</b>z</i>", "<!-- c -->", "<![CDATA[x]]>", "&#99999999999;", "&nbsp;&lt;&amp;",
	`<pre><code class="language-go">x := 1</code></pre>`, "<blockquote expandable>q</blockquote>",
	"👨‍👩‍👧 città perché\u0301", "<code><b>x</b></code>", "\xff\x00\r\n", "\ue001\ue000\ue002",
	"Frase uno. Frase due! Tre?\n\nParagrafo.",
}

func FuzzSanitize(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out := richtext.Sanitize(in)
		plain, _ := telegramText(t, out)
		if again := richtext.Sanitize(out); again != out {
			t.Fatalf("Sanitize not idempotent: %q -> %q -> %q", in, out, again)
		}
		if got := richtext.VisibleLength(in); got != len(utf16Of(plain)) {
			t.Fatalf("VisibleLength(%q) = %d, Telegram counts %d", in, got, len(utf16Of(plain)))
		}
		if strings.Contains(strings.ToLower(out), "<script") {
			t.Fatalf("Sanitize(%q) kept a script: %q", in, out)
		}
	})
}

func FuzzSplit(f *testing.F) {
	for i, s := range fuzzSeeds {
		f.Add(s, i%7+1)
	}
	f.Add(strings.Repeat("<b>abc def. </b>", 50), 17)
	f.Fuzz(func(t *testing.T, in string, limit int) {
		limit %= 300 // small limits cut often; Split treats < 2 as 2
		if limit < 0 {
			limit = -limit
		}
		pieces := richtext.Split(in, limit)
		checkPieces(t, richtext.Sanitize(in), pieces, max(limit, 2))
	})
}

func utf16Of(s string) []uint16 {
	var u []uint16
	for _, r := range s {
		if r > 0xFFFF {
			u = append(u, 0, 0)
		} else {
			u = append(u, 0)
		}
	}
	return u
}
