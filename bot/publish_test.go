package bot

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/campanile/campanile/bot/emulator"
	"github.com/campanile/campanile/flows"
	"github.com/campanile/campanile/store"
)

// publishAt sets the store's clock to a time of 2 March 2026 in Rome.
func (h *harness) publishAt(hour, minute int) {
	rome, err := time.LoadLocation("Europe/Rome")
	if err != nil {
		h.t.Fatal(err)
	}
	at := time.Date(2026, 3, 2, hour, minute, 0, 0, rome)
	h.st.SetClock(func() time.Time { return at })
}

func (h *harness) topicID(slug string) int64 {
	h.t.Helper()
	all, err := h.st.AllTopics(context.Background())
	if err != nil {
		h.t.Fatal(err)
	}
	for _, tp := range all {
		if tp.Slug == slug {
			return tp.ID
		}
	}
	h.t.Fatalf("no topic %q", slug)
	return 0
}

// publish creates a post and sends it through the engine, the way the
// admin's "Invia ora" does, then wakes the sender.
func (h *harness) publish(b *Bot, e *flows.Engine, p store.Post) (store.Post, int) {
	h.t.Helper()
	ctx := context.Background()
	p, err := h.st.CreatePost(ctx, p)
	if err != nil {
		h.t.Fatal(err)
	}
	count, err := e.CountRecipients(ctx, h.st, p)
	if err != nil {
		h.t.Fatal(err)
	}
	n, err := e.PublishPost(ctx, h.st, p.ID)
	if err != nil {
		h.t.Fatal(err)
	}
	if n != count {
		h.t.Errorf("CountRecipients said %d, PublishPost reached %d", count, n)
	}
	b.WakeSender()
	return p, n
}

func (h *harness) drained(postID int64) {
	h.t.Helper()
	h.eventually("broadcast drained", func() bool {
		st, err := h.st.PostDeliveryStats(context.Background(), postID)
		return err == nil && st.Pending == 0
	})
}

func TestNewsReachesExactlyTheOptedInSilentlyAtNight(t *testing.T) {
	ctx := context.Background()
	h := newHarness(t)
	b := h.start()
	e := flows.NewEngine(h.flows, h.cat, testLogger())
	anna := h.waitingCitizen(6001, "Anna", "it", 0, "rifiuti-carta")
	bruno := h.waitingCitizen(6002, "Bruno", "en", 0, "rifiuti", "rifiuti-carta", "rifiuti-plastica", "rifiuti-vetro", "rifiuti-umido", "rifiuti-secco")
	carla := h.waitingCitizen(6003, "Carla", "it", 0, "viabilita")
	dario := h.waitingCitizen(6004, "Dario", "it", 0, "rifiuti-carta")
	elena := h.waitingCitizen(6005, "Elena", "it", 0)
	dario.Block()
	h.eventually("Dario inactive", func() bool { return !h.citizen(dario).Active })
	before := map[*emulator.User]int{}
	for _, u := range []*emulator.User{anna, bruno, carla, dario, elena} {
		before[u] = len(u.BotMessages())
	}

	h.publishAt(22, 30)
	p, n := h.publish(b, e, store.Post{Kind: store.PostNews, Title: "Raccolta carta anticipata", BodyHTML: "Da lunedì alle <b>6:00</b>.",
		Audience: store.AudienceTopics, TopicIDs: []int64{h.topicID("rifiuti")}})
	if n != 2 {
		t.Fatalf("reached %d, want Anna and Bruno", n)
	}
	for u, heading := range map[*emulator.User]string{anna: "📰 Notizia", bruno: "📰 News"} {
		got := expect(t, u, before[u]+1)[before[u]]
		if !strings.Contains(got.Text, heading) || !strings.Contains(got.Text, "Raccolta carta anticipata") || !got.Silent {
			t.Errorf("chat %d got %q (silent %v), want the news, silent at 22:30", u.ID(), got.Text, got.Silent)
		}
	}
	h.drained(p.ID)
	for _, u := range []*emulator.User{carla, dario, elena} {
		if got := len(u.BotMessages()); got != before[u] {
			t.Errorf("chat %d, who did not opt in or blocked the bot, got %d messages", u.ID(), got-before[u])
		}
	}
	if _, err := e.FinishBroadcasts(ctx, h.st); err != nil {
		t.Fatal(err)
	}
	after, err := h.st.PostByID(ctx, p.ID)
	if err != nil || after.Status != store.PostSent {
		t.Errorf("post status %q (%v), want sent once drained", after.Status, err)
	}
	if stats, _ := h.st.PostDeliveryStats(ctx, p.ID); stats.Sent != 2 || stats.Recipients != 2 {
		t.Errorf("figures %+v, want 2 sent", stats.DeliveryCounts)
	}
}
