package flows

import (
	"fmt"
	"math"
)

// Why a zones or boundary file is refused. The admin turns each reason
// into a sentence in the clerk's language; the fields of ZoneFileError
// say where.
const (
	ZoneErrNotJSON        = "not_json"
	ZoneErrNotGeoJSON     = "not_geojson"
	ZoneErrNotCollection  = "not_collection"
	ZoneErrBoundaryCount  = "boundary_count"
	ZoneErrEmpty          = "empty"
	ZoneErrNotFeature     = "not_feature"
	ZoneErrNoGeometry     = "no_geometry"
	ZoneErrGeometryType   = "geometry_type"
	ZoneErrBadCoordinates = "bad_coordinates"
	ZoneErrEmptyGeometry  = "empty_geometry"
	ZoneErrNoName         = "no_name"
	ZoneErrNameTooLong    = "name_too_long"
	ZoneErrDuplicateName  = "duplicate_name"
	ZoneErrRingShort      = "ring_short"
	ZoneErrRingOpen       = "ring_open"
	ZoneErrOutOfRange     = "out_of_range"
)

// Hints for coordinates out of range: what the numbers look like.
const (
	// ZoneHintSwapped: latitude first, as people write it, while GeoJSON
	// wants longitude first.
	ZoneHintSwapped = "swapped"
	// ZoneHintProjected: metres of a projection (EPSG:3857, UTM) rather
	// than WGS 84 degrees.
	ZoneHintProjected = "projected"
)

// MaxZoneNameLen bounds a zone's name: it is shown on buttons and maps.
const MaxZoneNameLen = 100

// ZoneNameProperties are the properties that name a feature, in the order
// they are tried: "name" is the GeoJSON habit, "nome" and "NOME" what
// Italian offices' GIS exports use.
var ZoneNameProperties = []string{"name", "nome", "NOME"}

// ZoneFileError says why an uploaded file was refused and where.
type ZoneFileError struct {
	Reason string
	// Feature is the 1-based position of the feature in the file, 0 when
	// the problem is the file as a whole.
	Feature int
	// Name is the feature's name, when it has one.
	Name string
	// Type is the GeoJSON type found where another was expected.
	Type string
	// Polygon and Ring are 1-based, for a ring's problems.
	Polygon, Ring int
	// Count is the positions of a short ring, the features of a boundary
	// file that has more than one, or the longest name allowed.
	Count int
	// First is the earlier feature with the same name.
	First int
	// Lon and Lat are the first position out of range; Hint what they
	// look like.
	Lon, Lat float64
	Hint     string
	// Err is the decoder's own error, for the log.
	Err error
}

func (e *ZoneFileError) Error() string {
	msg := "zones file: " + e.Reason
	if e.Feature > 0 {
		msg += fmt.Sprintf(" (feature %d %q)", e.Feature, e.Name)
	}
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg
}

func (e *ZoneFileError) Unwrap() error { return e.Err }

// rangeHint guesses why a position is not in degrees.
func rangeHint(lon, lat float64) string {
	switch {
	case math.Abs(lon) > 1000 || math.Abs(lat) > 1000:
		return ZoneHintProjected
	case math.Abs(lat) > 90 && math.Abs(lat) <= 180 && math.Abs(lon) <= 90:
		return ZoneHintSwapped
	}
	return ""
}
