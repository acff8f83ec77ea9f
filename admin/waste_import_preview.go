package admin

import (
	"context"
	"strings"

	"github.com/campanile/campanile/flows"
	"github.com/campanile/campanile/flows/waste"
	"github.com/campanile/campanile/store"
)

// zoneChange is what an import does to one zone's calendar: the lines it
// adds and removes, in words, and how many stay as they are.
type zoneChange struct {
	Name                              string
	RulesBefore, RulesAfter           int
	ExceptionsBefore, ExceptionsAfter int
	Added, Removed                    []string
	Kept                              int
}

type importPreviewView struct {
	Zones     []zoneChange
	Untouched []string // zones the file does not name: they stay as they are
	// Data is the checked file and Base the fingerprint of the calendars
	// it replaces: the confirm form posts both back.
	Data, Base string
}

// importPreview compares each zone's calendar in the file with the stored
// one.
func (s *Server) importPreview(ctx context.Context, p page, plan importPlan) (importPreviewView, error) {
	var v importPreviewView
	types, err := s.loadWasteTypes(ctx, p.Lang)
	if err != nil {
		return v, err
	}
	named := map[int64]bool{}
	for i, z := range plan.zones {
		named[z.ID] = true
		rules, exceptions, err := flows.ZoneSchedule(ctx, s.st, z.ID)
		if err != nil {
			return v, err
		}
		next := plan.schedules[i]
		c := zoneChange{Name: z.Name, RulesBefore: len(rules), RulesAfter: len(next.Rules),
			ExceptionsBefore: len(exceptions), ExceptionsAfter: len(next.Exceptions)}
		old := entryLines(p, types, rules, exceptions)
		c.Added, c.Removed, c.Kept = lineDiff(old, entryLines(p, types, next.Rules, next.Exceptions))
		v.Zones = append(v.Zones, c)
	}
	all, err := s.st.Zones(ctx, store.ZoneKindZone)
	if err != nil {
		return v, err
	}
	for _, z := range all {
		if !named[z.ID] {
			v.Untouched = append(v.Untouched, z.Name)
		}
	}
	v.Base, err = currentBase(ctx, s.st, plan)
	return v, err
}

// entryLine is a rule or an exception: key compares them (its CSV line),
// text says it.
type entryLine struct{ key, text string }

func entryLines(p page, types wasteTypeNames, rules []waste.Rule, exceptions []waste.Exception) []entryLine {
	var out []entryLine
	for _, r := range rules {
		row := describeRule(p, types, 0, r)
		text := joinNonEmpty(" · ", row.Type, row.Days, row.Every, row.Period, row.Dates)
		out = append(out, entryLine{key: "r" + ruleAudit(r), text: text})
	}
	for _, e := range exceptions {
		out = append(out, entryLine{key: "e" + exceptionAudit(e), text: describeException(p, types, e)})
	}
	return out
}

// lineDiff compares two lists as bags: a line present twice before and
// once after is one removal.
func lineDiff(old, next []entryLine) (added, removed []string, kept int) {
	left := map[string]int{}
	for _, l := range old {
		left[l.key]++
	}
	for _, l := range next {
		if left[l.key] > 0 {
			left[l.key]--
			kept++
			continue
		}
		added = append(added, l.text)
	}
	for _, l := range old {
		if left[l.key] > 0 {
			left[l.key]--
			removed = append(removed, l.text)
		}
	}
	return added, removed, kept
}

// describeException says an exception in one line.
func describeException(p page, types wasteTypeNames, e waste.Exception) string {
	typ := p.T("admin.waste.all_types")
	if e.Type != "" {
		typ = types.name(e.Type)
	}
	change := p.T("admin.waste.cancelled")
	if !e.To.IsZero() {
		change = p.T("admin.waste.moved_to", "Date", shownDate(e.To))
	}
	return joinNonEmpty(" · ", shownDate(e.Date), typ, change)
}

func joinNonEmpty(sep string, parts ...string) string {
	out := parts[:0]
	for _, s := range parts {
		if s != "" {
			out = append(out, s)
		}
	}
	return strings.Join(out, sep)
}
