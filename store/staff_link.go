package store

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"
)

// A clerk links their Telegram chat (for "send to me") with a one-time
// code: the admin creates it, the clerk sends /collega CODE to the bot.
const (
	// StaffLinkCodeTTL is how long a code may be redeemed.
	StaffLinkCodeTTL = 15 * time.Minute
	// StaffLinkMaxFailures failed attempts per chat within
	// StaffLinkFailureWindow stop further attempts from that chat: with 32^8
	// codes, guessing one live code is then out of reach.
	StaffLinkMaxFailures   = 5
	StaffLinkFailureWindow = time.Hour
	staffLinkAlphabet      = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789" // no 0/O, 1/I: read aloud, typed on a phone
	staffLinkCodeLength    = 8
)

// Why a code did not link a chat.
var (
	ErrStaffLinkInvalid     = errors.New("store: unknown or already used link code")
	ErrStaffLinkExpired     = errors.New("store: link code expired")
	ErrStaffLinkRateLimited = errors.New("store: too many wrong link codes from this chat")
)

// CreateStaffLinkCode makes a new code for the account, replacing any
// earlier one of the same account, and returns it in clear: only its hash
// is kept.
func (s *Store) CreateStaffLinkCode(ctx context.Context, accountID int64) (string, error) {
	code, err := newStaffLinkCode()
	if err != nil {
		return "", err
	}
	now := s.now()
	err = s.InTx(ctx, func(tx *Store) error {
		if _, err := tx.StaffAccount(ctx, accountID); err != nil {
			return err
		}
		if _, err := tx.q.ExecContext(ctx, `DELETE FROM staff_link_codes WHERE account_id = ? OR expires_at <= ?`, accountID, now.Unix()); err != nil {
			return fmt.Errorf("store: unable to drop old link codes of staff account %d: %w", accountID, err)
		}
		if _, err := tx.q.ExecContext(ctx, `INSERT INTO staff_link_codes (code_hash, account_id, expires_at, created_at) VALUES (?, ?, ?, ?)`,
			hashStaffLinkCode(code), accountID, now.Add(StaffLinkCodeTTL).Unix(), now.Unix()); err != nil {
			return fmt.Errorf("store: unable to create a link code for staff account %d: %w", accountID, err)
		}
		return nil
	})
	if err != nil {
		return "", err
	}
	return code, nil
}

// RedeemStaffLinkCode links chatID to the account whose live code this is,
// consuming the code; the chat is unlinked from any other account. A wrong
// or expired code is counted against the chat (the count is written even
// though an error is returned), and past StaffLinkMaxFailures the chat is
// refused without looking at the code.
func (s *Store) RedeemStaffLinkCode(ctx context.Context, code string, chatID int64) (StaffAccount, error) {
	var (
		acct    StaffAccount
		outcome error
	)
	now := s.now().Unix()
	err := s.InTx(ctx, func(tx *Store) error {
		since := now - int64(StaffLinkFailureWindow/time.Second)
		if _, err := tx.q.ExecContext(ctx, `DELETE FROM staff_link_attempts WHERE at <= ?`, since); err != nil {
			return fmt.Errorf("store: unable to prune link attempts: %w", err)
		}
		var failures int
		if err := tx.q.QueryRowContext(ctx, `SELECT COUNT(*) FROM staff_link_attempts WHERE chat_id = ? AND at > ?`, chatID, since).Scan(&failures); err != nil {
			return fmt.Errorf("store: unable to count link attempts of chat %d: %w", chatID, err)
		}
		if failures >= StaffLinkMaxFailures {
			outcome = ErrStaffLinkRateLimited
			return nil
		}
		var accountID, expiresAt int64
		err := tx.q.QueryRowContext(ctx, `SELECT account_id, expires_at FROM staff_link_codes WHERE code_hash = ?`,
			hashStaffLinkCode(NormalizeStaffLinkCode(code))).Scan(&accountID, &expiresAt)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			outcome = ErrStaffLinkInvalid
		case err != nil:
			return fmt.Errorf("store: unable to look up a link code: %w", err)
		case expiresAt <= now:
			outcome = ErrStaffLinkExpired
		}
		if outcome == nil {
			acct, err = tx.StaffAccount(ctx, accountID)
			if err != nil {
				return err
			}
			if acct.Disabled {
				outcome = ErrStaffLinkInvalid
			}
		}
		if outcome != nil {
			if _, err := tx.q.ExecContext(ctx, `INSERT INTO staff_link_attempts (chat_id, at) VALUES (?, ?)`, chatID, now); err != nil {
				return fmt.Errorf("store: unable to record a link attempt of chat %d: %w", chatID, err)
			}
			return nil
		}
		return tx.linkStaffChat(ctx, accountID, chatID)
	})
	if err != nil {
		return StaffAccount{}, err
	}
	if outcome != nil {
		return StaffAccount{}, outcome
	}
	return acct, nil
}

// linkStaffChat consumes the account's codes and moves the chat to it.
func (s *Store) linkStaffChat(ctx context.Context, accountID, chatID int64) error {
	for _, stmt := range []struct {
		query string
		args  []any
	}{
		{`DELETE FROM staff_link_codes WHERE account_id = ?`, []any{accountID}},
		{`UPDATE staff_accounts SET telegram_chat_id = NULL WHERE telegram_chat_id = ? AND id <> ?`, []any{chatID, accountID}},
		{`UPDATE staff_accounts SET telegram_chat_id = ? WHERE id = ?`, []any{chatID, accountID}},
		{`DELETE FROM staff_link_attempts WHERE chat_id = ?`, []any{chatID}},
	} {
		if _, err := s.q.ExecContext(ctx, stmt.query, stmt.args...); err != nil {
			return fmt.Errorf("store: unable to link chat %d to staff account %d: %w", chatID, accountID, err)
		}
	}
	return nil
}

// NormalizeStaffLinkCode reads a code as a person may type it: lower
// case, with spaces or dashes.
func NormalizeStaffLinkCode(code string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == ' ' || r == '-' || r == '\t':
			return -1
		case r >= 'a' && r <= 'z':
			return r - 'a' + 'A'
		}
		return r
	}, code)
}

func newStaffLinkCode() (string, error) {
	buf := make([]byte, staffLinkCodeLength)
	if _, err := rand.Read(buf); err != nil {
		return "", fmt.Errorf("store: unable to draw a link code: %w", err)
	}
	for i, b := range buf {
		// 256 is a multiple of the alphabet's 32 letters: no bias.
		buf[i] = staffLinkAlphabet[int(b)%len(staffLinkAlphabet)]
	}
	return string(buf), nil
}

func hashStaffLinkCode(code string) string {
	sum := sha256.Sum256([]byte(code))
	return hex.EncodeToString(sum[:])
}
