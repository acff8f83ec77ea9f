package admin

import (
	"errors"
	"math"
	"strconv"
	"unicode/utf8"

	"github.com/campanile/campanile/flows"
	"github.com/campanile/campanile/store"
)

// shownNameMax cuts a feature's name in a message: the name that is too
// long is itself the problem, and must not push the sentence off screen.
const shownNameMax = 40

// zoneFileMessage puts a refused upload into words in the clerk's
// language, naming the feature (its number in the file and its name) and
// adding a hint when the coordinates look swapped or projected. It
// returns "" for an error that is ours rather than the file's.
func zoneFileMessage(p page, err error) string {
	switch {
	case errors.Is(err, errNoZoneFile):
		return p.T("admin.zones.error.no_file")
	case errors.Is(err, errZoneFileTooBig):
		return p.T("admin.zones.error.too_large", "Max", maxZoneFileBytes>>20) + " " + p.T("admin.zones.nothing_changed")
	case errors.Is(err, errUnknownZoneKind):
		return p.T("admin.zones.error.kind")
	case errors.Is(err, store.ErrZonesChanged):
		return p.T("admin.zones.error.changed")
	}
	var fe *flows.ZoneFileError
	if !errors.As(err, &fe) {
		return ""
	}
	where := p.T("admin.zones.where_file")
	switch {
	case fe.Feature > 0 && fe.Name != "":
		where = p.T("admin.zones.where_named", "N", fe.Feature, "Name", shortName(fe.Name))
	case fe.Feature > 0:
		where = p.T("admin.zones.where", "N", fe.Feature)
	}
	typ := fe.Type
	if typ == "" {
		typ = "?"
	}
	msg := p.T("admin.zones.error."+fe.Reason, "Where", where, "Type", typ, "Polygon", fe.Polygon, "Ring", fe.Ring,
		"Count", fe.Count, "First", fe.First, "Lon", coordinate(fe.Lon), "Lat", coordinate(fe.Lat))
	if fe.Hint != "" {
		msg += " " + p.T("admin.zones.hint."+fe.Hint)
	}
	return msg + " " + p.T("admin.zones.nothing_changed")
}

func shortName(name string) string {
	if utf8.RuneCountInString(name) <= shownNameMax {
		return name
	}
	return string([]rune(name)[:shownNameMax]) + "…"
}

// coordinate writes a number as the file had it: 11.34 stays 11.34 and
// metres stay whole, with an exponent only for absurd values.
func coordinate(v float64) string {
	if math.Abs(v) < 1e9 {
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	return strconv.FormatFloat(v, 'g', 6, 64)
}
