package demo

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/campanile/campanile/flows"
	"github.com/campanile/campanile/flows/waste"
	"github.com/campanile/campanile/store"
)

// seededStore is a playground database seeded twice, on 15 November 2025:
// its year of calendar runs from 1 November 2025 to 31 October 2026, over
// Christmas, New Year and 1 May.
func seededStore(t *testing.T) *store.Store {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	st.SetClock(func() time.Time { return time.Date(2025, 11, 15, 10, 0, 0, 0, time.UTC) })
	for range 2 {
		if err := Seed(ctx, st); err != nil {
			t.Fatal(err)
		}
	}
	return st
}

var (
	yearFrom  = waste.D(2025, 11, 1)
	yearUntil = waste.D(2026, 10, 31)
)

func TestSeedGivesEveryDemoZoneAYearOfCalendar(t *testing.T) {
	ctx := context.Background()
	st := seededStore(t)
	zones, err := st.Zones(ctx, store.ZoneKindZone)
	if err != nil || len(zones) != 4 {
		t.Fatalf("zones %v, %v", zones, err)
	}
	umidoDays := map[string]int{}
	leaflets := map[string]bool{}
	for _, z := range zones {
		rules, exceptions, err := flows.ZoneSchedule(ctx, st, z.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rules {
			if err := r.Validate(); err != nil {
				t.Errorf("%s: %v", z.Name, err)
			}
		}
		year := waste.Between(rules, exceptions, yearFrom, yearUntil)
		perType := map[string]int{}
		var leaflet []string
		for _, c := range year {
			perType[c.Type]++
			if c.Date.Weekday() == time.Sunday || isHoliday(c.Date) {
				t.Errorf("%s: %s collected on %s, a Sunday or a holiday", z.Name, c.Type, c.Date)
			}
		}
		for _, r := range rules {
			leaflet = append(leaflet, fmt.Sprint(r.Type, r.Weekdays, r.EveryWeeks, r.Start))
			if r.Type == "umido" {
				umidoDays[fmt.Sprint(r.Weekdays)]++
			}
		}
		leaflets[fmt.Sprint(leaflet)] = true
		// Weekly types near 52 a year (holidays move, a few skip), every
		// two weeks near 26, ingombranti on a few dates.
		for typ, want := range map[string][2]int{"umido": {100, 105}, "secco": {50, 53}, "plastica": {49, 53}, "carta": {24, 27}, "vetro": {24, 27}, "ingombranti": {3, 4}} {
			if n := perType[typ]; n < want[0] || n > want[1] {
				t.Errorf("%s: %d collections of %s in a year, want %d to %d", z.Name, n, typ, want[0], want[1])
			}
		}
		if len(exceptions) == 0 {
			t.Errorf("%s: no holiday exceptions", z.Name)
		}
	}
	if umidoDays["[Monday Thursday]"] != 2 || umidoDays["[Tuesday Friday]"] != 2 {
		t.Errorf("umido days per zone: %v, want two zones Mon/Thu and two Tue/Fri", umidoDays)
	}
	if len(leaflets) != 4 {
		t.Errorf("%d different calendars for 4 zones", len(leaflets))
	}
}

func TestSeedMovesChristmasAndCancelsOnLabourDay(t *testing.T) {
	ctx := context.Background()
	st := seededStore(t)
	zones, _ := st.Zones(ctx, store.ZoneKindZone)
	byName := map[string]store.Zone{}
	for _, z := range zones {
		byName[z.Name] = z
	}
	// Centro storico collects umido on Thursdays: Christmas 2025 is one,
	// and Santo Stefano is a holiday too, so it goes to Saturday 27.
	rules, exceptions, err := flows.ZoneSchedule(ctx, st, byName["Centro storico"].ID)
	if err != nil {
		t.Fatal(err)
	}
	moved := slices.ContainsFunc(waste.On(rules, exceptions, waste.D(2025, 12, 27)), func(c waste.Collection) bool {
		return c.Type == "umido" && c.Moved
	})
	if !moved {
		t.Errorf("Centro storico: umido of 25 December not moved to the 27th: %+v", exceptions)
	}
	// Borgo Mercato collects plastica on Fridays: 1 May 2026 is one, and
	// it is skipped rather than moved.
	rules, exceptions, _ = flows.ZoneSchedule(ctx, st, byName["Borgo Mercato"].ID)
	if !slices.Contains(exceptions, waste.Exception{Type: "plastica", Date: waste.D(2026, 5, 1)}) {
		t.Errorf("Borgo Mercato: plastica of 1 May not cancelled: %+v", exceptions)
	}
	if got := waste.On(rules, exceptions, waste.D(2026, 5, 2)); slices.ContainsFunc(got, func(c waste.Collection) bool { return c.Type == "plastica" }) {
		t.Errorf("a cancelled plastica turned up the day after: %+v", got)
	}
}

func TestSeedKeepsWhatStaffChanged(t *testing.T) {
	ctx := context.Background()
	st := seededStore(t)
	zones, _ := st.Zones(ctx, store.ZoneKindZone)
	own := []waste.Rule{{Type: "secco", Weekdays: []time.Weekday{time.Monday}}}
	if err := flows.SaveZoneSchedule(ctx, st, zones[0].ID, own, nil); err != nil {
		t.Fatal(err)
	}
	if err := st.SetSetting(ctx, flows.SettingEcocentroHours, "solo il sabato"); err != nil {
		t.Fatal(err)
	}
	before, beforeEx, _ := st.Schedule(ctx, zones[1].ID)
	if err := Seed(ctx, st); err != nil {
		t.Fatal(err)
	}
	rules, _, _ := flows.ZoneSchedule(ctx, st, zones[0].ID)
	if len(rules) != 1 || rules[0].Type != "secco" {
		t.Errorf("seeding again replaced staff's calendar: %+v", rules)
	}
	after, afterEx, _ := st.Schedule(ctx, zones[1].ID)
	if len(after) != len(before) || len(afterEx) != len(beforeEx) {
		t.Errorf("seeding again changed a demo calendar: %d rules %d exceptions, then %d and %d", len(before), len(beforeEx), len(after), len(afterEx))
	}
	if hours, _ := st.Setting(ctx, flows.SettingEcocentroHours); hours != "solo il sabato" {
		t.Errorf("ecocentro hours %q after seeding again", hours)
	}
	if addr, _ := st.Setting(ctx, flows.SettingEcocentroAddress); addr != demoEcocentroAddress {
		t.Errorf("ecocentro address %q", addr)
	}
}
