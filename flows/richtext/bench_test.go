package richtext_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/campanile/campanile/flows/richtext"
)

// body20k is a realistic 20 000-character post: headed paragraphs with
// formatting, a link and a list, as an editor would produce.
func body20k() string {
	var b strings.Builder
	for i := 0; b.Len() < 20000; i++ {
		fmt.Fprintf(&b, "<h3>Sezione %d</h3><p>Il <b>Comune</b> informa che <i>da lunedì</i> la raccolta "+
			"del vetro passa al martedì. Dettagli su <a href=\"https://comune.example/avvisi/%d\">il sito</a>.</p>"+
			"<ul><li>vetro &amp; lattine</li><li>carta</li></ul>", i, i)
	}
	return b.String()
}

func BenchmarkSanitizeAndSplit20k(b *testing.B) {
	body := body20k()
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		clean := richtext.Sanitize(body)
		if len(richtext.Split(clean, richtext.MessageLimit)) < 2 {
			b.Fatal("a 20 000-character body must need several messages")
		}
	}
}
