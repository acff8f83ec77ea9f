package svg

import (
	"encoding/xml"
	"errors"
	"io"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/paulmach/orb"
)

// element is a start tag met while walking a document.
type element struct {
	name  string
	attrs map[string]string
}

// doc is a parsed picture: its elements in order and its character data.
type doc struct {
	elems []element
	text  string
}

func (d doc) all(name string) []element {
	var out []element
	for _, e := range d.elems {
		if e.name == name {
			out = append(out, e)
		}
	}
	return out
}

// parse walks s with encoding/xml, failing the test if it is not well
// formed, and checks what every picture must have.
func parse(t testing.TB, s string) doc {
	t.Helper()
	for _, bad := range []string{"NaN", "Inf"} {
		if strings.Contains(s, bad) {
			t.Fatalf("output contains %s: %s", bad, s)
		}
	}
	dec := xml.NewDecoder(strings.NewReader(s))
	var d doc
	var text strings.Builder
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("not XML: %v\n%s", err, s)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			e := element{name: tok.Name.Local, attrs: map[string]string{}}
			for _, a := range tok.Attr {
				e.attrs[a.Name.Local] = a.Value
			}
			d.elems = append(d.elems, e)
		case xml.CharData:
			text.Write(tok)
		}
	}
	d.text = text.String()
	if len(d.elems) == 0 || d.elems[0].name != "svg" {
		t.Fatalf("root is not svg: %s", s)
	}
	root := d.elems[0].attrs
	if root["role"] != "img" || root["aria-label"] == "" || root["viewBox"] == "" {
		t.Errorf("root lacks role, aria-label or viewBox: %v", root)
	}
	if len(d.all("title")) == 0 {
		t.Error("no <title>")
	}
	return d
}

func viewBox(t testing.TB, d doc) (w, h float64) {
	t.Helper()
	f := strings.Fields(d.elems[0].attrs["viewBox"])
	if len(f) != 4 {
		t.Fatalf("viewBox %q", f)
	}
	w, _ = strconv.ParseFloat(f[2], 64)
	h, _ = strconv.ParseFloat(f[3], 64)
	return w, h
}

func attr(t testing.TB, e element, name string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(e.attrs[name], 64)
	if err != nil {
		t.Fatalf("%s %s=%q: %v", e.name, name, e.attrs[name], err)
	}
	return v
}

func square(lon, lat, side float64) orb.MultiPolygon {
	return orb.MultiPolygon{{{{lon, lat}, {lon + side, lat}, {lon + side, lat + side}, {lon, lat + side}, {lon, lat}}}}
}

func TestMap(t *testing.T) {
	areas := []Area{
		{Name: "Comune", Shape: square(9.0, 45.0, 0.1), Boundary: true},
		{Name: "Centro", Shape: square(9.02, 45.02, 0.03)},
		{Name: "<script>alert(1)</script>", Shape: square(9.06, 45.06, 0.03)},
	}
	pins := []Pin{
		{Lat: 45.03, Lon: 9.03, Label: "2026-000001 & co", Status: "nuova"},
		{Lat: 45.07, Lon: 9.07, Label: "2026-000002", Status: "risolta\" onload=\"x"},
		{Lat: 45.2, Lon: 9.2, Label: "outside the comune"}, // widens the bounds
		{Lat: math.NaN(), Lon: 9, Label: "broken"},         // skipped
	}
	out := string(Map(areas, pins, 600, 400, testMapText))
	d := parse(t, out)
	if strings.Contains(out, "<script") {
		t.Error("zone name not escaped")
	}
	if !strings.Contains(d.text, "<script>alert(1)</script>") {
		t.Error("zone name lost")
	}
	if !strings.Contains(d.text, "2026-000001 & co") {
		t.Error("pin label lost")
	}
	if got := len(d.all("path")); got != len(areas) {
		t.Errorf("%d paths, want one per area (%d)", got, len(areas))
	}
	w, h := viewBox(t, d)
	if w != 600 || h != 400 {
		t.Errorf("viewBox %vx%v", w, h)
	}
	circles := d.all("circle")
	if len(circles) != 3 {
		t.Fatalf("%d circles, want 3", len(circles))
	}
	for _, c := range circles {
		x, y := attr(t, c, "cx"), attr(t, c, "cy")
		if x < 0 || x > w || y < 0 || y > h {
			t.Errorf("pin at %v,%v outside the viewBox", x, y)
		}
	}
	if c := circles[0].attrs["class"]; c != "pin pin-nuova" {
		t.Errorf("class %q", c)
	}
	if c := circles[1].attrs["class"]; c != "pin pin-risoltaonloadx" {
		t.Errorf("class %q", c)
	}
	// The boundary is drawn first, under the zones.
	if g := d.all("g"); len(g) != 3 || g[0].attrs["class"] != "boundary" || g[1].attrs["class"] != "zone" {
		t.Errorf("groups %v", g)
	}
	// North is up: the northern pin has the smaller y.
	if attr(t, circles[2], "cy") >= attr(t, circles[0], "cy") {
		t.Error("map is upside down")
	}
}

