package bot

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/campanile/campanile/bot/emulator"
	"github.com/campanile/campanile/flows"
	"github.com/campanile/campanile/store"
)

// An alert to everyone, at night: it rings, is pinned, carries
// "Ricevuto" (recorded once), and its update rewrites every copy in
// place before a notice rings again.
func TestEmergencyRingsIsAcknowledgedOnceAndUpdatedInPlace(t *testing.T) {
	ctx := context.Background()
	h := newHarness(t)
	b := h.start()
	e := flows.NewEngine(h.flows, h.cat, testLogger())
	anna := h.waitingCitizen(6101, "Anna", "it", 0)
	bruno := h.waitingCitizen(6102, "Bruno", "de", 0, "viabilita")
	carla := h.waitingCitizen(6103, "Carla", "it", 0)
	carla.Block()
	h.eventually("Carla inactive", func() bool { return !h.citizen(carla).Active })
	before := map[*emulator.User]int{anna: len(anna.BotMessages()), bruno: len(bruno.BotMessages()), carla: len(carla.BotMessages())}

	h.publishAt(23, 0)
	alert, n := h.publish(b, e, store.Post{Kind: store.PostAlert, Title: "Allerta rossa: piena del fiume", BodyHTML: "Restate ai piani alti.",
		Audience: store.AudienceEveryone, Loudness: store.LoudnessSilent})
	if n != 2 {
		t.Fatalf("reached %d, want every active citizen (2)", n)
	}
	copies := map[*emulator.User]emulator.Message{}
	for _, u := range []*emulator.User{anna, bruno} {
		got := expect(t, u, before[u]+1)[before[u]]
		if got.Silent || !strings.Contains(got.Text, "Allerta rossa") {
			t.Errorf("chat %d got %q (silent %v), want the alert ringing", u.ID(), got.Text, got.Silent)
		}
		h.eventually("alert pinned", func() bool { return u.Chat().Pinned == got.ID })
		copies[u] = got
	}
	h.drained(alert.ID)
	if len(carla.BotMessages()) != before[carla] {
		t.Error("the alert reached a citizen who blocked the bot")
	}

	// Anna presses "Ricevuto" twice: one acknowledgement, a thank-you, and
	// the button drawn as pressed.
	ack := button(t, copies[anna], "Ricevuto")
	anna.PressData(copies[anna], ack.CallbackData)
	h.eventually("button pressed", func() bool {
		_, ok := current(t, anna, copies[anna].ID).Button("✓ Ricevuto")
		return ok
	})
	anna.PressData(copies[anna], ack.CallbackData)
	h.eventually("two answers", func() bool { return len(anna.CallbackAnswers()) == 2 })
	answers := anna.CallbackAnswers()
	if answers[0].Text != h.cat.T("it", "posts.ack_thanks", nil) || answers[1].Text != h.cat.T("it", "posts.ack_already", nil) {
		t.Errorf("answers %+v", answers)
	}
	if stats, _ := h.st.PostDeliveryStats(ctx, alert.ID); stats.Acknowledged != 1 || stats.Sent != 2 {
		t.Errorf("figures %+v, want 2 sent and 1 acknowledged", stats.DeliveryCounts)
	}

	if _, err := e.UpdateEmergency(ctx, h.st, alert.ID, store.Post{Title: "Allerta rossa prorogata", BodyHTML: "Fino a domani sera."}); err != nil {
		t.Fatal(err)
	}
	b.WakeSender()
	for u, notice := range map[*emulator.User]string{anna: "Aggiornamento", bruno: "Aktualisierung"} {
		got := expect(t, u, before[u]+2)[before[u]+1]
		if !strings.Contains(got.Text, notice) || got.Silent {
			t.Errorf("chat %d notice %q (silent %v)", u.ID(), got.Text, got.Silent)
		}
		h.eventually("copy edited", func() bool {
			return strings.Contains(current(t, u, copies[u].ID).Text, "Allerta rossa prorogata")
		})
		edited := current(t, u, copies[u].ID)
		if !edited.Edited || strings.Contains(edited.Text, "piena del fiume") || !strings.Contains(edited.Text, "Fino a domani sera.") {
			t.Errorf("chat %d copy now %q", u.ID(), edited.Text)
		}
		if n := len(u.BotMessages()); n != before[u]+2 {
			t.Errorf("chat %d has %d new messages, want the alert and the notice", u.ID(), n-before[u])
		}
	}
	labels := slices.Concat(current(t, anna, copies[anna].ID).ButtonTexts()...)
	if !slices.Contains(labels, "✓ Ricevuto") {
		t.Errorf("Anna's edited copy has buttons %v, want her acknowledgement kept", labels)
	}
}
