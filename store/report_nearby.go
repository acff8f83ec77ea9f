package store

import (
	"context"
	"fmt"
	"math"
	"sort"
)

// earthRadiusMeters is the mean radius used by the haversine formula.
const earthRadiusMeters = 6371008.8

// NearbyReport is a report close to a point, with how close.
type NearbyReport struct {
	Report
	Meters float64
}

// NearbyReports returns the open reports of a category filed from the unix
// time since on, within radiusMeters of a point, closest first: the ones a
// citizen may be about to report again. SQL narrows them with the category
// index and a bounding box; the exact distance is computed here.
func (s *Store) NearbyReports(ctx context.Context, categoryID int64, lat, lon, radiusMeters float64, since int64) ([]NearbyReport, error) {
	dLat := radiusMeters / earthRadiusMeters * 180 / math.Pi
	dLon := dLat / math.Max(math.Cos(lat*math.Pi/180), 0.01)
	rows, err := s.q.QueryContext(ctx, `SELECT `+reportColumns+` FROM reports r
		WHERE r.category_id = ? AND r.created_at >= ?
			AND r.status IN ('nuova', 'presa_in_carico', 'in_lavorazione')
			AND r.lat BETWEEN ? AND ? AND r.lon BETWEEN ? AND ?`,
		categoryID, since, lat-dLat, lat+dLat, lon-dLon, lon+dLon)
	if err != nil {
		return nil, fmt.Errorf("store: unable to find reports near %f,%f: %w", lat, lon, err)
	}
	candidates, err := scanReports(rows)
	if err != nil {
		return nil, fmt.Errorf("store: unable to find reports near %f,%f: %w", lat, lon, err)
	}
	var near []NearbyReport
	for _, r := range candidates {
		if d := HaversineMeters(lat, lon, r.Lat, r.Lon); d <= radiusMeters {
			near = append(near, NearbyReport{Report: r, Meters: d})
		}
	}
	sort.SliceStable(near, func(i, j int) bool { return near[i].Meters < near[j].Meters })
	return near, nil
}

// HaversineMeters is the great-circle distance between two points.
func HaversineMeters(lat1, lon1, lat2, lon2 float64) float64 {
	rad := math.Pi / 180
	dLat := (lat2 - lat1) * rad
	dLon := (lon2 - lon1) * rad
	a := math.Sin(dLat/2)*math.Sin(dLat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * earthRadiusMeters * math.Asin(math.Min(1, math.Sqrt(a)))
}
