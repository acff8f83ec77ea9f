package playground

import (
	"encoding/json"
	"fmt"
)

// ring is a closed line of [lon, lat] points.
type ring [][2]float64

// area is one named polygon of the map: the comune's boundary or a zone.
type area struct {
	Name     string
	Boundary bool
	Rings    []ring // the outer ring, then holes
}

// parseAreas reads the polygons of a GeoJSON FeatureCollection. Only
// Polygon and MultiPolygon geometries are drawn; points and lines are
// skipped. A feature is the boundary when its "kind" property says
// "boundary" (or "comune"); its name is the "name" (or "nome") property.
func parseAreas(data []byte) ([]area, error) {
	var fc struct {
		Type     string `json:"type"`
		Features []struct {
			Properties map[string]any `json:"properties"`
			Geometry   *struct {
				Type        string          `json:"type"`
				Coordinates json.RawMessage `json:"coordinates"`
			} `json:"geometry"`
		} `json:"features"`
	}
	if err := json.Unmarshal(data, &fc); err != nil {
		return nil, fmt.Errorf("playground: map is not GeoJSON: %w", err)
	}
	if fc.Type != "FeatureCollection" {
		return nil, fmt.Errorf("playground: map is a %q, expected a FeatureCollection", fc.Type)
	}
	var out []area
	for i, f := range fc.Features {
		if f.Geometry == nil {
			continue
		}
		a := area{Name: propString(f.Properties, "name", "nome")}
		kind := propString(f.Properties, "kind", "type")
		a.Boundary = kind == "boundary" || kind == "comune"
		var polygons [][][][]float64
		switch f.Geometry.Type {
		case "Polygon":
			var poly [][][]float64
			if err := json.Unmarshal(f.Geometry.Coordinates, &poly); err != nil {
				return nil, fmt.Errorf("playground: map feature %d: bad Polygon: %w", i, err)
			}
			polygons = [][][][]float64{poly}
		case "MultiPolygon":
			if err := json.Unmarshal(f.Geometry.Coordinates, &polygons); err != nil {
				return nil, fmt.Errorf("playground: map feature %d: bad MultiPolygon: %w", i, err)
			}
		default:
			continue
		}
		for _, poly := range polygons {
			part := a
			part.Rings = nil
			for _, raw := range poly {
				var rg ring
				for _, pt := range raw {
					if len(pt) >= 2 && validLatLon(pt[1], pt[0]) {
						rg = append(rg, [2]float64{pt[0], pt[1]})
					}
				}
				if len(rg) >= 3 {
					part.Rings = append(part.Rings, rg)
				}
			}
			if len(part.Rings) > 0 {
				out = append(out, part)
			}
		}
	}
	return out, nil
}

func propString(props map[string]any, keys ...string) string {
	for _, k := range keys {
		if s, ok := props[k].(string); ok && s != "" {
			return s
		}
	}
	return ""
}
