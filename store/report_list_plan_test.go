package store

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestOverdueAgreesWithItsDefinitionUnderEveryPlan checks the overdue
// filter, which takes a different road with and without a text search (see
// report_list_plan.go), against its definition computed here: open, and
// created longer ago than the category's service days. Each case combines
// it with another filter, for the list, its total and the counters.
func TestOverdueAgreesWithItsDefinitionUnderEveryPlan(t *testing.T) {
	ctx := context.Background()
	s, clock := newTestStoreClock(t)
	if err := s.ReplaceZones(ctx, ZoneKindZone, []Zone{{Name: "Centro", GeoJSON: "{}"}}); err != nil {
		t.Fatal(err)
	}
	zones, _ := s.Zones(ctx, ZoneKindZone)
	var cats []Category
	rows, err := s.db.Query(`SELECT id FROM categories`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id int64
		rows.Scan(&id)
		c, err := s.CategoryByID(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		cats = append(cats, c)
	}
	rows.Close()
	serviceDays := map[int64]int{}
	for _, c := range cats {
		serviceDays[c.ID] = c.ServiceDays
	}
	rng := rand.New(rand.NewPCG(3, 4))
	places := []string{"via Roma", "via Verdi", "piazza Duomo"}
	for i := range 120 {
		zone := int64(0)
		if i%3 == 0 {
			zone = zones[0].ID
		}
		r, err := s.CreateReport(ctx, NewReport{CategoryID: cats[rng.IntN(len(cats))].ID, ZoneID: zone,
			PlaceText: places[rng.IntN(len(places))], Description: fmt.Sprintf("Segnalazione %d", i)})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.db.Exec(`UPDATE reports SET status = ? WHERE id = ?`, ReportStatuses[rng.IntN(len(ReportStatuses))], r.ID); err != nil {
			t.Fatal(err)
		}
		clock.Advance(12 * time.Hour)
	}
	now := clock.Now().Unix()
	overdue := func(r Report) bool {
		return !ReportClosed(r.Status) && r.CreatedAt < now-86400*int64(serviceDays[r.CategoryID])
	}
	strade := categoryID(t, s, "strade")
	tests := []struct {
		label string
		f     ReportFilter
	}{
		{"alone", ReportFilter{}},
		{"text search", ReportFilter{Query: "roma"}},
		{"text search and a status", ReportFilter{Query: "verdi", Statuses: []string{ReportTaken}}},
		{"a report number", ReportFilter{Query: fmt.Sprintf("%d-%06d", testEpoch.Year(), 7)}},
		{"parent category", ReportFilter{CategoryID: strade}},
		{"zone", ReportFilter{ZoneID: zones[0].ID}},
		{"status", ReportFilter{Statuses: []string{ReportNew}}},
		{"closed status", ReportFilter{Statuses: []string{ReportResolved}}},
		{"date range", ReportFilter{From: testEpoch.Unix(), To: testEpoch.Add(20 * 24 * time.Hour).Unix()}},
	}
	seen := 0
	for _, tt := range tests {
		t.Run(tt.label, func(t *testing.T) {
			all := tt.f
			all.Limit = 1000
			base, err := s.ListReports(ctx, all)
			if err != nil {
				t.Fatal(err)
			}
			var want []int64
			wantCounts := map[string]int{}
			for _, r := range base.Reports {
				if overdue(r) {
					want = append(want, r.ID)
				}
			}
			counted, err := s.ListReports(ctx, ReportFilter{Query: tt.f.Query, CategoryID: tt.f.CategoryID, ZoneID: tt.f.ZoneID, From: tt.f.From, To: tt.f.To, Limit: 1000})
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range counted.Reports {
				if overdue(r) {
					wantCounts[r.Status]++
				}
			}
			all.Overdue = true
			page, err := s.ListReports(ctx, all)
			if err != nil {
				t.Fatal(err)
			}
			var got []int64
			for _, r := range page.Reports {
				got = append(got, r.ID)
			}
			if !slices.Equal(got, want) || page.Total != len(want) {
				t.Errorf("overdue list = %v (total %d), want %v", got, page.Total, want)
			}
			counts, err := s.CountReportsByStatus(ctx, all)
			if err != nil {
				t.Fatal(err)
			}
			for _, st := range ReportStatuses {
				if counts[st] != wantCounts[st] {
					t.Errorf("overdue counters = %v, want %v", counts, wantCounts)
					break
				}
			}
			seen += len(want)
		})
	}
	if seen == 0 {
		t.Fatal("no case had an overdue report: the data proves nothing")
	}
}

// TestOverdueWalksCategoriesOnlyWhenTheIndexAnswersEverything pins the
// choice of plan: the walk by category is fast only while its index holds
// every condition; with a zone it is 10 times slower than the lookup.
func TestOverdueWalksCategoriesOnlyWhenTheIndexAnswersEverything(t *testing.T) {
	tests := []struct {
		label string
		f     ReportFilter
		walk  bool
	}{
		{"no overdue filter", ReportFilter{CategoryID: 3}, false},
		{"overdue alone", ReportFilter{Overdue: true, Limit: 50, Offset: 100, Sort: SortOldest}, true},
		{"statuses, category, dates", ReportFilter{Overdue: true, Statuses: []string{ReportNew}, CategoryID: 3, From: 1, To: 2}, true},
		{"a zone", ReportFilter{Overdue: true, ZoneID: 1}, false},
		{"an office", ReportFilter{Overdue: true, OfficeID: 1}, false},
		{"a scope", ReportFilter{Overdue: true, Scope: &StaffScope{AccountID: 1}}, false},
		{"a text search", ReportFilter{Overdue: true, Query: "roma"}, false},
		{"a report number", ReportFilter{Overdue: true, Query: "2025-000001"}, false},
	}
	for _, tt := range tests {
		if got := tt.f.overdueByCategory(); got != tt.walk {
			t.Errorf("%s: walks the categories = %v, want %v", tt.label, got, tt.walk)
		}
		if from := reportFrom(tt.f); strings.Contains(from, "categories") != tt.walk {
			t.Errorf("%s: FROM clause %q", tt.label, from)
		}
	}
}
