// Package waste is the waste-collection calendar's arithmetic: which types
// of waste go out on which day in a zone, from weekly rules, rules every
// n weeks, single dates, and the exceptions of holidays. It works on
// calendar dates, never on instants, so a daylight-saving change cannot
// move a collection to another day.
package waste

import (
	"time"
)

// Date is a day of the civil calendar, with no time and no zone.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// D builds a Date, normalising overflow (31 April is 1 May) like time.Date.
func D(year int, month time.Month, day int) Date {
	return dateOf(time.Date(year, month, day, 12, 0, 0, 0, time.UTC))
}

// DateIn is the date an instant falls on in loc (for "today" in Rome).
func DateIn(t time.Time, loc *time.Location) Date { return dateOf(t.In(loc)) }

func dateOf(t time.Time) Date { return Date{t.Year(), t.Month(), t.Day()} }

// ParseDate reads 2006-01-02.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, problem("", "bad_date", s, "waste: %q is not a date like 2026-12-25", s)
	}
	return dateOf(t), nil
}

// noon is the date as an instant at noon UTC: day arithmetic on it never
// crosses a day boundary by accident.
func (d Date) noon() time.Time { return time.Date(d.Year, d.Month, d.Day, 12, 0, 0, 0, time.UTC) }

// AddDays moves n days forward (or back).
func (d Date) AddDays(n int) Date { return dateOf(d.noon().AddDate(0, 0, n)) }

// Weekday is the day of the week.
func (d Date) Weekday() time.Weekday { return d.noon().Weekday() }

// Before, After and Equal compare dates.
func (d Date) Before(o Date) bool { return d.noon().Before(o.noon()) }
func (d Date) After(o Date) bool  { return d.noon().After(o.noon()) }
func (d Date) IsZero() bool       { return d == Date{} }

// DaysSince counts whole days from o to d.
func (d Date) DaysSince(o Date) int { return int(d.noon().Sub(o.noon()).Hours() / 24) }

func (d Date) String() string { return d.noon().Format(time.DateOnly) }

// At is the instant of the given local time on this date in loc: 19:00 in
// Rome is 18:00 UTC in winter and 17:00 in summer.
func (d Date) At(hour, minute int, loc *time.Location) time.Time {
	return time.Date(d.Year, d.Month, d.Day, hour, minute, 0, 0, loc)
}
