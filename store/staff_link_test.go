package store

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

func linkedChat(t *testing.T, s *Store, accountID int64) int64 {
	t.Helper()
	p, err := s.StaffPublishingOf(context.Background(), accountID)
	if err != nil {
		t.Fatal(err)
	}
	return p.TelegramChatID
}

func TestStaffLinkCodeLinksOnceAndMovesTheChat(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	maria, _ := s.CreateStaffAccount(ctx, StaffAccount{Username: "maria", Role: RoleEditor, PasswordHash: "h"})
	luca, _ := s.CreateStaffAccount(ctx, StaffAccount{Username: "luca", Role: RoleEditor, PasswordHash: "h"})

	first, err := s.CreateStaffLinkCode(ctx, maria.ID)
	if err != nil {
		t.Fatal(err)
	}
	code, err := s.CreateStaffLinkCode(ctx, maria.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(code) != 8 || strings.Trim(code, staffLinkAlphabet) != "" || code == first {
		t.Fatalf("codes %q then %q: want two different 8-letter codes of the alphabet", first, code)
	}
	if _, err := s.RedeemStaffLinkCode(ctx, first, 500); !errors.Is(err, ErrStaffLinkInvalid) {
		t.Fatalf("a replaced code: %v, want ErrStaffLinkInvalid", err)
	}
	if got := linkedChat(t, s, maria.ID); got != 0 {
		t.Fatalf("a replaced code linked chat %d", got)
	}
	// Typed in lower case with a space, as on a phone.
	acct, err := s.RedeemStaffLinkCode(ctx, strings.ToLower(code[:4]+" "+code[4:]), 500)
	if err != nil || acct.ID != maria.ID {
		t.Fatalf("redeem: %+v, %v", acct, err)
	}
	if got := linkedChat(t, s, maria.ID); got != 500 {
		t.Fatalf("maria's chat = %d, want 500", got)
	}
	if _, err := s.RedeemStaffLinkCode(ctx, code, 600); !errors.Is(err, ErrStaffLinkInvalid) {
		t.Fatalf("a used code again: %v, want ErrStaffLinkInvalid", err)
	}
	if got := linkedChat(t, s, maria.ID); got != 500 {
		t.Fatalf("a used code moved maria's chat to %d", got)
	}

	// The same phone linked to another account leaves the first one.
	lucaCode, _ := s.CreateStaffLinkCode(ctx, luca.ID)
	if _, err := s.RedeemStaffLinkCode(ctx, lucaCode, 500); err != nil {
		t.Fatal(err)
	}
	if m, l := linkedChat(t, s, maria.ID), linkedChat(t, s, luca.ID); m != 0 || l != 500 {
		t.Fatalf("after luca linked chat 500: maria %d, luca %d", m, l)
	}
	if _, err := s.CreateStaffLinkCode(ctx, 9999); !errors.Is(err, ErrNotFound) {
		t.Fatalf("a code for no account: %v", err)
	}
}

func TestStaffLinkCodeExpiresAndSkipsDisabledAccounts(t *testing.T) {
	ctx := context.Background()
	s, clock := newTestStoreClock(t)
	maria, _ := s.CreateStaffAccount(ctx, StaffAccount{Username: "maria", Role: RoleEditor, PasswordHash: "h"})
	code, _ := s.CreateStaffLinkCode(ctx, maria.ID)
	clock.Advance(StaffLinkCodeTTL)
	if _, err := s.RedeemStaffLinkCode(ctx, code, 500); !errors.Is(err, ErrStaffLinkExpired) {
		t.Fatalf("after %s: %v, want ErrStaffLinkExpired", StaffLinkCodeTTL, err)
	}
	code, _ = s.CreateStaffLinkCode(ctx, maria.ID)
	clock.Advance(StaffLinkCodeTTL - time.Second)
	if err := s.DisableStaffAccount(ctx, maria.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.RedeemStaffLinkCode(ctx, code, 500); !errors.Is(err, ErrStaffLinkInvalid) {
		t.Fatalf("a disabled account's code: %v, want ErrStaffLinkInvalid", err)
	}
	if got := linkedChat(t, s, maria.ID); got != 0 {
		t.Fatalf("a disabled account got chat %d", got)
	}
}

func TestStaffLinkGuessesAreRateLimitedPerChat(t *testing.T) {
	ctx := context.Background()
	s, clock := newTestStoreClock(t)
	maria, _ := s.CreateStaffAccount(ctx, StaffAccount{Username: "maria", Role: RoleEditor, PasswordHash: "h"})
	code, _ := s.CreateStaffLinkCode(ctx, maria.ID)
	// Inside a transaction that is otherwise committed, as the bot does:
	// the failure must count even though an error comes back.
	for i := range StaffLinkMaxFailures {
		err := s.InTx(ctx, func(tx *Store) error {
			_, err := tx.RedeemStaffLinkCode(ctx, "WRONG000", 500)
			if !errors.Is(err, ErrStaffLinkInvalid) {
				t.Fatalf("guess %d: %v", i+1, err)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.RedeemStaffLinkCode(ctx, code, 500); !errors.Is(err, ErrStaffLinkRateLimited) {
		t.Fatalf("the right code after %d guesses: %v, want ErrStaffLinkRateLimited", StaffLinkMaxFailures, err)
	}
	if got := linkedChat(t, s, maria.ID); got != 0 {
		t.Fatalf("a rate-limited chat got linked: %d", got)
	}
	// Another chat is not held up by this one.
	if _, err := s.RedeemStaffLinkCode(ctx, "WRONG000", 600); !errors.Is(err, ErrStaffLinkInvalid) {
		t.Fatalf("another chat: %v", err)
	}
	clock.Advance(StaffLinkFailureWindow)
	code, _ = s.CreateStaffLinkCode(ctx, maria.ID)
	if _, err := s.RedeemStaffLinkCode(ctx, code, 500); err != nil {
		t.Fatalf("after the window: %v", err)
	}
}
