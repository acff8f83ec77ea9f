package svg

import (
	"html/template"
	"math"
	"strings"

	"github.com/paulmach/orb"
)

// Area is a named outline in lon/lat, as flows.ParseArea returns it.
type Area struct {
	Name  string
	Shape orb.MultiPolygon
	// Boundary marks the comune's own boundary: drawn first, thicker and
	// unfilled, so that the zones stay readable on top of it.
	Boundary bool
}

// Pin is a point to mark, such as a report.
type Pin struct {
	Lat, Lon float64
	Label    string
	// Status picks the colour through the class "pin-STATUS"; only
	// letters, digits, - and _ are kept.
	Status string
}

const (
	// margin keeps outlines and pins off the edges, in pixels.
	margin = 16
	// minSpan is the least extent drawn, in degrees (about 100 m): a single
	// pin or a zero-size area still gets a sensible scale instead of a
	// division by zero.
	minSpan   = 0.001
	pinRadius = 5
)

// mapStyle gives defaults that the admin's stylesheet may override; the
// classes are prefixed to avoid clashing with the page's own.
const mapStyle = `<style>` +
	`.zone path{fill:#2563eb;fill-opacity:.08;stroke:#2563eb;stroke-width:1}` +
	`.boundary path{fill:none;stroke:#111827;stroke-width:3}` +
	`.zone-name{font:11px sans-serif;fill:#1e3a8a}` +
	`.pin{stroke:#fff;stroke-width:1.5;fill:#6b7280}` +
	`.pin-nuova{fill:#dc2626}.pin-presa_in_carico{fill:#d97706}.pin-in_lavorazione{fill:#2563eb}` +
	`.pin-risolta{fill:#16a34a}.pin-respinta,.pin-duplicata{fill:#6b7280}` +
	`.svg-empty-text{font:14px sans-serif;fill:#6b7280}` +
	`</style>`

// MapText is what a map says, in the reader's language: its title (read
// by screen readers) and the message when there is nothing to draw.
type MapText struct {
	Title, Empty string
}

// Map draws areas and pins with an equirectangular projection fitted to
// their joint bounds. Longitudes are scaled by the cosine of the middle
// latitude, which keeps shapes true at a comune's scale. Coordinates that
// are not finite or not on Earth are skipped.
func Map(areas []Area, pins []Pin, width, height int, text MapText) template.HTML {
	w, h := size(width, height)
	title := text.Title
	bound, ok := bounds(areas, pins)
	if !ok {
		return empty(w, h, "svg-map", title, text.Empty)
	}
	p := fit(bound, w, h)
	var b builder
	b.open(w, h, "svg-map", title, "")
	b.WriteString(mapStyle)
	// The boundary goes under the zones, the names above every outline and
	// the pins above everything.
	for _, boundary := range []bool{true, false} {
		for _, a := range areas {
			if a.Boundary == boundary {
				drawArea(&b, p, a)
			}
		}
	}
	for _, a := range areas {
		if a.Name == "" || a.Boundary {
			continue
		}
		if c, ok := validBound(a.Shape); ok {
			x, y := p.xy(c.Center())
			b.text(x, y, "zone-name", "middle", a.Name)
		}
	}
	for _, pin := range pins {
		if !onEarth(orb.Point{pin.Lon, pin.Lat}) {
			continue
		}
		x, y := p.xy(orb.Point{pin.Lon, pin.Lat})
		b.WriteString(`<circle`)
		b.attrs("cx", x, "cy", y, "r", float64(pinRadius), "class", "pin pin-"+statusClass(pin.Status))
		b.WriteString(`><title>`)
		b.esc(pin.Label)
		b.WriteString(`</title></circle>`)
	}
	return b.close()
}

// projection maps lon/lat to pixels.
type projection struct {
	minLon, maxLat, kx, scale, offX, offY float64
}

func fit(bound orb.Bound, w, h float64) projection {
	// Widen a degenerate extent around its centre.
	c := bound.Center()
	if dx := bound.Max[0] - bound.Min[0]; dx < minSpan {
		bound.Min[0], bound.Max[0] = c[0]-minSpan/2, c[0]+minSpan/2
	}
	if dy := bound.Max[1] - bound.Min[1]; dy < minSpan {
		bound.Min[1], bound.Max[1] = c[1]-minSpan/2, c[1]+minSpan/2
	}
	// Near the poles the cosine tends to zero; a floor keeps the scale
	// finite (nobody reports a pothole there).
	kx := math.Max(math.Cos(c[1]*math.Pi/180), 0.01)
	spanX := (bound.Max[0] - bound.Min[0]) * kx
	spanY := bound.Max[1] - bound.Min[1]
	// A tiny picture gets a proportionally smaller margin, so that
	// everything stays inside it.
	m := math.Min(margin, math.Min(w, h)/4)
	innerW, innerH := w-2*m, h-2*m
	scale := math.Min(innerW/spanX, innerH/spanY)
	return projection{
		minLon: bound.Min[0], maxLat: bound.Max[1], kx: kx, scale: scale,
		// Centre the drawing in the space left over on one axis.
		offX: m + (innerW-spanX*scale)/2,
		offY: m + (innerH-spanY*scale)/2,
	}
}

func (p projection) xy(pt orb.Point) (float64, float64) {
	return p.offX + (pt[0]-p.minLon)*p.kx*p.scale, p.offY + (p.maxLat-pt[1])*p.scale
}

// drawArea writes one area as a single path, holes included (even-odd
// fill), so that there is one <path> per zone.
func drawArea(b *builder, p projection, a Area) {
	var d strings.Builder
	for _, poly := range a.Shape {
		for _, ring := range poly {
			var last string
			n := 0
			for _, pt := range ring {
				if !onEarth(pt) {
					continue
				}
				x, y := p.xy(pt)
				// Points closer than the rounding add bytes, not detail.
				seg := num(x) + " " + num(y)
				if seg == last {
					continue
				}
				if n == 0 {
					d.WriteString("M")
				} else {
					d.WriteString(" L")
				}
				d.WriteString(seg)
				last = seg
				n++
			}
			if n > 0 {
				d.WriteString(" Z ")
			}
		}
	}
	class := "zone"
	if a.Boundary {
		class = "boundary"
	}
	b.WriteString(`<g`)
	b.attrs("class", class)
	b.WriteString(`><title>`)
	b.esc(a.Name)
	b.WriteString(`</title><path fill-rule="evenodd"`)
	b.attrs("d", strings.TrimSpace(d.String()))
	b.WriteString(`/></g>`)
}

// bounds is the extent of every usable point; false when there is none.
func bounds(areas []Area, pins []Pin) (orb.Bound, bool) {
	var bound orb.Bound
	found := false
	add := func(pt orb.Point) {
		if !onEarth(pt) {
			return
		}
		if !found {
			bound, found = pt.Bound(), true
			return
		}
		bound = bound.Extend(pt)
	}
	for _, a := range areas {
		for _, poly := range a.Shape {
			for _, ring := range poly {
				for _, pt := range ring {
					add(pt)
				}
			}
		}
	}
	for _, pin := range pins {
		add(orb.Point{pin.Lon, pin.Lat})
	}
	return bound, found
}

func validBound(mp orb.MultiPolygon) (orb.Bound, bool) {
	return bounds([]Area{{Shape: mp}}, nil)
}

func onEarth(pt orb.Point) bool {
	return finite(pt[0], pt[1]) && math.Abs(pt[0]) <= 180 && math.Abs(pt[1]) <= 90
}

// statusClass keeps a status usable in a class name.
func statusClass(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_':
			return r
		}
		return -1
	}, s)
}
