package flows

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// Two squares near Bolzano, as GeoJSON geometries.
const (
	centroSquare = `{"type":"Polygon","coordinates":[[[11.34,46.49],[11.36,46.49],[11.36,46.50],[11.34,46.50],[11.34,46.49]]]}`
	griesSquare  = `{"type":"MultiPolygon","coordinates":[[[[11.30,46.49],[11.32,46.49],[11.32,46.50],[11.30,46.49]]],[[[11.30,46.51],[11.31,46.51],[11.31,46.52],[11.30,46.51]]]]}`
)

func feature(props, geometry string) string {
	return fmt.Sprintf(`{"type":"Feature","properties":%s,"geometry":%s}`, props, geometry)
}

func collection(features ...string) string {
	return `{"type":"FeatureCollection","features":[` + strings.Join(features, ",") + `]}`
}

func polygonOf(ring string) string { return `{"type":"Polygon","coordinates":[` + ring + `]}` }

var validZoneFiles = map[string]string{
	"name":          collection(feature(`{"name":"Centro"}`, centroSquare), feature(`{"name":"Gries"}`, griesSquare)),
	"nome and NOME": collection(feature(`{"nome":" Centro  storico "}`, centroSquare), feature(`{"NOME":"Gries","id":3}`, griesSquare)),
	"numeric name":  collection(feature(`{"name":3}`, centroSquare)),
	"control chars": collection(feature(`{"name":"San\u0000Rocco\n"}`, centroSquare)),
	"byte order":    "\xef\xbb\xbf" + collection(feature(`{"name":"Centro"}`, centroSquare)),
	"altitude":      collection(feature(`{"name":"Centro"}`, polygonOf(`[[11.34,46.49,260],[11.36,46.49,260],[11.36,46.5,262],[11.34,46.49,260]]`))),
}

// brokenZoneFiles: each file, the reason it is refused and the feature
// named in the message.
var brokenZoneFiles = []struct {
	label, file, reason string
	feature             int
	name                string
}{
	{"not json", `{"type":"FeatureCollection",`, ZoneErrNotJSON, 0, ""},
	{"empty file", ``, ZoneErrNotJSON, 0, ""},
	{"a csv", "nome;lat;lon\nCentro;46.5;11.3\n", ZoneErrNotJSON, 0, ""},
	{"json array", `[1,2,3]`, ZoneErrNotGeoJSON, 0, ""},
	{"no type", `{"features":[]}`, ZoneErrNotGeoJSON, 0, ""},
	{"unknown type", `{"type":"Topology","objects":{}}`, ZoneErrNotGeoJSON, 0, ""},
	{"features not a list", `{"type":"FeatureCollection","features":{"a":1}}`, ZoneErrNotGeoJSON, 0, ""},
	{"a bare polygon", centroSquare, ZoneErrNotCollection, 0, ""},
	{"empty collection", `{"type":"FeatureCollection","features":[]}`, ZoneErrEmpty, 0, ""},
	{"no features member", `{"type":"FeatureCollection"}`, ZoneErrEmpty, 0, ""},
	{"not a feature", collection(feature(`{"name":"Centro"}`, centroSquare), centroSquare), ZoneErrNotFeature, 2, ""},
	{"a point", collection(feature(`{"name":"Centro"}`, centroSquare), feature(`{"name":"Municipio"}`, `{"type":"Point","coordinates":[11.35,46.495]}`)), ZoneErrGeometryType, 2, "Municipio"},
	{"a line", collection(feature(`{"name":"Via Roma"}`, `{"type":"LineString","coordinates":[[11.3,46.4],[11.4,46.5]]}`)), ZoneErrGeometryType, 1, "Via Roma"},
	{"null geometry", collection(feature(`{"name":"Centro"}`, `null`)), ZoneErrNoGeometry, 1, "Centro"},
	{"no name", collection(feature(`{"name":"Centro"}`, centroSquare), feature(`{"id":7}`, griesSquare)), ZoneErrNoName, 2, ""},
	{"blank name", collection(feature(`{"name":"   "}`, centroSquare)), ZoneErrNoName, 1, ""},
	{"null properties", collection(feature(`null`, centroSquare)), ZoneErrNoName, 1, ""},
	{"name too long", collection(feature(`{"name":"`+strings.Repeat("a", MaxZoneNameLen+1)+`"}`, centroSquare)), ZoneErrNameTooLong, 1, strings.Repeat("a", MaxZoneNameLen+1)},
	{"same name", collection(feature(`{"name":"Centro"}`, centroSquare), feature(`{"name":"Gries"}`, griesSquare), feature(`{"nome":"centro "}`, griesSquare)), ZoneErrDuplicateName, 3, "centro"},
	{"unclosed ring", collection(feature(`{"name":"Centro"}`, polygonOf(`[[11.34,46.49],[11.36,46.49],[11.36,46.5],[11.34,46.5]]`))), ZoneErrRingOpen, 1, "Centro"},
	{"three positions", collection(feature(`{"name":"Centro"}`, polygonOf(`[[11.34,46.49],[11.36,46.49],[11.34,46.49]]`))), ZoneErrRingShort, 1, "Centro"},
	{"no rings", collection(feature(`{"name":"Centro"}`, `{"type":"Polygon","coordinates":[]}`)), ZoneErrEmptyGeometry, 1, "Centro"},
	{"empty multipolygon", collection(feature(`{"name":"Centro"}`, `{"type":"MultiPolygon","coordinates":[]}`)), ZoneErrEmptyGeometry, 1, "Centro"},
	{"polygon without rings in a multipolygon", collection(feature(`{"name":"Centro"}`, `{"type":"MultiPolygon","coordinates":[[]]}`)), ZoneErrRingShort, 1, "Centro"},
	{"one number positions", collection(feature(`{"name":"Centro"}`, polygonOf(`[[11.34],[11.36],[11.36],[11.34]]`))), ZoneErrBadCoordinates, 1, "Centro"},
	{"text coordinates", collection(feature(`{"name":"Centro"}`, polygonOf(`[["11.34","46.49"],[11.36,46.49],[11.36,46.5],[11.34,46.49]]`))), ZoneErrBadCoordinates, 1, "Centro"},
	{"swapped", collection(feature(`{"name":"Centro"}`, polygonOf(`[[46.49,11.34],[46.49,11.36],[46.5,11.36],[46.49,11.34]]`)), feature(`{"name":"Swapped"}`, polygonOf(`[[-10,120],[-10,121],[-11,121],[-10,120]]`))), ZoneErrOutOfRange, 2, "Swapped"},
	{"metres", collection(feature(`{"name":"Centro"}`, polygonOf(`[[1262000,5858000],[1264000,5858000],[1264000,5860000],[1262000,5858000]]`))), ZoneErrOutOfRange, 1, "Centro"},
	{"huge number", collection(feature(`{"name":"Centro"}`, polygonOf(`[[1e400,46.49],[11.36,46.49],[11.36,46.5],[1e400,46.49]]`))), ZoneErrBadCoordinates, 1, "Centro"},
}

