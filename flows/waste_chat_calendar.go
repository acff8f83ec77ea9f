package flows

import (
	"github.com/campanile/campanile/flows/waste"
)

// plannedDay is what a citizen reads about one day: the collections that
// happen, and the ones that would have happened but were moved or
// cancelled, so a holiday never leaves them wondering.
type plannedDay struct {
	Date  waste.Date
	Items []plannedItem
}

type plannedItem struct {
	Type string
	// MovedFrom is set on a collection moved here from that day.
	MovedFrom waste.Date
	// MovedTo is set on a regular collection that happens that day instead.
	MovedTo   waste.Date
	Cancelled bool
}

// planDays lays out days days from first. The arithmetic is
// waste.Between's; this only finds, for the exceptions it applied, where
// a collection came from and which ones disappeared.
func planDays(rules []waste.Rule, exceptions []waste.Exception, first waste.Date, days int) []plannedDay {
	last := first.AddDays(days - 1)
	byDay := map[waste.Date][]plannedItem{}
	for _, c := range waste.Between(rules, exceptions, first, last) {
		item := plannedItem{Type: c.Type}
		if c.Moved {
			item.MovedFrom = movedFrom(rules, exceptions, c)
		}
		byDay[c.Date] = append(byDay[c.Date], item)
	}
	for _, c := range waste.Between(rules, nil, first, last) {
		ex, ok := exceptionOf(exceptions, c.Type, c.Date)
		switch {
		case !ok:
		case ex.To.IsZero():
			byDay[c.Date] = append(byDay[c.Date], plannedItem{Type: c.Type, Cancelled: true})
		case ex.To != c.Date:
			byDay[c.Date] = append(byDay[c.Date], plannedItem{Type: c.Type, MovedTo: ex.To})
		}
	}
	out := make([]plannedDay, 0, days)
	for d := first; !d.After(last); d = d.AddDays(1) {
		out = append(out, plannedDay{Date: d, Items: byDay[d]})
	}
	return out
}

// exceptionOf is the exception the calendar applies to a type's
// collection on d: the first that matches, as waste.Between takes it.
func exceptionOf(exceptions []waste.Exception, typ string, d waste.Date) (waste.Exception, bool) {
	for _, ex := range exceptions {
		if ex.Date == d && (ex.Type == "" || ex.Type == typ) {
			return ex, true
		}
	}
	return waste.Exception{}, false
}

// movedFrom finds the regular day a moved collection belonged to.
func movedFrom(rules []waste.Rule, exceptions []waste.Exception, c waste.Collection) waste.Date {
	for _, ex := range exceptions {
		if ex.To != c.Date || (ex.Type != "" && ex.Type != c.Type) {
			continue
		}
		if applied, _ := exceptionOf(exceptions, c.Type, ex.Date); applied != ex {
			continue
		}
		for _, regular := range waste.On(rules, nil, ex.Date) {
			if regular.Type == c.Type {
				return ex.Date
			}
		}
	}
	return waste.Date{}
}

// nextCollection is the first day from first, within a month, on which
// typ is collected; false when there is none.
func nextCollection(rules []waste.Rule, exceptions []waste.Exception, typ string, first waste.Date) (waste.Date, bool) {
	for _, c := range waste.Between(rules, exceptions, first, first.AddDays(31)) {
		if c.Type == typ {
			return c.Date, true
		}
	}
	return waste.Date{}, false
}
