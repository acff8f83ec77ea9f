package richtext_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/campanile/campanile/bot/emulator"
	"github.com/campanile/campanile/flows/richtext"
)

// paragraph builds a recognisable paragraph of about n characters made of
// short sentences.
func paragraph(id, n int) string {
	var b strings.Builder
	for s := 0; b.Len() < n; s++ {
		fmt.Fprintf(&b, "Paragrafo %d frase %d sulla raccolta differenziata. ", id, s)
	}
	return strings.TrimSpace(b.String())
}

func plainPieces(t *testing.T, pieces []string) []string {
	t.Helper()
	out := make([]string, len(pieces))
	for i, p := range pieces {
		out[i], _ = telegramText(t, p)
	}
	return out
}

func TestSplitShortTextIsOnePiece(t *testing.T) {
	in := "<p>Domani <b>chiusa</b> via Roma.</p>"
	got := richtext.Split(in, richtext.MessageLimit)
	if len(got) != 1 || got[0] != richtext.Sanitize(in) {
		t.Fatalf("Split = %q, want the sanitized text as one piece", got)
	}
}

func TestSplitEmptyTextHasNoPieces(t *testing.T) {
	for _, in := range []string{"", "   \n\n", "<p></p><b> </b>", "<script>x</script>"} {
		if got := richtext.Split(in, 100); got != nil {
			t.Errorf("Split(%q) = %q, want no pieces", in, got)
		}
	}
}

func TestSplitCutsAtParagraphs(t *testing.T) {
	var paras []string
	for i := range 20 {
		paras = append(paras, "<p>"+paragraph(i, 300)+"</p>")
	}
	in := strings.Join(paras, "")
	pieces := richtext.Split(in, 1000)
	checkPieces(t, richtext.Sanitize(in), pieces, 1000)
	for i, plain := range plainPieces(t, pieces) {
		if !strings.HasPrefix(plain, "Paragrafo") || !strings.HasSuffix(plain, "differenziata.") {
			t.Errorf("piece %d does not hold whole paragraphs: %q", i, plain)
		}
	}
	if len(pieces) < 7 || len(pieces) > 10 {
		t.Errorf("%d pieces for 20 paragraphs of ~300 characters at 1000 each", len(pieces))
	}
}

func TestSplitCutsAtSentencesInsideAParagraph(t *testing.T) {
	in := paragraph(1, 5000)
	pieces := richtext.Split(in, 700)
	checkPieces(t, richtext.Sanitize(in), pieces, 700)
	for i, plain := range plainPieces(t, pieces) {
		if !strings.HasSuffix(plain, ".") {
			t.Errorf("piece %d does not end a sentence: %q", i, plain)
		}
	}
}

func TestSplitCutsAtWordsWithoutPunctuation(t *testing.T) {
	in := strings.Repeat("parola lunghissima senza punto ", 300)
	pieces := richtext.Split(in, 500)
	checkPieces(t, richtext.Sanitize(in), pieces, 500)
	words := map[string]bool{"parola": true, "lunghissima": true, "senza": true, "punto": true}
	for i, plain := range plainPieces(t, pieces) {
		for _, w := range strings.Fields(plain) {
			if !words[w] {
				t.Fatalf("piece %d broke a word into %q", i, w)
			}
		}
	}
}

func TestSplitCutsHardInsideAHugeWord(t *testing.T) {
	in := strings.Repeat("x", 10000)
	pieces := richtext.Split(in, richtext.MessageLimit)
	checkPieces(t, in, pieces, richtext.MessageLimit)
	if len(pieces) != 3 || len(pieces[0]) != 4096 || len(pieces[1]) != 4096 || len(pieces[2]) != 1808 {
		t.Errorf("want pieces of 4096, 4096 and 1808, got %d pieces", len(pieces))
	}
}

func TestSplitReopensTagsAcrossCuts(t *testing.T) {
	in := "<b>" + paragraph(1, 3000) + "</b>"
	pieces := richtext.Split(in, 1000)
	checkPieces(t, richtext.Sanitize(in), pieces, 1000)
	for i, p := range pieces {
		if !strings.HasPrefix(p, "<b>") || !strings.HasSuffix(p, "</b>") {
			t.Errorf("piece %d is not bold throughout: %q", i, p)
		}
	}
}

