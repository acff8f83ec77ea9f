package flows

import (
	"slices"
	"strconv"
	"strings"
	_ "time/tzdata" // Europe/Rome even on a host without a zoneinfo database
	"unicode"
	"unicode/utf8"

	"github.com/campanile/campanile/flows/waste"
	"github.com/campanile/campanile/store"
)

// wasteViewKind is what the calendar message shows; the buttons under it
// switch between them in place.
type wasteViewKind string

const (
	viewToday    wasteViewKind = "t"
	viewTomorrow wasteViewKind = "d"
	viewWeek     wasteViewKind = "w"
)

// wasteToday is the comune's today: the server may run in UTC, the
// collection goes out by the calendar on the wall in Rome.
func (s *session) wasteToday() waste.Date {
	return waste.DateIn(s.st.Now(), romeTime())
}

// switchWasteView edits the calendar message to another view.
func (s *session) switchWasteView(arg string) error {
	v := wasteViewKind(arg)
	if v != viewToday && v != viewTomorrow && v != viewWeek {
		return s.refuseCallback()
	}
	zone, ok, err := s.savedZone()
	if err != nil {
		return err
	}
	if !ok {
		s.answer(s.plain("wastechat.need_zone", nil), false)
		s.editButtons(nil)
		return s.askZone(zone.gone)
	}
	text, err := s.wasteView(zone.Zone, v)
	if err != nil {
		return err
	}
	s.answer("", false)
	s.editText(text, s.wasteButtons())
	return nil
}

// wasteView writes the collections of a zone for the view, with each
// type's name in the citizen's language and its bin.
func (s *session) wasteView(z store.Zone, v wasteViewKind) (string, error) {
	rules, exceptions, err := ZoneSchedule(s.ctx, s.st, z.ID)
	if err != nil {
		return "", err
	}
	types, err := s.wasteTypes()
	if err != nil {
		return "", err
	}
	title := s.t("wastechat.title", map[string]any{"Zone": z.Name})
	if len(rules) == 0 {
		// Better to say so than to show a week of "no collection".
		return title + "\n\n" + s.t("wastechat.no_schedule", nil), nil
	}
	today := s.wasteToday()
	first, days := today, 7
	switch v {
	case viewToday:
		days = 1
	case viewTomorrow:
		first, days = today.AddDays(1), 1
	}
	parts := []string{title}
	for _, day := range planDays(rules, exceptions, first, days) {
		parts = append(parts, s.dayText(day, today, types))
	}
	return strings.Join(parts, "\n\n"), nil
}

// dayText is one day: its name, then each type on a line.
func (s *session) dayText(day plannedDay, today waste.Date, types map[string]store.WasteType) string {
	date := map[string]any{"Date": s.longDate(day.Date)}
	var lines []string
	switch day.Date {
	case today:
		lines = append(lines, s.t("wastechat.today", date))
	case today.AddDays(1):
		lines = append(lines, s.t("wastechat.tomorrow", date))
	default:
		date["Date"] = capitalized(s.longDate(day.Date))
		lines = append(lines, s.t("wastechat.day", date))
	}
	items := slices.Clone(day.Items)
	slices.SortStableFunc(items, func(a, b plannedItem) int { return types[a.Type].Position - types[b.Type].Position })
	for _, it := range items {
		name := s.typeName(types, it.Type)
		switch {
		case it.Cancelled:
			lines = append(lines, s.t("wastechat.line_cancelled", map[string]any{"Type": name}))
		case !it.MovedTo.IsZero():
			lines = append(lines, s.t("wastechat.line_moved_to", map[string]any{"Type": name, "To": s.longDate(it.MovedTo)}))
		case !it.MovedFrom.IsZero():
			lines = append(lines, s.t("wastechat.line_moved_from", map[string]any{"What": s.typeWithBin(types, it.Type), "From": s.shortDate(it.MovedFrom)}))
		default:
			lines = append(lines, s.t("wastechat.line", map[string]any{"What": s.typeWithBin(types, it.Type)}))
		}
	}
	if len(items) == 0 {
		lines = append(lines, s.t("wastechat.line_nothing", nil))
	}
	return strings.Join(lines, "\n")
}

func (s *session) wasteTypes() (map[string]store.WasteType, error) {
	list, err := s.st.WasteTypes(s.ctx)
	if err != nil {
		return nil, err
	}
	types := make(map[string]store.WasteType, len(list))
	for _, t := range list {
		types[t.Code] = t
	}
	return types, nil
}

// typeName is a type's name in the citizen's language; a code with no
// type (staff removed it) still says something.
func (s *session) typeName(types map[string]store.WasteType, code string) string {
	if t, ok := types[code]; ok {
		return t.Name(s.lang)
	}
	return code
}

// typeWithBin is "Carta e cartone (bidone blu)", or the name alone when
// the type has no bin.
func (s *session) typeWithBin(types map[string]store.WasteType, code string) string {
	t, ok := types[code]
	if !ok || t.Bin(s.lang) == "" || strings.EqualFold(t.Bin(s.lang), t.Name(s.lang)) {
		return s.typeName(types, code)
	}
	return s.plain("wastechat.type_bin", map[string]any{"Type": t.Name(s.lang), "Bin": t.Bin(s.lang)})
}

// longDate is "giovedì 25 dicembre" in the citizen's language.
func (s *session) longDate(d waste.Date) string {
	return s.plain("wastechat.date", map[string]any{
		"Weekday": s.plain("wastechat.weekday."+strconv.Itoa(int(d.Weekday())), nil),
		"Day":     d.Day,
		"Month":   s.plain("wastechat.month."+strconv.Itoa(int(d.Month)), nil),
	})
}

// capitalized starts a heading with a capital, as "lunedì" is written
// in a sentence but not at the head of a line.
func capitalized(text string) string {
	r, size := utf8.DecodeRuneInString(text)
	return string(unicode.ToUpper(r)) + text[size:]
}

// shortDate is "25/12", the way moved collections are announced.
func (s *session) shortDate(d waste.Date) string {
	return s.plain("wastechat.short_date", map[string]any{"Day": d.Day, "Month": int(d.Month)})
}
