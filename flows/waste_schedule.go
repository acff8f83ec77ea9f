package flows

import (
	"context"
	"fmt"
	"time"

	"github.com/campanile/campanile/flows/waste"
	"github.com/campanile/campanile/store"
)

// ZoneSchedule reads a zone's collection rules and exceptions as the
// calendar arithmetic wants them. A stored date that no longer parses is an
// error: the import validated it, so it means a damaged database.
func ZoneSchedule(ctx context.Context, st *store.Store, zoneID int64) ([]waste.Rule, []waste.Exception, error) {
	stored, storedEx, err := st.Schedule(ctx, zoneID)
	if err != nil {
		return nil, nil, err
	}
	var rules []waste.Rule
	for _, sr := range stored {
		r := waste.Rule{Type: sr.Type, EveryWeeks: sr.EveryWeeks}
		for _, d := range sr.Weekdays {
			r.Weekdays = append(r.Weekdays, time.Weekday(d))
		}
		for _, f := range []struct {
			s   string
			dst *waste.Date
		}{{sr.Start, &r.Start}, {sr.From, &r.From}, {sr.Until, &r.Until}} {
			if *f.dst, err = optionalWasteDate(f.s); err != nil {
				return nil, nil, fmt.Errorf("flows: zone %d, %s rule: %w", zoneID, sr.Type, err)
			}
		}
		for _, s := range sr.Dates {
			d, err := waste.ParseDate(s)
			if err != nil {
				return nil, nil, fmt.Errorf("flows: zone %d, %s rule: %w", zoneID, sr.Type, err)
			}
			r.Dates = append(r.Dates, d)
		}
		rules = append(rules, r)
	}
	var exceptions []waste.Exception
	for _, se := range storedEx {
		e := waste.Exception{Type: se.Type}
		if e.Date, err = waste.ParseDate(se.Date); err != nil {
			return nil, nil, fmt.Errorf("flows: zone %d, exception: %w", zoneID, err)
		}
		if e.To, err = optionalWasteDate(se.To); err != nil {
			return nil, nil, fmt.Errorf("flows: zone %d, exception: %w", zoneID, err)
		}
		exceptions = append(exceptions, e)
	}
	return rules, exceptions, nil
}

// SaveZoneSchedule replaces a zone's rules and exceptions with sc's, all
// at once.
func SaveZoneSchedule(ctx context.Context, st *store.Store, zoneID int64, rules []waste.Rule, exceptions []waste.Exception) error {
	stored := make([]store.WasteRule, 0, len(rules))
	for _, r := range rules {
		sr := store.WasteRule{Type: r.Type, EveryWeeks: r.EveryWeeks, Start: dateText(r.Start), From: dateText(r.From), Until: dateText(r.Until)}
		for _, d := range r.Weekdays {
			sr.Weekdays = append(sr.Weekdays, int(d))
		}
		for _, d := range r.Dates {
			sr.Dates = append(sr.Dates, d.String())
		}
		stored = append(stored, sr)
	}
	storedEx := make([]store.WasteException, 0, len(exceptions))
	for _, e := range exceptions {
		storedEx = append(storedEx, store.WasteException{Type: e.Type, Date: e.Date.String(), To: dateText(e.To)})
	}
	return st.ReplaceSchedule(ctx, zoneID, stored, storedEx)
}

func optionalWasteDate(s string) (waste.Date, error) {
	if s == "" {
		return waste.Date{}, nil
	}
	return waste.ParseDate(s)
}

func dateText(d waste.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}
