package store

import (
	"context"
	"fmt"
	"regexp"
	"strings"
)

// reportNumberPattern is a whole report number, looked up by its index
// rather than searched for.
var reportNumberPattern = regexp.MustCompile(`^[0-9]{4}-[0-9]{6}$`)

// Orders of a report list.
const (
	SortNewest     = "newest" // the default
	SortOldest     = "oldest"
	SortUpdated    = "updated"
	SortSupporters = "supporters"
)

// ReportFilter selects reports for the admin inbox. Zero fields do not
// filter.
type ReportFilter struct {
	Statuses   []string
	CategoryID int64 // a top-level category includes its subcategories
	OfficeID   int64
	ZoneID     int64
	From, To   int64  // created_at in [From, To), unix time
	Query      string // words in the number, description or place (word starts, any accent)
	Overdue    bool   // open for longer than the category's service days
	Sort       string
	// Scope, when set, keeps the reports an operator serves only.
	Scope *StaffScope
	// AssignedStaffID keeps the reports handed to this clerk by name.
	AssignedStaffID int64
	Limit           int // 50 when 0
	Offset          int
}

// ReportPage is one page of a filtered list and how many reports match.
type ReportPage struct {
	Reports []Report
	Total   int
}

// uncached is the querier without the statement cache, for statements
// whose text depends on which filters are set: the cache is bounded and
// better kept for the fixed ones.
func (s *Store) uncached() querier {
	switch q := s.q.(type) {
	case cachedDB:
		return q.c.db
	case cachedTx:
		return q.tx
	}
	return s.q
}

// reportWhere builds the WHERE clause of f. Each condition can lean on an
// index of reports: status, category, zone or created_at, each paired with
// created_at.
func (s *Store) reportWhere(f ReportFilter, withStatus bool) (string, []any) {
	var conds []string
	var args []any
	if withStatus && len(f.Statuses) > 0 {
		conds = append(conds, `r.status IN (?`+strings.Repeat(`, ?`, len(f.Statuses)-1)+`)`)
		for _, st := range f.Statuses {
			args = append(args, st)
		}
	}
	if f.CategoryID != 0 {
		conds = append(conds, `r.category_id IN (SELECT id FROM categories WHERE id = ? OR parent_id = ?)`)
		args = append(args, f.CategoryID, f.CategoryID)
	}
	if f.OfficeID != 0 {
		conds = append(conds, effectiveOfficeIn(`?`))
		args = append(args, f.OfficeID, f.OfficeID, f.OfficeID)
	}
	if f.Scope != nil {
		cond, a := scopeCondition(*f.Scope)
		conds = append(conds, cond)
		args = append(args, a...)
	}
	if f.AssignedStaffID != 0 {
		conds = append(conds, `r.assigned_staff_id = ?`)
		args = append(args, f.AssignedStaffID)
	}
	if f.ZoneID != 0 {
		conds = append(conds, `r.zone_id = ?`)
		args = append(args, f.ZoneID)
	}
	if f.From != 0 {
		conds = append(conds, `r.created_at >= ?`)
		args = append(args, f.From)
	}
	if f.To != 0 {
		conds = append(conds, `r.created_at < ?`)
		args = append(args, f.To)
	}
	if q := strings.TrimSpace(f.Query); reportNumberPattern.MatchString(q) {
		conds = append(conds, `r.number = ?`)
		args = append(args, q)
	} else if q != "" {
		// Through the words' index (migrate_report_search.go); a search
		// with no word in it (only punctuation) matches nothing.
		conds = append(conds, `r.id IN (SELECT docid FROM reports_fts WHERE reports_fts MATCH ?)`)
		args = append(args, searchMatch(q))
	}
	if f.Overdue {
		conds = append(conds, overdueCondition(f))
		args = append(args, s.now().Unix())
	}
	if len(conds) == 0 {
		return "", nil
	}
	return ` WHERE ` + strings.Join(conds, ` AND `), args
}

func reportOrder(sort string) string {
	switch sort {
	case SortOldest:
		return ` ORDER BY r.created_at, r.id`
	case SortUpdated:
		return ` ORDER BY r.updated_at DESC, r.id DESC`
	case SortSupporters:
		return ` ORDER BY r.supporters DESC, r.created_at DESC, r.id DESC`
	}
	return ` ORDER BY r.created_at DESC, r.id DESC`
}

// ListReports returns one page of the reports f selects, and their count.
func (s *Store) ListReports(ctx context.Context, f ReportFilter) (ReportPage, error) {
	if f.Limit <= 0 {
		f.Limit = 50
	}
	where, args := s.reportWhere(f, true)
	var page ReportPage
	if strings.TrimSpace(f.Query) != "" {
		// A text search finds its few matches through the index; they are
		// counted in the same pass rather than in a second one.
		rows, err := s.uncached().QueryContext(ctx, `SELECT `+reportColumns+`, COUNT(*) OVER ()`+reportFrom(f)+where+reportOrder(f.Sort)+` LIMIT ? OFFSET ?`,
			append(args, f.Limit, f.Offset)...)
		if err != nil {
			return ReportPage{}, fmt.Errorf("store: unable to search reports: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			r, err := scanReport(rows, &page.Total)
			if err != nil {
				return ReportPage{}, fmt.Errorf("store: unable to search reports: %w", err)
			}
			page.Reports = append(page.Reports, r)
		}
		if err := rows.Err(); err != nil {
			return ReportPage{}, fmt.Errorf("store: unable to search reports: %w", err)
		}
		if len(page.Reports) > 0 || f.Offset == 0 {
			return page, nil
		}
		// Past the last page: fall through to count the matches anyway.
	}
	if err := s.uncached().QueryRowContext(ctx, `SELECT COUNT(*)`+reportFrom(f)+where, args...).Scan(&page.Total); err != nil {
		return ReportPage{}, fmt.Errorf("store: unable to count reports: %w", err)
	}
	rows, err := s.uncached().QueryContext(ctx, `SELECT `+reportColumns+reportFrom(f)+where+reportOrder(f.Sort)+` LIMIT ? OFFSET ?`,
		append(args, f.Limit, f.Offset)...)
	if err != nil {
		return ReportPage{}, fmt.Errorf("store: unable to list reports: %w", err)
	}
	if page.Reports, err = scanReports(rows); err != nil {
		return ReportPage{}, fmt.Errorf("store: unable to list reports: %w", err)
	}
	return page, nil
}

// CountReportsByStatus counts the reports f selects in each status (its
// Statuses, sort and page are ignored), for the inbox's counters. Every
// status is present, with 0 when no report has it.
func (s *Store) CountReportsByStatus(ctx context.Context, f ReportFilter) (map[string]int, error) {
	where, args := s.reportWhere(f, false)
	rows, err := s.uncached().QueryContext(ctx, `SELECT r.status, COUNT(*)`+reportFrom(f)+where+statusGroup(f), args...)
	if err != nil {
		return nil, fmt.Errorf("store: unable to count reports by status: %w", err)
	}
	defer rows.Close()
	counts := map[string]int{}
	for _, st := range ReportStatuses {
		counts[st] = 0
	}
	for rows.Next() {
		var st string
		var n int
		if err := rows.Scan(&st, &n); err != nil {
			return nil, fmt.Errorf("store: unable to count reports by status: %w", err)
		}
		counts[st] = n
	}
	return counts, rows.Err()
}
