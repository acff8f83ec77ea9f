package admin

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/campanile/campanile/flows"
	"github.com/campanile/campanile/flows/waste"
	"github.com/campanile/campanile/store"
)

// zoneNotices are the outcomes a redirect to a zone's page may name.
var zoneNotices = []string{"rule_added", "rule_saved", "rule_deleted", "exception_added", "exception_saved", "exception_deleted"}

type ruleRow struct {
	N                                int
	Type, Days, Every, Period, Dates string
}

type exceptionRow struct {
	N                  int
	Date, Type, Change string
	Idle               bool // no collection of that type is due that day
}

type zoneView struct {
	Zone          store.Zone
	Rules         []ruleRow
	Exceptions    []exceptionRow
	Month         monthView
	Notice, Error string // a message id; a translated message
}

// wasteZone is a zone's calendar: its rules and exceptions, each with its
// form, and a month of it as a grid (?month=2026-12, this month if none).
func (s *Server) wasteZone() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		z, ok := s.wasteZoneTarget(w, r)
		if !ok {
			return
		}
		v := zoneView{}
		if done := r.URL.Query().Get("done"); slices.Contains(zoneNotices, done) {
			v.Notice = "admin.waste.done_" + done
		}
		code := http.StatusOK
		if m := r.URL.Query().Get("month"); m != "" {
			if _, _, ok := parseMonth(m); !ok {
				code = http.StatusBadRequest
				v.Error = s.newPage(r, "admin.waste.title", nil).T("admin.waste.error_month", "Value", shortName(m))
			}
		}
		s.showWasteZone(w, r, code, z, v)
	}
}

// showWasteZone renders a zone's page with v's notice or error: the page
// a refused delete falls back to.
func (s *Server) showWasteZone(w http.ResponseWriter, r *http.Request, code int, z store.Zone, v zoneView) {
	ctx := r.Context()
	p := s.newPage(r, "admin.waste.zone_title", nil)
	p.Title = p.T("admin.waste.zone_heading", "Zone", z.Name)
	types, err := s.loadWasteTypes(ctx, p.Lang)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	rules, exceptions, err := flows.ZoneSchedule(ctx, s.st, z.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	v.Zone = z
	for i, rule := range rules {
		v.Rules = append(v.Rules, describeRule(p, types, i+1, rule))
	}
	for i, e := range exceptions {
		row := exceptionRow{N: i + 1, Date: shownDate(e.Date), Type: p.T("admin.waste.all_types"), Change: p.T("admin.waste.cancelled")}
		if e.Type != "" {
			row.Type = types.name(e.Type)
		}
		if !e.To.IsZero() {
			row.Change = p.T("admin.waste.moved_to", "Date", shownDate(e.To))
		}
		row.Idle = !dueOn(rules, e)
		v.Exceptions = append(v.Exceptions, row)
	}
	today := waste.DateIn(time.Now(), rome)
	year, month, ok := parseMonth(r.URL.Query().Get("month"))
	if !ok {
		year, month = today.Year, today.Month
	}
	v.Month = buildMonth(p, types, rules, exceptions, year, month, today)
	p.Data = v
	s.render(w, r, code, "waste_zone", p)
}

// dueOn tells whether a collection the exception names is due that day
// by the rules: one that is not is a leftover of an old calendar, harmless
// but worth a look.
func dueOn(rules []waste.Rule, e waste.Exception) bool {
	for _, c := range waste.On(rules, nil, e.Date) {
		if e.Type == "" || c.Type == e.Type {
			return true
		}
	}
	return false
}

// describeRule puts a rule into words, one column of the table each.
func describeRule(p page, types wasteTypeNames, n int, r waste.Rule) ruleRow {
	row := ruleRow{N: n, Type: types.name(r.Type)}
	var days []string
	for _, d := range weekOrder {
		if slices.Contains(r.Weekdays, d) {
			days = append(days, p.T("admin.waste.day_"+strconv.Itoa(int(d))))
		}
	}
	row.Days = strings.Join(days, ", ")
	switch {
	case len(days) == 0:
	case r.EveryWeeks > 1:
		row.Every = p.T("admin.waste.every_n", "N", r.EveryWeeks, "Start", shownDate(r.Start))
	default:
		row.Every = p.T("admin.waste.every_week")
	}
	switch {
	case !r.From.IsZero() && !r.Until.IsZero():
		row.Period = p.T("admin.waste.period_between", "From", shownDate(r.From), "Until", shownDate(r.Until))
	case !r.From.IsZero():
		row.Period = p.T("admin.waste.period_from", "From", shownDate(r.From))
	case !r.Until.IsZero():
		row.Period = p.T("admin.waste.period_until", "Until", shownDate(r.Until))
	default:
		row.Period = p.T("admin.waste.period_always")
	}
	dates := make([]string, 0, len(r.Dates))
	for _, d := range r.Dates {
		dates = append(dates, shownDate(d))
	}
	row.Dates = strings.Join(dates, ", ")
	return row
}
