package store

import (
	"reflect"
	"strings"
)

// The inbox's queries are written so that SQLite, which has no statistics
// here (nothing runs ANALYZE), still picks a good plan on 100 000 reports.
// BenchmarkInboxPage in admin measures the page they make.

// freeText tells whether f searches the text of the reports: every row is
// then read from the table, and walking it in order beats reaching the
// same rows at random through an index.
func (f ReportFilter) freeText() bool {
	q := strings.TrimSpace(f.Query)
	return q != "" && !reportNumberPattern.MatchString(q)
}

// overdueByCategory tells whether the overdue filter walks the categories
// and, in each, reads the open reports older than its service days as one
// range of reports_category_status_created: 3 ms on 100 000 reports,
// where a lookup of the service days per report reads every open report
// from the table (32 ms). That holds only while the index answers every
// other condition too (statuses, category, dates): a zone, an office, a
// scope or a text search would send each category's range back to the
// table, up to 145 ms for a zone, so any other filter, including one added
// later, keeps the lookup.
func (f ReportFilter) overdueByCategory() bool {
	if !f.Overdue {
		return false
	}
	indexed := ReportFilter{Statuses: f.Statuses, CategoryID: f.CategoryID, From: f.From, To: f.To,
		Overdue: f.Overdue, Sort: f.Sort, Limit: f.Limit, Offset: f.Offset}
	return reflect.DeepEqual(indexed, f)
}

// reportFrom is the FROM clause of f's queries; the CROSS JOIN fixes the
// order (categories first), which SQLite would otherwise get wrong.
func reportFrom(f ReportFilter) string {
	if f.overdueByCategory() {
		return ` FROM categories oc CROSS JOIN reports r`
	}
	return ` FROM reports r`
}

// overdueCondition is the WHERE condition of the overdue filter; its one
// argument is the current unix time. With a text search the unary + keeps
// the status index out (see freeText).
func overdueCondition(f ReportFilter) string {
	if f.overdueByCategory() {
		return `r.category_id = oc.id AND r.status IN ('nuova', 'presa_in_carico', 'in_lavorazione')
			AND r.created_at < ? - 86400 * oc.service_days`
	}
	status := `r.status`
	if f.freeText() {
		status = `+r.status`
	}
	return status + ` IN ('nuova', 'presa_in_carico', 'in_lavorazione')
			AND r.created_at < ? - 86400 * (SELECT service_days FROM categories WHERE id = r.category_id)`
}

// statusGroup is the GROUP BY of the counters. Without a text search the
// status index counts them without reading the table; with one, grouping
// through that index would read the table at random (70 ms against 21 ms
// on 100 000 reports), so the + turns it off.
func statusGroup(f ReportFilter) string {
	if f.freeText() {
		return ` GROUP BY +r.status`
	}
	return ` GROUP BY r.status`
}
