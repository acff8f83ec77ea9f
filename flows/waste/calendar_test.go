package waste

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

func list(cs []Collection) string {
	var parts []string
	for _, c := range cs {
		s := c.Date.String() + " " + c.Type
		if c.Moved {
			s += " (spostata)"
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, ", ")
}

func TestBetween(t *testing.T) {
	carta := Rule{Type: "carta", Weekdays: []time.Weekday{time.Tuesday}}
	umido := Rule{Type: "umido", Weekdays: []time.Weekday{time.Monday, time.Thursday}}
	vetro := Rule{Type: "vetro", Weekdays: []time.Weekday{time.Friday}, EveryWeeks: 2, Start: D(2026, 1, 9)}
	ingombranti := Rule{Type: "ingombranti", Dates: []Date{D(2026, 3, 14), D(2026, 9, 12)}}
	estate := Rule{Type: "verde", Weekdays: []time.Weekday{time.Wednesday}, From: D(2026, 4, 1), Until: D(2026, 10, 31)}
	cases := []struct {
		label       string
		rules       []Rule
		exceptions  []Exception
		first, last Date
		want        string
	}{
		{"weekly", []Rule{carta}, nil, D(2026, 2, 2), D(2026, 2, 15),
			"2026-02-03 carta, 2026-02-10 carta"},
		{"two days a week, in date order", []Rule{carta, umido}, nil, D(2026, 2, 2), D(2026, 2, 8),
			"2026-02-02 umido, 2026-02-03 carta, 2026-02-05 umido"},
		{"every two weeks from the first collection", []Rule{vetro}, nil, D(2026, 1, 1), D(2026, 2, 28),
			"2026-01-09 vetro, 2026-01-23 vetro, 2026-02-06 vetro, 2026-02-20 vetro"},
		{"every two weeks, also before the first collection's date", []Rule{vetro}, nil, D(2025, 12, 20), D(2026, 1, 9),
			"2025-12-26 vetro, 2026-01-09 vetro"},
		{"single dates", []Rule{ingombranti}, nil, D(2026, 1, 1), D(2026, 12, 31),
			"2026-03-14 ingombranti, 2026-09-12 ingombranti"},
		{"a seasonal rule stays in its season", []Rule{estate}, nil, D(2026, 3, 25), D(2026, 4, 10),
			"2026-04-01 verde, 2026-04-08 verde"},
		{"Christmas moved to the 27th", []Rule{{Type: "secco", Weekdays: []time.Weekday{time.Friday}}},
			[]Exception{{Type: "secco", Date: D(2026, 12, 25), To: D(2026, 12, 27)}}, D(2026, 12, 21), D(2026, 12, 31),
			"2026-12-27 secco (spostata)"},
		{"a cancelled day", []Rule{carta}, []Exception{{Date: D(2026, 2, 10)}}, D(2026, 2, 2), D(2026, 2, 15),
			"2026-02-03 carta"},
		{"an exception for another type changes nothing", []Rule{carta}, []Exception{{Type: "vetro", Date: D(2026, 2, 10)}}, D(2026, 2, 9), D(2026, 2, 10),
			"2026-02-10 carta"},
		{"year boundary, moved across it", []Rule{{Type: "umido", Weekdays: []time.Weekday{time.Thursday}}},
			[]Exception{{Type: "umido", Date: D(2026, 12, 31), To: D(2027, 1, 2)}}, D(2027, 1, 1), D(2027, 1, 8),
			"2027-01-02 umido (spostata), 2027-01-07 umido"},
		{"every two weeks across the year boundary", []Rule{{Type: "vetro", Weekdays: []time.Weekday{time.Monday}, EveryWeeks: 2, Start: D(2026, 12, 21)}}, nil, D(2026, 12, 14), D(2027, 1, 18),
			"2026-12-21 vetro, 2027-01-04 vetro, 2027-01-18 vetro"},
		{"DST week (29 March 2026) keeps the days", []Rule{umido}, nil, D(2026, 3, 23), D(2026, 4, 5),
			"2026-03-23 umido, 2026-03-26 umido, 2026-03-30 umido, 2026-04-02 umido"},
		{"DST back (25 October 2026) keeps the days", []Rule{umido}, nil, D(2026, 10, 19), D(2026, 10, 29),
			"2026-10-19 umido, 2026-10-22 umido, 2026-10-26 umido, 2026-10-29 umido"},
		{"a move onto a regular day is listed once", []Rule{carta}, []Exception{{Type: "carta", Date: D(2026, 2, 3), To: D(2026, 2, 10)}}, D(2026, 2, 2), D(2026, 2, 12),
			"2026-02-10 carta (spostata)"},
	}
	for _, c := range cases {
		t.Run(c.label, func(t *testing.T) {
			if got := list(Between(c.rules, c.exceptions, c.first, c.last)); got != c.want {
				t.Errorf("\n got %s\nwant %s", got, c.want)
			}
		})
	}
}

func TestReminderTimeFollowsDaylightSaving(t *testing.T) {
	rome, err := time.LoadLocation("Europe/Rome")
	if err != nil {
		t.Skip("no time zone database:", err)
	}
	for _, c := range []struct {
		day     Date
		wantUTC string
	}{
		{D(2026, 3, 28), "18:00"}, // the evening before the spring change: CET
		{D(2026, 3, 29), "17:00"}, // CEST
		{D(2026, 10, 24), "17:00"},
		{D(2026, 10, 25), "18:00"},
	} {
		if got := c.day.At(19, 0, rome).UTC().Format("15:04"); got != c.wantUTC {
			t.Errorf("19:00 in Rome on %s is %s UTC, want %s", c.day, got, c.wantUTC)
		}
	}
}

func TestRuleValidation(t *testing.T) {
	for _, c := range []struct {
		rule Rule
		want string
	}{
		{Rule{Weekdays: []time.Weekday{time.Monday}}, "waste type"},
		{Rule{Type: "carta"}, "weekdays or dates"},
		{Rule{Type: "vetro", Weekdays: []time.Weekday{time.Friday}, EveryWeeks: 2}, "first collection"},
		{Rule{Type: "vetro", Weekdays: []time.Weekday{time.Friday}, EveryWeeks: 2, Start: D(2026, 1, 8)}, "not on one of the rule's days"},
		{Rule{Type: "verde", Weekdays: []time.Weekday{time.Friday}, From: D(2026, 5, 1), Until: D(2026, 4, 1)}, "ends"},
		{Rule{Type: "carta", Weekdays: []time.Weekday{time.Tuesday}}, ""},
	} {
		err := c.rule.Validate()
		if got := fmt.Sprint(err); (c.want == "" && err != nil) || (c.want != "" && !strings.Contains(got, c.want)) {
			t.Errorf("%+v: %v, want %q", c.rule, err, c.want)
		}
	}
}

func TestDates(t *testing.T) {
	if d, err := ParseDate("2026-02-29"); err == nil {
		t.Errorf("29 February 2026 parsed as %s", d)
	}
	if d := D(2026, 4, 31); d != D(2026, 5, 1) {
		t.Errorf("31 April normalises to %s", d)
	}
	if n := D(2027, 1, 1).DaysSince(D(2026, 12, 25)); n != 7 {
		t.Errorf("days across the year boundary: %d", n)
	}
}
