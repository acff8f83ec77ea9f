package admin

import (
	"slices"

	"github.com/campanile/campanile/admin/svg"
	"github.com/campanile/campanile/locales"
	"github.com/campanile/campanile/store"
)

// citizensSection is who talks to the bot, whatever the period.
func (v statsView) citizensSection(f statsFigures) statsSection {
	cs := f.citizens
	var langs []countRow
	for _, l := range cs.Languages {
		name := l.Language
		if slices.Contains(locales.Supported, l.Language) {
			name = v.p.T("admin.stats.language_" + l.Language)
		}
		langs = append(langs, countRow{name, l.Count})
	}
	return statsSection{ID: "citizens", Heading: v.p.T("admin.stats.section_citizens"), Help: v.p.T("admin.stats.citizens_help"),
		Facts: []statsFact{
			{v.p.T("admin.stats.fact_citizens"), v.count(cs.Total)},
			{v.p.T("admin.stats.fact_active"), v.count(cs.Active)},
		},
		Charts: []statsChart{
			v.barsOf(v.chart("languages", "admin.stats.chart_languages", "admin.stats.col_language", "admin.stats.col_citizens"), langs, false),
			v.topicsChart(f.topics, cs.Subscribers),
		}}
}

// topicsChart draws the top-level topics, each counting who follows any
// part of it; the table adds the subtopics under their parent, so the two
// levels read as staff set them up.
func (v statsView) topicsChart(topics []store.Topic, subscribers map[int64]int) statsChart {
	c := v.chart("topics", "admin.stats.chart_topics", "admin.stats.col_topic", "admin.stats.col_subscribers")
	c.Help = v.p.T("admin.stats.topics_help")
	if len(subscribers) == 0 {
		c.Empty = true
		return c
	}
	var bars []svg.Bar
	for _, top := range topics {
		if top.ParentID != 0 {
			continue
		}
		name := top.Name(v.p.Lang)
		bars = append(bars, svg.Bar{Label: name, Value: float64(subscribers[top.ID])})
		c.Rows = append(c.Rows, []string{name, v.count(subscribers[top.ID])})
		for _, sub := range topics {
			if sub.ParentID == top.ID {
				c.Rows = append(c.Rows, []string{name + " › " + sub.Name(v.p.Lang), v.count(subscribers[sub.ID])})
			}
		}
	}
	c.SVG = svg.BarChart(c.Heading, bars, statsChartWidth, statsChartHeight)
	return c
}
