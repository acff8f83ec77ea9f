package flows

import (
	"context"
	"errors"
	"fmt"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/planar"

	"github.com/campanile/campanile/store"
)

// ParseArea reads a zone's GeoJSON: a Polygon or MultiPolygon geometry, or
// a Feature or FeatureCollection of them. Staff upload these files, so a
// broken one gets a clear error rather than a silent empty area.
func ParseArea(text string) (orb.MultiPolygon, error) {
	data := []byte(text)
	if fc, err := geojson.UnmarshalFeatureCollection(data); err == nil && len(fc.Features) > 0 {
		var mp orb.MultiPolygon
		for i, f := range fc.Features {
			part, err := polygons(f.Geometry)
			if err != nil {
				return nil, fmt.Errorf("feature %d: %w", i+1, err)
			}
			mp = append(mp, part...)
		}
		return mp, nil
	}
	if f, err := geojson.UnmarshalFeature(data); err == nil && f.Geometry != nil {
		return polygons(f.Geometry)
	}
	g, err := geojson.UnmarshalGeometry(data)
	if err != nil {
		return nil, fmt.Errorf("not GeoJSON: %w", err)
	}
	return polygons(g.Geometry())
}

func polygons(g orb.Geometry) (orb.MultiPolygon, error) {
	switch v := g.(type) {
	case orb.Polygon:
		if len(v) == 0 || len(v[0]) < 4 {
			return nil, errors.New("a polygon needs at least 4 points")
		}
		return orb.MultiPolygon{v}, nil
	case orb.MultiPolygon:
		if len(v) == 0 {
			return nil, errors.New("empty multipolygon")
		}
		return v, nil
	case nil:
		return nil, errors.New("no geometry")
	}
	return nil, fmt.Errorf("a %s is not an area: expected Polygon or MultiPolygon", g.GeoJSONType())
}

// placeFacts is what the comune's map says about a point.
type placeFacts struct {
	InsideComune bool
	ZoneID       int64
	ZoneName     string
}

// locate places a point on the comune's map. With no boundary configured
// every point counts as inside: better to accept a report than refuse one.
func locate(ctx context.Context, st *store.Store, lat, lon float64) (placeFacts, error) {
	p := orb.Point{lon, lat}
	facts := placeFacts{InsideComune: true}
	boundaries, err := st.Zones(ctx, store.ZoneKindBoundary)
	if err != nil {
		return facts, err
	}
	if len(boundaries) > 0 {
		facts.InsideComune = false
		for _, b := range boundaries {
			if area, err := ParseArea(b.GeoJSON); err == nil && planar.MultiPolygonContains(area, p) {
				facts.InsideComune = true
				break
			}
		}
	}
	zones, err := st.Zones(ctx, store.ZoneKindZone)
	if err != nil {
		return facts, err
	}
	for _, z := range zones {
		if area, err := ParseArea(z.GeoJSON); err == nil && planar.MultiPolygonContains(area, p) {
			facts.ZoneID, facts.ZoneName = z.ID, z.Name
			break
		}
	}
	return facts, nil
}

// validPoint refuses coordinates no phone would send.
func validPoint(l *Location) bool {
	return l != nil && l.Lat >= -90 && l.Lat <= 90 && l.Lon >= -180 && l.Lon <= 180 && !(l.Lat == 0 && l.Lon == 0)
}
