package svg

import (
	"html/template"
	"math"
	"strconv"
	"strings"
)

// Group is one label of a GroupedBarChart with one value per series, in
// the order of the series.
type Group struct {
	Label  string
	Values []float64
}

// seriesStyle colours the series apart; the first keeps the bar colour of
// the other charts. Colours repeat after the last.
const seriesStyle = `<style>` +
	`.series-1{fill:#f59e0b}.series-2{fill:#10b981}.series-3{fill:#8b5cf6}` +
	`.legend{font:11px sans-serif;fill:#374151}` +
	`</style>`

const seriesColours = 4

// GroupedBarChart draws, for each group, one bar per series side by side,
// with a legend naming the series: mean and median days per category, say.
// It is for figures that cannot be negative (counts, durations): a value
// below zero is drawn as an empty bar, its label still telling the value.
func GroupedBarChart(title string, series []string, groups []Group, width, height int) template.HTML {
	items := make([]Bar, len(groups))
	for i, g := range groups {
		items[i].Label = g.Label
		for _, v := range g.Values[:min(len(g.Values), len(series))] {
			items[i].Value = math.Max(items[i].Value, value(v))
		}
	}
	if len(series) == 0 {
		items = nil
	}
	c, ok := newChartDescribed("svg-grouped-chart", title, describeGroups(series, groups), items, width, height)
	if !ok {
		return c.empty(title)
	}
	c.b.WriteString(seriesStyle)
	c.legend(series)
	zero := c.y(0)
	width1 := c.slot * 0.7 / float64(len(series))
	for i, g := range groups {
		for k, v := range g.Values[:min(len(g.Values), len(series))] {
			v = value(v)
			x := c.x0 + float64(i)*c.slot + c.slot*0.15 + float64(k)*width1
			top := c.y(math.Max(v, 0))
			c.b.WriteString(`<rect`)
			c.b.attrs("class", seriesClass(k), "x", x, "y", top, "width", width1, "height", zero-top)
			c.b.WriteString(`><title>`)
			c.b.esc(g.Label + ", " + series[k] + ": " + num(v))
			c.b.WriteString(`</title></rect>`)
			c.b.text(x+width1/2, top-3, "value", "middle", num(v))
		}
	}
	return c.b.close()
}

// legend names the series in the top right corner, a swatch before each,
// laid out from the right so that it never runs off the picture.
func (c *chart) legend(series []string) {
	const swatch, gap, charWidth = 10.0, 6.0, 6.5
	x := c.w - padRight
	for k := len(series) - 1; k >= 0; k-- {
		label := shorten(series[k], labelRunes)
		x -= float64(len([]rune(label))) * charWidth
		c.b.WriteString(`<text`)
		c.b.attrs("class", "legend", "x", x, "y", 16.0)
		c.b.WriteByte('>')
		c.b.esc(label)
		c.b.WriteString(`</text><rect`)
		x -= swatch + 4
		c.b.attrs("class", seriesClass(k), "x", x, "y", 7.0, "width", swatch, "height", swatch)
		c.b.WriteString(`/>`)
		x -= gap * 2
	}
}

func seriesClass(k int) string {
	if k%seriesColours == 0 {
		return "bar series-0"
	}
	return "bar series-" + strconv.Itoa(k%seriesColours)
}

// describeGroups lists every figure for screen readers: "Strade: media 8,
// mediana 5; ...".
func describeGroups(series []string, groups []Group) string {
	parts := make([]string, len(groups))
	for i, g := range groups {
		var vals []string
		for k, v := range g.Values[:min(len(g.Values), len(series))] {
			vals = append(vals, series[k]+" "+num(value(v)))
		}
		parts[i] = g.Label + ": " + strings.Join(vals, ", ")
	}
	return strings.Join(parts, "; ")
}
