package store

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"
)

func TestAnonymiseKeepsReportsWithoutPersonalData(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	anna, _ := s.CitizenSeen(ctx, 1, 101, "Anna", "it", true)
	bruno, _ := s.CitizenSeen(ctx, 2, 102, "Bruno", "it", true)
	mine := fileReport(t, s, anna, 45, 11)
	brunos := fileReport(t, s, bruno, 45, 11)
	s.FollowReport(ctx, brunos.ID, anna.ID)
	s.AddReportEvent(ctx, ReportEvent{ReportID: mine.ID, Kind: EventComment, Author: Author{Kind: AuthorCitizen, Name: "Anna", CitizenID: anna.ID}, Text: "ancora lì"})

	if err := s.DeleteCitizen(ctx, anna.ID); err != nil {
		t.Fatal(err)
	}
	got, err := s.ReportByID(ctx, mine.ID)
	if err != nil {
		t.Fatalf("the report of a forgotten citizen is gone: %v", err)
	}
	if got.CitizenID != 0 || got.ChatID != 0 || got.Description != mine.Description {
		t.Errorf("after DeleteCitizen: %+v", got)
	}
	var named int
	s.db.QueryRow(`SELECT COUNT(*) FROM report_events WHERE author_name = 'Anna' OR author_citizen_id = ?`, anna.ID).Scan(&named)
	if named != 0 {
		t.Errorf("%d timeline entries still name the forgotten citizen", named)
	}
	if events, _ := s.ReportTimeline(ctx, mine.ID); len(events) != 2 || events[1].Text != "ancora lì" || events[1].Author.Kind != AuthorCitizen {
		t.Errorf("timeline after anonymising = %+v", events)
	}
	if chats, _ := s.ReportFollowers(ctx, brunos.ID); len(chats) != 0 {
		t.Errorf("forgotten citizen still follows: %v", chats)
	}
	if b, _ := s.ReportByID(ctx, brunos.ID); b.Supporters != 1 || b.CitizenID != bruno.ID {
		t.Errorf("another citizen's report changed: %+v", b)
	}
}

func TestReportLookupsOfMissingRows(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	staff := Author{Kind: AuthorStaff}
	tests := []struct {
		label string
		call  func() error
	}{
		{"ReportByID", func() error { _, err := s.ReportByID(ctx, 999); return err }},
		{"ReportByNumber", func() error { _, err := s.ReportByNumber(ctx, "2025-999999"); return err }},
		{"ReportByStaffMessage", func() error { _, err := s.ReportByStaffMessage(ctx, -1, 1); return err }},
		{"SetReportStaffMessage", func() error { return s.SetReportStaffMessage(ctx, 999, -1, 1) }},
		{"AddReportStaffMessage", func() error { return s.AddReportStaffMessage(ctx, 999, -1, 1) }},
		{"ChangeReportStatus", func() error { _, err := s.ChangeReportStatus(ctx, 999, ReportTaken, staff, ""); return err }},
		{"FollowReport", func() error { _, err := s.FollowReport(ctx, 999, 1); return err }},
		{"CategoryByID", func() error { _, err := s.CategoryByID(ctx, 999); return err }},
		{"OfficeByID", func() error { _, err := s.OfficeByID(ctx, 999); return err }},
		{"ZoneByID", func() error { _, err := s.ZoneByID(ctx, 999); return err }},
	}
	for _, tt := range tests {
		t.Run(tt.label, func(t *testing.T) {
			if err := tt.call(); !errors.Is(err, ErrNotFound) {
				t.Errorf("%s of a missing row = %v, want ErrNotFound", tt.label, err)
			}
		})
	}
}

func TestSeededCategories(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	names := func(cats []Category) (out []string) {
		for _, c := range cats {
			out = append(out, c.Name("it"))
		}
		return out
	}
	all, _ := s.Categories(ctx, 0, false)
	open, _ := s.Categories(ctx, 0, true)
	if len(all) != len(open)+1 || fmt.Sprint(names(open)) != "[Strade e marciapiedi Illuminazione Rifiuti Verde pubblico Segnaletica]" {
		t.Errorf("top level: all %v, open %v", names(all), names(open))
	}
	subs, _ := s.Categories(ctx, open[0].ID, true)
	if fmt.Sprint(names(subs)) != "[Buca Marciapiede rotto]" || subs[0].ParentID != open[0].ID || subs[0].Name("de") != "Schlagloch" {
		t.Errorf("subcategories of %s: %+v", open[0].NameIT, subs)
	}
	office, err := s.OfficeByID(ctx, subs[0].OfficeID)
	if err != nil || office.Name != "Ufficio tecnico" || office.Email == "" {
		t.Errorf("office of Buca = %+v, %v", office, err)
	}
	if offices, _ := s.Offices(ctx); len(offices) != 4 {
		t.Errorf("Offices = %+v, want 4", offices)
	}
}

