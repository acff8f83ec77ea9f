package svg

import (
	"math"
	"strings"
	"testing"
)

func TestGroupedBarChart(t *testing.T) {
	series := []string{"media", "mediana"}
	groups := []Group{
		{"Strade", []float64{8.5, 5.25}},
		{"<Segnaletica>", []float64{1, 1}},
		{"Verde", []float64{20, 2}},
	}
	out := string(GroupedBarChart("Giorni per chiudere", series, groups, 600, 300))
	d := parse(t, out)
	if strings.Contains(out, "<Segnaletica>") {
		t.Error("labels not escaped")
	}
	if !strings.Contains(d.text, "Strade: media 8.5, mediana 5.25") || !strings.Contains(d.text, "Verde: media 20, mediana 2") {
		t.Errorf("description lacks the figures: %q", d.text)
	}
	var bars []element
	legend := 0
	for _, r := range d.all("rect") {
		if attr(t, r, "y") >= padTop {
			bars = append(bars, r)
		} else {
			legend++
		}
	}
	if len(bars) != 6 || legend != 2 {
		t.Fatalf("%d bars and %d legend swatches, want 6 and 2", len(bars), legend)
	}
	// Side by side, the series apart by class, heights following values.
	if bars[0].attrs["class"] == bars[1].attrs["class"] || bars[0].attrs["class"] != bars[2].attrs["class"] {
		t.Errorf("series classes %q %q %q", bars[0].attrs["class"], bars[1].attrs["class"], bars[2].attrs["class"])
	}
	if attr(t, bars[1], "x") <= attr(t, bars[0], "x") || attr(t, bars[2], "x") <= attr(t, bars[1], "x") {
		t.Error("bars not laid out left to right")
	}
	h := func(i int) float64 { return attr(t, bars[i], "height") }
	if !(h(4) > h(0) && h(0) > h(1) && h(1) > h(2) && h(2) == h(3)) {
		t.Errorf("heights do not follow the values: %v %v %v %v %v", h(0), h(1), h(2), h(3), h(4))
	}
	for _, r := range d.all("rect") {
		if x, w := attr(t, r, "x"), attr(t, r, "width"); x < 0 || x+w > 600 {
			t.Errorf("rect %v outside the picture", r.attrs)
		}
	}
	for _, want := range []string{"media", "mediana", "8.5", "20"} {
		if !strings.Contains(d.text, want) {
			t.Errorf("text lacks %q", want)
		}
	}
}

func TestGroupedBarChartEdgeCases(t *testing.T) {
	for name, c := range map[string]struct {
		series []string
		groups []Group
		empty  bool
	}{
		"no groups":      {[]string{"a"}, nil, true},
		"no series":      {nil, []Group{{"x", []float64{1}}}, true},
		"missing values": {[]string{"a", "b"}, []Group{{"x", []float64{1}}, {"y", nil}}, false},
		"extra values":   {[]string{"a"}, []Group{{"x", []float64{1, 2, 3}}}, false},
		"negative":       {[]string{"a", "b"}, []Group{{"x", []float64{-3, 5}}}, false},
		"not finite":     {[]string{"a", "b"}, []Group{{"x", []float64{math.NaN(), math.Inf(1)}}, {"y", []float64{math.Inf(-1), 1e308}}}, false},
		"many series":    {[]string{"a", "b", "c", "d", "e", "f"}, []Group{{"x", []float64{1, 2, 3, 4, 5, 6}}}, false},
	} {
		t.Run(name, func(t *testing.T) {
			for _, size := range [][2]int{{400, 200}, {0, 0}, {1, 1}} {
				d := parse(t, string(GroupedBarChart(name, c.series, c.groups, size[0], size[1])))
				if got := strings.Contains(d.elems[0].attrs["class"], "svg-empty"); got != c.empty {
					t.Errorf("empty state %v, want %v", got, c.empty)
				}
				for _, r := range d.all("rect") {
					if attr(t, r, "height") < 0 || attr(t, r, "width") < 0 {
						t.Errorf("negative size %v", r.attrs)
					}
				}
			}
		})
	}
}
