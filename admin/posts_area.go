package admin

import (
	"encoding/json"
	"errors"
	"io"
	"math"
	"net/http"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"github.com/campanile/campanile/flows"
)

// How a clerk draws an area audience: chosen zones, a polygon pasted or
// uploaded as GeoJSON, or a circle around a point.
const (
	areaZones   = "zones"
	areaPolygon = "polygon"
	areaCircle  = "circle"
)

// maxCircleRadius bounds a circle: 50 km covers any comune and its
// surroundings; a larger one is a typo (metres taken for kilometres).
const maxCircleRadius = 50_000

// maxPolygonBytes bounds a pasted or uploaded polygon.
const maxPolygonBytes = 1 << 20

var (
	errCircleLat    = errors.New("admin: circle latitude out of range")
	errCircleLon    = errors.New("admin: circle longitude out of range")
	errCircleRadius = errors.New("admin: circle radius out of range")
)

// circleGeoJSON is the stored form of a circle, as store.Post describes
// it: a Point Feature with its radius in metres.
func circleGeoJSON(lat, lon, radius float64) string {
	f := geojson.NewFeature(orb.Point{lon, lat})
	f.Properties["radius_m"] = radius
	b, _ := json.Marshal(f) // a point and a number always marshal
	return string(b)
}

// circleOf reads a stored circle back, for the edit form; ok is false for
// anything else (a polygon).
func circleOf(text string) (lat, lon, radius float64, ok bool) {
	f, err := geojson.UnmarshalFeature([]byte(text))
	if err != nil || f.Geometry == nil {
		return 0, 0, 0, false
	}
	pt, isPoint := f.Geometry.(orb.Point)
	r, hasRadius := f.Properties["radius_m"].(float64)
	if !isPoint || !hasRadius {
		return 0, 0, 0, false
	}
	return pt.Lat(), pt.Lon(), r, true
}

// parseCircle checks the three numbers a clerk typed; a decimal comma is
// accepted, as Italian keyboards write it.
func parseCircle(latText, lonText, radiusText string) (string, error) {
	num := func(s string) (float64, bool) {
		v, err := strconv.ParseFloat(strings.ReplaceAll(strings.TrimSpace(s), ",", "."), 64)
		return v, err == nil && !math.IsNaN(v) && !math.IsInf(v, 0)
	}
	lat, ok := num(latText)
	if !ok || lat < -90 || lat > 90 {
		return "", errCircleLat
	}
	lon, ok := num(lonText)
	if !ok || lon < -180 || lon > 180 {
		return "", errCircleLon
	}
	radius, ok := num(radiusText)
	if !ok || radius < 1 || radius > maxCircleRadius {
		return "", errCircleRadius
	}
	area := circleGeoJSON(lat, lon, radius)
	if _, err := flows.ParsePostArea(area); err != nil {
		return "", errCircleRadius
	}
	return area, nil
}

// parsePolygon checks a drawn area with the same parser as the zones, so
// what the clerk is told matches what the audience will use.
func parsePolygon(text string) (string, error) {
	text = strings.TrimSpace(text)
	if _, err := flows.ParseArea(text); err != nil {
		return "", err
	}
	// And as the audience reads it, so that a post saved is a post sent.
	if _, err := flows.ParsePostArea(text); err != nil {
		return "", err
	}
	return text, nil
}

// polygonUpload returns the GeoJSON file chosen for the area, if any; a
// file wins over pasted text. One too large comes back too large, for
// checkArea to refuse.
func polygonUpload(r *http.Request) (string, bool) {
	f, _, err := r.FormFile("polygon_file")
	if err != nil {
		return "", false
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxPolygonBytes+1))
	if err != nil || len(data) == 0 {
		return "", false
	}
	return string(data), true
}
