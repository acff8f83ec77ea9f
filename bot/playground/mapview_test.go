package playground

import (
	"context"
	"errors"
	"log/slog"
	"math"
	"testing"
)

func TestPlainBoxHoldsEveryPresetPlace(t *testing.T) {
	m := buildMap(nil, defaultPlaces)
	if !m.Box || m.Width <= 0 || m.Height <= 0 || math.Max(m.Width, m.Height) != mapSide {
		t.Fatalf("map %+v", m)
	}
	for _, pl := range m.Places {
		if pl.X <= 0 || pl.Y <= 0 || pl.X >= m.Width || pl.Y >= m.Height {
			t.Errorf("%s at %v,%v is outside the %vx%v box", pl.Name, pl.X, pl.Y, m.Width, m.Height)
		}
	}
	// North is up and east is right.
	muni, parco := m.Places[0], m.Places[4]
	if !(parco.Y < muni.Y && parco.X > muni.X) {
		t.Errorf("Parco giochi (north-east of the Municipio) drawn at %v,%v; Municipio at %v,%v", parco.X, parco.Y, muni.X, muni.Y)
	}
}

func TestProjectionIsLinearAndInvertible(t *testing.T) {
	m := buildMap(nil, defaultPlaces)
	for _, pl := range defaultPlaces {
		x, y := m.project(pl.Lat, pl.Lon)
		// The script's inverse of project.
		lat := m.MaxLat - y/m.Scale
		lon := m.MinLon + x/(m.Scale*m.LonScale)
		if math.Abs(lat-pl.Lat) > 1e-9 || math.Abs(lon-pl.Lon) > 1e-9 {
			t.Errorf("%s: %v,%v came back as %v,%v", pl.Name, pl.Lat, pl.Lon, lat, lon)
		}
	}
}

func TestOneOrNoPlaceStillGivesAMap(t *testing.T) {
	for _, places := range [][]Place{nil, {{Name: "Solo", Lat: 45, Lon: 7}}} {
		m := buildMap(nil, places)
		if m.Width <= 0 || m.Height <= 0 || math.IsNaN(m.Scale) || math.IsInf(m.Scale, 0) {
			t.Errorf("%d places: map %+v", len(places), m)
		}
	}
}

func TestParseAreas(t *testing.T) {
	cases := []struct {
		label string
		in    string
		areas int
		fails bool
	}{
		{"polygon", `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"A"},"geometry":{"type":"Polygon","coordinates":[[[7,45],[7.1,45],[7.1,45.1],[7,45]]]}}]}`, 1, false},
		{"multipolygon parts", `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"nome":"B"},"geometry":{"type":"MultiPolygon","coordinates":[[[[7,45],[7.1,45],[7.1,45.1],[7,45]]],[[[8,45],[8.1,45],[8.1,45.1],[8,45]]]]}}]}`, 2, false},
		{"points and lines skipped", `{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[7,45]}},{"type":"Feature","geometry":null}]}`, 0, false},
		{"altitude ignored", `{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[7,45,200],[7.1,45,210],[7.1,45.1,220],[7,45,200]]]}}]}`, 1, false},
		{"degenerate ring dropped", `{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[7,45],[7.1,45]]]}}]}`, 0, false},
		{"points off the Earth dropped", `{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[700,45],[7.1,450],[7.1,45.1]]]}}]}`, 0, false},
		{"not JSON", `zones`, 0, true},
		{"a lone feature", `{"type":"Feature"}`, 0, true},
		{"bad coordinates", `{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Polygon","coordinates":"here"}}]}`, 0, true},
	}
	for _, c := range cases {
		t.Run(c.label, func(t *testing.T) {
			areas, err := parseAreas([]byte(c.in))
			if (err != nil) != c.fails || len(areas) != c.areas {
				t.Errorf("%d areas, error %v", len(areas), err)
			}
		})
	}
}

func TestBrokenMapFallsBackToTheBox(t *testing.T) {
	for _, fn := range []func(context.Context) ([]byte, error){
		func(context.Context) ([]byte, error) { return nil, errors.New("database is locked") },
		func(context.Context) ([]byte, error) {
			return []byte(`{"type":"FeatureCollection","features":[]}`), nil
		},
		func(context.Context) ([]byte, error) { return []byte(`not json`), nil },
	} {
		p := &Playground{cfg: Config{Map: fn, Places: defaultPlaces}, log: slog.New(slog.DiscardHandler)}
		if m := p.mapView(context.Background()); !m.Box || len(m.Places) != len(defaultPlaces) {
			t.Errorf("map %+v", m)
		}
	}
}
