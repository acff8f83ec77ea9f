package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// StaffRole says what a staff member may open in the web admin.
type StaffRole string

// The roles: admin does everything (staff accounts included), editor
// handles content and alerts, operator handles the reports of their
// offices.
const (
	RoleAdmin    StaffRole = "admin"
	RoleEditor   StaffRole = "editor"
	RoleOperator StaffRole = "operator"
)

// StaffRoles lists every role, most powerful first.
var StaffRoles = []StaffRole{RoleAdmin, RoleEditor, RoleOperator}

// ParseStaffRole accepts a role's name.
func ParseStaffRole(s string) (StaffRole, bool) {
	for _, r := range StaffRoles {
		if string(r) == s {
			return r, true
		}
	}
	return "", false
}

// ErrUsernameTaken is returned when an account with the same username
// (compared without case) exists.
var ErrUsernameTaken = errors.New("store: username already taken")

// StaffAccount is a clerk who signs in to the web admin.
type StaffAccount struct {
	ID                 int64
	Username           string
	DisplayName        string
	Role               StaffRole
	PasswordHash       string
	TOTPSecret         string // empty when two-factor is off
	Disabled           bool
	MustChangePassword bool
	CreatedAt          int64
}

const staffColumns = `id, username, display_name, role, password_hash, COALESCE(totp_secret, ''), disabled, must_change_password, created_at`

func scanStaff(row interface{ Scan(...any) error }) (StaffAccount, error) {
	var a StaffAccount
	err := row.Scan(&a.ID, &a.Username, &a.DisplayName, &a.Role, &a.PasswordHash, &a.TOTPSecret, &a.Disabled, &a.MustChangePassword, &a.CreatedAt)
	return a, err
}

// CreateStaffAccount stores a new account and returns it.
func (s *Store) CreateStaffAccount(ctx context.Context, a StaffAccount) (StaffAccount, error) {
	if _, ok := ParseStaffRole(string(a.Role)); !ok {
		return StaffAccount{}, fmt.Errorf("store: unknown staff role %q", a.Role)
	}
	a.CreatedAt = s.now().Unix()
	res, err := s.exec(ctx, `
		INSERT INTO staff_accounts (username, display_name, role, password_hash, totp_secret, disabled, must_change_password, created_at)
		VALUES (?, ?, ?, ?, NULLIF(?, ''), ?, ?, ?)`,
		a.Username, a.DisplayName, a.Role, a.PasswordHash, a.TOTPSecret, a.Disabled, a.MustChangePassword, a.CreatedAt)
	if err != nil {
		if strings.Contains(err.Error(), "UNIQUE constraint failed") {
			return StaffAccount{}, ErrUsernameTaken
		}
		return StaffAccount{}, fmt.Errorf("store: unable to create staff account %s: %w", a.Username, err)
	}
	a.ID, _ = res.LastInsertId()
	return a, nil
}

// StaffAccountByUsername finds an account, whatever the case of username.
func (s *Store) StaffAccountByUsername(ctx context.Context, username string) (StaffAccount, error) {
	a, err := scanStaff(s.q.QueryRowContext(ctx, `SELECT `+staffColumns+` FROM staff_accounts WHERE username = ?`, username))
	if errors.Is(err, sql.ErrNoRows) {
		return a, ErrNotFound
	}
	if err != nil {
		return a, fmt.Errorf("store: unable to fetch staff account %s: %w", username, err)
	}
	return a, nil
}

// StaffAccount finds an account by id.
func (s *Store) StaffAccount(ctx context.Context, id int64) (StaffAccount, error) {
	a, err := scanStaff(s.q.QueryRowContext(ctx, `SELECT `+staffColumns+` FROM staff_accounts WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return a, ErrNotFound
	}
	if err != nil {
		return a, fmt.Errorf("store: unable to fetch staff account %d: %w", id, err)
	}
	return a, nil
}

// StaffAccounts lists every account by username.
func (s *Store) StaffAccounts(ctx context.Context) ([]StaffAccount, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT `+staffColumns+` FROM staff_accounts ORDER BY username`)
	if err != nil {
		return nil, fmt.Errorf("store: unable to list staff accounts: %w", err)
	}
	defer rows.Close()
	var out []StaffAccount
	for rows.Next() {
		a, err := scanStaff(rows)
		if err != nil {
			return nil, fmt.Errorf("store: unable to read staff account: %w", err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// updateStaff runs one UPDATE on account id and reports ErrNotFound when
// there is no such account.
func (s *Store) updateStaff(ctx context.Context, id int64, what, query string, args ...any) error {
	res, err := s.exec(ctx, query, append(args, id)...)
	if err != nil {
		return fmt.Errorf("store: unable to %s of staff account %d: %w", what, id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return nil
}

// SetStaffPassword stores a new password hash; mustChange says whether
// the clerk has to choose another at the next sign-in (a one-time
// password set by an admin).
func (s *Store) SetStaffPassword(ctx context.Context, id int64, hash string, mustChange bool) error {
	return s.updateStaff(ctx, id, "set the password",
		`UPDATE staff_accounts SET password_hash = ?, must_change_password = ? WHERE id = ?`, hash, mustChange)
}

// SetStaffTOTP turns two-factor sign-in on (secret not empty) or off.
func (s *Store) SetStaffTOTP(ctx context.Context, id int64, secret string) error {
	return s.updateStaff(ctx, id, "set two-factor",
		`UPDATE staff_accounts SET totp_secret = NULLIF(?, '') WHERE id = ?`, secret)
}

// DisableStaffAccount stops an account from signing in and ends its
// sessions, in one transaction.
func (s *Store) DisableStaffAccount(ctx context.Context, id int64) error {
	return s.InTx(ctx, func(tx *Store) error {
		if err := tx.updateStaff(ctx, id, "disable", `UPDATE staff_accounts SET disabled = 1 WHERE id = ?`); err != nil {
			return err
		}
		_, err := tx.DeleteStaffSessions(ctx, id, "")
		return err
	})
}
