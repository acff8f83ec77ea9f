package admin

import (
	"fmt"
	"time"

	"github.com/campanile/campanile/flows/waste"
)

// monthView is one month of a zone's calendar as a grid of weeks, Monday
// first, with the days of the neighbouring months that complete the first
// and last week.
type monthView struct {
	Title      string
	Prev, Next string // ?month= values
	Days       []string
	Weeks      [][]dayCell
}

type dayCell struct {
	Day     int
	Date    string // 2026-12-25, for <time datetime>
	InMonth bool
	Today   bool
	Items   []cellItem
}

// cellItem is one line of a day: a collection, possibly moved here from
// another day, or one that an exception moved away or cancelled.
type cellItem struct {
	Type      string
	From      string // moved here from this day
	To        string // moved from here to this day
	Cancelled bool
}

// parseMonth reads ?month=2026-12; ok is false for anything else, or a
// year no calendar of ours covers.
func parseMonth(v string) (year int, month time.Month, ok bool) {
	t, err := time.Parse("2006-01", v)
	if err != nil || t.Year() < 2000 || t.Year() > 2100 {
		return 0, 0, false
	}
	return t.Year(), t.Month(), true
}

// buildMonth lays out the collections of year-month: what goes out each
// day after the exceptions (waste.Between), and where an exception moved
// or cancelled a collection, that too, so that a clerk sees both ends of
// a move.
func buildMonth(p page, types wasteTypeNames, rules []waste.Rule, exceptions []waste.Exception, year int, month time.Month, today waste.Date) monthView {
	first, last := waste.D(year, month, 1), waste.D(year, month+1, 0)
	start := first.AddDays(-mondayOffset(first))
	end := last.AddDays(6 - mondayOffset(last))
	v := monthView{Title: p.T("admin.waste.month_"+fmt.Sprint(int(month)), "Year", year)}
	prev, next := first.AddDays(-1), last.AddDays(1)
	v.Prev, v.Next = fmt.Sprintf("%04d-%02d", prev.Year, prev.Month), fmt.Sprintf("%04d-%02d", next.Year, next.Month)
	for _, d := range weekOrder {
		v.Days = append(v.Days, p.T(fmt.Sprintf("admin.waste.day_%d", d)))
	}
	byDay := map[waste.Date][]cellItem{}
	for _, c := range waste.Between(rules, nil, start, end) {
		if e, ok := firstException(exceptions, c.Type, c.Date); ok {
			byDay[c.Date] = append(byDay[c.Date], cellItem{Type: types.name(c.Type), To: shownDate(e.To), Cancelled: e.To.IsZero()})
		}
	}
	for _, c := range waste.Between(rules, exceptions, start, end) {
		item := cellItem{Type: types.name(c.Type)}
		if c.Moved {
			item.From = shownDate(movedFrom(exceptions, c))
		}
		byDay[c.Date] = append(byDay[c.Date], item)
	}
	for d := start; !d.After(end); d = d.AddDays(7) {
		week := make([]dayCell, 0, 7)
		for i := range 7 {
			day := d.AddDays(i)
			week = append(week, dayCell{Day: day.Day, Date: day.String(), InMonth: day.Month == month, Today: day == today, Items: byDay[day]})
		}
		v.Weeks = append(v.Weeks, week)
	}
	return v
}

// mondayOffset is how many days d is after the Monday of its week.
func mondayOffset(d waste.Date) int { return (int(d.Weekday()) + 6) % 7 }

// firstException is the exception the calendar applies to a type's
// collection on day d: the first that names that day and the type or
// every type (waste.Between's own rule).
func firstException(exceptions []waste.Exception, typ string, d waste.Date) (waste.Exception, bool) {
	for _, e := range exceptions {
		if e.Date == d && (e.Type == "" || e.Type == typ) {
			return e, true
		}
	}
	return waste.Exception{}, false
}

// movedFrom is the day a moved collection was due on.
func movedFrom(exceptions []waste.Exception, c waste.Collection) waste.Date {
	for _, e := range exceptions {
		if e.To == c.Date && (e.Type == "" || e.Type == c.Type) {
			return e.Date
		}
	}
	return waste.Date{}
}
