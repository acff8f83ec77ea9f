package store

import (
	"context"
	"errors"
	"reflect"
	"testing"
)

func TestScheduleRoundTripAndReplace(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	if err := s.ReplaceZones(ctx, ZoneKindZone, []Zone{{Name: "Centro", Kind: ZoneKindZone, GeoJSON: `{"type":"Polygon","coordinates":[[[7,45],[8,45],[8,46],[7,45]]]}`}}); err != nil {
		t.Fatal(err)
	}
	zones, _ := s.Zones(ctx, ZoneKindZone)
	zone := zones[0].ID
	rules := []WasteRule{
		{Type: "carta", Weekdays: []int{2}, EveryWeeks: 1},
		{Type: "vetro", Weekdays: []int{5}, EveryWeeks: 2, Start: "2026-01-09"},
		{Type: "ingombranti", EveryWeeks: 1, Dates: []string{"2026-03-14", "2026-09-12"}},
	}
	exceptions := []WasteException{{Type: "carta", Date: "2026-12-29", To: "2026-12-30"}, {Date: "2027-01-01"}}
	if err := s.ReplaceSchedule(ctx, zone, rules, exceptions); err != nil {
		t.Fatal(err)
	}
	gotRules, gotEx, err := s.Schedule(ctx, zone)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(gotRules, rules) || !reflect.DeepEqual(gotEx, exceptions) {
		t.Errorf("round trip:\n%+v\n%+v", gotRules, gotEx)
	}
	// A failing replacement keeps the old calendar.
	bad := []WasteRule{{Type: "carta", Weekdays: []int{1}}, {Type: "no-such-type", Weekdays: []int{1}}}
	if err := s.ReplaceSchedule(ctx, zone, bad, nil); err == nil {
		t.Fatal("an unknown waste type was accepted")
	}
	if again, _, _ := s.Schedule(ctx, zone); len(again) != 3 {
		t.Errorf("a failed import changed the calendar: %+v", again)
	}
	types, err := s.WasteTypes(ctx)
	if err != nil || len(types) < 7 || types[0].Name("de") != "Papier und Karton" {
		t.Errorf("waste types: %v %+v", err, types)
	}
}

func TestCitizenPlaceSavedReplacedAndForgotten(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	c, _ := s.CitizenSeen(ctx, 1, 1, "Anna", "it", true)
	if _, err := s.CitizenPlaceOf(ctx, c.ID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("no place saved yet: %v", err)
	}
	if err := s.SaveCitizenPlace(ctx, CitizenPlace{CitizenID: c.ID, HasCoords: true, Lat: 45.07, Lon: 7.68}); err != nil {
		t.Fatal(err)
	}
	p, err := s.CitizenPlaceOf(ctx, c.ID)
	if err != nil || !p.HasCoords || p.Lat != 45.07 || p.ConsentedAt == 0 {
		t.Fatalf("place %+v, %v", p, err)
	}
	if err := s.ForgetCitizenPlace(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CitizenPlaceOf(ctx, c.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("forgotten place still there: %v", err)
	}
	// /forget removes the place with the citizen.
	_ = s.SaveCitizenPlace(ctx, CitizenPlace{CitizenID: c.ID})
	if err := s.DeleteCitizen(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CitizenPlaceOf(ctx, c.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("a forgotten citizen's place survived: %v", err)
	}
}