func TestReplaceZonesKeepsIDsOfZonesThatStay(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	const poly = `{"type":"Polygon","coordinates":[[[11,46],[11.1,46],[11.1,46.1],[11,46]]]}`
	if err := s.ReplaceZones(ctx, ZoneKindZone, []Zone{{Name: "Centro", GeoJSON: poly}, {Name: "Gries", GeoJSON: poly}}); err != nil {
		t.Fatal(err)
	}
	before, _ := s.Zones(ctx, ZoneKindZone)
	c, _ := s.CitizenSeen(ctx, 1, 101, "Anna", "it", true)
	r, _ := s.CreateReport(ctx, NewReport{CitizenID: c.ID, CategoryID: categoryID(t, s, "strade-buca"), ZoneID: before[1].ID, Description: "x"})
	if err := s.ReplaceZones(ctx, ZoneKindZone, []Zone{{Name: "Centro", GeoJSON: poly}, {Name: "Oltrisarco", GeoJSON: poly}}); err != nil {
		t.Fatal(err)
	}
	after, _ := s.Zones(ctx, ZoneKindZone)
	if len(after) != 2 || after[0].ID != before[0].ID || after[1].Name != "Oltrisarco" {
		t.Errorf("zones after replacing: %+v (before %+v)", after, before)
	}
	if got, _ := s.ReportByID(ctx, r.ID); got.ZoneID != 0 {
		t.Errorf("report keeps a zone that no longer exists: %d", got.ZoneID)
	}
	if b, _ := s.Zones(ctx, ZoneKindBoundary); len(b) != 0 {
		t.Errorf("boundaries = %+v, want none", b)
	}
}

func TestListReportsFiltersAndCounts(t *testing.T) {
	ctx := context.Background()
	s, clock := newTestStoreClock(t)
	s.ReplaceZones(ctx, ZoneKindZone, []Zone{{Name: "Centro", GeoJSON: "{}"}})
	zones, _ := s.Zones(ctx, ZoneKindZone)
	c, _ := s.CitizenSeen(ctx, 1, 101, "Anna", "it", true)
	file := func(slug, desc, place string, zone int64) Report {
		r, err := s.CreateReport(ctx, NewReport{CitizenID: c.ID, CategoryID: categoryID(t, s, slug), Description: desc, PlaceText: place, ZoneID: zone})
		if err != nil {
			t.Fatal(err)
		}
		clock.Advance(24 * time.Hour)
		return r
	}
	buca := file("strade-buca", "Buca enorme", "via Roma", zones[0].ID)                // 2025-000001, day 0
	lampione := file("illuminazione-lampione", "Lampione spento", "piazza Walther", 0) // day 1
	file("rifiuti-cassonetto", "Cassonetto 100% pieno", "via Museo", 0)                // day 2
	file("strade-marciapiede", "Marciapiede rotto", "via Roma", zones[0].ID)           // day 3
	s.ChangeReportStatus(ctx, lampione.ID, ReportResolved, Author{Kind: AuthorStaff}, "")
	office := func(slug string) int64 { cat, _ := s.CategoryByID(ctx, categoryID(t, s, slug)); return cat.OfficeID }

	ids := func(p ReportPage) (out []string) {
		for _, r := range p.Reports {
			out = append(out, r.Number[len(r.Number)-1:])
		}
		return out
	}
	tests := []struct {
		label string
		f     ReportFilter
		want  string
		total int
	}{
		{"all newest first", ReportFilter{}, "[4 3 2 1]", 4},
		{"oldest first", ReportFilter{Sort: SortOldest}, "[1 2 3 4]", 4},
		{"status", ReportFilter{Statuses: []string{ReportResolved}}, "[2]", 1},
		{"two statuses", ReportFilter{Statuses: []string{ReportNew, ReportResolved}}, "[4 3 2 1]", 4},
		{"parent category", ReportFilter{CategoryID: categoryID(t, s, "strade")}, "[4 1]", 2},
		{"leaf category", ReportFilter{CategoryID: buca.CategoryID}, "[1]", 1},
		{"office", ReportFilter{OfficeID: office("rifiuti-cassonetto")}, "[3]", 1},
		{"zone", ReportFilter{ZoneID: zones[0].ID}, "[4 1]", 2},
		{"date range", ReportFilter{From: testEpoch.Add(24 * time.Hour).Unix(), To: testEpoch.Add(72 * time.Hour).Unix()}, "[3 2]", 2},
		{"text in place", ReportFilter{Query: "via roma"}, "[4 1]", 2},
		{"text in description, % literal", ReportFilter{Query: "100%"}, "[3]", 1},
		{"number", ReportFilter{Query: "2025-000003"}, "[3]", 1},
		{"page", ReportFilter{Limit: 2, Offset: 1}, "[3 2]", 4},
		{"text page past the end", ReportFilter{Query: "via roma", Offset: 5}, "[]", 2},
		{"overdue", ReportFilter{Overdue: true}, "[3 1]", 2},
		{"none", ReportFilter{Query: "nulla"}, "[]", 0},
	}
	// Now buca is 16 days old (15 service days), cassonetto 14 (3),
	// marciapiede 13 (30); lampione is resolved.
	clock.Advance(12 * 24 * time.Hour)
	for _, tt := range tests {
		t.Run(tt.label, func(t *testing.T) {
			page, err := s.ListReports(ctx, tt.f)
			if err != nil {
				t.Fatal(err)
			}
			if got := fmt.Sprint(ids(page)); got != tt.want || page.Total != tt.total {
				t.Errorf("ListReports = %s (total %d), want %s (total %d)", got, page.Total, tt.want, tt.total)
			}
		})
	}
	counts, err := s.CountReportsByStatus(ctx, ReportFilter{Statuses: []string{ReportRejected}})
	if err != nil || counts[ReportNew] != 3 || counts[ReportResolved] != 1 || counts[ReportRejected] != 0 || len(counts) != len(ReportStatuses) {
		t.Errorf("CountReportsByStatus = %v, %v", counts, err)
	}
	if counts, _ := s.CountReportsByStatus(ctx, ReportFilter{ZoneID: zones[0].ID}); counts[ReportNew] != 2 || counts[ReportResolved] != 0 {
		t.Errorf("CountReportsByStatus in a zone = %v", counts)
	}
}

