package store

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"strings"
	"time"
)

// StatsPeriod selects the reports created in [From, To), unix seconds.
type StatsPeriod struct{ From, To int64 }

// MonthCount is how many reports were created in one calendar month.
type MonthCount struct {
	Year  int
	Month time.Month
	Count int
}

// maxStatsMonths bounds the months one question may cover, so that a
// careless range cannot build a statement of thousands of parameters.
const maxStatsMonths = 600

// ErrStatsPeriod is a period that ends before it starts or spans more
// months than the statistics answer for.
var ErrStatsPeriod = errors.New("store: statistics period out of range")

// ReportsPerMonth counts the reports of p in each calendar month that p
// touches, months as loc's wall clock has them (the comune's, not the
// server's), in order and with 0 for a month without reports. A month cut
// by p counts only its part inside p.
//
// SQLite knows no time zones but UTC and the server's own, so the month
// boundaries are computed here and passed as parameters; each month is
// then a range of the created_at index.
func (s *Store) ReportsPerMonth(ctx context.Context, p StatsPeriod, loc *time.Location) ([]MonthCount, error) {
	if p.To <= p.From {
		return nil, ErrStatsPeriod
	}
	first := time.Unix(p.From, 0).In(loc)
	month := time.Date(first.Year(), first.Month(), 1, 0, 0, 0, 0, loc)
	var out []MonthCount
	var values []string
	var args []any
	for month.Unix() < p.To {
		if len(out) == maxStatsMonths {
			return nil, ErrStatsPeriod
		}
		next := month.AddDate(0, 1, 0)
		values = append(values, `(?, ?, ?)`)
		args = append(args, len(out), max(month.Unix(), p.From), min(next.Unix(), p.To))
		out = append(out, MonthCount{Year: month.Year(), Month: month.Month()})
		month = next
	}
	rows, err := s.uncached().QueryContext(ctx, `
		WITH m(i, lo, hi) AS (VALUES `+strings.Join(values, `, `)+`)
		SELECT m.i, COUNT(r.id) FROM m
		LEFT JOIN reports r ON r.created_at >= m.lo AND r.created_at < m.hi
		GROUP BY m.i`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: unable to count reports per month: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var i, n int
		if err := rows.Scan(&i, &n); err != nil {
			return nil, fmt.Errorf("store: unable to count reports per month: %w", err)
		}
		out[i].Count = n
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: unable to count reports per month: %w", err)
	}
	return out, nil
}

// ReportsPerTopCategory counts the reports of p per top-level category, a
// subcategory's reports counted with its parent. Categories without
// reports are absent.
func (s *Store) ReportsPerTopCategory(ctx context.Context, p StatsPeriod) (map[int64]int, error) {
	// One count per category over the (category, status, created_at)
	// index, every status named so that the period is a range of it: a
	// few dozen index ranges are counted and no report row is read.
	args := []any{}
	for _, st := range ReportStatuses {
		args = append(args, st)
	}
	counts, err := s.countMap(ctx, `
		SELECT COALESCE(c.parent_id, c.id), SUM((SELECT COUNT(*) FROM reports r
			WHERE r.category_id = c.id AND r.status IN (?`+strings.Repeat(`, ?`, len(ReportStatuses)-1)+`)
			AND r.created_at >= ? AND r.created_at < ?))
		FROM categories c GROUP BY 1`, append(args, p.From, p.To)...)
	if err != nil {
		return nil, fmt.Errorf("store: unable to count reports per category: %w", err)
	}
	// Dropped here rather than in SQL, where the condition would count
	// every category a second time.
	maps.DeleteFunc(counts, func(_ int64, n int) bool { return n == 0 })
	return counts, nil
}

// ReportsPerZone counts the reports of p per zone; key 0 counts those in
// no zone (outside every zone, or without a place on the map). Zones
// without reports are absent.
func (s *Store) ReportsPerZone(ctx context.Context, p StatsPeriod) (map[int64]int, error) {
	// Per zone, and for no zone, a range of the (zone, created_at) index.
	counts, err := s.countMap(ctx, `
		SELECT z.id, (SELECT COUNT(*) FROM reports r
			WHERE r.zone_id = z.id AND r.created_at >= ?1 AND r.created_at < ?2)
		FROM zones z
		UNION ALL
		SELECT 0, (SELECT COUNT(*) FROM reports r
			WHERE r.zone_id IS NULL AND r.created_at >= ?1 AND r.created_at < ?2)`, p.From, p.To)
	if err != nil {
		return nil, fmt.Errorf("store: unable to count reports per zone: %w", err)
	}
	maps.DeleteFunc(counts, func(_ int64, n int) bool { return n == 0 })
	return counts, nil
}

