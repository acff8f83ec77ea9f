package flows

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/campanile/campanile/flows/waste"
)

// TestPlanDaysSaysWhereEveryCollectionWent: a citizen reading a week sees
// a moved collection on both days, a cancelled one on its day, and a
// collection moved in from outside the week, or out of it, still
// explained.
func TestPlanDaysSaysWhereEveryCollectionWent(t *testing.T) {
	rules := []waste.Rule{
		{Type: "umido", Weekdays: []time.Weekday{time.Monday, time.Thursday}},
		{Type: "carta", Weekdays: []time.Weekday{time.Friday}},
	}
	tests := []struct {
		label      string
		exceptions []waste.Exception
		first      waste.Date
		days       int
		want       string
	}{
		{"no exceptions", nil, waste.D(2025, 12, 22), 5,
			"12-22 umido | 12-23 - | 12-24 - | 12-25 umido | 12-26 carta"},
		{"moved within the week", []waste.Exception{{Type: "umido", Date: waste.D(2025, 12, 25), To: waste.D(2025, 12, 27)}}, waste.D(2025, 12, 24), 4,
			"12-24 - | 12-25 umido>12-27 | 12-26 carta | 12-27 umido<12-25"},
		{"every type cancelled", []waste.Exception{{Date: waste.D(2025, 12, 26)}}, waste.D(2025, 12, 26), 1,
			"12-26 carta cancelled"},
		{"moved in from before the range", []waste.Exception{{Type: "carta", Date: waste.D(2025, 12, 26), To: waste.D(2025, 12, 29)}}, waste.D(2025, 12, 29), 1,
			"12-29 carta<12-26 umido"},
		{"moved out past the range", []waste.Exception{{Type: "carta", Date: waste.D(2025, 12, 26), To: waste.D(2026, 1, 3)}}, waste.D(2025, 12, 26), 1,
			"12-26 carta>01-03"},
		{"first matching exception wins, as in the arithmetic", []waste.Exception{
			{Type: "carta", Date: waste.D(2025, 12, 26)},
			{Date: waste.D(2025, 12, 26), To: waste.D(2025, 12, 27)},
		}, waste.D(2025, 12, 26), 2, "12-26 carta cancelled | 12-27 -"},
	}
	for _, tt := range tests {
		var got []string
		for _, d := range planDays(rules, tt.exceptions, tt.first, tt.days) {
			s := d.Date.String()[5:]
			if len(d.Items) == 0 {
				s += " -"
			}
			for _, it := range d.Items {
				s += " " + it.Type
				switch {
				case it.Cancelled:
					s += " cancelled"
				case !it.MovedTo.IsZero():
					s += ">" + it.MovedTo.String()[5:]
				case !it.MovedFrom.IsZero():
					s += "<" + it.MovedFrom.String()[5:]
				}
			}
			got = append(got, s)
		}
		if g := strings.Join(got, " | "); g != tt.want {
			t.Errorf("%s:\n got %s\nwant %s", tt.label, g, tt.want)
		}
	}
}

func TestNextCollectionLooksAMonthAhead(t *testing.T) {
	rules := []waste.Rule{{Type: "vetro", Weekdays: []time.Weekday{time.Saturday}, EveryWeeks: 2, Start: waste.D(2025, 3, 1)}}
	for _, tt := range []struct {
		from waste.Date
		typ  string
		want string
	}{
		{waste.D(2025, 3, 1), "vetro", "2025-03-01 true"},
		{waste.D(2025, 3, 2), "vetro", "2025-03-15 true"},
		{waste.D(2025, 3, 2), "carta", "0000-01-01 false"},
	} {
		d, ok := nextCollection(rules, nil, tt.typ, tt.from)
		if d.IsZero() {
			d = waste.Date{Year: 0, Month: 1, Day: 1}
		}
		if got := fmt.Sprint(d, " ", ok); got != tt.want {
			t.Errorf("next %s from %s = %s, want %s", tt.typ, tt.from, got, tt.want)
		}
	}
}
