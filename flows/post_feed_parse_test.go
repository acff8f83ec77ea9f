package flows

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func readFeedSample(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "feeds", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestParseFeedReadsTheThreeFormats(t *testing.T) {
	for _, c := range []struct {
		file, title string
		items       []FeedItem
	}{
		{"comune_rss.xml", "Comune di Borgo Fiorito – Notizie", []FeedItem{
			{GUID: "https://www.comune.borgofiorito.it/?p=1042", Title: "Chiusura temporanea dell’ufficio anagrafe",
				Link:      "https://www.comune.borgofiorito.it/notizie/chiusura-anagrafe",
				HTML:      "<p>L'ufficio anagrafe resterà <strong>chiuso</strong> venerdì&nbsp;4 dicembre per lavori di manutenzione.</p><script>alert(1)</script>",
				Published: time.Date(2026, 11, 30, 8, 15, 0, 0, time.UTC)},
			{GUID: "https://www.comune.borgofiorito.it/?p=1039", Title: "Mercatino di Natale & presepe vivente",
				Link:      "https://www.comune.borgofiorito.it/notizie/mercatino",
				HTML:      "In piazza Garibaldi dall'8 dicembre: <b>bancarelle</b> e cioccolata calda\u00a0per tutti.",
				Published: time.Date(2026, 11, 27, 18, 0, 0, 0, time.UTC)},
			// No guid: the link is the item's identity.
			{GUID: "https://www.comune.borgofiorito.it/notizie/senza-guid", Title: "Avviso senza guid",
				Link: "https://www.comune.borgofiorito.it/notizie/senza-guid", HTML: "Un avviso il cui sito non scrive il guid."},
		}},
		{"atom.xml", "Protezione civile – Valle Verde", []FeedItem{
			{GUID: "tag:pc.valleverde.example.it,2026:allerta-17", Title: "Allerta gialla per vento <domani>",
				Link: "https://pc.valleverde.example.it/allerta-gialla", HTML: "<p>Raffiche fino a <b>80 km/h</b>.</p>",
				Published: time.Date(2026, 11, 30, 5, 30, 0, 0, time.UTC)},
			{GUID: "tag:pc.valleverde.example.it,2026:bollettino-18", Title: "Bollettino XHTML",
				Link:      "https://pc.valleverde.example.it/bollettino-xhtml",
				HTML:      `<div xmlns="http://www.w3.org/1999/xhtml"><p>Nessuna <em>criticità</em>.</p></div>`,
				Published: time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)},
		}},
		{"rdf.xml", "Albo pretorio", []FeedItem{
			{GUID: "https://albo.example.it/atto/881", Title: "Determina n. 881: proroga servizio mensa",
				Link: "https://albo.example.it/atto/881?src=rss", HTML: "Affidamento del servizio di refezione scolastica - città e frazioni.",
				Published: time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC)},
		}},
		{"latin1_rss.xml", "Pro Loco", []FeedItem{
			{GUID: "https://proloco.example.it/festa", Title: "Festa della città", Link: "https://proloco.example.it/festa", HTML: "Caffè e musica"},
		}},
	} {
		t.Run(c.file, func(t *testing.T) {
			got, err := ParseFeed(readFeedSample(t, c.file))
			if err != nil {
				t.Fatal(err)
			}
			if got.Title != c.title {
				t.Errorf("title %q, want %q", got.Title, c.title)
			}
			if len(got.Items) != len(c.items) {
				t.Fatalf("%d items, want %d: %+v", len(got.Items), len(c.items), got.Items)
			}
			for i, want := range c.items {
				g := got.Items[i]
				if g.GUID != want.GUID || g.Title != want.Title || g.Link != want.Link || g.HTML != want.HTML || !g.Published.Equal(want.Published) {
					t.Errorf("item %d\n got %+v\nwant %+v", i, g, want)
				}
			}
		})
	}
}

func TestParseFeedRefusesWhatIsNotAFeed(t *testing.T) {
	for _, c := range []struct {
		label string
		data  []byte
		notA  bool
	}{
		{"an unclosed item", readFeedSample(t, "broken_unclosed.xml"), false},
		{"an HTML error page", readFeedSample(t, "broken_html.xml"), true},
		{"nothing", nil, true},
		{"plain text", []byte("Service Unavailable"), true},
		{"JSON", []byte(`{"items":[]}`), true},
		{"an unknown encoding", []byte(`<?xml version="1.0" encoding="klingon"?><rss><channel/></rss>`), false},
		{"an undeclared entity", []byte(`<rss><channel><title>&bogus;</title></channel></rss>`), false},
	} {
		t.Run(c.label, func(t *testing.T) {
			got, err := ParseFeed(c.data)
			if err == nil {
				t.Fatalf("accepted: %+v", got)
			}
			if errors.Is(err, ErrNotAFeed) != c.notA {
				t.Errorf("error %v: not-a-feed %v, want %v", err, errors.Is(err, ErrNotAFeed), c.notA)
			}
		})
	}
}

func TestParseFeedSkipsItemsItCouldNotRecogniseAgain(t *testing.T) {
	doc := `<rss version="2.0"><channel><title>T</title>
		<item><title>Senza link né guid</title><description>x</description></item>
		<item><link>https://e.it/vuoto</link></item>
		<item><title>Buono</title><link>https://e.it/buono</link></item></channel></rss>`
	got, err := ParseFeed([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Items) != 1 || got.Items[0].GUID != "https://e.it/buono" {
		t.Fatalf("items %+v, want only the one with a link and a title", got.Items)
	}
}

func TestParseFeedKeepsAtMostMaxItems(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<rss version="2.0"><channel><title>T</title>`)
	for i := range maxFeedItems + 30 {
		b.WriteString(`<item><title>n</title><guid>g` + strings.Repeat("x", i) + `</guid></item>`)
	}
	b.WriteString(`</channel></rss>`)
	got, err := ParseFeed([]byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Items) != maxFeedItems {
		t.Fatalf("%d items, want %d", len(got.Items), maxFeedItems)
	}
}

func FuzzParseFeed(f *testing.F) {
	for _, name := range []string{"comune_rss.xml", "atom.xml", "rdf.xml", "latin1_rss.xml", "broken_unclosed.xml", "broken_html.xml"} {
		f.Add(readFeedSample(f, name))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := ParseFeed(data)
		if err != nil {
			return
		}
		if len(got.Items) > maxFeedItems {
			t.Fatalf("%d items", len(got.Items))
		}
		for _, it := range got.Items {
			if it.GUID == "" {
				t.Fatalf("an item without identity: %+v", it)
			}
		}
	})
}

func TestParseFeedErrorTellsTheKindOfARecordedError(t *testing.T) {
	for _, c := range []struct{ recorded, kind, detail string }{
		{"status: 404 Not Found", FeedFailStatus, "404 Not Found"},
		{"not_a_feed: the document is <html>", FeedFailNotAFeed, "the document is <html>"},
		{"too_large: 2097152", FeedFailTooLarge, "2097152"},
		{"something else: entirely", "", "something else: entirely"},
		{"status", "", "status"},
	} {
		if kind, detail := ParseFeedError(c.recorded); kind != c.kind || detail != c.detail {
			t.Errorf("%q: %q %q, want %q %q", c.recorded, kind, detail, c.kind, c.detail)
		}
	}
}
