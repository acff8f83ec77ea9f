package store

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"testing"
)

// wasteTopicIDs maps the starter waste topics' slugs to their ids.
func wasteTopicIDs(t testing.TB, s *Store) map[string]int64 {
	t.Helper()
	all, err := s.AllTopics(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]int64{}
	for _, tp := range all {
		ids[tp.Slug] = tp.ID
	}
	return ids
}

func twoZones(t testing.TB, s *Store) (int64, int64) {
	t.Helper()
	ctx := context.Background()
	square := `{"type":"Polygon","coordinates":[[[7,45],[8,45],[8,46],[7,45]]]}`
	if err := s.ReplaceZones(ctx, ZoneKindZone, []Zone{{Name: "Centro", GeoJSON: square}, {Name: "Stazione", GeoJSON: square}}); err != nil {
		t.Fatal(err)
	}
	zones, err := s.Zones(ctx, ZoneKindZone)
	if err != nil || len(zones) != 2 {
		t.Fatalf("zones %v %v", zones, err)
	}
	return zones[0].ID, zones[1].ID
}

func TestWasteReminderTargetsAreExactlyTheConsentingReachableCitizensWithAZone(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	centro, stazione := twoZones(t, s)
	topic := wasteTopicIDs(t, s)
	type person struct {
		name   string
		zone   int64 // 0: a place with coordinates only
		place  bool
		topics []string
		active bool
	}
	people := []person{
		{"some types", centro, true, []string{"rifiuti-carta", "rifiuti-vetro", "viabilita"}, true},
		{"whole topic", stazione, true, []string{"rifiuti", "rifiuti-carta", "rifiuti-plastica", "rifiuti-vetro", "rifiuti-umido", "rifiuti-secco"}, true},
		{"other topics only", centro, true, []string{"viabilita", "eventi"}, true},
		{"blocked the bot", centro, true, []string{"rifiuti-carta"}, false},
		{"no saved place", 0, false, []string{"rifiuti-carta"}, true},
		{"place without a zone", 0, true, []string{"rifiuti-carta"}, true},
	}
	ids := map[string]int64{}
	for i, p := range people {
		c, err := s.CitizenSeen(ctx, int64(100+i), int64(100+i), p.name, "it", true)
		if err != nil {
			t.Fatal(err)
		}
		ids[p.name] = c.ID
		if p.place {
			if err := s.SaveCitizenPlace(ctx, CitizenPlace{CitizenID: c.ID, ZoneID: p.zone, HasCoords: p.zone == 0, Lat: 45.5, Lon: 7.5}); err != nil {
				t.Fatal(err)
			}
		}
		for _, slug := range p.topics {
			if err := s.Subscribe(ctx, c.ID, topic[slug]); err != nil {
				t.Fatal(err)
			}
		}
		if !p.active {
			if _, err := s.DeactivateChat(ctx, c.ChatID, "blocked"); err != nil {
				t.Fatal(err)
			}
		}
	}
	got, err := s.WasteReminderTargets(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for i := range got {
		slices.Sort(got[i].Types)
	}
	want := []WasteReminderTarget{
		{CitizenID: ids["some types"], ChatID: 100, Language: "it", ZoneID: centro, Types: []string{"carta", "vetro"}},
		{CitizenID: ids["whole topic"], ChatID: 101, Language: "it", ZoneID: stazione, AllTypes: true, Types: []string{"carta", "plastica", "secco", "umido", "vetro"}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("targets\n got %+v\nwant %+v", got, want)
	}

	// Deleting the zone leaves the place without one: no reminder.
	if err := s.ReplaceZones(ctx, ZoneKindZone, []Zone{{Name: "Stazione", GeoJSON: `{"type":"Polygon","coordinates":[[[7,45],[8,45],[8,46],[7,45]]]}`}}); err != nil {
		t.Fatal(err)
	}
	got, err = s.WasteReminderTargets(ctx)
	if err != nil || len(got) != 1 || got[0].CitizenID != ids["whole topic"] {
		t.Errorf("after deleting Centro: %+v %v", got, err)
	}
}

func TestWasteReminderRunIsClaimedOnceAndOnlyWithItsTransaction(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	const evening = "2026-03-28"
	if _, err := s.WasteReminderRunOf(ctx, evening); !errors.Is(err, ErrNotFound) {
		t.Fatalf("no run yet: %v", err)
	}
	// A run that fails after claiming leaves no record: the claim rolls
	// back with the messages.
	boom := errors.New("crash while enqueueing")
	err := s.InTx(ctx, func(tx *Store) error {
		if err := tx.ClaimWasteReminderRun(ctx, evening); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("failed run: %v", err)
	}
	if _, err := s.WasteReminderRunOf(ctx, evening); !errors.Is(err, ErrNotFound) {
		t.Fatalf("a rolled-back run left a record: %v", err)
	}
	err = s.InTx(ctx, func(tx *Store) error {
		if err := tx.ClaimWasteReminderRun(ctx, evening); err != nil {
			return err
		}
		return tx.SetWasteReminderCount(ctx, evening, 42)
	})
	if err != nil {
		t.Fatal(err)
	}
	run, err := s.WasteReminderRunOf(ctx, evening)
	if err != nil || run.Messages != 42 || run.StartedAt != testEpoch.Unix() {
		t.Fatalf("run %+v %v", run, err)
	}
	if err := s.ClaimWasteReminderRun(ctx, evening); !errors.Is(err, ErrWasteRemindersSent) {
		t.Errorf("second claim of the same evening: %v", err)
	}
	if err := s.ClaimWasteReminderRun(ctx, "2026-03-29"); err != nil {
		t.Errorf("the next evening: %v", err)
	}
}

func TestWasteScheduleChangesAreLoggedPerZone(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	centro, stazione := twoZones(t, s)
	// Migrations that add waste types are changes too: start from a clean
	// log to see each zone's own.
	if _, err := s.db.ExecContext(ctx, `DELETE FROM waste_schedule_changes`); err != nil {
		t.Fatal(err)
	}
	for _, z := range []int64{centro, stazione} {
		if at, err := s.WasteScheduleChangedAt(ctx, z); err != nil || at != 0 {
			t.Fatalf("zone %d before any calendar: %d %v", z, at, err)
		}
	}
	if err := s.ReplaceSchedule(ctx, centro, []WasteRule{{Type: "carta", Weekdays: []int{2}}}, []WasteException{{Date: "2026-12-25"}}); err != nil {
		t.Fatal(err)
	}
	if at, err := s.WasteScheduleChangedAt(ctx, centro); err != nil || at == 0 {
		t.Errorf("centro after its import: %d %v", at, err)
	}
	if at, err := s.WasteScheduleChangedAt(ctx, stazione); err != nil || at != 0 {
		t.Errorf("stazione changed with centro: %d %v", at, err)
	}
	// A type's new bin changes every zone's feed.
	if _, err := s.db.ExecContext(ctx, `UPDATE waste_types SET bin_it = 'bidone azzurro' WHERE code = 'carta'`); err != nil {
		t.Fatal(err)
	}
	if at, err := s.WasteScheduleChangedAt(ctx, stazione); err != nil || at == 0 {
		t.Errorf("stazione after a type changed: %d %v", at, err)
	}
}
