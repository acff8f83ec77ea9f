package svg

import (
	"math"
	"strings"
	"testing"
)

func months() []Bar {
	return []Bar{{"gen 2026", 12}, {"feb 2026", 30}, {"mar 2026", 7}, {"apr 2026", 0}}
}

func TestBarChart(t *testing.T) {
	bars := append(months(), Bar{"<b>Strade & \"piazze\"</b>", 4.5})
	out := string(BarChart("Segnalazioni per <categoria>", bars, 500, 300))
	d := parse(t, out)
	if strings.Contains(out, "<b>") || strings.Contains(out, "<categoria>") {
		t.Error("labels not escaped")
	}
	if d.elems[0].attrs["aria-label"] != "Segnalazioni per <categoria>" {
		t.Errorf("aria-label %q", d.elems[0].attrs["aria-label"])
	}
	if len(d.all("desc")) != 1 || !strings.Contains(d.text, "feb 2026: 30") {
		t.Error("no description of the data")
	}
	rects := d.all("rect")
	if len(rects) != len(bars) {
		t.Fatalf("%d bars, want %d", len(rects), len(bars))
	}
	// Taller value, taller bar; all inside the picture.
	if attr(t, rects[1], "height") <= attr(t, rects[0], "height") {
		t.Error("bar heights do not follow the values")
	}
	for _, r := range rects {
		if y, hgt := attr(t, r, "y"), attr(t, r, "height"); y < 0 || y+hgt > 300 {
			t.Errorf("bar %v outside", r.attrs)
		}
	}
	// Ticks on round numbers up to at least the largest value.
	if !strings.Contains(d.text, "30") || !strings.Contains(d.text, "4.5") {
		t.Errorf("value labels missing: %q", d.text)
	}
	ticks := 0
	for _, e := range d.all("text") {
		if e.attrs["class"] == "tick" {
			ticks++
		}
	}
	if ticks < 3 {
		t.Errorf("%d ticks", ticks)
	}
}

func TestLineChart(t *testing.T) {
	var points []Bar
	for i := range 120 { // ten years of months: labels thinned, not piled up
		points = append(points, Bar{"m" + strings.Repeat("x", i%30), float64(i % 17)})
	}
	d := parse(t, string(LineChart("Segnalazioni per mese", points, 640, 300)))
	if got := len(d.all("circle")); got != len(points) {
		t.Errorf("%d points, want %d", got, len(points))
	}
	if len(d.all("path")) != 1 {
		t.Error("no line")
	}
	labels := 0
	for _, e := range d.all("text") {
		if e.attrs["class"] == "label" {
			labels++
		}
	}
	if labels == 0 || labels >= len(points) {
		t.Errorf("%d axis labels for %d points", labels, len(points))
	}
}

func TestChartsEdgeCases(t *testing.T) {
	for name, bars := range map[string][]Bar{
		"empty":      nil,
		"one zero":   {{"a", 0}},
		"negative":   {{"a", -3}, {"b", 5}},
		"not finite": {{"a", math.NaN()}, {"b", math.Inf(1)}, {"c", math.Inf(-1)}},
		"huge":       {{"a", 1e308}, {"b", -1e308}, {"c", 5e-324}},
		"tiny":       {{"a", 1e-9}, {"b", 3e-9}},
		"bad text":   {{"\x00\x01\uFFFE", 1}},
	} {
		t.Run(name, func(t *testing.T) {
			for _, out := range []string{
				string(BarChart(name, bars, 400, 200)),
				string(LineChart(name, bars, 0, 0)),
				string(BarChart(name, bars, 1, 1)),
			} {
				d := parse(t, out)
				if len(bars) == 0 && !strings.Contains(d.elems[0].attrs["class"], "svg-empty") {
					t.Error("not the empty state")
				}
			}
		})
	}
}

func TestNiceStep(t *testing.T) {
	for _, tc := range []struct{ span, want float64 }{
		{30, 10}, {10, 2}, {7, 2}, {100, 20}, {0.3, 0.1}, {0, 1}, {math.NaN(), 1},
	} {
		if got := niceStep(tc.span, 5); math.Abs(got-tc.want) > 1e-12 {
			t.Errorf("niceStep(%v) = %v, want %v", tc.span, got, tc.want)
		}
	}
}
