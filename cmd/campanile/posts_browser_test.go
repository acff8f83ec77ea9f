package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/campanile/campanile/locales"
	"github.com/campanile/campanile/store"
)

// Two demo citizens of the playground: Maria follows roadworks, Giuseppe
// follows nothing.
const (
	mariaChat     = 5_000_000_001
	roadworksSlug = "viabilita"
)

var postIDInPath = regexp.MustCompile(`/admin/posts/(\d+)`)

// TestComposedNewsReachesOnlyTheTopicsSubscribers is issue 6's road for a
// clerk: Maria subscribes to roadworks in the bot, Giuseppe starts the bot
// and chooses nothing; the demo clerk writes a news item for roadworks in
// the admin, sees the preview count one recipient, sends it, and it
// arrives in Maria's chat and not in Giuseppe's.
func TestComposedNewsReachesOnlyTheTopicsSubscribers(t *testing.T) {
	ctx := browser(t, 90*time.Second)
	dbPath := filepath.Join(t.TempDir(), "campanile.db")
	out, health, stop := serveWith(t, nil, "CAMPANILE_DB", dbPath)
	t.Cleanup(func() { stop() })
	base := strings.TrimSuffix(health, "/healthz")
	cat := locales.MustLoad()
	T := func(id string, data map[string]any) string { return cat.T("it", id, data) }
	roadworks := topicBySlug(t, dbPath, roadworksSlug)

	maria := apiChat{t: t, base: base, id: mariaChat}
	maria.say("/argomenti")
	maria.press("⬜ " + roadworks.Name("it"))
	maria.waitFor("the roadworks topic switched on", func(msgs []apiMessage) bool {
		for _, m := range msgs {
			for _, row := range m.Inline {
				for _, b := range row {
					if b.Text == "✅ "+roadworks.Name("it") {
						return true
					}
				}
			}
		}
		return false
	})
	giuseppe := apiChat{t: t, base: base, id: giuseppeChat}
	giuseppe.say("/start")
	giuseppe.waitFor("the menu", keyOffered(T("menu.report", nil)))

	p := page{t: t, ctx: ctx}
	signInAsDemo(p, base, out)
	title := "Via Roma chiusa per lavori da lunedì"
	p.do("write the news item",
		chromedp.Navigate(base+"/admin/posts/new"),
		chromedp.WaitVisible(chromedp.ID("p-title")),
		chromedp.SendKeys(chromedp.ID("p-title"), title),
		chromedp.SendKeys(chromedp.ID("p-body"), "<p>Dal <b>15 aprile</b> via Roma è chiusa tra piazza Garibaldi e via Po.</p><p>Le auto passano da via Verdi.</p>"),
		chromedp.SendKeys(chromedp.ID("p-link"), "https://www.comune.example/viabilita"),
		chromedp.Click(chromedp.CSS(fmt.Sprintf(`input[name="topic"][value="%d"]`, roadworks.ID)), chromedp.NodeVisible),
	)
	loads(p, "save and preview", chromedp.Submit(chromedp.ID("p-title")))
	p.wait("the preview with one recipient", fmt.Sprintf(`document.querySelector(".chat-preview .bubble")?.textContent.includes(%q)
		&& document.querySelector(".recipients")?.textContent.includes(%q)`, title, T("admin.posts.recipients_count", map[string]any{"Count": 1})))
	if os.Getenv("CAMPANILE_SCREENSHOTS") == "1" {
		saveFullShot(t, p.ctx, "../../docs/admin-post.png")
	}
	loads(p, "send now", chromedp.Click(chromedp.ID("a-send"), chromedp.NodeVisible))
	p.wait("the sending is confirmed", notice(T("admin.posts.done_sent", nil)))
	url, err := chromedp.Run(p.ctx, chromedp.Evaluate[string](`location.pathname`))
	if err != nil {
		t.Fatal(err)
	}
	m := postIDInPath.FindStringSubmatch(url)
	if m == nil {
		t.Fatalf("not on a post's page: %s", url)
	}
	postID, _ := strconv.ParseInt(m[1], 10, 64)

	maria.waitFor("the news in Maria's chat", botSaid(title, "15 aprile"))
	// The broadcast was decided when it was sent: one delivery, Maria's.
	stats := deliveryStats(t, dbPath, postID)
	if stats.Recipients != 1 {
		t.Errorf("%d recipients, want Maria alone", stats.Recipients)
	}
	if slices.ContainsFunc(giuseppe.messages(), func(m apiMessage) bool { return strings.Contains(m.Plain, title) }) {
		t.Error("Giuseppe, who follows nothing, received the news")
	}
}

// topicBySlug reads a top-level topic from the playground's database.
func topicBySlug(t *testing.T, dbPath, slug string) store.Topic {
	t.Helper()
	st, err := store.Open(context.Background(), dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	tops, err := st.Topics(context.Background(), 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, top := range tops {
		if top.Slug == slug {
			return top
		}
	}
	t.Fatalf("no topic %q", slug)
	return store.Topic{}
}

func deliveryStats(t *testing.T, dbPath string, postID int64) store.DeliveryStats {
	t.Helper()
	st, err := store.Open(context.Background(), dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	stats, err := st.PostDeliveryStats(context.Background(), postID)
	if err != nil {
		t.Fatal(err)
	}
	return stats
}
