package waste

import (
	"testing"
	"time"
)

// FuzzBetween: whatever rules staff enter, the calendar lists only days in
// the range, in order, each type at most once a day, and never panics.
func FuzzBetween(f *testing.F) {
	f.Add(uint8(2), uint8(5), int16(0), int16(30), uint8(1), int16(3), int16(5))
	f.Add(uint8(0), uint8(6), int16(-400), int16(400), uint8(52), int16(-10), int16(0))
	f.Fuzz(func(t *testing.T, weekday, every uint8, startOff, span int16, _ uint8, exFrom, exTo int16) {
		base := D(2026, 1, 1)
		r := Rule{Type: "carta", Weekdays: []time.Weekday{time.Weekday(weekday % 7)}, EveryWeeks: int(every % 53), Start: base.AddDays(int(startOff))}
		if r.Validate() != nil {
			r.EveryWeeks = 1
		}
		ex := []Exception{{Type: "carta", Date: base.AddDays(int(exFrom)), To: base.AddDays(int(exTo))}}
		first, last := base, base.AddDays(int(span))
		if last.Before(first) {
			first, last = last, first
		}
		got := Between([]Rule{r}, ex, first, last)
		seen := map[Date]bool{}
		for i, c := range got {
			if c.Date.Before(first) || c.Date.After(last) {
				t.Fatalf("%s outside %s..%s", c.Date, first, last)
			}
			if i > 0 && c.Date.Before(got[i-1].Date) {
				t.Fatalf("out of order: %s after %s", c.Date, got[i-1].Date)
			}
			if seen[c.Date] {
				t.Fatalf("carta twice on %s", c.Date)
			}
			seen[c.Date] = true
		}
	})
}
