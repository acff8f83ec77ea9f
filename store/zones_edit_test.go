package store

import (
	"context"
	"errors"
	"slices"
	"testing"
)

const (
	squareA = `{"type":"Polygon","coordinates":[[[11,46],[11.1,46],[11.1,46.1],[11,46]]]}`
	squareB = `{"type":"Polygon","coordinates":[[[11.2,46],[11.3,46],[11.3,46.1],[11.2,46]]]}`
)

// zoneFixture is a store with three zones, the first ("Centro storico")
// used by a waste rule, an exception, a saved place and a report.
func zoneFixture(t *testing.T) (*Store, map[string]Zone, Report, Citizen) {
	t.Helper()
	ctx := context.Background()
	s := newTestStore(t)
	if err := s.ReplaceZones(ctx, ZoneKindZone, []Zone{{Name: "Centro storico", GeoJSON: squareA}, {Name: "Gries", GeoJSON: squareB}, {Name: "Oltrisarco", GeoJSON: squareB}}); err != nil {
		t.Fatal(err)
	}
	byName := map[string]Zone{}
	zones, _ := s.Zones(ctx, ZoneKindZone)
	for _, z := range zones {
		byName[z.Name] = z
	}
	centro := byName["Centro storico"].ID
	if err := s.ReplaceSchedule(ctx, centro, []WasteRule{{Type: "carta", Weekdays: []int{2}}}, []WasteException{{Date: "2026-01-01"}}); err != nil {
		t.Fatal(err)
	}
	c, _ := s.CitizenSeen(ctx, 1, 101, "Anna", "it", true)
	if err := s.SaveCitizenPlace(ctx, CitizenPlace{CitizenID: c.ID, ZoneID: centro}); err != nil {
		t.Fatal(err)
	}
	r, err := s.CreateReport(ctx, NewReport{CitizenID: c.ID, CategoryID: categoryID(t, s, "strade-buca"), ZoneID: byName["Gries"].ID, Description: "buca"})
	if err != nil {
		t.Fatal(err)
	}
	return s, byName, r, c
}

func TestZoneUsagesCountWhatRefersToEachZone(t *testing.T) {
	s, byName, _, _ := zoneFixture(t)
	got, err := s.ZoneUsages(context.Background(), ZoneKindZone)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]ZoneUsage{
		"Centro storico": {Places: 1, WasteRules: 1, WasteExceptions: 1},
		"Gries":          {Reports: 1},
		"Oltrisarco":     {},
	}
	for name, u := range want {
		if got[byName[name].ID] != u {
			t.Errorf("%s: %+v, want %+v", name, got[byName[name].ID], u)
		}
	}
}

func TestSyncZonesKeepsZonesByNameAndRemovesTheOthers(t *testing.T) {
	ctx := context.Background()
	s, byName, rep, c := zoneFixture(t)
	before, _ := s.Zones(ctx, ZoneKindZone)
	// "CENTRO  storico" is the same zone spelt differently, with a new
	// shape; Oltrisarco stays as it was; Gries goes; Don Bosco is new.
	ch, err := s.SyncZones(ctx, ZoneKindZone, []Zone{
		{Name: "CENTRO  storico", GeoJSON: squareB},
		{Name: "Oltrisarco", GeoJSON: squareB},
		{Name: "Don Bosco", GeoJSON: squareA},
	}, ZonesFingerprint(before))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(ch.Added, []string{"Don Bosco"}) || !slices.Equal(ch.Updated, []string{"CENTRO  storico"}) ||
		!slices.Equal(ch.Unchanged, []string{"Oltrisarco"}) || !slices.Equal(ch.Removed, []string{"Gries"}) {
		t.Errorf("changes %+v", ch)
	}
	centro, err := s.ZoneByID(ctx, byName["Centro storico"].ID)
	if err != nil || centro.Name != "CENTRO  storico" || centro.GeoJSON != squareB {
		t.Errorf("the kept zone: %+v %v", centro, err)
	}
	if rules, ex, _ := s.Schedule(ctx, centro.ID); len(rules) != 1 || len(ex) != 1 {
		t.Errorf("the kept zone lost its calendar: %v %v", rules, ex)
	}
	if p, _ := s.CitizenPlaceOf(ctx, c.ID); p.ZoneID != centro.ID {
		t.Errorf("the saved place lost its zone: %+v", p)
	}
	if _, err := s.ZoneByID(ctx, byName["Gries"].ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("Gries still there: %v", err)
	}
	if r, _ := s.ReportByID(ctx, rep.ID); r.ZoneID != 0 {
		t.Errorf("the report keeps a removed zone: %d", r.ZoneID)
	}
	if ok, _ := s.ZoneByID(ctx, byName["Oltrisarco"].ID); ok.UpdatedAt != byName["Oltrisarco"].UpdatedAt {
		t.Error("an unchanged zone was rewritten")
	}
}

func TestSyncZonesRefusesAStalePreviewAndChangesNothing(t *testing.T) {
	ctx := context.Background()
	s, _, _, _ := zoneFixture(t)
	before, _ := s.Zones(ctx, ZoneKindZone)
	stale := ZonesFingerprint(before)
	// A colleague changes the zones between the preview and the confirm.
	if _, err := s.SyncZones(ctx, ZoneKindZone, []Zone{{Name: "Centro storico", GeoJSON: squareA}, {Name: "Gries", GeoJSON: squareA}, {Name: "Oltrisarco", GeoJSON: squareB}}, ""); err != nil {
		t.Fatal(err)
	}
	middle, _ := s.Zones(ctx, ZoneKindZone)
	_, err := s.SyncZones(ctx, ZoneKindZone, []Zone{{Name: "Nuova", GeoJSON: squareA}}, stale)
	if !errors.Is(err, ErrZonesChanged) {
		t.Fatalf("stale preview: %v", err)
	}
	if after, _ := s.Zones(ctx, ZoneKindZone); ZonesFingerprint(after) != ZonesFingerprint(middle) {
		t.Errorf("a refused sync changed the zones: %+v", after)
	}
}

func TestSyncZonesRefusesNamelessOrDuplicateZones(t *testing.T) {
	ctx := context.Background()
	s, _, _, _ := zoneFixture(t)
	before, _ := s.Zones(ctx, ZoneKindZone)
	for _, zones := range [][]Zone{
		{{Name: "  ", GeoJSON: squareA}},
		{{Name: "Gries", GeoJSON: squareA}, {Name: "gries", GeoJSON: squareB}},
	} {
		if _, err := s.SyncZones(ctx, ZoneKindZone, zones, ""); err == nil {
			t.Errorf("%+v accepted", zones)
		}
	}
	if after, _ := s.Zones(ctx, ZoneKindZone); ZonesFingerprint(after) != ZonesFingerprint(before) {
		t.Error("a refused sync changed the zones")
	}
}

func TestSyncZonesOfOneKindLeavesTheOtherAlone(t *testing.T) {
	ctx := context.Background()
	s, _, _, _ := zoneFixture(t)
	ch, err := s.SyncZones(ctx, ZoneKindBoundary, []Zone{{Name: "Comune", GeoJSON: squareA}}, "")
	if err != nil || !slices.Equal(ch.Added, []string{"Comune"}) {
		t.Fatalf("%+v %v", ch, err)
	}
	if zones, _ := s.Zones(ctx, ZoneKindZone); len(zones) != 3 {
		t.Errorf("the boundary upload touched the zones: %+v", zones)
	}
	if got := ch.String(); got != "added=1[Comune] updated=0 unchanged=0 removed=0" {
		t.Errorf("summary %q", got)
	}
}
