package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// StaffSession is a signed-in browser. IDHash is the SHA-256 (hex) of the
// cookie's value; the value itself is never stored.
type StaffSession struct {
	IDHash     string
	AccountID  int64
	CSRFToken  string
	CreatedAt  int64
	LastSeenAt int64
	ExpiresAt  int64
	IP         string
	UserAgent  string
}

const staffSessionColumns = `id_hash, account_id, csrf_token, created_at, last_seen_at, expires_at, ip, user_agent`

// CreateStaffSession stores a new session; CreatedAt and LastSeenAt are
// set to now.
func (s *Store) CreateStaffSession(ctx context.Context, ss StaffSession) (StaffSession, error) {
	now := s.now().Unix()
	ss.CreatedAt, ss.LastSeenAt = now, now
	_, err := s.exec(ctx, `INSERT INTO staff_sessions (`+staffSessionColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		ss.IDHash, ss.AccountID, ss.CSRFToken, ss.CreatedAt, ss.LastSeenAt, ss.ExpiresAt, ss.IP, ss.UserAgent)
	if err != nil {
		return ss, fmt.Errorf("store: unable to create session for staff account %d: %w", ss.AccountID, err)
	}
	return ss, nil
}

// StaffSession finds a session by the hash of its id. It does not judge
// expiry: the caller knows the idle and absolute limits.
func (s *Store) StaffSession(ctx context.Context, idHash string) (StaffSession, error) {
	var ss StaffSession
	err := s.q.QueryRowContext(ctx, `SELECT `+staffSessionColumns+` FROM staff_sessions WHERE id_hash = ?`, idHash).
		Scan(&ss.IDHash, &ss.AccountID, &ss.CSRFToken, &ss.CreatedAt, &ss.LastSeenAt, &ss.ExpiresAt, &ss.IP, &ss.UserAgent)
	if errors.Is(err, sql.ErrNoRows) {
		return ss, ErrNotFound
	}
	if err != nil {
		return ss, fmt.Errorf("store: unable to fetch staff session: %w", err)
	}
	return ss, nil
}

// TouchStaffSession records activity on a session now.
func (s *Store) TouchStaffSession(ctx context.Context, idHash string) error {
	if _, err := s.exec(ctx, `UPDATE staff_sessions SET last_seen_at = ? WHERE id_hash = ?`, s.now().Unix(), idHash); err != nil {
		return fmt.Errorf("store: unable to touch staff session: %w", err)
	}
	return nil
}

// DeleteStaffSession ends one session.
func (s *Store) DeleteStaffSession(ctx context.Context, idHash string) error {
	if _, err := s.exec(ctx, `DELETE FROM staff_sessions WHERE id_hash = ?`, idHash); err != nil {
		return fmt.Errorf("store: unable to delete staff session: %w", err)
	}
	return nil
}

// DeleteStaffSessions ends every session of an account but the one whose
// hash is keep (none when keep is empty) and returns how many it ended.
func (s *Store) DeleteStaffSessions(ctx context.Context, accountID int64, keep string) (int, error) {
	res, err := s.exec(ctx, `DELETE FROM staff_sessions WHERE account_id = ? AND id_hash <> ?`, accountID, keep)
	if err != nil {
		return 0, fmt.Errorf("store: unable to delete sessions of staff account %d: %w", accountID, err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}

// DeleteExpiredStaffSessions removes sessions past their absolute expiry
// or idle for longer than idle.
func (s *Store) DeleteExpiredStaffSessions(ctx context.Context, idle time.Duration) (int, error) {
	now := s.now()
	res, err := s.exec(ctx, `DELETE FROM staff_sessions WHERE expires_at <= ? OR last_seen_at <= ?`, now.Unix(), now.Add(-idle).Unix())
	if err != nil {
		return 0, fmt.Errorf("store: unable to delete expired staff sessions: %w", err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}
