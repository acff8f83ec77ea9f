package store

import (
	"context"
	"fmt"
)

// AuditEntry is one staff action: who (AccountID, with Actor the username
// at the time, or "cli" for the command line), what, on what, when, and
// from which IP. Details never hold secrets.
type AuditEntry struct {
	ID        int64
	AccountID int64
	Actor     string
	Action    string
	Target    string
	Details   string
	IP        string
	At        int64
}

// AppendAudit writes an entry, timed now.
func (s *Store) AppendAudit(ctx context.Context, e AuditEntry) error {
	_, err := s.exec(ctx, `INSERT INTO staff_audit (account_id, actor, action, target, details, ip, at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		nullID(e.AccountID), e.Actor, e.Action, e.Target, e.Details, e.IP, s.now().Unix())
	if err != nil {
		return fmt.Errorf("store: unable to write audit entry %s: %w", e.Action, err)
	}
	return nil
}

// AuditEntries returns one page of the log, newest first, and the total
// number of entries.
func (s *Store) AuditEntries(ctx context.Context, offset, limit int) ([]AuditEntry, int, error) {
	var total int
	if err := s.q.QueryRowContext(ctx, `SELECT COUNT(*) FROM staff_audit`).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("store: unable to count audit entries: %w", err)
	}
	rows, err := s.q.QueryContext(ctx, `
		SELECT id, COALESCE(account_id, 0), actor, action, target, details, ip, at
		FROM staff_audit ORDER BY id DESC LIMIT ? OFFSET ?`, limit, offset)
	if err != nil {
		return nil, 0, fmt.Errorf("store: unable to list audit entries: %w", err)
	}
	defer rows.Close()
	var out []AuditEntry
	for rows.Next() {
		var e AuditEntry
		if err := rows.Scan(&e.ID, &e.AccountID, &e.Actor, &e.Action, &e.Target, &e.Details, &e.IP, &e.At); err != nil {
			return nil, 0, fmt.Errorf("store: unable to read audit entry: %w", err)
		}
		out = append(out, e)
	}
	return out, total, rows.Err()
}
