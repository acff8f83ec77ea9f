package flows

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/campanile/campanile/flows/waste"
	"github.com/campanile/campanile/store"
)

// harnessInputs are script inputs that set the scene in the store rather
// than go through the engine. The waste cases add theirs:
//
//	> clock at=2025-03-29T23:30:00Z     the store's (and so the engine's) now
//	> wastetown [maps=no] [bare=Borgo]  a comune with two zones and calendars
//	> ecocentro address=... hours=...   the ecocentro's settings
//	> place [user=1001]                 the citizen's saved place
var harnessInputs = map[string]func(t *testing.T, r *caseRun, args map[string]string) string{
	"clock":     setClock,
	"wastetown": seedWasteTown,
	"ecocentro": setEcocentro,
	"place":     showPlace,
}

func setClock(t *testing.T, r *caseRun, args map[string]string) string {
	at, err := time.Parse(time.RFC3339, args["at"])
	if err != nil {
		t.Fatalf("clock needs at=RFC3339: %v", err)
	}
	r.st.SetClock(func() time.Time { return at })
	return fmt.Sprintf("clock %s, in Rome %s", at.UTC().Format(time.RFC3339), at.In(romeTime()).Format("Mon 2006-01-02 15:04 MST"))
}

// The test comune: a boundary, "Centro" in its north half, "Borgo" south
// of it, and a strip along the southern edge that is in the comune but in
// no zone.
const (
	townSouth, townNorth = 45.058, 45.081
	townWest, townEast   = 7.670, 7.702
	borgoSouth, centroS  = 45.062, 45.070
)

func box(s, w, n, e float64) string {
	return fmt.Sprintf(`{"type":"Polygon","coordinates":[[[%[2]f,%[1]f],[%[4]f,%[1]f],[%[4]f,%[3]f],[%[2]f,%[3]f],[%[2]f,%[1]f]]]}`, s, w, n, e)
}

// wasteTownSchedules are the calendars of the test comune, with holidays
// moved and cancelled around Christmas and New Year, and a strike.
var wasteTownSchedules = map[string]struct {
	rules      []waste.Rule
	exceptions []waste.Exception
}{
	"Centro": {
		rules: []waste.Rule{
			{Type: "umido", Weekdays: []time.Weekday{time.Monday, time.Thursday}},
			{Type: "plastica", Weekdays: []time.Weekday{time.Tuesday}},
			{Type: "secco", Weekdays: []time.Weekday{time.Wednesday}},
			{Type: "carta", Weekdays: []time.Weekday{time.Friday}, EveryWeeks: 2, Start: waste.D(2025, 3, 7)},
			{Type: "vetro", Weekdays: []time.Weekday{time.Saturday}, EveryWeeks: 2, Start: waste.D(2025, 3, 1)},
			{Type: "ingombranti", Dates: []waste.Date{waste.D(2025, 3, 6)}},
		},
		exceptions: []waste.Exception{
			{Type: "umido", Date: waste.D(2025, 3, 3), To: waste.D(2025, 3, 4)},
			{Type: "secco", Date: waste.D(2025, 3, 5)},
			{Type: "umido", Date: waste.D(2025, 12, 25), To: waste.D(2025, 12, 27)},
			{Date: waste.D(2025, 12, 26)},
			{Type: "umido", Date: waste.D(2026, 1, 1), To: waste.D(2026, 1, 2)},
		},
	},
	"Borgo": {
		rules: []waste.Rule{
			{Type: "umido", Weekdays: []time.Weekday{time.Tuesday, time.Friday}},
			{Type: "secco", Weekdays: []time.Weekday{time.Monday}},
			{Type: "carta", Weekdays: []time.Weekday{time.Thursday}, EveryWeeks: 2, Start: waste.D(2025, 3, 6)},
		},
	},
}

func seedWasteTown(t *testing.T, r *caseRun, args map[string]string) string {
	ctx := context.Background()
	mapped := args["maps"] != "no"
	shape := func(s, w, n, e float64) string {
		if !mapped {
			return "" // a comune with a list of zones and no map
		}
		return box(s, w, n, e)
	}
	if mapped {
		if err := r.st.ReplaceZones(ctx, store.ZoneKindBoundary, []store.Zone{{Name: "Comune di Esempio", GeoJSON: box(townSouth, townWest, townNorth, townEast)}}); err != nil {
			t.Fatal(err)
		}
	}
	if err := r.st.ReplaceZones(ctx, store.ZoneKindZone, []store.Zone{
		{Name: "Centro", GeoJSON: shape(centroS, townWest, townNorth, townEast)},
		{Name: "Borgo", GeoJSON: shape(borgoSouth, townWest, centroS, townEast)},
	}); err != nil {
		t.Fatal(err)
	}
	zones, err := r.st.Zones(ctx, store.ZoneKindZone)
	if err != nil {
		t.Fatal(err)
	}
	out := "wastetown:"
	for _, z := range zones {
		sc := wasteTownSchedules[z.Name]
		if args["bare"] == z.Name {
			sc.rules, sc.exceptions = nil, nil // staff have not entered it yet
		}
		if err := SaveZoneSchedule(ctx, r.st, z.ID, sc.rules, sc.exceptions); err != nil {
			t.Fatal(err)
		}
		out += fmt.Sprintf(" %s=#%d", z.Name, z.ID)
	}
	return out
}

func setEcocentro(t *testing.T, r *caseRun, args map[string]string) string {
	ctx := context.Background()
	for key, setting := range map[string]string{"address": SettingEcocentroAddress, "hours": SettingEcocentroHours} {
		if v, ok := args[key]; ok {
			if err := r.st.SetSetting(ctx, setting, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	return "ecocentro set"
}

func showPlace(t *testing.T, r *caseRun, args map[string]string) string {
	ctx := context.Background()
	user := r.lastUser
	if v, ok := args["user"]; ok {
		fmt.Sscan(v, &user)
	}
	c, err := r.st.CitizenByTelegramID(ctx, user)
	if errors.Is(err, store.ErrNotFound) {
		return fmt.Sprintf("place user=%d: no citizen", user)
	}
	if err != nil {
		t.Fatal(err)
	}
	p, err := r.st.CitizenPlaceOf(ctx, c.ID)
	if errors.Is(err, store.ErrNotFound) {
		return fmt.Sprintf("place user=%d: none", user)
	}
	if err != nil {
		t.Fatal(err)
	}
	zone := "(gone)"
	if z, err := r.st.ZoneByID(ctx, p.ZoneID); err == nil {
		zone = z.Name
	}
	return fmt.Sprintf("place user=%d: zone=%s coords=%v consented=%s", user, zone, p.HasCoords, unixRFC3339(p.ConsentedAt))
}
