package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// StaffPublishing is what an account may do with posts beyond its role:
// alert everyone (the civil-protection capability, admins have it anyway)
// and receive a post's test copy in the chat it linked from Telegram.
type StaffPublishing struct {
	CivilProtection bool
	TelegramChatID  int64 // 0 when no chat is linked
}

// StaffPublishingOf reads an account's publishing capabilities.
func (s *Store) StaffPublishingOf(ctx context.Context, id int64) (StaffPublishing, error) {
	var sp StaffPublishing
	err := s.q.QueryRowContext(ctx, `SELECT civil_protection, COALESCE(telegram_chat_id, 0) FROM staff_accounts WHERE id = ?`, id).
		Scan(&sp.CivilProtection, &sp.TelegramChatID)
	if errors.Is(err, sql.ErrNoRows) {
		return sp, ErrNotFound
	}
	if err != nil {
		return sp, fmt.Errorf("store: unable to read publishing rights of staff account %d: %w", id, err)
	}
	return sp, nil
}

// SetStaffCivilProtection gives or takes the capability to alert everyone.
func (s *Store) SetStaffCivilProtection(ctx context.Context, id int64, on bool) error {
	return s.updateStaff(ctx, id, "set civil protection",
		`UPDATE staff_accounts SET civil_protection = ? WHERE id = ?`, on)
}
