package svg

import (
	"html/template"
	"math"
	"strings"
)

// Bar is one labelled value of a chart: a bar of BarChart or a point of
// LineChart.
type Bar struct {
	Label string
	Value float64
}

// Chart geometry in pixels: room on the left for the tick labels and at
// the bottom for the (possibly slanted) category labels.
const (
	padLeft, padRight, padTop, padBottom = 48, 12, 28, 64
	labelRunes                           = 18
	tickCount                            = 5
)

const chartStyle = `<style>` +
	`.chart-title{font:bold 13px sans-serif;fill:#111827}` +
	`.axis{stroke:#9ca3af;stroke-width:1}.grid{stroke:#e5e7eb;stroke-width:1}` +
	`.tick,.label{font:11px sans-serif;fill:#374151}.value{font:10px sans-serif;fill:#111827}` +
	`.bar{fill:#2563eb}.line{fill:none;stroke:#2563eb;stroke-width:2}.dot{fill:#2563eb}` +
	`.svg-empty-text{font:14px sans-serif;fill:#6b7280}` +
	`</style>`

// chart is the frame shared by both kinds: axes, ticks and labels.
type chart struct {
	b              builder
	w, h           float64
	x0, y0, x1, y1 float64 // the plot area: x0,y1 top-left, x1,y0 bottom-right
	lo, hi         float64 // the value range of the vertical axis
	slot           float64 // horizontal room per data item
}

// BarChart draws one vertical bar per item, with its value above it.
func BarChart(title string, bars []Bar, width, height int) template.HTML {
	c, ok := newChart("svg-bar-chart", title, bars, width, height)
	if !ok {
		return c.empty(title)
	}
	zero := c.y(0)
	for i, bar := range bars {
		v := value(bar.Value)
		x := c.x0 + float64(i)*c.slot + c.slot*0.15
		top := math.Min(c.y(v), zero)
		c.b.WriteString(`<rect`)
		c.b.attrs("class", "bar", "x", x, "y", top, "width", c.slot*0.7, "height", math.Abs(zero-c.y(v)))
		c.b.WriteString(`><title>`)
		c.b.esc(bar.Label + ": " + num(v))
		c.b.WriteString(`</title></rect>`)
		c.b.text(x+c.slot*0.35, top-3, "value", "middle", num(v))
	}
	return c.b.close()
}

// LineChart draws the items as points joined in order, as for reports
// per month.
func LineChart(title string, points []Bar, width, height int) template.HTML {
	c, ok := newChart("svg-line-chart", title, points, width, height)
	if !ok {
		return c.empty(title)
	}
	var d strings.Builder
	for i, p := range points {
		if i == 0 {
			d.WriteString("M")
		} else {
			d.WriteString(" L")
		}
		d.WriteString(num(c.cx(i)) + " " + num(c.y(value(p.Value))))
	}
	c.b.WriteString(`<path`)
	c.b.attrs("class", "line", "d", d.String())
	c.b.WriteString(`/>`)
	for i, p := range points {
		v := value(p.Value)
		c.b.WriteString(`<circle`)
		c.b.attrs("class", "dot", "cx", c.cx(i), "cy", c.y(v), "r", 3.0)
		c.b.WriteString(`><title>`)
		c.b.esc(p.Label + ": " + num(v))
		c.b.WriteString(`</title></circle>`)
		c.b.text(c.cx(i), c.y(v)-6, "value", "middle", num(v))
	}
	return c.b.close()
}

// newChart draws the frame; false when there is nothing to plot.
func newChart(class, title string, items []Bar, width, height int) (*chart, bool) {
	return newChartDescribed(class, title, describe(items), items, width, height)
}

