package store

import (
	"context"
	"fmt"
	"time"
)

// SignInAttempt is one try at signing in to the web admin.
type SignInAttempt struct {
	ID        int64
	Username  string
	AccountID int64 // 0 when the username matches no account
	IP        string
	Success   bool
	At        int64
}

// RecordSignIn remembers a sign-in attempt, for throttling and for the
// clerk's list of recent sign-ins.
func (s *Store) RecordSignIn(ctx context.Context, a SignInAttempt) error {
	_, err := s.exec(ctx, `INSERT INTO staff_signins (username, account_id, ip, success, at) VALUES (?, ?, ?, ?, ?)`,
		a.Username, nullID(a.AccountID), a.IP, a.Success, s.now().Unix())
	if err != nil {
		return fmt.Errorf("store: unable to record sign-in of %s: %w", a.Username, err)
	}
	return nil
}

// FailedSignIns counts failed attempts within the last window: for the
// username (since its last success, so that signing in clears the count)
// and for the ip (every username, which is what a password sprayer
// hits).
func (s *Store) FailedSignIns(ctx context.Context, username, ip string, window time.Duration) (byUser, byIP int, err error) {
	since := s.now().Add(-window).Unix()
	err = s.q.QueryRowContext(ctx, `
		SELECT COUNT(*) FROM staff_signins
		WHERE username = ? AND success = 0 AND at > ?
		  AND id > COALESCE((SELECT MAX(id) FROM staff_signins WHERE username = ? AND success = 1), 0)`,
		username, since, username).Scan(&byUser)
	if err != nil {
		return 0, 0, fmt.Errorf("store: unable to count failed sign-ins of %s: %w", username, err)
	}
	err = s.q.QueryRowContext(ctx, `SELECT COUNT(*) FROM staff_signins WHERE ip = ? AND success = 0 AND at > ?`, ip, since).Scan(&byIP)
	if err != nil {
		return 0, 0, fmt.Errorf("store: unable to count failed sign-ins from %s: %w", ip, err)
	}
	return byUser, byIP, nil
}

// RecentSignIns returns an account's last attempts, newest first.
func (s *Store) RecentSignIns(ctx context.Context, accountID int64, limit int) ([]SignInAttempt, error) {
	rows, err := s.q.QueryContext(ctx, `
		SELECT id, username, COALESCE(account_id, 0), ip, success, at FROM staff_signins
		WHERE account_id = ? ORDER BY id DESC LIMIT ?`, accountID, limit)
	if err != nil {
		return nil, fmt.Errorf("store: unable to list sign-ins of staff account %d: %w", accountID, err)
	}
	defer rows.Close()
	var out []SignInAttempt
	for rows.Next() {
		var a SignInAttempt
		if err := rows.Scan(&a.ID, &a.Username, &a.AccountID, &a.IP, &a.Success, &a.At); err != nil {
			return nil, fmt.Errorf("store: unable to read sign-in: %w", err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}
