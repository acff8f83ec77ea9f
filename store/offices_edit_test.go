package store

import (
	"context"
	"errors"
	"testing"
)

func TestOfficeNamesAreUniqueWithoutCase(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	o, err := s.CreateOffice(ctx, Office{Name: "Servizi sociali", Email: "sociali@comune.example.it"})
	if err != nil || o.ID == 0 || o.Name != "Servizi sociali" || o.Email != "sociali@comune.example.it" {
		t.Fatalf("created %+v %v", o, err)
	}
	if _, err := s.CreateOffice(ctx, Office{Name: "urp"}); !errors.Is(err, ErrOfficeNameTaken) {
		t.Errorf("a second URP: %v", err)
	}
	o.Name, o.Email = "URP", ""
	if _, err := s.UpdateOffice(ctx, o); !errors.Is(err, ErrOfficeNameTaken) {
		t.Errorf("renamed onto URP: %v", err)
	}
	if got, _ := s.OfficeByID(ctx, o.ID); got.Name != "Servizi sociali" || got.Email != "sociali@comune.example.it" {
		t.Errorf("a refused update changed the office: %+v", got)
	}
	o.Name, o.Email = "Servizi Sociali", "welfare@comune.example.it"
	if got, err := s.UpdateOffice(ctx, o); err != nil || got != o {
		t.Errorf("updated %+v %v", got, err)
	}
	if _, err := s.UpdateOffice(ctx, Office{ID: 99999, Name: "X"}); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing office: %v", err)
	}
}

func TestDeleteOfficeOnlyWhenNothingUsesIt(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	spare, err := s.CreateOffice(ctx, Office{Name: "Protezione civile"})
	if err != nil {
		t.Fatal(err)
	}
	var inUse *OfficeInUseError
	if err := s.DeleteOffice(ctx, officeID(t, s, "Ufficio tecnico")); !errors.As(err, &inUse) || inUse.Categories != 6 {
		t.Errorf("office of categories: %v", err)
	}

	// Handed a report: in use through the report alone.
	citizen, _ := s.CitizenSeen(ctx, 1, 1, "Anna", "it", true)
	r := fileReport(t, s, citizen, 45.07, 7.68)
	if _, err := s.AssignReport(ctx, r.ID, spare.ID, 0, Author{Kind: AuthorStaff, Name: "x"}, ""); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteOffice(ctx, spare.ID); !errors.As(err, &inUse) || inUse.OfficeUsage != (OfficeUsage{Reports: 1}) {
		t.Errorf("office of a report: %v", err)
	}
	if _, err := s.AssignReport(ctx, r.ID, 0, 0, Author{Kind: AuthorStaff, Name: "x"}, ""); err != nil {
		t.Fatal(err)
	}

	// Served by an operator: in use through the staff alone.
	op, err := s.CreateStaffAccount(ctx, StaffAccount{Username: "op", Role: RoleOperator, PasswordHash: "h"})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SetStaffScope(ctx, op.ID, []int64{spare.ID}, nil); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteOffice(ctx, spare.ID); !errors.As(err, &inUse) || inUse.OfficeUsage != (OfficeUsage{Staff: 1}) {
		t.Errorf("office of an operator: %v", err)
	}
	if err := s.SetStaffScope(ctx, op.ID, nil, nil); err != nil {
		t.Fatal(err)
	}

	if err := s.DeleteOffice(ctx, spare.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.OfficeByID(ctx, spare.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("deleted office still there: %v", err)
	}
	if err := s.DeleteOffice(ctx, spare.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("deleting it twice: %v", err)
	}
}
