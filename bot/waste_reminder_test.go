package bot

import (
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/campanile/campanile/bot/emulator"
	"github.com/campanile/campanile/flows"
	"github.com/campanile/campanile/flows/reminders"
	"github.com/campanile/campanile/flows/waste"
	"github.com/campanile/campanile/store"
)

// The evening reminder travels the whole road: consent given with the
// topics keyboard, the scheduler's run at 19:00 in Rome, the outbox, the
// sender, Telegram. It reaches the chat that chose the type collected
// tomorrow in its zone, once, and no one else.
func TestWasteReminderReachesTheRightChatOnce(t *testing.T) {
	ctx := context.Background()
	h := newHarness(t)
	b := h.start()
	square := `{"type":"Polygon","coordinates":[[[7,45],[7.1,45],[7.1,45.1],[7,45]]]}`
	if err := h.st.ReplaceZones(ctx, store.ZoneKindZone, []store.Zone{{Name: "Centro", GeoJSON: square}, {Name: "Stazione", GeoJSON: square}}); err != nil {
		t.Fatal(err)
	}
	zones, _ := h.st.Zones(ctx, store.ZoneKindZone)
	centro, stazione := zones[0].ID, zones[1].ID
	tuesday := []time.Weekday{time.Tuesday}
	if err := flows.SaveZoneSchedule(ctx, h.st, centro, []waste.Rule{{Type: "carta", Weekdays: tuesday}, {Type: "vetro", Weekdays: tuesday}}, nil); err != nil {
		t.Fatal(err)
	}
	if err := flows.SaveZoneSchedule(ctx, h.st, stazione, []waste.Rule{{Type: "secco", Weekdays: []time.Weekday{time.Friday}}}, nil); err != nil {
		t.Fatal(err)
	}

	// Anna lives in Centro and chooses glass with the topics keyboard.
	anna := h.emu.User(3001, "Anna", "it")
	anna.Send("/argomenti")
	picker := expect(t, anna, 1)[0]
	anna.PressData(picker, button(t, picker, "Rifiuti").CallbackData)
	h.eventually("Rifiuti level shown", func() bool { return hasButton(current(t, anna, picker.ID), "Vetro") })
	anna.PressData(picker, button(t, current(t, anna, picker.ID), "Vetro").CallbackData)
	h.eventually("Vetro on", func() bool { return strings.HasPrefix(button(t, current(t, anna, picker.ID), "Vetro").Text, "✅") })
	h.savePlace(anna, centro)
	// Bruno chose paper, but lives in Stazione, where paper is not collected
	// on Tuesdays; Carla chose paper in Centro and then blocked the bot.
	bruno := h.waitingCitizen(3002, "Bruno", "en", stazione, "rifiuti-carta")
	carla := h.waitingCitizen(3003, "Carla", "it", centro, "rifiuti-carta")
	carla.Block()
	h.eventually("Carla inactive", func() bool { return !h.citizen(carla).Active })
	annaBefore, brunoBefore, carlaBefore := len(anna.BotMessages()), len(bruno.BotMessages()), len(carla.BotMessages())

	// Monday 30 March 2026, 19:00 in Rome.
	rome, _ := time.LoadLocation(reminders.Zone)
	now := time.Date(2026, 3, 30, 19, 0, 0, 0, rome)
	engine := flows.NewEngine(h.flows, h.cat, testLogger())
	s, err := reminders.New(reminders.Config{Hour: 19, Now: func() time.Time { return now }, Notify: b.WakeSender}, h.st, engine, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	if n, err := s.RunDue(ctx); err != nil || n != 1 {
		t.Fatalf("run: %d messages, %v", n, err)
	}
	got := expect(t, anna, annaBefore+1)[annaBefore]
	if !strings.Contains(got.Text, "Domani si raccoglie") || !strings.Contains(got.Text, "Vetro: campana verde") || strings.Contains(got.Text, "Carta") {
		t.Errorf("Anna's reminder: %q", got.Text)
	}
	// Later the same evening (a restart, the periodic check): nothing more.
	now = now.Add(time.Hour)
	if n, err := s.RunDue(ctx); err != nil || n != 0 {
		t.Fatalf("second run: %d messages, %v", n, err)
	}
	h.eventually("outbox drained", func() bool {
		counts, err := h.st.OutboxCounts(ctx)
		return err == nil && counts[store.OutboxPending] == 0
	})
	if n := len(anna.BotMessages()); n != annaBefore+1 {
		t.Errorf("Anna has %d new messages:%s", n-annaBefore, texts(anna.BotMessages()[annaBefore:]))
	}
	if len(bruno.BotMessages()) != brunoBefore || len(carla.BotMessages()) != carlaBefore {
		t.Errorf("a citizen with nothing of theirs tomorrow, or who blocked the bot, was written to:%s%s",
			texts(bruno.BotMessages()[brunoBefore:]), texts(carla.BotMessages()[carlaBefore:]))
	}
}

// waitingCitizen is a citizen who started the bot and chose waste types
// and a zone.
func (h *harness) waitingCitizen(id int64, name, lang string, zone int64, topics ...string) *emulator.User {
	h.t.Helper()
	u := h.emu.User(id, name, lang)
	u.Send("/start")
	expect(h.t, u, 1)
	all, err := h.st.AllTopics(context.Background())
	if err != nil {
		h.t.Fatal(err)
	}
	for _, tp := range all {
		for _, slug := range topics {
			if tp.Slug == slug {
				if err := h.st.Subscribe(context.Background(), h.citizen(u).ID, tp.ID); err != nil {
					h.t.Fatal(err)
				}
			}
		}
	}
	h.savePlace(u, zone)
	return u
}

func (h *harness) savePlace(u *emulator.User, zone int64) {
	h.t.Helper()
	if err := h.st.SaveCitizenPlace(context.Background(), store.CitizenPlace{CitizenID: h.citizen(u).ID, ZoneID: zone}); err != nil {
		h.t.Fatal(err)
	}
}