// BenchmarkListReports measures the admin inbox's query on 100 000 reports:
// one filtered, sorted page with its total.
func BenchmarkListReports(b *testing.B) {
	ctx := context.Background()
	s := newTestStore(b)
	var cats []int64
	rows, _ := s.db.Query(`SELECT id FROM categories WHERE parent_id IS NOT NULL`)
	for rows.Next() {
		var id int64
		rows.Scan(&id)
		cats = append(cats, id)
	}
	rows.Close()
	rng := rand.New(rand.NewPCG(1, 2))
	start := testEpoch.Unix() - 100_000*900
	err := s.InTx(ctx, func(tx *Store) error {
		for i := range 100_000 {
			at := start + int64(i)*900 // one every 15 minutes, the last ones today
			status := ReportStatuses[rng.IntN(len(ReportStatuses))]
			if _, err := tx.q.ExecContext(ctx, `
				INSERT INTO reports (number, chat_id, category_id, status, lat, lon, geolocated, place_text, description, created_at, updated_at)
				VALUES (?, 1, ?, ?, ?, ?, 1, 'via Roma', ?, ?, ?)`,
				fmt.Sprintf("B-%06d", i), cats[rng.IntN(len(cats))], status, 46+rng.Float64()/10, 11+rng.Float64()/10,
				fmt.Sprintf("Segnalazione di prova numero %d con una descrizione di media lunghezza", i), at, at); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	s.db.Exec(`ANALYZE`)
	bench := func(name string, f ReportFilter) {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				page, err := s.ListReports(ctx, f)
				if err != nil || len(page.Reports) == 0 {
					b.Fatalf("ListReports = %d reports, %v", len(page.Reports), err)
				}
			}
		})
	}
	bench("status page 3", ReportFilter{Statuses: []string{ReportNew}, Limit: 50, Offset: 100})
	bench("status+category", ReportFilter{Statuses: []string{ReportNew, ReportTaken}, CategoryID: cats[0], Limit: 50})
	bench("last month", ReportFilter{From: testEpoch.Add(-30 * 24 * time.Hour).Unix(), Limit: 50})
	bench("text search", ReportFilter{Query: "numero 4242", Limit: 50})
	b.Run("counts", func(b *testing.B) {
		for b.Loop() {
			if _, err := s.CountReportsByStatus(ctx, ReportFilter{}); err != nil {
				b.Fatal(err)
			}
		}
	})
}
