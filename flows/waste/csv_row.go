package waste

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// parseRow reads one row: a rule, or exceptions (one per date).
func parseRow(rec []string) (string, *Rule, []Exception, error) {
	if len(rec) != len(csvHeader) {
		return "", nil, nil, problem("", "columns", fmt.Sprint(len(rec)), "expected %d columns, found %d", len(csvHeader), len(rec))
	}
	f := func(i int) string { return ReadCell(rec[i]) }
	zone, typ, kind := f(0), strings.ToLower(f(1)), strings.ToLower(f(2))
	if zone == "" {
		return "", nil, nil, problem("zona", "no_zone", "", "the zone is empty")
	}
	dates, err := parseDates(f(8))
	if err != nil {
		return "", nil, nil, err
	}
	switch kind {
	case "spostata", "annullata":
		if len(dates) == 0 {
			return "", nil, nil, problem("date", "needs_date", kind, "a %s collection needs its date in the column date", kind)
		}
		var to Date
		if kind == "spostata" {
			if len(dates) != 1 {
				return "", nil, nil, problem("date", "one_move", "", "move one date per row")
			}
			if to, err = optionalDate(f(9)); err != nil || to.IsZero() {
				return "", nil, nil, problem("nuova_data", "no_new_date", f(9), "a moved collection needs its new date in nuova_data, such as 2026-12-27")
			}
		}
		var ex []Exception
		for _, d := range dates {
			ex = append(ex, Exception{Type: typ, Date: d, To: to})
		}
		return zone, nil, ex, nil
	case "settimanale", "ogni", "date":
	default:
		return "", nil, nil, problem("regola", "unknown_rule", kind, "unknown rule %q: expected settimanale, ogni, date, spostata or annullata", kind)
	}
	r := Rule{Type: typ, Dates: dates, EveryWeeks: 1}
	if r.Weekdays, err = parseWeekdays(f(3)); err != nil {
		return "", nil, nil, err
	}
	if kind == "ogni" {
		if r.EveryWeeks, err = strconv.Atoi(f(4)); err != nil {
			return "", nil, nil, problem("ogni", "bad_every", f(4), "ogni must be a number of weeks, found %q", f(4))
		}
		if r.Start, err = optionalDate(f(5)); err != nil {
			return "", nil, nil, err
		}
	}
	if r.From, err = optionalDate(f(6)); err != nil {
		return "", nil, nil, err
	}
	if r.Until, err = optionalDate(f(7)); err != nil {
		return "", nil, nil, err
	}
	if kind == "settimanale" && len(r.Weekdays) == 0 {
		return "", nil, nil, problem("giorni", "no_days", "", "a weekly rule needs its days in giorni, such as lun;gio")
	}
	if err := r.Validate(); err != nil {
		return "", nil, nil, err
	}
	return zone, &r, nil, nil
}

func parseWeekdays(s string) ([]time.Weekday, error) {
	var out []time.Weekday
	for _, p := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return r == ';' || r == ' ' || r == '/' }) {
		d, ok := weekdayNames[p]
		if !ok {
			return nil, problem("giorni", "bad_day", p, "%q is not a day: use lun mar mer gio ven sab dom", p)
		}
		out = append(out, d)
	}
	return out, nil
}

func parseDates(s string) ([]Date, error) {
	var out []Date
	for _, p := range strings.Split(s, ";") {
		if p = strings.TrimSpace(p); p == "" {
			continue
		}
		d, err := ParseDate(p)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, nil
}

func optionalDate(s string) (Date, error) {
	if s == "" {
		return Date{}, nil
	}
	return ParseDate(s)
}
