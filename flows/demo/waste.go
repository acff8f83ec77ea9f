package demo

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"
	_ "time/tzdata" // Europe/Rome even on a host without a zoneinfo database

	"github.com/campanile/campanile/flows"
	"github.com/campanile/campanile/flows/waste"
	"github.com/campanile/campanile/store"
)

// zoneCalendar is one demo quartiere's week: the days of each type, as
// a comune's leaflet would print them.
type zoneCalendar struct {
	zone        string
	umido       []time.Weekday
	secco       time.Weekday
	plastica    time.Weekday
	carta       time.Weekday // every two weeks
	cartaOffset int          // 0 or 1: which of the two weeks
	vetro       time.Weekday // every two weeks
	vetroOffset int
	verde       bool // garden waste from April to October
	bulkyMonth  int  // ingombranti every three months, from this month on
}

var demoCalendars = []zoneCalendar{
	{"Centro storico", []time.Weekday{time.Monday, time.Thursday}, time.Wednesday, time.Tuesday, time.Friday, 0, time.Saturday, 0, false, 0},
	{"Borgo Mercato", []time.Weekday{time.Monday, time.Thursday}, time.Tuesday, time.Friday, time.Wednesday, 1, time.Friday, 0, true, 1},
	{"San Rocco", []time.Weekday{time.Tuesday, time.Friday}, time.Thursday, time.Monday, time.Wednesday, 0, time.Monday, 1, true, 2},
	{"Stazione", []time.Weekday{time.Tuesday, time.Friday}, time.Monday, time.Wednesday, time.Thursday, 1, time.Saturday, 1, false, 0},
}

// Demo ecocentro, shown by "Centro di raccolta" in the playground.
const (
	demoEcocentroAddress = "Via dell'Artigianato 4, zona industriale"
	demoEcocentroHours   = "lun-ven 14:00-18:00; sab 8:30-12:30 e 14:00-17:00"
)

// seedWaste gives each demo zone that has no calendar a year of one, from
// the first of this month, and the ecocentro its address and hours when
// staff have not set them. A zone staff already filled keeps its own.
func seedWaste(ctx context.Context, st *store.Store) error {
	rome, err := time.LoadLocation("Europe/Rome")
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	today := waste.DateIn(st.Now(), rome)
	from := waste.D(today.Year, today.Month, 1)
	until := waste.D(from.Year+1, from.Month, 1).AddDays(-1)
	zones, err := st.Zones(ctx, store.ZoneKindZone)
	if err != nil {
		return err
	}
	for _, z := range zones {
		i := slices.IndexFunc(demoCalendars, func(c zoneCalendar) bool { return c.zone == z.Name })
		if i < 0 {
			continue // staff's own zone: not ours to fill
		}
		rules, exceptions, err := st.Schedule(ctx, z.ID)
		if err != nil {
			return err
		}
		if len(rules) > 0 || len(exceptions) > 0 {
			continue
		}
		sched := demoCalendars[i].rules(from, until)
		for _, r := range sched {
			if err := r.Validate(); err != nil {
				return fmt.Errorf("demo: calendar of %s: %w", z.Name, err)
			}
		}
		if err := flows.SaveZoneSchedule(ctx, st, z.ID, sched, holidayExceptions(sched, from, until)); err != nil {
			return fmt.Errorf("demo: calendar of %s: %w", z.Name, err)
		}
	}
	for key, value := range map[string]string{flows.SettingEcocentroAddress: demoEcocentroAddress, flows.SettingEcocentroHours: demoEcocentroHours} {
		_, err := st.Setting(ctx, key)
		if errors.Is(err, store.ErrNotFound) {
			err = st.SetSetting(ctx, key, value)
		}
		if err != nil {
			return fmt.Errorf("demo: %w", err)
		}
	}
	return nil
}

// rules writes the zone's leaflet as calendar rules bounded to a year.
func (c zoneCalendar) rules(from, until waste.Date) []waste.Rule {
	weekly := func(typ string, days ...time.Weekday) waste.Rule {
		return waste.Rule{Type: typ, Weekdays: days, From: from, Until: until}
	}
	fortnightly := func(typ string, day time.Weekday, offset int) waste.Rule {
		r := weekly(typ, day)
		r.EveryWeeks, r.Start = 2, firstOn(from, day).AddDays(7*offset)
		return r
	}
	rules := []waste.Rule{
		weekly("umido", c.umido...),
		weekly("secco", c.secco),
		weekly("plastica", c.plastica),
		fortnightly("carta", c.carta, c.cartaOffset),
		fortnightly("vetro", c.vetro, c.vetroOffset),
	}
	if c.verde {
		year := from.Year
		if from.After(waste.D(year, time.October, 31)) {
			year++
		}
		rules = append(rules, waste.Rule{Type: "verde", Weekdays: []time.Weekday{time.Saturday}, From: waste.D(year, time.April, 1), Until: waste.D(year, time.October, 31)})
	}
	bulky := waste.Rule{Type: "ingombranti"}
	for m := c.bulkyMonth; m < 12; m += 3 {
		first := waste.D(from.Year, from.Month+time.Month(m), 1)
		bulky.Dates = append(bulky.Dates, firstOn(first, time.Saturday).AddDays(7)) // the second Saturday
	}
	return append(rules, bulky)
}

// firstOn is the first day on or after d that falls on day.
func firstOn(d waste.Date, day time.Weekday) waste.Date {
	return d.AddDays((int(day) - int(d.Weekday()) + 7) % 7)
}

// holidays the demo calendar works around: Christmas, Santo Stefano, New
// Year's Day and Labour Day.
func isHoliday(d waste.Date) bool {
	return (d.Month == time.December && (d.Day == 25 || d.Day == 26)) ||
		(d.Month == time.January && d.Day == 1) || (d.Month == time.May && d.Day == 1)
}

// holidayExceptions does what comuni usually do: food and residual waste
// move to the next working day; the others move too, except on Santo
// Stefano and 1 May, when they are simply skipped.
func holidayExceptions(rules []waste.Rule, from, until waste.Date) []waste.Exception {
	var out []waste.Exception
	for d := from; !d.After(until); d = d.AddDays(1) {
		if !isHoliday(d) {
			continue
		}
		for _, c := range waste.On(rules, nil, d) {
			skip := (d.Month == time.December && d.Day == 26) || d.Month == time.May
			if skip && c.Type != "umido" && c.Type != "secco" {
				out = append(out, waste.Exception{Type: c.Type, Date: d})
				continue
			}
			out = append(out, waste.Exception{Type: c.Type, Date: d, To: nextWorkingDay(d)})
		}
	}
	return out
}

func nextWorkingDay(d waste.Date) waste.Date {
	for d = d.AddDays(1); d.Weekday() == time.Sunday || isHoliday(d); d = d.AddDays(1) {
	}
	return d
}
