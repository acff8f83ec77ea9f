package flows

import (
	"bytes"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"github.com/campanile/campanile/store"
)

// ImportedZone is one named area of an uploaded file, checked: every ring
// closed with at least 4 positions, every position in degrees.
type ImportedZone struct {
	Name  string
	Shape orb.MultiPolygon
}

// GeoJSON is the zone's geometry as the store keeps it: a Polygon when
// there is one, else a MultiPolygon.
func (z ImportedZone) GeoJSON() (string, error) {
	b, err := geojson.NewGeometry(z.geometry()).MarshalJSON()
	if err != nil {
		return "", &ZoneFileError{Reason: ZoneErrBadCoordinates, Name: z.Name, Err: err}
	}
	return string(b), nil
}

func (z ImportedZone) geometry() orb.Geometry {
	if len(z.Shape) == 1 {
		return z.Shape[0]
	}
	return z.Shape
}

// ParseZones reads the comune's zones: a GeoJSON FeatureCollection of
// Polygon or MultiPolygon features, each named by one of
// ZoneNameProperties, no two alike (by store.ZoneNameKey). The first
// problem found is returned as a *ZoneFileError.
func ParseZones(data []byte) ([]ImportedZone, error) {
	top, err := readTop(data)
	if err != nil {
		return nil, err
	}
	if top.Type != "FeatureCollection" {
		return nil, &ZoneFileError{Reason: ZoneErrNotCollection, Type: top.Type}
	}
	if len(top.Features) == 0 {
		return nil, &ZoneFileError{Reason: ZoneErrEmpty}
	}
	zones := make([]ImportedZone, 0, len(top.Features))
	first := map[string]int{}
	for i, raw := range top.Features {
		z, err := parseFeature(i+1, raw, true)
		if err != nil {
			return nil, err
		}
		key := store.ZoneNameKey(z.Name)
		if n, dup := first[key]; dup {
			return nil, &ZoneFileError{Reason: ZoneErrDuplicateName, Feature: i + 1, Name: z.Name, First: n}
		}
		first[key] = i + 1
		zones = append(zones, z)
	}
	return zones, nil
}

// ParseBoundary reads the comune's boundary: one Polygon or MultiPolygon,
// as a bare geometry, a Feature or a collection of one feature. Its name
// is optional (empty when the file has none).
func ParseBoundary(data []byte) (ImportedZone, error) {
	top, err := readTop(data)
	if err != nil {
		return ImportedZone{}, err
	}
	switch top.Type {
	case "FeatureCollection":
		switch n := len(top.Features); {
		case n == 0:
			return ImportedZone{}, &ZoneFileError{Reason: ZoneErrEmpty}
		case n > 1:
			return ImportedZone{}, &ZoneFileError{Reason: ZoneErrBoundaryCount, Count: n}
		}
		return parseFeature(1, top.Features[0], false)
	case "Feature":
		return parseFeature(1, top.raw, false)
	}
	shape, err := parseShape(top.raw, ZoneFileError{})
	return ImportedZone{Shape: shape}, err
}

// topLevel is the outside of a file, read by hand so that each kind of
// mistake gets its own answer.
type topLevel struct {
	Type     string
	Features []json.RawMessage
	raw      []byte
}

var geoJSONTypes = []string{"FeatureCollection", "Feature", "Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon", "GeometryCollection"}

func readTop(data []byte) (topLevel, error) {
	// Windows tools write a byte-order mark that JSON does not allow.
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if !json.Valid(data) {
		return topLevel{}, &ZoneFileError{Reason: ZoneErrNotJSON}
	}
	var members map[string]json.RawMessage
	if err := json.Unmarshal(data, &members); err != nil {
		return topLevel{}, &ZoneFileError{Reason: ZoneErrNotGeoJSON, Err: err}
	}
	top := topLevel{raw: data}
	if err := json.Unmarshal(members["type"], &top.Type); err != nil || !slices.Contains(geoJSONTypes, top.Type) {
		return topLevel{}, &ZoneFileError{Reason: ZoneErrNotGeoJSON, Type: top.Type}
	}
	if top.Type == "FeatureCollection" && len(members["features"]) > 0 {
		if err := json.Unmarshal(members["features"], &top.Features); err != nil {
			return topLevel{}, &ZoneFileError{Reason: ZoneErrNotGeoJSON, Type: top.Type, Err: err}
		}
	}
	return top, nil
}

// parseFeature reads feature n. The name comes first, so that every later
// problem can say which zone it is about.
func parseFeature(n int, raw json.RawMessage, needName bool) (ImportedZone, error) {
	var head struct {
		Type       string          `json:"type"`
		Properties json.RawMessage `json:"properties"`
		Geometry   json.RawMessage `json:"geometry"`
	}
	if err := json.Unmarshal(raw, &head); err != nil || head.Type != "Feature" {
		return ImportedZone{}, &ZoneFileError{Reason: ZoneErrNotFeature, Feature: n, Type: head.Type, Err: err}
	}
	where := ZoneFileError{Feature: n, Name: featureName(head.Properties)}
	switch {
	case needName && where.Name == "":
		where.Reason = ZoneErrNoName
		return ImportedZone{}, &where
	case utf8.RuneCountInString(where.Name) > MaxZoneNameLen:
		where.Reason, where.Count = ZoneErrNameTooLong, MaxZoneNameLen
		return ImportedZone{}, &where
	}
	if len(head.Geometry) == 0 || bytes.Equal(head.Geometry, []byte("null")) {
		where.Reason = ZoneErrNoGeometry
		return ImportedZone{}, &where
	}
	shape, err := parseShape(head.Geometry, where)
	return ImportedZone{Name: where.Name, Shape: shape}, err
}

// featureName is the first of ZoneNameProperties that holds a string or
// a number ("3" for zone 3), tidied: control characters and runs of
// spaces from a GIS export must not reach a citizen's button.
func featureName(props json.RawMessage) string {
	var m map[string]any
	if json.Unmarshal(props, &m) != nil {
		return ""
	}
	for _, key := range ZoneNameProperties {
		var name string
		switch v := m[key].(type) {
		case string:
			name = v
		case float64:
			name = strconv.FormatFloat(v, 'f', -1, 64)
		}
		name = strings.Map(func(r rune) rune {
			if unicode.IsControl(r) {
				return ' '
			}
			return r
		}, name)
		if name = strings.Join(strings.Fields(name), " "); name != "" {
			return name
		}
	}
	return ""
}
