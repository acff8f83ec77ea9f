package store

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// InboundUpdate is a Telegram update as received, waiting to be handled.
type InboundUpdate struct {
	UpdateID int64
	ChatID   int64
	Payload  []byte
}

// SaveUpdates durably records received updates. Updates already known (a
// redelivery) are ignored. Only after this returns may Telegram be told the
// updates were received.
func (s *Store) SaveUpdates(ctx context.Context, updates []InboundUpdate) error {
	if len(updates) == 0 {
		return nil
	}
	now := s.now().Unix()
	return s.InTx(ctx, func(tx *Store) error {
		var last int64
		for _, u := range updates {
			last = max(last, u.UpdateID)
			if _, err := tx.q.ExecContext(ctx,
				`INSERT OR IGNORE INTO updates (update_id, chat_id, payload, received_at) VALUES (?, ?, ?, ?)`,
				u.UpdateID, u.ChatID, u.Payload, now); err != nil {
				return fmt.Errorf("store: unable to save update %d: %w", u.UpdateID, err)
			}
		}
		// The high-water mark survives pruning, so polling resumes after
		// the last update ever received.
		if _, err := tx.q.ExecContext(ctx, `
			INSERT INTO settings (key, value) VALUES ('last_update_id', ?)
			ON CONFLICT (key) DO UPDATE SET value = MAX(CAST(settings.value AS INTEGER), CAST(excluded.value AS INTEGER))`,
			last); err != nil {
			return fmt.Errorf("store: unable to record last update id: %w", err)
		}
		return nil
	})
}

// LastUpdateID returns the highest update id ever saved, 0 if none.
func (s *Store) LastUpdateID(ctx context.Context) (int64, error) {
	var id int64
	err := s.q.QueryRowContext(ctx, `SELECT COALESCE(MAX(CAST(value AS INTEGER)), 0) FROM settings WHERE key = 'last_update_id'`).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("store: unable to read last update id: %w", err)
	}
	return id, nil
}

// PendingUpdates returns up to limit unhandled updates in arrival order.
func (s *Store) PendingUpdates(ctx context.Context, limit int) ([]InboundUpdate, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT update_id, chat_id, payload FROM updates WHERE handled_at IS NULL ORDER BY update_id LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("store: unable to list pending updates: %w", err)
	}
	defer rows.Close()
	var out []InboundUpdate
	for rows.Next() {
		var u InboundUpdate
		if err := rows.Scan(&u.UpdateID, &u.ChatID, &u.Payload); err != nil {
			return nil, fmt.Errorf("store: unable to list pending updates: %w", err)
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// ErrAlreadyHandled is returned by MarkUpdateHandled when another worker
// handled the update first.
var ErrAlreadyHandled = errors.New("store: update already handled")

// MarkUpdateHandled records that an update's effects are committed. Called
// inside the transaction that holds those effects, it is also the claim:
// if the update was handled meanwhile (a stale read of the inbox queued it
// twice) it returns ErrAlreadyHandled, and the caller rolls its effects
// back. It drops the payload, which may contain a citizen's words, as soon
// as it is no longer needed.
func (s *Store) MarkUpdateHandled(ctx context.Context, updateID int64) error {
	res, err := s.exec(ctx, `UPDATE updates SET handled_at = ?, payload = NULL WHERE update_id = ? AND handled_at IS NULL`, s.now().Unix(), updateID)
	if err != nil {
		return fmt.Errorf("store: unable to mark update %d handled: %w", updateID, err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("store: unable to mark update %d handled: %w", updateID, err)
	} else if n == 0 {
		return fmt.Errorf("update %d: %w", updateID, ErrAlreadyHandled)
	}
	return nil
}

// PruneUpdates deletes handled updates older than keep.
func (s *Store) PruneUpdates(ctx context.Context, keep time.Duration) (int, error) {
	res, err := s.exec(ctx, `DELETE FROM updates WHERE handled_at IS NOT NULL AND handled_at < ?`, s.now().Add(-keep).Unix())
	if err != nil {
		return 0, fmt.Errorf("store: unable to prune updates: %w", err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}

// CountPendingUpdates says how many received updates wait to be handled.
func (s *Store) CountPendingUpdates(ctx context.Context) (int, error) {
	var n int
	if err := s.q.QueryRowContext(ctx, `SELECT COUNT(*) FROM updates WHERE handled_at IS NULL`).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: unable to count pending updates: %w", err)
	}
	return n, nil
}
