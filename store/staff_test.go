package store

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestStaffAccountsAreUniqueWithoutCaseAndCanBeDisabled(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	a, err := s.CreateStaffAccount(ctx, StaffAccount{Username: "Maria", DisplayName: "Maria Rossi", Role: RoleEditor, PasswordHash: "h", MustChangePassword: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateStaffAccount(ctx, StaffAccount{Username: "maria", Role: RoleAdmin, PasswordHash: "h"}); !errors.Is(err, ErrUsernameTaken) {
		t.Fatalf("duplicate username: %v", err)
	}
	if _, err := s.CreateStaffAccount(ctx, StaffAccount{Username: "x", Role: "boss", PasswordHash: "h"}); err == nil {
		t.Fatal("unknown role accepted")
	}
	got, err := s.StaffAccountByUsername(ctx, "MARIA")
	if err != nil || got.ID != a.ID || got.Role != RoleEditor || !got.MustChangePassword || got.TOTPSecret != "" {
		t.Fatalf("by username: %+v %v", got, err)
	}
	if err := s.SetStaffPassword(ctx, a.ID, "h2", false); err != nil {
		t.Fatal(err)
	}
	if err := s.SetStaffTOTP(ctx, a.ID, "SECRET"); err != nil {
		t.Fatal(err)
	}
	got, _ = s.StaffAccount(ctx, a.ID)
	if got.PasswordHash != "h2" || got.MustChangePassword || got.TOTPSecret != "SECRET" {
		t.Fatalf("after updates: %+v", got)
	}
	if _, err := s.CreateStaffSession(ctx, StaffSession{IDHash: "s1", AccountID: a.ID, CSRFToken: "c", ExpiresAt: 1 << 40}); err != nil {
		t.Fatal(err)
	}
	if err := s.DisableStaffAccount(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	got, _ = s.StaffAccount(ctx, a.ID)
	if !got.Disabled {
		t.Error("not disabled")
	}
	if _, err := s.StaffSession(ctx, "s1"); !errors.Is(err, ErrNotFound) {
		t.Errorf("a disabled account keeps its session: %v", err)
	}
	if err := s.DisableStaffAccount(ctx, 999); !errors.Is(err, ErrNotFound) {
		t.Errorf("disable unknown: %v", err)
	}
	if _, err := s.StaffAccountByUsername(ctx, "nobody"); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown username: %v", err)
	}
	list, err := s.StaffAccounts(ctx)
	if err != nil || len(list) != 1 {
		t.Errorf("list: %v %v", list, err)
	}
}

func TestStaffSessionsEndOneEveryOtherAndExpired(t *testing.T) {
	ctx := context.Background()
	s, clock := newTestStoreClock(t)
	a, _ := s.CreateStaffAccount(ctx, StaffAccount{Username: "op", Role: RoleOperator, PasswordHash: "h"})
	exp := clock.Now().Add(7 * 24 * time.Hour).Unix()
	for _, h := range []string{"a", "b", "c"} {
		if _, err := s.CreateStaffSession(ctx, StaffSession{IDHash: h, AccountID: a.ID, CSRFToken: "t" + h, ExpiresAt: exp, IP: "10.0.0.1"}); err != nil {
			t.Fatal(err)
		}
	}
	ss, err := s.StaffSession(ctx, "b")
	if err != nil || ss.CSRFToken != "tb" || ss.AccountID != a.ID || ss.IP != "10.0.0.1" {
		t.Fatalf("%+v %v", ss, err)
	}
	if n, err := s.DeleteStaffSessions(ctx, a.ID, "a"); err != nil || n != 2 {
		t.Fatalf("delete others: %d %v", n, err)
	}
	if _, err := s.StaffSession(ctx, "a"); err != nil {
		t.Fatal("the kept session is gone")
	}
	clock.Advance(9 * time.Hour)
	if n, _ := s.DeleteExpiredStaffSessions(ctx, 8*time.Hour); n != 1 {
		t.Errorf("idle session not expired: %d", n)
	}
	if err := s.DeleteStaffSession(ctx, "a"); err != nil {
		t.Fatal(err)
	}
}

func TestFailedSignInsSlideAndResetOnSuccess(t *testing.T) {
	ctx := context.Background()
	s, clock := newTestStoreClock(t)
	a, _ := s.CreateStaffAccount(ctx, StaffAccount{Username: "op", Role: RoleOperator, PasswordHash: "h"})
	fail := func(user, ip string) {
		t.Helper()
		if err := s.RecordSignIn(ctx, SignInAttempt{Username: user, IP: ip}); err != nil {
			t.Fatal(err)
		}
	}
	fail("op", "1.1.1.1")
	fail("OP", "1.1.1.1")
	fail("other", "1.1.1.1")
	u, ip, err := s.FailedSignIns(ctx, "op", "1.1.1.1", 15*time.Minute)
	if err != nil || u != 2 || ip != 3 {
		t.Fatalf("counts %d %d %v", u, ip, err)
	}
	clock.Advance(16 * time.Minute)
	fail("op", "2.2.2.2")
	if u, ip, _ := s.FailedSignIns(ctx, "op", "1.1.1.1", 15*time.Minute); u != 1 || ip != 0 {
		t.Errorf("window did not slide: %d %d", u, ip)
	}
	if err := s.RecordSignIn(ctx, SignInAttempt{Username: "op", AccountID: a.ID, IP: "2.2.2.2", Success: true}); err != nil {
		t.Fatal(err)
	}
	if u, ip, _ := s.FailedSignIns(ctx, "op", "2.2.2.2", 15*time.Minute); u != 0 || ip != 1 {
		t.Errorf("success did not reset the username's count: %d %d", u, ip)
	}
	recent, err := s.RecentSignIns(ctx, a.ID, 10)
	if err != nil || len(recent) != 1 || !recent[0].Success || recent[0].IP != "2.2.2.2" {
		t.Errorf("recent: %+v %v", recent, err)
	}
}

func TestAuditEntriesPageNewestFirst(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	for i, action := range []string{"signin.success", "password.change", "logout"} {
		if err := s.AppendAudit(ctx, AuditEntry{Actor: "maria", Action: action, IP: "10.0.0.1", Target: string(rune('a' + i))}); err != nil {
			t.Fatal(err)
		}
	}
	page, total, err := s.AuditEntries(ctx, 1, 1)
	if err != nil || total != 3 || len(page) != 1 || page[0].Action != "password.change" {
		t.Errorf("page: %+v %d %v", page, total, err)
	}
}
