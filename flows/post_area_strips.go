package flows

import (
	"math"

	"github.com/campanile/campanile/store"
)

// strips cuts the area's bounding box into store.MaxPlaceBoxes horizontal
// strips, each only as wide as the area is within it, so the database's
// first cut returns little more than the points inside (a diamond's box
// holds twice its points; its strips an eighth more). Every point the
// exact test accepts lies in a strip: the edges are shared between
// neighbouring strips and the widths carry slack.
func (a DrawnArea) strips() []store.Box {
	whole := a.box()
	n := store.MaxPlaceBoxes
	h := (whole.MaxLat - whole.MinLat) / float64(n)
	if !(h > 0) {
		return []store.Box{whole}
	}
	edges := make([]float64, n+1)
	for i := range n {
		edges[i] = whole.MinLat + float64(i)*h
	}
	edges[n] = whole.MaxLat
	var out []store.Box
	for i := range n {
		lo, hi := edges[i], edges[i+1]
		minLon, maxLon, ok := a.lonExtent(lo, hi)
		if !ok {
			continue
		}
		out = append(out, store.Box{MinLat: lo, MaxLat: hi, MinLon: math.Max(minLon, whole.MinLon), MaxLon: math.Min(maxLon, whole.MaxLon)})
	}
	return out
}

// lonExtent is how far west and east the area reaches between two
// latitudes; ok is false when it does not reach them at all.
func (a DrawnArea) lonExtent(lo, hi float64) (minLon, maxLon float64, ok bool) {
	if a.radiusM > 0 {
		return a.circleLonExtent(lo, hi)
	}
	// A shape's extremes within a band lie on its boundary clipped to
	// the band: every edge is clipped and its ends taken.
	minLon, maxLon = math.Inf(1), math.Inf(-1)
	for _, poly := range a.polygons {
		for _, ring := range poly {
			for i := 1; i < len(ring); i++ {
				p, q := ring[i-1], ring[i]
				if math.Max(p.Lat(), q.Lat()) < lo || math.Min(p.Lat(), q.Lat()) > hi {
					continue
				}
				t0, t1 := 0.0, 1.0
				if dy := q.Lat() - p.Lat(); dy != 0 {
					atLo, atHi := (lo-p.Lat())/dy, (hi-p.Lat())/dy
					t0, t1 = math.Max(0, math.Min(atLo, atHi)), math.Min(1, math.Max(atLo, atHi))
				}
				for _, t := range []float64{t0, t1} {
					x := p.Lon() + t*(q.Lon()-p.Lon())
					minLon, maxLon = math.Min(minLon, x), math.Max(maxLon, x)
				}
			}
		}
	}
	if minLon > maxLon {
		return 0, 0, false
	}
	const slack = 1e-9 // rounding in the interpolation
	return minLon - slack, maxLon + slack, true
}

// circleLonExtent treats the circle, in degrees, as the ellipse it nearly
// is, with a generous margin for the rest: the degree of longitude taken
// at the band's edge farthest from the equator, 2 % more on top.
func (a DrawnArea) circleLonExtent(lo, hi float64) (minLon, maxLon float64, ok bool) {
	cy, cx := a.center.Lat(), a.center.Lon()
	dLat := a.radiusM/111_000 + 1e-6
	dy := 0.0
	switch {
	case cy < lo:
		dy = lo - cy
	case cy > hi:
		dy = cy - hi
	}
	if dy > dLat {
		return 0, 0, false
	}
	far := math.Max(math.Abs(lo), math.Abs(hi))
	dLon := a.radiusM / (111_000 * math.Max(math.Cos(far*math.Pi/180), 0.01))
	half := dLon*math.Sqrt(1-(dy/dLat)*(dy/dLat))*1.02 + 0.02*dLon + 1e-6
	return cx - half, cx + half, true
}
