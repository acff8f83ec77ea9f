package store

import (
	"context"
	"testing"
)

// Only enabled operators and admins can be handed a report; the inbox's
// "mine" filter keeps the reports handed to one clerk by name.
func TestAssignableStaffAndTheAssignedFilter(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	mk := func(name, display string, role StaffRole, disabled bool) StaffAccount {
		a, err := s.CreateStaffAccount(ctx, StaffAccount{Username: name, DisplayName: display, Role: role, PasswordHash: "h", Disabled: disabled})
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	op := mk("zeta", "Anna Operatrice", RoleOperator, false)
	boss := mk("capo", "", RoleAdmin, false)
	mk("ed", "Editor", RoleEditor, false)
	mk("gone", "Ex dipendente", RoleOperator, true)

	got, err := s.AssignableStaff(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].ID != op.ID || got[1].ID != boss.ID {
		t.Fatalf("assignable %+v", got)
	}

	c, _ := s.CitizenSeen(ctx, 1, 101, "Anna", "it", true)
	mine := fileReport(t, s, c, 45.07, 7.68)
	other := fileReport(t, s, c, 45.07, 7.68)
	author := Author{Kind: AuthorStaff, Name: "Capo"}
	if _, err := s.AssignReport(ctx, mine.ID, 0, op.ID, author, "a Anna"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AssignReport(ctx, other.ID, 0, boss.ID, author, "al capo"); err != nil {
		t.Fatal(err)
	}
	page, err := s.ListReports(ctx, ReportFilter{AssignedStaffID: op.ID})
	if err != nil || page.Total != 1 || page.Reports[0].ID != mine.ID {
		t.Fatalf("assigned filter: %+v %v", page, err)
	}
	counts, err := s.CountReportsByStatus(ctx, ReportFilter{AssignedStaffID: op.ID})
	if err != nil || counts[ReportNew] != 1 {
		t.Fatalf("assigned counters: %v %v", counts, err)
	}
}
