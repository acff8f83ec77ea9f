package playground

import (
	"context"
	"fmt"
	"math"
	"strings"
)

// mapView is the comune drawn as an SVG, with what the script needs to
// turn a click into a point and a point into a pin. The projection is
// equirectangular, squeezed east-west by cos(latitude): over a few
// kilometres that is exact enough, and it stays linear, so a click maps
// back to a point with two multiplications.
type mapView struct {
	Width    float64     `json:"width"`
	Height   float64     `json:"height"`
	MinLon   float64     `json:"min_lon"`
	MaxLat   float64     `json:"max_lat"`
	LonScale float64     `json:"lon_scale"`
	Scale    float64     `json:"scale"`
	Shapes   []mapShape  `json:"-"`
	Places   []placeMark `json:"places"`
	// Box is true when no polygons were given: the map is a plain frame
	// around the preset places.
	Box bool `json:"box"`
}

type mapShape struct {
	D        string
	Name     string
	Boundary bool
	Class    string
	// LabelX, LabelY place the zone's name: the mean of its outer ring's
	// corners, inside any roughly convex quartiere.
	LabelX, LabelY float64
}

type placeMark struct {
	Name string  `json:"name"`
	Lat  float64 `json:"lat"`
	Lon  float64 `json:"lon"`
	X    float64 `json:"x"`
	Y    float64 `json:"y"`
}

// mapSide is the longer side of the SVG's coordinate space.
const mapSide = 1000

// mapView asks Config.Map for the comune's shapes each time the page is
// drawn, so that zones edited in the admin show at the next reload.
func (p *Playground) mapView(ctx context.Context) mapView {
	var areas []area
	if p.cfg.Map != nil {
		data, err := p.cfg.Map(ctx)
		if err == nil && len(data) > 0 {
			areas, err = parseAreas(data)
		}
		if err != nil {
			p.log.Warn("playground map unavailable, drawing a plain box", "error", err)
			areas = nil
		}
	}
	return buildMap(areas, p.cfg.Places)
}

func buildMap(areas []area, places []Place) mapView {
	minLat, maxLat, minLon, maxLon := math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
	grow := func(lat, lon float64) {
		minLat, maxLat = math.Min(minLat, lat), math.Max(maxLat, lat)
		minLon, maxLon = math.Min(minLon, lon), math.Max(maxLon, lon)
	}
	for _, a := range areas {
		for _, rg := range a.Rings {
			for _, pt := range rg {
				grow(pt[1], pt[0])
			}
		}
	}
	for _, pl := range places {
		grow(pl.Lat, pl.Lon)
	}
	if math.IsInf(minLat, 1) { // nothing at all: the Italian default
		grow(45.07, 7.68)
	}
	// A margin, more generous around bare places, and never a zero span.
	pad := 0.05
	if len(areas) == 0 {
		pad = 0.25
	}
	midLat := (minLat + maxLat) / 2
	lonScale := math.Cos(midLat * math.Pi / 180)
	spanLat := math.Max(maxLat-minLat, 0.005)
	spanLon := math.Max(maxLon-minLon, 0.005/math.Max(lonScale, 0.01))
	minLat, maxLat = midLat-spanLat*(0.5+pad), midLat+spanLat*(0.5+pad)
	midLon := (minLon + maxLon) / 2
	minLon, maxLon = midLon-spanLon*(0.5+pad), midLon+spanLon*(0.5+pad)

	w, h := (maxLon-minLon)*lonScale, maxLat-minLat
	scale := mapSide / math.Max(w, h)
	m := mapView{Width: round1(w * scale), Height: round1(h * scale), MinLon: minLon, MaxLat: maxLat, LonScale: lonScale, Scale: scale, Box: len(areas) == 0}
	zone := 0
	for _, a := range areas {
		var d strings.Builder
		var sx, sy float64
		outer := a.Rings[0]
		if n := len(outer); n > 1 && outer[0] == outer[n-1] {
			outer = outer[:n-1] // the closing corner would count twice
		}
		for _, pt := range outer {
			x, y := m.project(pt[1], pt[0])
			sx, sy = sx+x, sy+y
		}
		for _, rg := range a.Rings {
			for i, pt := range rg {
				x, y := m.project(pt[1], pt[0])
				if i == 0 {
					fmt.Fprintf(&d, "M%.1f %.1f", x, y)
				} else {
					fmt.Fprintf(&d, "L%.1f %.1f", x, y)
				}
			}
			d.WriteString("Z")
		}
		n := float64(len(outer))
		s := mapShape{D: d.String(), Name: a.Name, Boundary: a.Boundary, Class: "boundary", LabelX: round1(sx / n), LabelY: round1(sy / n)}
		if !a.Boundary {
			s.Class = fmt.Sprintf("zone zone-%d", zone%6)
			zone++
		}
		m.Shapes = append(m.Shapes, s)
	}
	for _, pl := range places {
		x, y := m.project(pl.Lat, pl.Lon)
		m.Places = append(m.Places, placeMark{Name: pl.Name, Lat: pl.Lat, Lon: pl.Lon, X: round1(x), Y: round1(y)})
	}
	return m
}

// project is the page script's toXY: keep the two the same.
func (m mapView) project(lat, lon float64) (x, y float64) {
	return (lon - m.MinLon) * m.LonScale * m.Scale, (m.MaxLat - lat) * m.Scale
}

func round1(v float64) float64 { return math.Round(v*10) / 10 }

// grid is the plain box's guide lines, a fifth of each side apart.
type grid struct{ X, Y []float64 }

func (m mapView) Grid() grid {
	var g grid
	for _, f := range []float64{0.2, 0.4, 0.6, 0.8} {
		g.X = append(g.X, round1(m.Width*f))
		g.Y = append(g.Y, round1(m.Height*f))
	}
	return g
}
