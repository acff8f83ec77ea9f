package store

import (
	"context"
	"fmt"
)

// AssignableStaff lists the clerks a report can be handed to by name: the
// enabled operators and admins (editors do not handle reports), by the
// name the admin shows, then username.
func (s *Store) AssignableStaff(ctx context.Context) ([]StaffAccount, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT `+staffColumns+` FROM staff_accounts
		WHERE disabled = 0 AND role IN (?, ?)
		ORDER BY COALESCE(NULLIF(display_name, ''), username) COLLATE NOCASE, id`, RoleOperator, RoleAdmin)
	if err != nil {
		return nil, fmt.Errorf("store: unable to list assignable staff: %w", err)
	}
	defer rows.Close()
	var out []StaffAccount
	for rows.Next() {
		a, err := scanStaff(rows)
		if err != nil {
			return nil, fmt.Errorf("store: unable to read assignable staff: %w", err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}
