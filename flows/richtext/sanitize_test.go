package richtext_test

import (
	"strings"
	"testing"

	"github.com/campanile/campanile/flows/richtext"
)

func TestSanitizeKeepsTelegramFormatting(t *testing.T) {
	tests := []struct{ in, want string }{
		{"<b>grassetto</b>", "<b>grassetto</b>"},
		{"<strong>forte</strong>", "<strong>forte</strong>"},
		{"<i>corsivo</i>", "<i>corsivo</i>"},
		{"<em>enfasi</em>", "<em>enfasi</em>"},
		{"<u>sotto</u>", "<u>sotto</u>"},
		{"<ins>inserito</ins>", "<ins>inserito</ins>"},
		{"<s>barrato</s>", "<s>barrato</s>"},
		{"<strike>barrato</strike>", "<strike>barrato</strike>"},
		{"<del>cancellato</del>", "<del>cancellato</del>"},
		{"<code>make</code>", "<code>make</code>"},
		{"<pre>  a\n\n\n  b</pre>", "<pre>  a\n\n\n  b</pre>"},
		{`<pre><code class="language-go">x := 1</code></pre>`, `<pre><code class="language-go">x := 1</code></pre>`},
		{"<blockquote>citazione</blockquote>", "<blockquote>citazione</blockquote>"},
		{"<blockquote expandable>lunga</blockquote>", "<blockquote expandable>lunga</blockquote>"},
		{`<a href="https://comune.example/albo">albo</a>`, `<a href="https://comune.example/albo">albo</a>`},
		{`<a href="http://comune.example">sito</a>`, `<a href="http://comune.example">sito</a>`},
		{`<a href="tg://resolve?domain=comune">bot</a>`, `<a href="tg://resolve?domain=comune">bot</a>`},
		{`<a href="mailto:urp@comune.example">scrivi</a>`, `<a href="mailto:urp@comune.example">scrivi</a>`},
		{`<a href="https://x.example/?a=1&b=2">q</a>`, `<a href="https://x.example/?a=1&amp;b=2">q</a>`},
		{"<B>maiuscolo</B>", "<b>maiuscolo</b>"},
		{"<b>a <i>b <u>c</u></i></b>", "<b>a <i>b <u>c</u></i></b>"},
	}
	for _, tt := range tests {
		got := richtext.Sanitize(tt.in)
		if got != tt.want {
			t.Errorf("Sanitize(%q) = %q, want %q", tt.in, got, tt.want)
		}
		telegramText(t, got)
	}
}

