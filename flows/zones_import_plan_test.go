package flows

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/campanile/campanile/store"
)

func mustParseZones(t *testing.T, file string) []ImportedZone {
	t.Helper()
	zones, err := ParseZones([]byte(file))
	if err != nil {
		t.Fatal(err)
	}
	return zones
}

func TestPlanZonesSaysWhatConfirmingWillDo(t *testing.T) {
	old := mustParseZones(t, collection(feature(`{"name":"Centro"}`, centroSquare), feature(`{"name":"Gries"}`, griesSquare), feature(`{"name":"Oltrisarco"}`, griesSquare)))
	stored, err := StoreZones(store.ZoneKindZone, old)
	if err != nil {
		t.Fatal(err)
	}
	for i := range stored {
		stored[i].ID = int64(i + 1)
	}
	// Centro is unchanged, Gries has a new shape, oltrisarco is spelt
	// otherwise, Don Bosco is new; nothing is removed...
	next := mustParseZones(t, collection(feature(`{"name":"Centro"}`, centroSquare), feature(`{"name":"Gries"}`, centroSquare),
		feature(`{"name":"oltrisarco"}`, griesSquare), feature(`{"name":"Don Bosco"}`, centroSquare)))
	plan, err := PlanZones(stored, next)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range plan {
		got = append(got, p.Name+":"+p.Change+":"+p.OldName)
	}
	want := "Centro:unchanged:|Gries:changed:|oltrisarco:changed:Oltrisarco|Don Bosco:new:"
	if strings.Join(got, "|") != want {
		t.Errorf("plan %s\nwant %s", strings.Join(got, "|"), want)
	}
	// ...but a file with Centro alone removes the other two.
	plan, _ = PlanZones(stored, next[:1])
	if len(plan) != 3 || plan[1].Change != ZoneRemoved || plan[1].ID != 2 || plan[2].Name != "Oltrisarco" {
		t.Errorf("removals %+v", plan)
	}
}

func TestZonesGeoJSONReadsBackAsTheSameZones(t *testing.T) {
	zones := mustParseZones(t, validZoneFiles["nome and NOME"])
	out, err := ZonesGeoJSON(zones)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), `"name":"Centro storico"`) {
		t.Errorf("no name property: %s", out)
	}
	back := mustParseZones(t, string(out))
	stored, _ := StoreZones(store.ZoneKindZone, zones)
	for i := range stored {
		stored[i].ID = int64(i + 1)
	}
	plan, _ := PlanZones(stored, back)
	for _, p := range plan {
		if p.Change != ZoneUnchanged {
			t.Errorf("%s: %s after a round trip", p.Name, p.Change)
		}
	}
}

func TestStoredZonesSetsAsideWhatNoLongerReads(t *testing.T) {
	readable, unreadable := StoredZones([]store.Zone{{ID: 1, Name: "Centro", GeoJSON: centroSquare}, {ID: 2, Name: "Rotta", GeoJSON: "{}"}})
	if len(readable) != 1 || readable[0].Name != "Centro" || len(unreadable) != 1 || unreadable[0].ID != 2 {
		t.Errorf("%+v / %+v", readable, unreadable)
	}
}

func TestOutsideBoundaryNamesZonesFarAway(t *testing.T) {
	boundary := mustParseZones(t, collection(feature(`{"name":"Comune"}`, griesSquare)))
	swapped := polygonOf(`[[46.49,11.34],[46.5,11.34],[46.5,11.35],[46.49,11.34]]`)
	zones := mustParseZones(t, collection(feature(`{"name":"Gries"}`, griesSquare), feature(`{"name":"Somalia"}`, swapped)))
	if got := OutsideBoundary(zones, boundary); len(got) != 1 || got[0] != "Somalia" {
		t.Errorf("outside %v", got)
	}
	if got := OutsideBoundary(zones, nil); got != nil {
		t.Errorf("with no boundary: %v", got)
	}
}

// TestLocateUsesZonesAsSoonAsTheyChange: locate reads the zones from the
// store on every call (no cache to go stale), so a report sent right after
// an upload lands in the new zone.
func TestLocateUsesZonesAsSoonAsTheyChange(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "zones.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	apply := func(file string) {
		t.Helper()
		zones, _ := StoreZones(store.ZoneKindZone, mustParseZones(t, file))
		if _, err := st.SyncZones(ctx, store.ZoneKindZone, zones, ""); err != nil {
			t.Fatal(err)
		}
	}
	apply(collection(feature(`{"name":"Centro"}`, centroSquare)))
	// A point in the Gries square, outside Centro.
	const lat, lon = 46.492, 11.315
	if f, err := locate(ctx, st, lat, lon); err != nil || f.ZoneID != 0 {
		t.Fatalf("before: %+v %v", f, err)
	}
	apply(collection(feature(`{"name":"Centro"}`, centroSquare), feature(`{"name":"Gries"}`, griesSquare)))
	f, err := locate(ctx, st, lat, lon)
	if err != nil || f.ZoneName != "Gries" || f.ZoneID == 0 {
		t.Fatalf("after the upload: %+v %v", f, err)
	}
	// Gries moves: the same point now falls outside every zone.
	apply(collection(feature(`{"name":"Centro"}`, centroSquare), feature(`{"name":"Gries"}`, polygonOf(`[[11.0,46.0],[11.1,46.0],[11.1,46.1],[11.0,46.0]]`))))
	if f, _ := locate(ctx, st, lat, lon); f.ZoneID != 0 {
		t.Errorf("after the move: %+v", f)
	}
}