func TestSplitKeepsALinkCutInTwo(t *testing.T) {
	in := `Leggi <a href="https://comune.example/avviso?id=7&amp;x=1">` + strings.Repeat("il testo dell'avviso ", 30) + "</a> fine."
	pieces := richtext.Split(in, 300)
	checkPieces(t, richtext.Sanitize(in), pieces, 300)
	for i, p := range pieces {
		_, ents := telegramText(t, p)
		if len(ents) != 1 || ents[0].Type != "text_link" || ents[0].URL != "https://comune.example/avviso?id=7&x=1" {
			t.Errorf("piece %d lost its link: %q gives %+v", i, p, ents)
		}
	}
}

func TestSplitKeepsPreAndItsLanguage(t *testing.T) {
	var code strings.Builder
	for i := range 200 {
		fmt.Fprintf(&code, "riga_%03d := valore(%d)\n", i, i)
	}
	in := `<pre><code class="language-go">` + code.String() + "</code></pre>"
	pieces := richtext.Split(in, 1024)
	checkPieces(t, richtext.Sanitize(in), pieces, 1024)
	if len(pieces) < 4 {
		t.Fatalf("want several pieces, got %d", len(pieces))
	}
	for i, p := range pieces {
		plain, ents := telegramText(t, p)
		if len(ents) != 1 || ents[0].Type != "pre" || ents[0].Language != "go" || ents[0].Length != emulator.UTF16Len(plain) {
			t.Errorf("piece %d is not one go code block: %q gives %+v", i, p, ents)
		}
		if !strings.HasPrefix(plain, "riga_") || !strings.HasSuffix(plain, ")") {
			t.Errorf("piece %d was not cut at a line: %q", i, plain)
		}
	}
}

func TestSplitCountsEmojiAsTelegramDoes(t *testing.T) {
	in := strings.Repeat("😀", 3000) // 6000 UTF-16 units, 3000 runes
	pieces := richtext.Split(in, richtext.MessageLimit)
	checkPieces(t, in, pieces, richtext.MessageLimit)
	if len(pieces) != 2 || pieces[0] != strings.Repeat("😀", 2048) {
		t.Errorf("want a first piece of 2048 emoji (4096 units), got %d pieces", len(pieces))
	}
}

func TestSplitCountsAccentsAsOneUnit(t *testing.T) {
	in := strings.Repeat("è", 2000) // 4000 bytes, 2000 units
	if got := richtext.Split(in, 2000); len(got) != 1 {
		t.Errorf("2000 accented letters should fit 2000 units, got %d pieces", len(got))
	}
}

func TestSplitKeepsEmojiSequencesWhole(t *testing.T) {
	family := "👨‍👩‍👧" // 8 units
	in := strings.Repeat(family, 20)
	pieces := richtext.Split(in, 20)
	checkPieces(t, in, pieces, 20)
	for i, plain := range plainPieces(t, pieces) {
		if strings.ReplaceAll(plain, family, "") != "" {
			t.Errorf("piece %d broke an emoji sequence: %q", i, plain)
		}
	}
}

func TestSplitRaisesATinyLimit(t *testing.T) {
	for _, limit := range []int{-5, 0, 1} {
		pieces := richtext.Split("a😀b", limit)
		checkPieces(t, "a😀b", pieces, 2)
		if len(pieces) != 3 {
			t.Errorf("Split with limit %d = %q, want one character a piece", limit, pieces)
		}
	}
}

func TestSplitFitsCaptions(t *testing.T) {
	in := "<p><i>Foto</i> del cantiere.</p>" + strings.Repeat("<p>"+paragraph(2, 400)+"</p>", 5)
	pieces := richtext.Split(in, richtext.CaptionLimit)
	checkPieces(t, richtext.Sanitize(in), pieces, richtext.CaptionLimit)
}
