package flows

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geo"
	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/planar"

	"github.com/campanile/campanile/store"
)

// maxCircleRadiusM bounds a drawn circle: 50 km covers any comune; more
// is a typo (metres taken for something else) that would alert a region.
const maxCircleRadiusM = 50_000

// DrawnArea is a post's drawn area: polygons, or a circle around a point.
type DrawnArea struct {
	polygons orb.MultiPolygon
	center   orb.Point // lon, lat
	radiusM  float64   // > 0 for a circle
}

// ErrBadArea is a drawn area that cannot be read; the wrapped text says why.
var ErrBadArea = errors.New("flows: the drawn area is not valid")

// ParsePostArea reads a post's AreaGeoJSON: a Polygon or MultiPolygon
// (geometry, Feature or FeatureCollection), or a circle, a Point Feature
// with a "radius_m" property in metres.
func ParsePostArea(text string) (DrawnArea, error) {
	if f, err := geojson.UnmarshalFeature([]byte(text)); err == nil && f.Geometry != nil {
		if pt, ok := f.Geometry.(orb.Point); ok {
			return circleArea(pt, f.Properties)
		}
	}
	polys, err := ParseArea(text)
	if err != nil {
		return DrawnArea{}, fmt.Errorf("%w: %v", ErrBadArea, err)
	}
	for _, p := range polys {
		for _, ring := range p {
			for _, pt := range ring {
				if !inDegrees(pt) {
					return DrawnArea{}, fmt.Errorf("%w: a point is not a longitude and latitude in degrees", ErrBadArea)
				}
			}
		}
	}
	return DrawnArea{polygons: polys}, nil
}

func circleArea(pt orb.Point, props geojson.Properties) (DrawnArea, error) {
	if !inDegrees(pt) {
		return DrawnArea{}, fmt.Errorf("%w: the centre is not a longitude and latitude in degrees", ErrBadArea)
	}
	var radius float64
	switch v := props["radius_m"].(type) {
	case float64:
		radius = v
	case json.Number:
		radius, _ = v.Float64()
	}
	if !(radius > 0 && radius <= maxCircleRadiusM) {
		return DrawnArea{}, fmt.Errorf("%w: a circle needs radius_m between 1 and %d metres", ErrBadArea, maxCircleRadiusM)
	}
	return DrawnArea{center: pt, radiusM: radius}, nil
}

// box is the area's bounding rectangle, for the database's first cut.
func (a DrawnArea) box() store.Box {
	if a.radiusM > 0 {
		// One degree of latitude is about 111 km everywhere; a degree of
		// longitude shrinks with the cosine of the latitude, taken where
		// the circle is farthest from the equator. A little slack keeps
		// the cut generous: the exact test follows.
		dLat := a.radiusM/111_000 + 1e-6
		far := math.Abs(a.center.Lat()) + dLat
		dLon := a.radiusM/(111_000*math.Max(math.Cos(far*math.Pi/180), 0.01)) + 1e-6
		return store.Box{MinLat: a.center.Lat() - dLat, MaxLat: a.center.Lat() + dLat,
			MinLon: a.center.Lon() - dLon, MaxLon: a.center.Lon() + dLon}
	}
	b := a.polygons.Bound()
	return store.Box{MinLat: b.Min.Lat(), MinLon: b.Min.Lon(), MaxLat: b.Max.Lat(), MaxLon: b.Max.Lon()}
}

// contains is the exact test: planar point-in-polygon (a comune is small
// enough for the plane), haversine distance for a circle.
func (a DrawnArea) contains(lat, lon float64) bool {
	pt := orb.Point{lon, lat}
	if a.radiusM > 0 {
		return geo.DistanceHaversine(a.center, pt) <= a.radiusM
	}
	return planar.MultiPolygonContains(a.polygons, pt)
}
