package demo

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"

	"github.com/campanile/campanile/flows"
	"github.com/campanile/campanile/store"
)

func TestSeedDrawsAComuneAroundThePlaygroundPlacesAndIsIdempotent(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for range 2 {
		if err := Seed(ctx, st); err != nil {
			t.Fatal(err)
		}
	}
	boundaries, _ := st.Zones(ctx, store.ZoneKindBoundary)
	zones, _ := st.Zones(ctx, store.ZoneKindZone)
	if len(boundaries) != 1 || len(zones) != 4 {
		t.Fatalf("%d boundaries and %d zones after seeding twice", len(boundaries), len(zones))
	}
	area, err := flows.ParseArea(boundaries[0].GeoJSON)
	if err != nil {
		t.Fatal(err)
	}
	// The playground's preset places (bot/playground/config.go).
	for _, p := range [][2]float64{{45.0703, 7.6869}, {45.0741, 7.6802}, {45.0668, 7.6755}, {45.0629, 7.6843}, {45.0768, 7.6921}, {45.0651, 7.6958}} {
		pt := orb.Point{p[1], p[0]}
		if !planar.MultiPolygonContains(area, pt) {
			t.Errorf("place %v lies outside the demo comune", p)
		}
		inZones := 0
		for _, z := range zones {
			a, err := flows.ParseArea(z.GeoJSON)
			if err != nil {
				t.Fatal(err)
			}
			if planar.MultiPolygonContains(a, pt) {
				inZones++
			}
		}
		if inZones != 1 {
			t.Errorf("place %v lies in %d zones, want exactly one", p, inZones)
		}
	}
	counts, err := st.CountReportsByStatus(ctx, store.ReportFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if counts[store.ReportNew] != 1 || counts[store.ReportTaken] != 1 || counts[store.ReportResolved] != 1 || counts[store.ReportRejected] != 1 {
		t.Errorf("demo reports by status: %v", counts)
	}
}

// The demo reports lie in their quartieri and belong to the demo citizens
// given, in turn, so that an answer to one reaches a playground chat.
func TestDemoReportsHaveZonesAndAuthors(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	authors := []Author{{UserID: 5_000_000_001, FirstName: "Maria", Lang: "it"}, {UserID: 5_000_000_002, FirstName: "John", Lang: "en"}}
	if err := Seed(ctx, st, authors...); err != nil {
		t.Fatal(err)
	}
	page, err := st.ListReports(ctx, store.ReportFilter{Sort: store.SortOldest})
	if err != nil || page.Total != len(demoReports) {
		t.Fatalf("%d reports, %v", page.Total, err)
	}
	for i, r := range page.Reports {
		z, err := st.ZoneByID(ctx, r.ZoneID)
		if err != nil || z.Name != demoZoneOf(r.Lat, r.Lon) {
			t.Errorf("report %s: zone %+v %v", r.Number, z, err)
		}
		if want := authors[i%len(authors)].UserID; r.ChatID != want {
			t.Errorf("report %s: chat %d, want %d", r.Number, r.ChatID, want)
		}
	}
}
