package admin

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/campanile/campanile/admin/svg"
	"github.com/campanile/campanile/store"
)

// reportsSection is the period's reports: per month, category and zone,
// and how long the closed ones took.
func (v statsView) reportsSection(f statsFigures) statsSection {
	closed := 0
	for _, ct := range f.closing {
		closed += ct.Closed
	}
	sec := statsSection{ID: "reports", Heading: v.p.T("admin.stats.section_reports"),
		Facts: []statsFact{
			{v.p.T("admin.stats.fact_reports"), v.count(f.reportCount())},
			{v.p.T("admin.stats.fact_closed"), v.count(closed)},
		}}
	var months []countRow
	for _, m := range f.months {
		label := v.p.T(fmt.Sprintf("admin.stats.month_%d", int(m.Month))) + " " + strconv.Itoa(m.Year)
		months = append(months, countRow{label, m.Count})
	}
	sec.Charts = append(sec.Charts,
		v.barsOf(v.chart("months", "admin.stats.chart_months", "admin.stats.col_month", "admin.stats.col_reports"), months, true),
		v.categoriesChart(f),
		v.zonesChart(f),
		v.closingChart(f))
	return sec
}

// topCategoryIDs are the top-level categories in the order staff gave
// them, internal ones included: staff file reports in them too.
func topCategoryIDs(names *reportNames) []int64 {
	var ids []int64
	for _, c := range names.catList {
		if c.ParentID == 0 {
			ids = append(ids, c.ID)
		}
	}
	return ids
}

func (v statsView) categoryName(names *reportNames, id int64) string {
	if c, ok := names.categories[id]; ok {
		return c.Name(names.lang)
	}
	return v.unknown(id)
}

// categoriesChart counts every top-level category, those without
// reports too: a category nobody uses is worth seeing.
func (v statsView) categoriesChart(f statsFigures) statsChart {
	var rows []countRow
	for _, id := range inOrder(topCategoryIDs(f.names), f.categories) {
		rows = append(rows, countRow{v.categoryName(f.names, id), f.categories[id]})
	}
	return v.barsOf(v.chart("categories", "admin.stats.chart_categories", "admin.stats.col_category", "admin.stats.col_reports"), rows, false)
}

// zonesChart counts every zone, and last the reports in none.
func (v statsView) zonesChart(f statsFigures) statsChart {
	var known []int64
	for _, z := range f.names.zoneList {
		known = append(known, z.ID)
	}
	var rows []countRow
	for _, id := range inOrder(known, f.zones) {
		if id == 0 {
			continue
		}
		name, ok := f.names.zones[id]
		if !ok {
			name = v.unknown(id)
		}
		rows = append(rows, countRow{name, f.zones[id]})
	}
	rows = append(rows, countRow{v.p.T("admin.stats.no_zone"), f.zones[0]})
	return v.barsOf(v.chart("zones", "admin.stats.chart_zones", "admin.stats.col_zone", "admin.stats.col_reports"), rows, false)
}

// closingChart shows the mean and the median side by side: a few reports
// left open for months pull the mean up, and the gap tells staff so.
func (v statsView) closingChart(f statsFigures) statsChart {
	c := v.chart("closing", "admin.stats.chart_close", "admin.stats.col_category", "admin.stats.col_closed", "admin.stats.col_mean", "admin.stats.col_median")
	c.Help = v.p.T("admin.stats.close_help")
	if len(f.closing) == 0 {
		c.Empty = true
		return c
	}
	order := topCategoryIDs(f.names)
	closing := slices.Clone(f.closing)
	slices.SortStableFunc(closing, func(a, b store.CloseTime) int {
		return rank(order, a.CategoryID) - rank(order, b.CategoryID)
	})
	var groups []svg.Group
	for _, ct := range closing {
		name := v.categoryName(f.names, ct.CategoryID)
		groups = append(groups, svg.Group{Label: name, Values: []float64{ct.MeanDays, ct.MedianDays}})
		c.Rows = append(c.Rows, []string{name, v.count(ct.Closed), v.days(ct.MeanDays), v.days(ct.MedianDays)})
	}
	series := []string{v.p.T("admin.stats.series_mean"), v.p.T("admin.stats.series_median")}
	c.SVG = svg.GroupedBarChart(c.Heading, series, groups, statsChartWidth, statsChartHeight)
	return c
}

// rank is id's place in order, those missing after every other.
func rank(order []int64, id int64) int {
	if i := slices.Index(order, id); i >= 0 {
		return i
	}
	return len(order)
}

// openSection is today's backlog by age, whatever the period.
func (v statsView) openSection(f statsFigures) statsSection {
	a := f.ages
	rows := []countRow{
		{v.p.T("admin.stats.age_under7"), a.Under7},
		{v.p.T("admin.stats.age_7_30"), a.From7To30},
		{v.p.T("admin.stats.age_30_90"), a.From30To90},
		{v.p.T("admin.stats.age_over90"), a.Over90},
	}
	return statsSection{ID: "open", Heading: v.p.T("admin.stats.section_open"), Help: v.p.T("admin.stats.open_help"),
		Facts:  []statsFact{{v.p.T("admin.stats.fact_open"), v.count(a.Total())}},
		Charts: []statsChart{v.barsOf(v.chart("ages", "admin.stats.chart_ages", "admin.stats.col_age", "admin.stats.col_reports"), rows, false)}}
}
