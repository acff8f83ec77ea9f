package waste

import (
	"fmt"
	"slices"
	"time"
)

// Rule says when one type of waste is collected in one zone.
type Rule struct {
	Type string // carta, plastica, vetro, umido, secco, verde, ingombranti, ...
	// Weekdays: collected every week on these days.
	Weekdays []time.Weekday
	// EveryWeeks > 1: collected on Weekdays only every n weeks, counting
	// from the week of Start (which must be one of those days).
	EveryWeeks int
	Start      Date
	// Dates: single collections (ingombranti on request days, ...).
	Dates []Date
	// From and Until bound the rule (a summer schedule); zero means open.
	From, Until Date
}

// Exception changes one collection: moved to another day, or cancelled
// when To is zero. Type empty means every type collected that day.
type Exception struct {
	Type string
	Date Date
	To   Date
}

// Collection is one type of waste going out on one day.
type Collection struct {
	Date  Date
	Type  string
	Moved bool // moved here from another day
}

// Validate explains what is wrong with a rule, for staff editing it.
func (r Rule) Validate() error {
	switch {
	case r.Type == "":
		return problem("rifiuto", "no_type", "", "a rule needs a waste type")
	case len(r.Weekdays) == 0 && len(r.Dates) == 0:
		return problem("giorni", "no_days_or_dates", "", "%s: a rule needs weekdays or dates", r.Type)
	case r.EveryWeeks < 0 || r.EveryWeeks > 52:
		return problem("ogni", "every_range", fmt.Sprint(r.EveryWeeks), "%s: every %d weeks is not a schedule", r.Type, r.EveryWeeks)
	case r.EveryWeeks > 1 && r.Start.IsZero():
		return problem("inizio", "no_start", "", "%s: every %d weeks needs the date of a first collection", r.Type, r.EveryWeeks)
	case r.EveryWeeks > 1 && !slices.Contains(r.Weekdays, r.Start.Weekday()):
		return problem("inizio", "start_not_on_day", r.Start.String(), "%s: the first collection, %s, is not on one of the rule's days", r.Type, r.Start)
	case !r.From.IsZero() && !r.Until.IsZero() && r.Until.Before(r.From):
		return problem("al", "ends_before_start", r.Until.String(), "%s: the rule ends (%s) before it starts (%s)", r.Type, r.Until, r.From)
	}
	return nil
}

// occurs tells whether the rule collects on day d, before exceptions.
func (r Rule) occurs(d Date) bool {
	if (!r.From.IsZero() && d.Before(r.From)) || (!r.Until.IsZero() && d.After(r.Until)) {
		return false
	}
	if slices.Contains(r.Dates, d) {
		return true
	}
	if !slices.Contains(r.Weekdays, d.Weekday()) {
		return false
	}
	if r.EveryWeeks <= 1 {
		return true
	}
	// Weeks are counted from the Monday of Start's week, so a rule on
	// Tuesdays and Fridays every two weeks keeps both days in step.
	weeks := floorDiv(mondayOf(d).DaysSince(mondayOf(r.Start)), 7)
	return weeks%r.EveryWeeks == 0
}

func mondayOf(d Date) Date { return d.AddDays(-((int(d.Weekday()) + 6) % 7)) }

func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// Between lists the collections from first to last, both included, in
// date order and, within a day, in rule order. Exceptions apply even when
// they move a collection across the range's edges: a collection moved
// from 31 December into 2 January shows on 2 January.
func Between(rules []Rule, exceptions []Exception, first, last Date) []Collection {
	var out []Collection
	// Look a little beyond the range for collections moved into it.
	const reach = 14
	for d := first.AddDays(-reach); !d.After(last.AddDays(reach)); d = d.AddDays(1) {
		for _, r := range rules {
			if !r.occurs(d) {
				continue
			}
			c := Collection{Date: d, Type: r.Type}
			if ex, ok := exceptionFor(exceptions, r.Type, d); ok {
				if ex.To.IsZero() {
					continue // cancelled
				}
				c.Date, c.Moved = ex.To, true
			}
			if !c.Date.Before(first) && !c.Date.After(last) {
				out = append(out, c)
			}
		}
	}
	slices.SortStableFunc(out, func(a, b Collection) int { return a.Date.DaysSince(b.Date) })
	return dedupe(out)
}

func exceptionFor(exceptions []Exception, typ string, d Date) (Exception, bool) {
	for _, ex := range exceptions {
		if ex.Date == d && (ex.Type == "" || ex.Type == typ) {
			return ex, true
		}
	}
	return Exception{}, false
}

// dedupe drops a type listed twice on one day (a weekly day and a single
// date that coincide, or a move onto a regular day).
func dedupe(cs []Collection) []Collection {
	seen := map[Collection]bool{}
	out := cs[:0]
	for _, c := range cs {
		key := Collection{Date: c.Date, Type: c.Type}
		if seen[key] {
			continue
		}
		seen[key] = true
		out = append(out, c)
	}
	return out
}

// On lists what is collected on one day.
func On(rules []Rule, exceptions []Exception, d Date) []Collection {
	return Between(rules, exceptions, d, d)
}
