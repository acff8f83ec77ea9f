package flows

import (
	"context"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/campanile/campanile/flows/waste"
	"github.com/campanile/campanile/store"
)

// reminderTown is a real database with two zones and their calendars:
//
//	Centro:   carta and vetro on Tuesdays, umido on Mondays and Thursdays
//	Stazione: carta on Fridays, secco on Wednesdays (moved from Wednesday
//	          1 April 2026 to Tuesday 31 March)
type reminderTown struct {
	path             string
	st               *store.Store
	centro, stazione int64
	topic            map[string]int64
}

func newReminderTown(t testing.TB) *reminderTown {
	t.Helper()
	ctx := context.Background()
	tw := &reminderTown{path: filepath.Join(t.TempDir(), "town.db"), topic: map[string]int64{}}
	st, err := store.Open(ctx, tw.path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	tw.st = st
	square := `{"type":"Polygon","coordinates":[[[7,45],[7.1,45],[7.1,45.1],[7,45]]]}`
	if err := st.ReplaceZones(ctx, store.ZoneKindZone, []store.Zone{{Name: "Centro", GeoJSON: square}, {Name: "Stazione", GeoJSON: square}}); err != nil {
		t.Fatal(err)
	}
	zones, err := st.Zones(ctx, store.ZoneKindZone)
	if err != nil {
		t.Fatal(err)
	}
	tw.centro, tw.stazione = zones[0].ID, zones[1].ID
	weekly := func(typ string, days ...time.Weekday) waste.Rule { return waste.Rule{Type: typ, Weekdays: days} }
	if err := SaveZoneSchedule(ctx, st, tw.centro, []waste.Rule{
		weekly("carta", time.Tuesday), weekly("vetro", time.Tuesday), weekly("umido", time.Monday, time.Thursday),
	}, nil); err != nil {
		t.Fatal(err)
	}
	if err := SaveZoneSchedule(ctx, st, tw.stazione, []waste.Rule{weekly("carta", time.Friday), weekly("secco", time.Wednesday)},
		[]waste.Exception{{Type: "secco", Date: waste.D(2026, 4, 1), To: waste.D(2026, 3, 31)}}); err != nil {
		t.Fatal(err)
	}
	topics, err := st.AllTopics(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, tp := range topics {
		tw.topic[tp.Slug] = tp.ID
	}
	return tw
}

// resident is a citizen of the town: chat id = Telegram id.
type resident struct {
	chat   int64
	lang   string
	zone   int64 // 0: no saved place
	topics []string
	active bool
}

func (tw *reminderTown) add(t testing.TB, r resident) store.Citizen {
	t.Helper()
	ctx := context.Background()
	c, err := tw.st.CitizenSeen(ctx, r.chat, r.chat, "Cittadino", r.lang, true)
	if err != nil {
		t.Fatal(err)
	}
	if r.zone != 0 {
		if err := tw.st.SaveCitizenPlace(ctx, store.CitizenPlace{CitizenID: c.ID, ZoneID: r.zone}); err != nil {
			t.Fatal(err)
		}
	}
	for _, slug := range r.topics {
		if err := tw.st.Subscribe(ctx, c.ID, tw.topic[slug]); err != nil {
			t.Fatal(err)
		}
	}
	if !r.active {
		if _, err := tw.st.DeactivateChat(ctx, c.ChatID, "blocked"); err != nil {
			t.Fatal(err)
		}
	}
	return c
}

// pending reads the outbox back: chat id -> the messages waiting for it.
func (tw *reminderTown) pending(t testing.TB) map[int64][]Message {
	t.Helper()
	items, err := tw.st.DueOutbox(context.Background(), 1<<62, 1_000_000)
	if err != nil {
		t.Fatal(err)
	}
	out := map[int64][]Message{}
	for _, it := range items {
		m, err := DecodeMessage(it.Payload)
		if err != nil {
			t.Fatal(err)
		}
		if it.Priority != store.PriorityNotice || m.ChatID != it.ChatID {
			t.Errorf("item %d: priority %d, chat %d in a row for %d", it.ID, it.Priority, m.ChatID, it.ChatID)
		}
		checkMessage(t, m)
		out[it.ChatID] = append(out[it.ChatID], m)
	}
	return out
}

func sortedChats(m map[int64][]Message) []int64 {
	var chats []int64
	for c := range m {
		chats = append(chats, c)
	}
	slices.Sort(chats)
	return chats
}
