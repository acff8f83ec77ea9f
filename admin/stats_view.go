package admin

import (
	"slices"

	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"github.com/campanile/campanile/admin/svg"
)

// Size of every statistics chart; CSS scales them down on a phone.
const statsChartWidth, statsChartHeight = 640, 320

// statsView turns the store's figures into the page's sections, with the
// numbers written as the clerk's language writes them (1.234,5 in Italian
// and German, 1,234.5 in English).
type statsView struct {
	p   page
	num *message.Printer
}

func newStatsView(p page) statsView {
	return statsView{p: p, num: message.NewPrinter(language.Make(p.Lang))}
}

func (v statsView) count(n int) string    { return v.num.Sprintf("%d", n) }
func (v statsView) days(d float64) string { return v.num.Sprintf("%.1f", d) }

// chart starts a figure with its heading and its table's column heads.
func (v statsView) chart(id, headingID string, columnIDs ...string) statsChart {
	c := statsChart{ID: id, Heading: v.p.T(headingID)}
	for _, col := range columnIDs {
		c.Columns = append(c.Columns, v.p.T(col))
	}
	return c
}

// countRow is one labelled count, drawn and tabled.
type countRow struct {
	label string
	n     int
}

// barsOf fills c with a bar chart of rows and their table; a chart whose
// counts are all 0 is empty, said in words rather than drawn flat.
func (v statsView) barsOf(c statsChart, rows []countRow, line bool) statsChart {
	bars := make([]svg.Bar, 0, len(rows))
	total := 0
	for _, r := range rows {
		bars = append(bars, svg.Bar{Label: r.label, Value: float64(r.n)})
		c.Rows = append(c.Rows, []string{r.label, v.count(r.n)})
		total += r.n
	}
	switch {
	case total == 0:
		c.Empty, c.Rows = true, nil
	case line:
		c.SVG = svg.LineChart(c.Heading, bars, statsChartWidth, statsChartHeight)
	default:
		c.SVG = svg.BarChart(c.Heading, bars, statsChartWidth, statsChartHeight)
	}
	return c
}

// unknown names an id the lists do not have (a category or zone renamed
// away between two queries).
func (v statsView) unknown(id int64) string { return v.p.T("admin.stats.unknown", "ID", id) }

// inOrder lists the ids of counts in the order of known, then any others
// (in id order), so that charts follow the order staff gave their lists.
func inOrder(known []int64, counts map[int64]int) []int64 {
	out := slices.Clone(known)
	var rest []int64
	for id := range counts {
		if !slices.Contains(known, id) {
			rest = append(rest, id)
		}
	}
	slices.Sort(rest)
	return append(out, rest...)
}
