package flows

import (
	"net/url"
	"strconv"
	"strings"

	"github.com/campanile/campanile/locales"
)

// Query parameters of the public calendar feed (admin/waste_calendar_feed.go).
const (
	WasteCalendarTypesParam    = "tipi"
	WasteCalendarLanguageParam = "lingua"
)

// WasteCalendarPath is where the public iCalendar feed of a zone is
// served, optionally only for some waste types (their codes) and in a
// language other than Italian. Phones subscribe to it, so it never
// changes shape: add parameters, never rename them.
func WasteCalendarPath(zoneID int64, lang string, types ...string) string {
	path := "/calendario/" + strconv.FormatInt(zoneID, 10) + ".ics"
	q := url.Values{}
	if len(types) > 0 {
		q.Set(WasteCalendarTypesParam, strings.Join(types, ","))
	}
	if lang != "" && lang != locales.Source {
		q.Set(WasteCalendarLanguageParam, lang)
	}
	if len(q) == 0 {
		return path
	}
	// Commas stay readable: they are allowed in a query.
	return path + "?" + strings.ReplaceAll(q.Encode(), "%2C", ",")
}

// WasteCalendarURL is the feed's address for a citizen to add to their
// phone's calendar, or "" when the comune has not said where it is
// reached from outside (CAMPANILE_PUBLIC_URL).
func WasteCalendarURL(publicURL string, zoneID int64, lang string, types ...string) string {
	if publicURL == "" {
		return ""
	}
	return strings.TrimRight(publicURL, "/") + WasteCalendarPath(zoneID, lang, types...)
}

// WasteCalendarURL is the feed's address with the comune's public URL.
func (e *Engine) WasteCalendarURL(zoneID int64, lang string, types ...string) string {
	return WasteCalendarURL(e.cfg.PublicURL, zoneID, lang, types...)
}
