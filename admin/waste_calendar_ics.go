package admin

import (
	"fmt"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/campanile/campanile/flows/waste"
	"github.com/campanile/campanile/store"
)

// wasteFeedRefresh is how often phones are asked to fetch the calendar
// again: a moved collection reaches them the same day.
const wasteFeedRefresh = "PT12H"

// wasteFeed is what one calendar shows.
type wasteFeed struct {
	Lang        string
	Host        string // for the events' UIDs
	Zone        store.Zone
	Types       map[string]store.WasteType
	Collections []waste.Collection
	// Stamp is when the information last changed: every event's DTSTAMP,
	// so an unchanged calendar is the same bytes (and ETag) poll after
	// poll.
	Stamp time.Time
}

// wasteCalendar writes the feed as RFC 5545 text: CRLF line ends, lines
// folded at 75 octets without splitting a character, text escaped, each
// collection an all-day event whose UID stays the same from one poll to
// the next, so phones update events instead of duplicating them.
func (s *Server) wasteCalendar(f wasteFeed) []byte {
	t := func(id string, data map[string]any) string {
		all := map[string]any{"Zone": f.Zone.Name, "Comune": s.opt.Issuer}
		for k, v := range data {
			all[k] = v
		}
		return s.cat.T(f.Lang, id, all)
	}
	cal := ics.NewCalendarFor("Campanile")
	cal.SetProductId("-//Campanile//Calendario raccolta rifiuti//" + strings.ToUpper(f.Lang))
	cal.SetCalscale("GREGORIAN")
	cal.SetXWRCalName(t("waste_feed.calendar_name", nil))
	cal.SetXWRCalDesc(t("waste_feed.calendar_description", nil))
	cal.SetXWRTimezone("Europe/Rome")
	cal.SetRefreshInterval(wasteFeedRefresh) // the library writes ;VALUE=DURATION itself
	cal.SetXPublishedTTL(wasteFeedRefresh)
	for _, c := range f.Collections {
		wt, ok := f.Types[c.Type]
		name, bin := c.Type, ""
		if ok {
			name, bin = wt.Name(f.Lang), wt.Bin(f.Lang)
		}
		day := time.Date(c.Date.Year, c.Date.Month, c.Date.Day, 0, 0, 0, 0, time.UTC)
		ev := cal.AddEvent(fmt.Sprintf("%d-%s-%s@%s", f.Zone.ID, c.Type, day.Format("20060102"), f.Host))
		ev.SetDtStampTime(f.Stamp)
		ev.SetAllDayStartAt(day)
		ev.SetAllDayEndAt(day.AddDate(0, 0, 1))
		ev.SetSummary(t("waste_feed.summary", map[string]any{"Type": name}))
		var desc []string
		if bin != "" {
			desc = append(desc, t("waste_feed.description", map[string]any{"Bin": bin}))
		}
		if c.Moved {
			desc = append(desc, t("waste_feed.moved", nil))
		}
		if len(desc) > 0 {
			ev.SetDescription(strings.Join(desc, "\n"))
		}
		ev.AddCategory(name)
		ev.SetTimeTransparency(ics.TransparencyTransparent)
	}
	return []byte(cal.Serialize(ics.WithNewLineWindows))
}
