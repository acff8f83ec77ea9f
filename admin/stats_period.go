package admin

import (
	"net/url"
	"strings"
	"time"

	"github.com/campanile/campanile/store"
)

// statsMaxYears bounds the period a clerk may ask for: ten years of
// months still make a readable chart.
const statsMaxYears = 10

const dateForm = "2006-01-02"

// statsPeriod is the period of the report figures: whole days in Rome,
// both ends included, as the form shows them.
type statsPeriod struct {
	From, To time.Time // midnight in Rome of the first and of the last day
	// FromText and ToText are what the form shows: the clerk's own text,
	// kept after an error so that they can correct it.
	FromText, ToText string
	// ErrorID and ErrorArgs say why the clerk's dates were not used.
	ErrorID   string
	ErrorArgs []any
}

// defaultStatsPeriod is the last 12 months: the current month in Rome and
// the eleven before it, up to today.
func defaultStatsPeriod(now time.Time) statsPeriod {
	today := romeDay(now)
	from := time.Date(today.Year(), today.Month(), 1, 0, 0, 0, 0, rome).AddDate(0, -11, 0)
	return statsPeriod{From: from, To: today, FromText: from.Format(dateForm), ToText: today.Format(dateForm)}
}

func romeDay(t time.Time) time.Time {
	t = t.In(rome)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, rome)
}

// parseStatsPeriod reads ?from= and ?to= (YYYY-MM-DD, as a date input
// sends them). Without an end the period ends today; without a start it
// is the twelve months up to its end. Dates that are not valid, out of
// order or too far apart give the default period and say why.
func parseStatsPeriod(v url.Values, now time.Time) statsPeriod {
	def := defaultStatsPeriod(now)
	fromText, toText := strings.TrimSpace(v.Get("from")), strings.TrimSpace(v.Get("to"))
	p := def
	refuse := func(id string, args ...any) statsPeriod {
		def.FromText, def.ToText = fromText, toText
		def.ErrorID, def.ErrorArgs = id, args
		return def
	}
	for _, d := range []struct {
		text string
		into *time.Time
	}{{fromText, &p.From}, {toText, &p.To}} {
		if d.text == "" {
			continue
		}
		t, err := time.ParseInLocation(dateForm, d.text, rome)
		if err != nil {
			return refuse("admin.stats.error_date", "Value", clipTyped(d.text, 40))
		}
		*d.into = t
	}
	if fromText == "" && toText != "" {
		// "Up to this day": the twelve months that end there.
		p.From = time.Date(p.To.Year(), p.To.Month(), 1, 0, 0, 0, 0, rome).AddDate(0, -11, 0)
	}
	if p.From.After(p.To) {
		return refuse("admin.stats.error_order")
	}
	if p.To.After(p.From.AddDate(statsMaxYears, 0, 0)) {
		return refuse("admin.stats.error_span", "Years", statsMaxYears)
	}
	p.FromText, p.ToText = p.From.Format(dateForm), p.To.Format(dateForm)
	return p
}

// storePeriod is the period as the store counts it: from the first day's
// midnight to the midnight after the last day.
func (p statsPeriod) storePeriod() store.StatsPeriod {
	return store.StatsPeriod{From: p.From.Unix(), To: p.To.AddDate(0, 0, 1).Unix()}
}

// clipTyped cuts what a clerk typed before it is shown back in a message.
func clipTyped(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}
