package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// ErrLastAdmin is returned when a change would leave no enabled admin:
// nobody could then manage accounts from the web admin.
var ErrLastAdmin = errors.New("store: the last enabled admin cannot be disabled or demoted")

// StaffOverview is an account as the staff list shows it, with its last
// successful sign-in (LastSignInAt 0 when it never signed in).
type StaffOverview struct {
	StaffAccount
	LastSignInAt int64
	LastSignInIP string
}

// StaffOverviews lists every account by username with its last successful
// sign-in, in one query however many clerks there are.
func (s *Store) StaffOverviews(ctx context.Context) ([]StaffOverview, error) {
	rows, err := s.q.QueryContext(ctx, `
		SELECT a.*, COALESCE(l.at, 0), COALESCE(l.ip, '')
		FROM (SELECT `+staffColumns+` FROM staff_accounts) a
		LEFT JOIN staff_signins l ON l.id = (
			SELECT MAX(id) FROM staff_signins WHERE account_id = a.id AND success = 1)
		ORDER BY a.username COLLATE NOCASE, a.id`)
	if err != nil {
		return nil, fmt.Errorf("store: unable to list staff accounts with their sign-ins: %w", err)
	}
	defer rows.Close()
	var out []StaffOverview
	for rows.Next() {
		var o StaffOverview
		a := &o.StaffAccount
		if err := rows.Scan(&a.ID, &a.Username, &a.DisplayName, &a.Role, &a.PasswordHash, &a.TOTPSecret, &a.Disabled, &a.MustChangePassword, &a.CreatedAt,
			&o.LastSignInAt, &o.LastSignInIP); err != nil {
			return nil, fmt.Errorf("store: unable to read staff account: %w", err)
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

// LastStaffSignIn is the account's last successful sign-in, ErrNotFound
// when it never signed in.
func (s *Store) LastStaffSignIn(ctx context.Context, accountID int64) (SignInAttempt, error) {
	var a SignInAttempt
	err := s.q.QueryRowContext(ctx, `
		SELECT id, username, COALESCE(account_id, 0), ip, success, at FROM staff_signins
		WHERE account_id = ? AND success = 1 ORDER BY id DESC LIMIT 1`, accountID).
		Scan(&a.ID, &a.Username, &a.AccountID, &a.IP, &a.Success, &a.At)
	if err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return a, ErrNotFound
		}
		return a, fmt.Errorf("store: unable to fetch last sign-in of staff account %d: %w", accountID, err)
	}
	return a, nil
}

// UpdateStaffProfile changes an account's display name and role. Taking
// the admin role from the last enabled admin is refused with ErrLastAdmin.
// The role counts from the account's next request: every request reads
// the account afresh.
func (s *Store) UpdateStaffProfile(ctx context.Context, id int64, displayName string, role StaffRole) error {
	if _, ok := ParseStaffRole(string(role)); !ok {
		return fmt.Errorf("store: unknown staff role %q", role)
	}
	return s.InTx(ctx, func(tx *Store) error {
		if role != RoleAdmin {
			if err := tx.keepAnAdmin(ctx, id); err != nil {
				return err
			}
		}
		return tx.updateStaff(ctx, id, "update the profile",
			`UPDATE staff_accounts SET display_name = ?, role = ? WHERE id = ?`, displayName, role)
	})
}

// SetStaffDisabled disables an account, ending its sessions in the same
// transaction, or enables it again. Disabling the last enabled admin is
// refused with ErrLastAdmin.
func (s *Store) SetStaffDisabled(ctx context.Context, id int64, disabled bool) error {
	if !disabled {
		return s.updateStaff(ctx, id, "enable", `UPDATE staff_accounts SET disabled = 0 WHERE id = ?`)
	}
	return s.InTx(ctx, func(tx *Store) error {
		if err := tx.keepAnAdmin(ctx, id); err != nil {
			return err
		}
		return tx.DisableStaffAccount(ctx, id)
	})
}

// ResetStaffPassword replaces the password with a one-time one (hash) the
// clerk must change at the next sign-in, and ends the account's sessions:
// whoever was signed in with the old password is out.
func (s *Store) ResetStaffPassword(ctx context.Context, id int64, hash string) error {
	return s.InTx(ctx, func(tx *Store) error {
		if err := tx.SetStaffPassword(ctx, id, hash, true); err != nil {
			return err
		}
		_, err := tx.DeleteStaffSessions(ctx, id, "")
		return err
	})
}

// ClearStaffTOTP turns two-factor sign-in off for a clerk who lost their
// phone, and ends the account's sessions: a session opened with the lost
// device must not outlive it.
func (s *Store) ClearStaffTOTP(ctx context.Context, id int64) error {
	return s.InTx(ctx, func(tx *Store) error {
		if err := tx.SetStaffTOTP(ctx, id, ""); err != nil {
			return err
		}
		_, err := tx.DeleteStaffSessions(ctx, id, "")
		return err
	})
}

// EnabledAdminCount counts the admins who can sign in.
func (s *Store) EnabledAdminCount(ctx context.Context) (int, error) {
	var n int
	if err := s.q.QueryRowContext(ctx, `SELECT COUNT(*) FROM staff_accounts WHERE role = ? AND disabled = 0`, RoleAdmin).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: unable to count the enabled admins: %w", err)
	}
	return n, nil
}

// keepAnAdmin returns ErrLastAdmin when account id is an enabled admin and
// no other enabled admin exists, ErrNotFound when there is no such
// account. It runs inside the caller's transaction, which SQLite takes
// for writing at once (_txlock=immediate): two admins demoting each other
// at the same moment cannot both pass.
func (s *Store) keepAnAdmin(ctx context.Context, id int64) error {
	a, err := s.StaffAccount(ctx, id)
	if err != nil {
		return err
	}
	if a.Role != RoleAdmin || a.Disabled {
		return nil
	}
	var others int
	if err := s.q.QueryRowContext(ctx, `SELECT COUNT(*) FROM staff_accounts WHERE role = ? AND disabled = 0 AND id <> ?`, RoleAdmin, id).Scan(&others); err != nil {
		return fmt.Errorf("store: unable to count the admins besides staff account %d: %w", id, err)
	}
	if others == 0 {
		return ErrLastAdmin
	}
	return nil
}