// countMap runs a query of (id, count) rows into a map.
func (s *Store) countMap(ctx context.Context, query string, args ...any) (map[int64]int, error) {
	rows, err := s.q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	counts := map[int64]int{}
	for rows.Next() {
		var id int64
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return nil, err
		}
		counts[id] = n
	}
	return counts, rows.Err()
}

// CloseTime is how long the closed reports of one top-level category
// took, from filing to closing.
type CloseTime struct {
	CategoryID int64
	Closed     int
	MeanDays   float64
	MedianDays float64
}

// CloseTimes measures, per top-level category, the reports of p that are
// closed (resolved_at set: resolved, rejected or duplicate), in category
// id order.
func (s *Store) CloseTimes(ctx context.Context, p StatsPeriod) ([]CloseTime, error) {
	// The closed statuses (the ones resolved_at goes with) are named so
	// that the period is a range of the status index. SQLite sorts the
	// durations; the median is then read off each category's run here,
	// which costs less than window functions doing the same in SQL.
	rows, err := s.q.QueryContext(ctx, `
		SELECT COALESCE(c.parent_id, c.id), r.resolved_at - r.created_at
		FROM reports r JOIN categories c ON c.id = r.category_id
		WHERE r.resolved_at IS NOT NULL AND r.status IN (?, ?, ?)
			AND r.created_at >= ? AND r.created_at < ?
		ORDER BY 1, 2`, ReportResolved, ReportRejected, ReportDuplicate, p.From, p.To)
	if err != nil {
		return nil, fmt.Errorf("store: unable to measure closing times: %w", err)
	}
	defer rows.Close()
	var out []CloseTime
	var run []int64 // the sorted durations of the category being read
	category := int64(0)
	for rows.Next() {
		var top, secs int64
		if err := rows.Scan(&top, &secs); err != nil {
			return nil, fmt.Errorf("store: unable to measure closing times: %w", err)
		}
		if top != category && len(run) > 0 {
			out = append(out, closeTimeOf(category, run))
			run = run[:0]
		}
		category = top
		run = append(run, secs)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: unable to measure closing times: %w", err)
	}
	if len(run) > 0 {
		out = append(out, closeTimeOf(category, run))
	}
	return out, nil
}

// closeTimeOf sums up one category's durations, sorted, in seconds: the
// median is the middle one, or the mean of the two middle ones when the
// count is even.
func closeTimeOf(category int64, sorted []int64) CloseTime {
	n := len(sorted)
	sum := 0.0
	for _, secs := range sorted {
		sum += float64(secs)
	}
	median := float64(sorted[n/2])
	if n%2 == 0 {
		median = (float64(sorted[n/2-1]) + median) / 2
	}
	return CloseTime{CategoryID: category, Closed: n, MeanDays: sum / float64(n) / secondsPerDay, MedianDays: median / secondsPerDay}
}

const secondsPerDay = 86400

// OpenAges counts the reports still open (new, taken or in progress) by
// how long ago they were filed.
type OpenAges struct {
	Under7, From7To30, From30To90, Over90 int
}

// Total is every open report.
func (a OpenAges) Total() int { return a.Under7 + a.From7To30 + a.From30To90 + a.Over90 }

// OpenReportAges counts the open reports by age at now: under 7 days, 7
// to 30, 30 to 90, 90 and more (each lower bound included). Every report
// open now counts, whenever it was filed.
func (s *Store) OpenReportAges(ctx context.Context, now time.Time) (OpenAges, error) {
	at := func(days int) int64 { return now.Unix() - int64(days)*secondsPerDay }
	var a OpenAges
	err := s.q.QueryRowContext(ctx, `
		SELECT COALESCE(SUM(created_at > ?), 0),
			COALESCE(SUM(created_at <= ? AND created_at > ?), 0),
			COALESCE(SUM(created_at <= ? AND created_at > ?), 0),
			COALESCE(SUM(created_at <= ?), 0)
		FROM reports WHERE status IN (?, ?, ?)`,
		at(7), at(7), at(30), at(30), at(90), at(90), ReportNew, ReportTaken, ReportInProgress).
		Scan(&a.Under7, &a.From7To30, &a.From30To90, &a.Over90)
	if err != nil {
		return OpenAges{}, fmt.Errorf("store: unable to count open reports by age: %w", err)
	}
	return a, nil
}
