package store

import (
	"context"
	"testing"
)

func officeID(t *testing.T, s *Store, name string) int64 {
	t.Helper()
	var id int64
	if err := s.db.QueryRow(`SELECT id FROM offices WHERE name = ?`, name).Scan(&id); err != nil {
		t.Fatalf("office %q: %v", name, err)
	}
	return id
}

// An operator sees the reports of their offices (through the category or
// its parent, unless assigned elsewhere), of their categories, and those
// assigned to them by name; nothing else.
func TestStaffScopeSelectsTheOperatorsReports(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	c, _ := s.CitizenSeen(ctx, 1, 101, "Anna", "it", true)
	op, err := s.CreateStaffAccount(ctx, StaffAccount{Username: "op", Role: RoleOperator, PasswordHash: "h"})
	if err != nil {
		t.Fatal(err)
	}
	file := func(slug string) Report {
		r, err := s.CreateReport(ctx, NewReport{CitizenID: c.ID, ChatID: c.ChatID, CategoryID: categoryID(t, s, slug), Description: "qualcosa da sistemare"})
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	pothole := file("strade-buca") // a subcategory of Strade
	grass := file("verde-erba")
	sign := file("segnaletica")

	road := officeID(t, s, "Ufficio tecnico")
	if err := s.SetStaffScope(ctx, op.ID, []int64{road}, nil); err != nil {
		t.Fatal(err)
	}
	sc, err := s.StaffScopeOf(ctx, op.ID)
	if err != nil || len(sc.OfficeIDs) != 1 || sc.OfficeIDs[0] != road {
		t.Fatalf("scope %+v %v", sc, err)
	}
	visible := func(r Report) bool {
		ok, err := s.ReportInScope(ctx, r.ID, sc)
		if err != nil {
			t.Fatal(err)
		}
		return ok
	}
	if !visible(pothole) || visible(grass) || visible(sign) {
		t.Fatalf("by office: pothole %v grass %v sign %v", visible(pothole), visible(grass), visible(sign))
	}
	page, err := s.ListReports(ctx, ReportFilter{Scope: &sc})
	if err != nil || page.Total != 1 || page.Reports[0].ID != pothole.ID {
		t.Fatalf("list in scope: %+v %v", page, err)
	}

	// Handed to the clerk by name, then to the operator's office: both in.
	author := Author{Kind: AuthorStaff, Name: "Capo"}
	if grass, err = s.AssignReport(ctx, grass.ID, 0, op.ID, author, "a op"); err != nil || grass.AssignedStaffID != op.ID {
		t.Fatalf("assign to staff: %+v %v", grass, err)
	}
	if sign, err = s.AssignReport(ctx, sign.ID, road, 0, author, "a strade"); err != nil || sign.AssignedOfficeID != road {
		t.Fatalf("assign to office: %+v %v", sign, err)
	}
	if !visible(grass) || !visible(sign) {
		t.Fatal("assigned reports not in scope")
	}
	// Assigned away from the office, the pothole leaves the scope.
	police := officeID(t, s, "Polizia locale")
	if _, err := s.AssignReport(ctx, pothole.ID, police, 0, author, "a polizia"); err != nil {
		t.Fatal(err)
	}
	if visible(pothole) {
		t.Fatal("report assigned to another office still in scope")
	}
	// The sign (a police category, handed to roads) and the pothole (a
	// roads category, handed to the police) swap offices in the filter.
	if page, _ := s.ListReports(ctx, ReportFilter{OfficeID: police}); page.Total != 1 || page.Reports[0].ID != pothole.ID {
		t.Fatalf("office filter follows the assignment: %+v", page)
	}
	// By category: a top-level category brings its subcategories.
	if err := s.SetStaffScope(ctx, op.ID, nil, []int64{categoryID(t, s, "strade")}); err != nil {
		t.Fatal(err)
	}
	sc, _ = s.StaffScopeOf(ctx, op.ID)
	if !visible(pothole) || visible(sign) {
		t.Fatal("category scope")
	}
	ev, _ := s.ReportTimeline(ctx, pothole.ID)
	if last := ev[len(ev)-1]; last.Kind != EventAssigned || last.Text != "a polizia" {
		t.Fatalf("timeline %+v", last)
	}
	if _, err := s.AssignReport(ctx, 999999, 0, 0, author, ""); err != ErrNotFound {
		t.Fatalf("unknown report: %v", err)
	}
}

func TestReportPublicationIsApprovedApart(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	c, _ := s.CitizenSeen(ctx, 1, 101, "Anna", "it", true)
	r := fileReport(t, s, c, 45.07, 7.68)
	if r.PublishText || r.PublishPhotos {
		t.Fatal("published by default")
	}
	r, err := s.SetReportPublication(ctx, r.ID, true, false, Author{Kind: AuthorStaff, Name: "x"}, "testo sì")
	if err != nil || !r.PublishText || r.PublishPhotos {
		t.Fatalf("%+v %v", r, err)
	}
}