func TestSanitizeKeepsStructureAsNewlines(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"paragraphs", "<p>Uno.</p><p>Due.</p>", "Uno.\n\nDue."},
		{"divs", "<div>uno</div><div>due</div>", "uno\n\ndue"},
		{"line break", "riga<br>riga<br/>riga", "riga\nriga\nriga"},
		{"two line breaks", "a<br><br>b", "a\n\nb"},
		{"source layout around br", "a<br>\nb", "a\nb"},
		{"bullets", "<ul>\n<li>vetro</li>\n<li>carta</li>\n</ul>", "• vetro\n• carta"},
		{"numbers without end tags", "<ol><li>uno<li>due</ol>dopo", "1. uno\n2. due\n\ndopo"},
		{"heading", "<h2>Avviso</h2><p>testo</p>", "<b>Avviso</b>\n\ntesto"},
		{"table", "<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>", "a b\nc"},
		{"plain text newlines", "Primo paragrafo.\n\nSecondo.\nRiga.", "Primo paragrafo.\n\nSecondo.\nRiga."},
		{"blank lines collapse", "a\n\n\n\n\nb", "a\n\nb"},
		{"spaces collapse", "a   b\t c", "a b c"},
		{"trimmed", "  \n<p> </p> testo \n\n", "testo"},
		{"windows line endings", "a\r\n\r\nb\rc", "a\n\nb\nc"},
		{"empty elements dropped", "<b></b>a<i> </i>b", "a b"},
		{"space moves out of a tag", "<b>ciao </b>mondo", "<b>ciao</b> mondo"},
		{"quote stands apart", "x<blockquote>q</blockquote>y", "x\n\n<blockquote>q</blockquote>\n\ny"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := richtext.Sanitize(tt.in); got != tt.want {
				t.Errorf("Sanitize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestSanitizeEscapesText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"1 < 2 & 3 > 2", "1 &lt; 2 &amp; 3 &gt; 2"},
		{`l'orario "estivo"`, `l'orario "estivo"`},
		{"a&nbsp;b", "a\u00a0b"},                       // Telegram knows no &nbsp;
		{"caff&egrave; &#233; &#x1F600;", "caffè é 😀"}, // decoded, never re-encoded
		{"&amp;lt;", "&amp;lt;"},
		{"<<b>>", "&lt;<b>&gt;</b>"},
		{"&lt;b&gt;non grassetto&lt;/b&gt;", "&lt;b&gt;non grassetto&lt;/b&gt;"},
	}
	for _, tt := range tests {
		got := richtext.Sanitize(tt.in)
		if got != tt.want {
			t.Errorf("Sanitize(%q) = %q, want %q", tt.in, got, tt.want)
		}
		telegramText(t, got)
	}
}

func TestSanitizeMakesDangerousInputHarmless(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"script", "<script>alert(1)</script>ok", "ok"},
		{"unclosed script", "ok<script>alert(1)", "ok"},
		{"style", "<style>b{color:red}</style>ok", "ok"},
		{"svg script", "<svg><script>alert(1)</script></svg>ok", "ok"},
		{"iframe", `<iframe src="https://evil.example">x</iframe>ok`, "ok"},
		{"onclick", `<b onclick="steal()">b</b>`, "<b>b</b>"},
		{"img onerror", `<img src=x onerror=alert(1)>ok`, "ok"},
		{"javascript href", `<a href="javascript:alert(1)">x</a>`, "x"},
		{"mixed case javascript", `<a href="JaVaScRiPt:alert(1)">x</a>`, "x"},
		{"javascript with a tab entity", `<a href="java&#x09;script:alert(1)">x</a>`, "x"},
		{"data URI", `<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>`, "x"},
		{"vbscript", `<a href="vbscript:msgbox(1)">x</a>`, "x"},
		{"relative link", `<a href="/admin">x</a>`, "x"},
		{"rel, target and style dropped", `<a href="https://x.example" target="_blank" rel="opener" style="color:red">x</a>`, `<a href="https://x.example">x</a>`},
		{"quote breaking out of href", `<a href='https://x.example/"><script>'>z</a>`, `<a href="https://x.example/%22%3E%3Cscript%3E">z</a>`},
		{"nested unknown tags", "<div><span><font><marquee>profondo</marquee></font></span></div>", "profondo"},
		{"unsupported Telegram tag", "<tg-spoiler>x</tg-spoiler><span class=\"tg-spoiler\">y</span>", "xy"},
		{"unclosed tags", "<b><i>aperto", "<b><i>aperto</i></b>"},
		{"crossed tags", "<b>x<i>y</b>z</i>", "<b>x<i>y</i></b>z"},
		{"stray end tags", "</b>a</i></pre>", "a"},
		{"comment", "a<!-- segreto -->b", "ab"},
		{"conditional comment", "a<!--[if IE]><script>x</script><![endif]-->b", "ab"},
		{"CDATA is a bogus comment", "<![CDATA[<script>x</script>]]>ok", "x]]&gt;ok"},
		{"huge numeric entity", "&#99999999999;x&#0;", "\uFFFDx\uFFFD"},
		{"control characters", "a\x00b\x07c\ufeffd", "abcd"},
		{"invalid UTF-8", "a\xffb", "a\uFFFDb"},
		{"private-use markers in input", "a\ue001\ue000\ue002b", "ab"},
		{"formatting inside code", "<code><b>x</b></code>", "<code>x</code>"},
		{"link inside link", `<a href="https://a.example"><a href="https://b.example">x</a></a>`, `<a href="https://a.example">x</a>`},
		{"quote inside quote", "<blockquote><blockquote>x</blockquote></blockquote>", "<blockquote>x</blockquote>"},
		{"language class only", `<pre><code class="x" onclick="y">k</code></pre>`, "<pre><code>k</code></pre>"},
		{"absurd nesting is capped", strings.Repeat("<i><b>", 50000) + "x", strings.Repeat("<i><b>", 8) + "x" + strings.Repeat("</b></i>", 8)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := richtext.Sanitize(tt.in)
			if got != tt.want {
				t.Errorf("Sanitize(%q) = %q, want %q", tt.in, got, tt.want)
			}
			telegramText(t, got)
			if strings.Contains(strings.ToLower(got), "<script") {
				t.Errorf("Sanitize(%q) kept a script: %q", tt.in, got)
			}
		})
	}
}

func TestSanitizeIsIdempotent(t *testing.T) {
	for _, in := range []string{
		"<h1>T</h1><ul><li>a<li>b</ul><p>x &amp; y</p><pre>  c\n\n\n</pre>",
		`<a href="https://x.example/?a=1&b=2">q</a> <blockquote expandable>z</blockquote>`,
		"1 < 2 &nbsp; <b>x<i>y</b>z</i>",
	} {
		once := richtext.Sanitize(in)
		if twice := richtext.Sanitize(once); twice != once {
			t.Errorf("Sanitize not idempotent on %q: %q then %q", in, once, twice)
		}
	}
}

func TestVisibleLengthCountsUTF16(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"", 0},
		{"<b>città</b>", 5}, // à is one unit
		{"perché\u0301", 7}, // a combining mark is a unit of its own
		{"😀", 2},            // outside the BMP: a surrogate pair
		{"👨‍👩‍👧", 8},        // three emoji and two joiners
		{"1 &lt; 2", 5},     // an entity counts as the character it stands for
		{`<a href="https://x.example/lungo">x</a>`, 1}, // the URL is not text
		{"<p>a</p><p>b</p>", 4},                        // a, two newlines, b
	}
	for _, tt := range tests {
		if got := richtext.VisibleLength(tt.in); got != tt.want {
			t.Errorf("VisibleLength(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}