// newChartDescribed is newChart with the description for screen readers
// given, for charts whose items do not carry every figure drawn.
func newChartDescribed(class, title, desc string, items []Bar, width, height int) (*chart, bool) {
	c := &chart{}
	c.w, c.h = size(width, height)
	if len(items) == 0 {
		return c, false
	}
	c.x0, c.y1 = padLeft, padTop
	c.x1, c.y0 = math.Max(c.w-padRight, c.x0+1), math.Max(c.h-padBottom, c.y1+1)
	c.slot = (c.x1 - c.x0) / float64(len(items))
	for _, it := range items {
		v := value(it.Value)
		c.lo, c.hi = math.Min(c.lo, v), math.Max(c.hi, v)
	}
	step := niceStep(c.hi-c.lo, tickCount)
	c.lo, c.hi = math.Floor(c.lo/step)*step, math.Ceil(c.hi/step)*step
	if c.hi == c.lo {
		c.hi = c.lo + step
	}

	c.b.open(c.w, c.h, class, title, desc)
	c.b.WriteString(chartStyle)
	c.b.text(c.w/2, 16, "chart-title", "middle", title)
	// Counted rather than stepped by value, which float rounding could
	// keep from ever reaching hi.
	ticks := min(int(math.Round((c.hi-c.lo)/step)), 4*tickCount)
	for t := 0; t <= ticks; t++ {
		v := c.lo + float64(t)*step
		y := c.y(v)
		c.b.WriteString(`<line`)
		c.b.attrs("class", "grid", "x1", c.x0, "y1", y, "x2", c.x1, "y2", y)
		c.b.WriteString(`/>`)
		c.b.text(c.x0-4, y+4, "tick", "end", num(v))
	}
	c.b.WriteString(`<line`)
	c.b.attrs("class", "axis", "x1", c.x0, "y1", c.y0, "x2", c.x1, "y2", c.y0)
	c.b.WriteString(`/><line`)
	c.b.attrs("class", "axis", "x1", c.x0, "y1", c.y1, "x2", c.x0, "y2", c.y0)
	c.b.WriteString(`/>`)
	// Labels are slanted when they would not fit side by side, and thinned
	// out when even that is too crowded (every month of ten years).
	slant := c.slot < 60
	every := int(math.Ceil(14 / c.slot))
	for i, it := range items {
		if i%max(every, 1) != 0 {
			continue
		}
		x, y := c.cx(i), c.y0+14
		if !slant {
			c.b.text(x, y, "label", "middle", shorten(it.Label, labelRunes))
			continue
		}
		c.b.WriteString(`<text`)
		c.b.attrs("class", "label", "text-anchor", "end", "x", x, "y", y,
			"transform", "rotate(-40 "+num(x)+" "+num(y)+")")
		c.b.WriteByte('>')
		c.b.esc(shorten(it.Label, labelRunes))
		c.b.WriteString(`</text>`)
	}
	return c, true
}

func (c *chart) empty(title string) template.HTML {
	// A dash, not a sentence: the caller's title is already in the clerk's
	// language, and this package has no catalogue of its own.
	return empty(c.w, c.h, "svg-chart", title, "—")
}

// y is the vertical pixel of value v.
func (c *chart) y(v float64) float64 {
	return c.y0 - (v-c.lo)/(c.hi-c.lo)*(c.y0-c.y1)
}

// cx is the horizontal centre of item i.
func (c *chart) cx(i int) float64 {
	return c.x0 + (float64(i)+0.5)*c.slot
}

// maxValue bounds the values drawn, far above any count or number of days,
// so that the scale arithmetic cannot overflow.
const maxValue = 1e15

// value treats a value that is not finite as 0 and clamps huge ones, so
// that one bad row does not wreck the scale.
func value(v float64) float64 {
	if !finite(v) {
		return 0
	}
	return math.Max(-maxValue, math.Min(v, maxValue))
}

// niceStep is a round step (1, 2 or 5 times a power of ten) dividing span
// into about n ticks.
func niceStep(span float64, n int) float64 {
	if !(span > 0) || !finite(span) {
		return 1
	}
	raw := span / float64(n)
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 5} {
		if raw <= m*p {
			return m * p
		}
	}
	return 10 * p
}

// describe lists the data for screen readers, which cannot see the bars.
func describe(items []Bar) string {
	parts := make([]string, len(items))
	for i, it := range items {
		parts[i] = it.Label + ": " + num(value(it.Value))
	}
	return strings.Join(parts, "; ")
}
