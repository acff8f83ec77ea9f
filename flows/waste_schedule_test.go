package flows

import (
	"context"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/campanile/campanile/flows/waste"
	"github.com/campanile/campanile/store"
)

// A schedule saved and read back is the same schedule, and gives the same
// collections.
func TestZoneScheduleRoundTrip(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "c.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.ReplaceZones(ctx, store.ZoneKindZone, []store.Zone{{Name: "Centro", GeoJSON: `{"type":"Polygon","coordinates":[[[7,45],[7.1,45],[7.1,45.1],[7,45]]]}`}}); err != nil {
		t.Fatal(err)
	}
	zones, _ := st.Zones(ctx, store.ZoneKindZone)
	rules := []waste.Rule{
		{Type: "carta", Weekdays: []time.Weekday{time.Tuesday}, EveryWeeks: 2, Start: waste.D(2026, 1, 6)},
		{Type: "umido", Weekdays: []time.Weekday{time.Monday, time.Thursday}, From: waste.D(2026, 1, 1), Until: waste.D(2026, 12, 31)},
		{Type: "ingombranti", Dates: []waste.Date{waste.D(2026, 3, 14), waste.D(2026, 9, 12)}},
	}
	exceptions := []waste.Exception{{Type: "umido", Date: waste.D(2026, 12, 24), To: waste.D(2026, 12, 27)}, {Date: waste.D(2026, 1, 1)}}
	if err := SaveZoneSchedule(ctx, st, zones[0].ID, rules, exceptions); err != nil {
		t.Fatal(err)
	}
	gotRules, gotEx, err := ZoneSchedule(ctx, st, zones[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	// The store keeps "every week" as 1 and exceptions by date.
	wantRules := slices.Clone(rules)
	wantRules[1].EveryWeeks, wantRules[2].EveryWeeks = 1, 1
	wantEx := []waste.Exception{exceptions[1], exceptions[0]}
	if !reflect.DeepEqual(gotRules, wantRules) || !reflect.DeepEqual(gotEx, wantEx) {
		t.Fatalf("round trip:\n%+v\n%+v", gotRules, gotEx)
	}
	first, last := waste.D(2026, 1, 1), waste.D(2026, 12, 31)
	if a, b := waste.Between(rules, exceptions, first, last), waste.Between(gotRules, gotEx, first, last); !reflect.DeepEqual(a, b) || len(a) == 0 {
		t.Fatalf("collections differ: %d vs %d", len(a), len(b))
	}
}
