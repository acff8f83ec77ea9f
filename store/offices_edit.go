package store

import (
	"context"
	"errors"
	"fmt"
)

// ErrOfficeNameTaken refuses a second office of the same name (letters'
// case aside): clerks pick offices by name.
var ErrOfficeNameTaken = errors.New("store: another office has this name")

// OfficeUsage is what keeps an office from being deleted.
type OfficeUsage struct {
	Categories int // categories whose reports go to it
	Reports    int // reports handed to it by a clerk
	Staff      int // operators who serve it
}

// InUse tells whether anything still points at the office.
func (u OfficeUsage) InUse() bool { return u.Categories > 0 || u.Reports > 0 || u.Staff > 0 }

// OfficeInUseError refuses to delete an office something points at: the
// schema would quietly drop it from categories, reports and operators,
// and reports would stop reaching anyone.
type OfficeInUseError struct{ OfficeUsage }

func (e *OfficeInUseError) Error() string {
	return fmt.Sprintf("store: office in use by %d categories, %d reports and %d staff", e.Categories, e.Reports, e.Staff)
}

// CreateOffice adds an office; its name must be new.
func (s *Store) CreateOffice(ctx context.Context, o Office) (Office, error) {
	var id int64
	err := s.InTx(ctx, func(tx *Store) error {
		if err := tx.checkOfficeName(ctx, o); err != nil {
			return err
		}
		res, err := tx.q.ExecContext(ctx, `INSERT INTO offices (name, email) VALUES (?, ?)`, o.Name, o.Email)
		if err != nil {
			return fmt.Errorf("store: unable to create office %q: %w", o.Name, err)
		}
		if id, err = res.LastInsertId(); err != nil {
			return fmt.Errorf("store: unable to create office %q: %w", o.Name, err)
		}
		return nil
	})
	if err != nil {
		return Office{}, err
	}
	return s.OfficeByID(ctx, id)
}

// UpdateOffice renames an office or changes its address; the next new
// report is mailed to the new one.
func (s *Store) UpdateOffice(ctx context.Context, o Office) (Office, error) {
	err := s.InTx(ctx, func(tx *Store) error {
		if _, err := tx.OfficeByID(ctx, o.ID); err != nil {
			return err
		}
		if err := tx.checkOfficeName(ctx, o); err != nil {
			return err
		}
		if _, err := tx.q.ExecContext(ctx, `UPDATE offices SET name = ?, email = ? WHERE id = ?`, o.Name, o.Email, o.ID); err != nil {
			return fmt.Errorf("store: unable to update office %d: %w", o.ID, err)
		}
		return nil
	})
	if err != nil {
		return Office{}, err
	}
	return s.OfficeByID(ctx, o.ID)
}

func (s *Store) checkOfficeName(ctx context.Context, o Office) error {
	var taken bool
	err := s.q.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM offices WHERE name = ? COLLATE NOCASE AND id <> ?)`, o.Name, o.ID).Scan(&taken)
	if err != nil {
		return fmt.Errorf("store: unable to check office name %q: %w", o.Name, err)
	}
	if taken {
		return ErrOfficeNameTaken
	}
	return nil
}

// OfficeUsageOf counts what points at an office.
func (s *Store) OfficeUsageOf(ctx context.Context, id int64) (OfficeUsage, error) {
	var u OfficeUsage
	err := s.q.QueryRowContext(ctx, `SELECT
		(SELECT COUNT(*) FROM categories WHERE office_id = ?),
		(SELECT COUNT(*) FROM reports WHERE assigned_office_id = ?),
		(SELECT COUNT(*) FROM staff_offices WHERE office_id = ?)`, id, id, id).Scan(&u.Categories, &u.Reports, &u.Staff)
	if err != nil {
		return OfficeUsage{}, fmt.Errorf("store: unable to count the uses of office %d: %w", id, err)
	}
	return u, nil
}

// DeleteOffice removes an office nothing points at; otherwise it returns
// an *OfficeInUseError and changes nothing.
func (s *Store) DeleteOffice(ctx context.Context, id int64) error {
	return s.InTx(ctx, func(tx *Store) error {
		if _, err := tx.OfficeByID(ctx, id); err != nil {
			return err
		}
		u, err := tx.OfficeUsageOf(ctx, id)
		if err != nil {
			return err
		}
		if u.InUse() {
			return &OfficeInUseError{u}
		}
		if _, err := tx.q.ExecContext(ctx, `DELETE FROM offices WHERE id = ?`, id); err != nil {
			return fmt.Errorf("store: unable to delete office %d: %w", id, err)
		}
		return nil
	})
}