func TestMapEmpty(t *testing.T) {
	for _, tc := range []struct {
		name  string
		areas []Area
		pins  []Pin
	}{
		{"nothing", nil, nil},
		{"empty shapes", []Area{{Name: "x"}, {Name: "y", Shape: orb.MultiPolygon{{}}}}, nil},
		{"only bad pins", nil, []Pin{{Lat: math.Inf(1), Lon: 9}, {Lat: 200, Lon: 9}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := parse(t, string(Map(tc.areas, tc.pins, 0, -5, testMapText)))
			if !strings.Contains(d.elems[0].attrs["class"], "svg-empty") {
				t.Error("not the empty state")
			}
			if w, h := viewBox(t, d); w != defaultWidth || h != defaultHeight {
				t.Errorf("size %vx%v", w, h)
			}
		})
	}
}

func TestMapDegenerate(t *testing.T) {
	pt := orb.Point{9.19, 45.46}
	areas := []Area{{Name: "point", Shape: orb.MultiPolygon{{{pt, pt, pt, pt}}}}}
	pins := []Pin{{Lat: pt[1], Lon: pt[0], Label: "here"}}
	d := parse(t, string(Map(areas, pins, 300, 200, testMapText)))
	c := d.all("circle")
	if len(c) != 1 || attr(t, c[0], "cx") != 150 || attr(t, c[0], "cy") != 100 {
		t.Errorf("single point not centred: %v", c)
	}
	// Poles and the antimeridian.
	parse(t, string(Map(nil, []Pin{{Lat: 90, Lon: 180}, {Lat: -90, Lon: -180}}, 300, 200, testMapText)))
	parse(t, string(Map(nil, []Pin{{Lat: 90, Lon: 0}}, 1, 1, testMapText)))
}

func FuzzMap(f *testing.F) {
	f.Add(45.0, 9.0, 45.1, 9.1, 45.05, 9.05, 640, 400)
	f.Add(0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0, 0)
	f.Add(90.0, 180.0, -90.0, -180.0, 1e-300, -1e-300, 1, 8192)
	f.Add(math.NaN(), math.Inf(1), 1e308, -1e308, 5e-324, 89.9999999, -3, 100000)
	f.Fuzz(func(t *testing.T, lat1, lon1, lat2, lon2, plat, plon float64, w, h int) {
		areas := []Area{{Name: "z\x00<&>", Shape: orb.MultiPolygon{{{{lon1, lat1}, {lon2, lat1}, {lon2, lat2}, {lon1, lat2}, {lon1, lat1}}}}}}
		pins := []Pin{{Lat: plat, Lon: plon, Label: "p"}, {Lat: lat1, Lon: lon2}}
		out := string(Map(areas, pins, w, h, testMapText))
		d := parse(t, out)
		vw, vh := viewBox(t, d)
		for _, c := range d.all("circle") {
			x, y := attr(t, c, "cx"), attr(t, c, "cy")
			if x < 0 || x > vw || y < 0 || y > vh {
				t.Fatalf("pin at %v,%v outside %vx%v", x, y, vw, vh)
			}
		}
	})
}

var testMapText = MapText{Title: "Mappa di prova", Empty: "Niente da mostrare"}