func TestParseZonesReadsValidFiles(t *testing.T) {
	want := map[string][]string{
		"name":          {"Centro", "Gries"},
		"nome and NOME": {"Centro storico", "Gries"},
		"numeric name":  {"3"},
		"control chars": {"San Rocco"},
		"byte order":    {"Centro"},
		"altitude":      {"Centro"},
	}
	for label, file := range validZoneFiles {
		t.Run(label, func(t *testing.T) {
			zones, err := ParseZones([]byte(file))
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, z := range zones {
				names = append(names, z.Name)
				if len(z.Shape) == 0 || len(z.Shape[0][0]) < 4 {
					t.Errorf("%s: shape %v", z.Name, z.Shape)
				}
			}
			if strings.Join(names, "|") != strings.Join(want[label], "|") {
				t.Errorf("names %q, want %q", names, want[label])
			}
		})
	}
}

func TestParseZonesRefusesBrokenFilesSayingWhere(t *testing.T) {
	for _, tc := range brokenZoneFiles {
		t.Run(tc.label, func(t *testing.T) {
			zones, err := ParseZones([]byte(tc.file))
			var fe *ZoneFileError
			if !errors.As(err, &fe) {
				t.Fatalf("got %v, %v; want a ZoneFileError", zones, err)
			}
			if fe.Reason != tc.reason || fe.Feature != tc.feature || fe.Name != tc.name {
				t.Errorf("got %s feature %d %q, want %s feature %d %q", fe.Reason, fe.Feature, fe.Name, tc.reason, tc.feature, tc.name)
			}
		})
	}
}

func TestParseZonesSaysWhatIsWrongInDetail(t *testing.T) {
	detail := func(label string) *ZoneFileError {
		for _, tc := range brokenZoneFiles {
			if tc.label == label {
				_, err := ParseZones([]byte(tc.file))
				var fe *ZoneFileError
				errors.As(err, &fe)
				return fe
			}
		}
		t.Fatalf("no case %q", label)
		return nil
	}
	if e := detail("a point"); e.Type != "Point" {
		t.Errorf("geometry type %q", e.Type)
	}
	if e := detail("a bare polygon"); e.Type != "Polygon" {
		t.Errorf("top type %q", e.Type)
	}
	if e := detail("same name"); e.First != 1 {
		t.Errorf("first %d", e.First)
	}
	if e := detail("three positions"); e.Polygon != 1 || e.Ring != 1 || e.Count != 3 {
		t.Errorf("short ring %+v", e)
	}
	if e := detail("swapped"); e.Hint != ZoneHintSwapped || e.Lon != -10 || e.Lat != 120 {
		t.Errorf("swapped %+v", e)
	}
	if e := detail("metres"); e.Hint != ZoneHintProjected || e.Lon != 1262000 {
		t.Errorf("metres %+v", e)
	}
	if e := detail("name too long"); e.Count != MaxZoneNameLen {
		t.Errorf("name too long %+v", e)
	}
}

func TestParseBoundaryTakesOneAreaInAnyWrapping(t *testing.T) {
	for label, file := range map[string]string{
		"geometry":         griesSquare,
		"feature":          feature(`{"name":"Comune di Bolzano"}`, griesSquare),
		"one feature list": collection(feature(`{}`, griesSquare)),
	} {
		b, err := ParseBoundary([]byte(file))
		if err != nil || len(b.Shape) != 2 {
			t.Errorf("%s: %+v %v", label, b, err)
		}
		if label == "feature" && b.Name != "Comune di Bolzano" {
			t.Errorf("name %q", b.Name)
		}
	}
	for label, tc := range map[string]struct{ file, reason string }{
		"two features": {collection(feature(`{}`, centroSquare), feature(`{}`, griesSquare)), ZoneErrBoundaryCount},
		"none":         {collection(), ZoneErrEmpty},
		"a point":      {`{"type":"Point","coordinates":[11,46]}`, ZoneErrGeometryType},
		"unclosed":     {polygonOf(`[[11.34,46.49],[11.36,46.49],[11.36,46.5],[11.34,46.5]]`), ZoneErrRingOpen},
		"not json":     {`<kml></kml>`, ZoneErrNotJSON},
	} {
		_, err := ParseBoundary([]byte(tc.file))
		var fe *ZoneFileError
		if !errors.As(err, &fe) || fe.Reason != tc.reason {
			t.Errorf("%s: %v, want %s", label, err, tc.reason)
		}
	}
}
