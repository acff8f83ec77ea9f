package flows

import (
	"errors"
	"testing"
	"unicode/utf8"

	"github.com/campanile/campanile/store"
)

// FuzzParseZones holds ParseZones to its promise whatever a clerk
// uploads: it never panics, a refusal is always a ZoneFileError (which
// the admin can put into words), and what it accepts is fit to store and
// reads back unchanged from the file the admin offers for download.
func FuzzParseZones(f *testing.F) {
	for _, file := range validZoneFiles {
		f.Add([]byte(file))
	}
	for _, tc := range brokenZoneFiles {
		f.Add([]byte(tc.file))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		zones, err := ParseZones(data)
		if err != nil {
			var fe *ZoneFileError
			if !errors.As(err, &fe) || fe.Reason == "" {
				t.Fatalf("refusal without a reason: %v", err)
			}
			return
		}
		if len(zones) == 0 {
			t.Fatal("accepted a file with no zones")
		}
		seen := map[string]bool{}
		for _, z := range zones {
			key := store.ZoneNameKey(z.Name)
			if key == "" || seen[key] || utf8.RuneCountInString(z.Name) > MaxZoneNameLen {
				t.Fatalf("accepted name %q", z.Name)
			}
			seen[key] = true
			if err := checkShape(z.Shape, ZoneFileError{}); err != nil || len(z.Shape) == 0 {
				t.Fatalf("accepted shape of %q: %v", z.Name, err)
			}
		}
		out, err := ZonesGeoJSON(zones)
		if err != nil {
			t.Fatal(err)
		}
		back, err := ParseZones(out)
		if err != nil || len(back) != len(zones) {
			t.Fatalf("the download does not read back: %v", err)
		}
		for i := range zones {
			a, _ := zones[i].GeoJSON()
			b, _ := back[i].GeoJSON()
			if back[i].Name != zones[i].Name || a != b {
				t.Fatalf("zone %d changed on the way: %q %s / %q %s", i, zones[i].Name, a, back[i].Name, b)
			}
		}
	})
}

// FuzzParseBoundary: the same promise for the boundary.
func FuzzParseBoundary(f *testing.F) {
	f.Add([]byte(centroSquare))
	f.Add([]byte(feature(`{"name":"Comune"}`, griesSquare)))
	for _, tc := range brokenZoneFiles {
		f.Add([]byte(tc.file))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := ParseBoundary(data)
		if err != nil {
			var fe *ZoneFileError
			if !errors.As(err, &fe) || fe.Reason == "" {
				t.Fatalf("refusal without a reason: %v", err)
			}
			return
		}
		if len(b.Shape) == 0 || checkShape(b.Shape, ZoneFileError{}) != nil {
			t.Fatalf("accepted shape %v", b.Shape)
		}
		if _, err := b.GeoJSON(); err != nil {
			t.Fatal(err)
		}
	})
}
