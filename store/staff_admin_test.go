package store

import (
	"context"
	"errors"
	"testing"
)

func adminTestAccount(t *testing.T, s *Store, name string, role StaffRole) StaffAccount {
	t.Helper()
	a, err := s.CreateStaffAccount(context.Background(), StaffAccount{Username: name, Role: role, PasswordHash: "h"})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func adminTestSession(t *testing.T, s *Store, id int64, hash string) {
	t.Helper()
	if _, err := s.CreateStaffSession(context.Background(), StaffSession{IDHash: hash, AccountID: id, CSRFToken: "c", ExpiresAt: 1 << 40}); err != nil {
		t.Fatal(err)
	}
}

func adminTestSessionAlive(t *testing.T, s *Store, hash string) bool {
	t.Helper()
	_, err := s.StaffSession(context.Background(), hash)
	if err != nil && !errors.Is(err, ErrNotFound) {
		t.Fatal(err)
	}
	return err == nil
}

func TestStaffOverviewsCarryTheLastSuccessfulSignIn(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	bea := adminTestAccount(t, s, "bea", RoleEditor)
	adminTestAccount(t, s, "Anna", RoleOperator)
	for _, a := range []SignInAttempt{
		{Username: "bea", AccountID: bea.ID, IP: "10.0.0.1", Success: true},
		{Username: "bea", AccountID: bea.ID, IP: "10.0.0.2", Success: true},
		{Username: "bea", AccountID: bea.ID, IP: "10.0.0.9", Success: false}, // a failure is not a sign-in
	} {
		if err := s.RecordSignIn(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	list, err := s.StaffOverviews(ctx)
	if err != nil || len(list) != 2 {
		t.Fatalf("%+v %v", list, err)
	}
	if list[0].Username != "Anna" || list[0].LastSignInAt != 0 || list[0].LastSignInIP != "" {
		t.Errorf("never signed in, sorted first without case: %+v", list[0])
	}
	if list[1].Username != "bea" || list[1].LastSignInIP != "10.0.0.2" || list[1].LastSignInAt == 0 || list[1].Role != RoleEditor {
		t.Errorf("last success: %+v", list[1])
	}
	last, err := s.LastStaffSignIn(ctx, bea.ID)
	if err != nil || last.IP != "10.0.0.2" || !last.Success {
		t.Errorf("last sign-in: %+v %v", last, err)
	}
	if _, err := s.LastStaffSignIn(ctx, list[0].ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("never signed in: %v", err)
	}
}

func TestTheLastEnabledAdminIsNeitherDemotedNorDisabled(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	one := adminTestAccount(t, s, "one", RoleAdmin)
	two := adminTestAccount(t, s, "two", RoleAdmin)
	if n, err := s.EnabledAdminCount(ctx); n != 2 || err != nil {
		t.Fatalf("enabled admins: %d %v", n, err)
	}

	if err := s.UpdateStaffProfile(ctx, two.ID, "Due", RoleEditor); err != nil {
		t.Fatalf("demote one of two admins: %v", err)
	}
	if err := s.UpdateStaffProfile(ctx, one.ID, "Uno", RoleOperator); !errors.Is(err, ErrLastAdmin) {
		t.Fatalf("demote the last admin: %v", err)
	}
	if err := s.SetStaffDisabled(ctx, one.ID, true); !errors.Is(err, ErrLastAdmin) {
		t.Fatalf("disable the last admin: %v", err)
	}
	got, _ := s.StaffAccount(ctx, one.ID)
	if got.Role != RoleAdmin || got.Disabled || got.DisplayName != "" {
		t.Fatalf("a refused change changed something: %+v", got)
	}
	// Renaming the last admin keeps the role, so it is fine.
	if err := s.UpdateStaffProfile(ctx, one.ID, "Uno", RoleAdmin); err != nil {
		t.Fatal(err)
	}
	// A disabled admin does not count as the one left.
	if err := s.UpdateStaffProfile(ctx, two.ID, "Due", RoleAdmin); err != nil {
		t.Fatal(err)
	}
	if err := s.SetStaffDisabled(ctx, two.ID, true); err != nil {
		t.Fatal(err)
	}
	if n, _ := s.EnabledAdminCount(ctx); n != 1 {
		t.Fatalf("a disabled admin counted: %d", n)
	}
	if err := s.SetStaffDisabled(ctx, one.ID, true); !errors.Is(err, ErrLastAdmin) {
		t.Fatalf("the only enabled admin, beside a disabled one: %v", err)
	}
	if err := s.SetStaffDisabled(ctx, two.ID, false); err != nil {
		t.Fatal(err)
	}
	if err := s.SetStaffDisabled(ctx, one.ID, true); err != nil {
		t.Fatalf("disable with another admin enabled again: %v", err)
	}

	if err := s.UpdateStaffProfile(ctx, 9999, "x", RoleEditor); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown account: %v", err)
	}
	if err := s.SetStaffDisabled(ctx, 9999, false); !errors.Is(err, ErrNotFound) {
		t.Errorf("enable unknown: %v", err)
	}
	if err := s.UpdateStaffProfile(ctx, two.ID, "x", "boss"); err == nil {
		t.Error("unknown role accepted")
	}
}

func TestDisablingResettingAndClearingTwoFactorEndSessions(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	adminTestAccount(t, s, "boss", RoleAdmin)
	op := adminTestAccount(t, s, "op", RoleOperator)
	other := adminTestAccount(t, s, "other", RoleOperator)
	adminTestSession(t, s, other.ID, "other-session")

	adminTestSession(t, s, op.ID, "s1")
	if err := s.SetStaffDisabled(ctx, op.ID, true); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.StaffAccount(ctx, op.ID); !got.Disabled || adminTestSessionAlive(t, s, "s1") {
		t.Fatalf("disable: %+v, session alive %v", got, adminTestSessionAlive(t, s, "s1"))
	}
	if err := s.SetStaffDisabled(ctx, op.ID, false); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.StaffAccount(ctx, op.ID); got.Disabled {
		t.Fatal("still disabled")
	}

	adminTestSession(t, s, op.ID, "s2")
	if err := s.ResetStaffPassword(ctx, op.ID, "new-hash"); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.StaffAccount(ctx, op.ID); got.PasswordHash != "new-hash" || !got.MustChangePassword || adminTestSessionAlive(t, s, "s2") {
		t.Fatalf("reset: %+v", got)
	}

	if err := s.SetStaffTOTP(ctx, op.ID, "SECRET"); err != nil {
		t.Fatal(err)
	}
	adminTestSession(t, s, op.ID, "s3")
	if err := s.ClearStaffTOTP(ctx, op.ID); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.StaffAccount(ctx, op.ID); got.TOTPSecret != "" || adminTestSessionAlive(t, s, "s3") {
		t.Fatalf("two-factor off: %+v", got)
	}

	if !adminTestSessionAlive(t, s, "other-session") {
		t.Error("another account's session ended")
	}
	if err := s.ResetStaffPassword(ctx, 9999, "h"); !errors.Is(err, ErrNotFound) {
		t.Errorf("reset unknown: %v", err)
	}
	if err := s.ClearStaffTOTP(ctx, 9999); !errors.Is(err, ErrNotFound) {
		t.Errorf("two-factor off unknown: %v", err)
	}
}
