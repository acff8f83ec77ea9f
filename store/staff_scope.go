package store

import (
	"context"
	"fmt"
	"strings"
)

// StaffScope is what an operator may see and act on: the reports of the
// offices and categories they serve (a top-level category brings its
// subcategories) and the reports assigned to them by name.
type StaffScope struct {
	AccountID   int64
	OfficeIDs   []int64
	CategoryIDs []int64
}

// StaffScopeOf reads the offices and categories an account serves.
func (s *Store) StaffScopeOf(ctx context.Context, accountID int64) (StaffScope, error) {
	sc := StaffScope{AccountID: accountID}
	var err error
	if sc.OfficeIDs, err = s.ids(ctx, `SELECT office_id FROM staff_offices WHERE account_id = ? ORDER BY office_id`, accountID); err != nil {
		return StaffScope{}, fmt.Errorf("store: unable to read offices of staff %d: %w", accountID, err)
	}
	if sc.CategoryIDs, err = s.ids(ctx, `SELECT category_id FROM staff_categories WHERE account_id = ? ORDER BY category_id`, accountID); err != nil {
		return StaffScope{}, fmt.Errorf("store: unable to read categories of staff %d: %w", accountID, err)
	}
	return sc, nil
}

// SetStaffScope replaces the offices and categories an account serves.
func (s *Store) SetStaffScope(ctx context.Context, accountID int64, officeIDs, categoryIDs []int64) error {
	return s.InTx(ctx, func(tx *Store) error {
		for _, stmt := range []string{`DELETE FROM staff_offices WHERE account_id = ?`, `DELETE FROM staff_categories WHERE account_id = ?`} {
			if _, err := tx.q.ExecContext(ctx, stmt, accountID); err != nil {
				return fmt.Errorf("store: unable to clear scope of staff %d: %w", accountID, err)
			}
		}
		for _, id := range officeIDs {
			if _, err := tx.q.ExecContext(ctx, `INSERT OR IGNORE INTO staff_offices (account_id, office_id) VALUES (?, ?)`, accountID, id); err != nil {
				return fmt.Errorf("store: unable to give office %d to staff %d: %w", id, accountID, err)
			}
		}
		for _, id := range categoryIDs {
			if _, err := tx.q.ExecContext(ctx, `INSERT OR IGNORE INTO staff_categories (account_id, category_id) VALUES (?, ?)`, accountID, id); err != nil {
				return fmt.Errorf("store: unable to give category %d to staff %d: %w", id, accountID, err)
			}
		}
		return nil
	})
}

func (s *Store) ids(ctx context.Context, query string, args ...any) ([]int64, error) {
	rows, err := s.q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// effectiveOfficeIn is the condition "the report's office is one of
// (placeholders)": the office it was assigned to, else its category's,
// else its parent category's. It takes the id list three times.
func effectiveOfficeIn(placeholders string) string {
	return `(r.assigned_office_id IN (` + placeholders + `) OR (r.assigned_office_id IS NULL AND r.category_id IN (
		SELECT c.id FROM categories c LEFT JOIN categories p ON p.id = c.parent_id
		WHERE c.office_id IN (` + placeholders + `) OR (c.office_id IS NULL AND p.office_id IN (` + placeholders + `)))))`
}

// scopeCondition is the WHERE condition and arguments of sc.
func scopeCondition(sc StaffScope) (string, []any) {
	conds := []string{`r.assigned_staff_id = ?`}
	args := []any{sc.AccountID}
	if len(sc.OfficeIDs) > 0 {
		ph := `?` + strings.Repeat(`, ?`, len(sc.OfficeIDs)-1)
		conds = append(conds, effectiveOfficeIn(ph))
		for range 3 {
			for _, id := range sc.OfficeIDs {
				args = append(args, id)
			}
		}
	}
	if len(sc.CategoryIDs) > 0 {
		ph := `?` + strings.Repeat(`, ?`, len(sc.CategoryIDs)-1)
		conds = append(conds, `r.category_id IN (SELECT id FROM categories WHERE id IN (`+ph+`) OR parent_id IN (`+ph+`))`)
		for range 2 {
			for _, id := range sc.CategoryIDs {
				args = append(args, id)
			}
		}
	}
	return `(` + strings.Join(conds, ` OR `) + `)`, args
}

// ReportInScope tells whether sc may see report id.
func (s *Store) ReportInScope(ctx context.Context, id int64, sc StaffScope) (bool, error) {
	cond, args := scopeCondition(sc)
	var n int
	if err := s.uncached().QueryRowContext(ctx, `SELECT COUNT(*) FROM reports r WHERE r.id = ? AND `+cond, append([]any{id}, args...)...).Scan(&n); err != nil {
		return false, fmt.Errorf("store: unable to check scope of report %d: %w", id, err)
	}
	return n > 0, nil
}
