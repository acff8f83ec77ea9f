package flows

import (
	"encoding/json"
	"math"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// parseShape reads a Polygon or MultiPolygon geometry with orb and checks
// what orb lets through: positions with fewer than two numbers (orb reads
// [7.6] as 7.6, 0), unclosed or short rings, positions that are not
// degrees.
func parseShape(raw json.RawMessage, where ZoneFileError) (orb.MultiPolygon, error) {
	fail := func(reason string) *ZoneFileError {
		e := where
		e.Reason = reason
		return &e
	}
	var head struct {
		Type        string          `json:"type"`
		Coordinates json.RawMessage `json:"coordinates"`
	}
	if err := json.Unmarshal(raw, &head); err != nil {
		e := fail(ZoneErrNoGeometry)
		e.Err = err
		return nil, e
	}
	var polys [][][][]float64
	var err error
	switch head.Type {
	case "Polygon":
		var p [][][]float64
		err = json.Unmarshal(head.Coordinates, &p)
		polys = [][][][]float64{p}
	case "MultiPolygon":
		err = json.Unmarshal(head.Coordinates, &polys)
	default:
		e := fail(ZoneErrGeometryType)
		e.Type = head.Type
		return nil, e
	}
	if err != nil || !everyPositionHasTwoNumbers(polys) {
		e := fail(ZoneErrBadCoordinates)
		e.Err = err
		return nil, e
	}
	g, err := geojson.UnmarshalGeometry(raw)
	if err != nil {
		e := fail(ZoneErrBadCoordinates)
		e.Err = err
		return nil, e
	}
	var shape orb.MultiPolygon
	switch v := g.Geometry().(type) {
	case orb.Polygon:
		if len(v) > 0 {
			shape = orb.MultiPolygon{v}
		}
	case orb.MultiPolygon:
		shape = v
	}
	if len(shape) == 0 {
		return nil, fail(ZoneErrEmptyGeometry)
	}
	if err := checkShape(shape, where); err != nil {
		return nil, err
	}
	return shape, nil
}

func everyPositionHasTwoNumbers(polys [][][][]float64) bool {
	for _, poly := range polys {
		for _, ring := range poly {
			for _, pos := range ring {
				if len(pos) < 2 {
					return false
				}
			}
		}
	}
	return true
}

// checkShape looks at the degrees first: a file in metres is better told
// so than told that its first ring looks odd.
func checkShape(shape orb.MultiPolygon, where ZoneFileError) error {
	for _, poly := range shape {
		for _, ring := range poly {
			for _, pt := range ring {
				if !inDegrees(pt) {
					e := where
					e.Reason, e.Lon, e.Lat, e.Hint = ZoneErrOutOfRange, pt[0], pt[1], rangeHint(pt[0], pt[1])
					return &e
				}
			}
		}
	}
	for pi, poly := range shape {
		if len(poly) == 0 {
			e := where
			e.Reason, e.Polygon, e.Ring = ZoneErrRingShort, pi+1, 1
			return &e
		}
		for ri, ring := range poly {
			e := where
			e.Polygon, e.Ring, e.Count = pi+1, ri+1, len(ring)
			if len(ring) < 4 {
				e.Reason = ZoneErrRingShort
				return &e
			}
			if ring[0] != ring[len(ring)-1] {
				e.Reason = ZoneErrRingOpen
				return &e
			}
		}
	}
	return nil
}

func inDegrees(pt orb.Point) bool {
	return !math.IsNaN(pt[0]) && !math.IsNaN(pt[1]) && math.Abs(pt[0]) <= 180 && math.Abs(pt[1]) <= 90
}
