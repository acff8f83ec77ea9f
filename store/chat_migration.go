package store

import (
	"context"
	"errors"
	"fmt"
	"strconv"
)

// chatMigrationKey records that a group became a supergroup with a new id.
func chatMigrationKey(oldID int64) string { return "chat_migration:" + strconv.FormatInt(oldID, 10) }

// MigrateChat follows a group that Telegram upgraded to a supergroup: the
// messages waiting for it, the reports whose thread lives there and the
// configured id all move to the new id, and the move is remembered so the
// old id in the configuration keeps working.
func (s *Store) MigrateChat(ctx context.Context, oldID, newID int64) error {
	return s.InTx(ctx, func(tx *Store) error {
		stmts := []string{
			`UPDATE outbox SET chat_id = ? WHERE chat_id = ? AND status = 'pending'`,
			`UPDATE reports SET staff_chat_id = ? WHERE staff_chat_id = ?`,
			`UPDATE OR IGNORE report_staff_messages SET chat_id = ? WHERE chat_id = ?`,
		}
		for _, q := range stmts {
			if _, err := tx.q.ExecContext(ctx, q, newID, oldID); err != nil {
				return fmt.Errorf("store: unable to move chat %d to %d: %w", oldID, newID, err)
			}
		}
		return tx.SetSetting(ctx, chatMigrationKey(oldID), strconv.FormatInt(newID, 10))
	})
}

// CurrentChatID follows recorded migrations from id to the chat's id now.
func (s *Store) CurrentChatID(ctx context.Context, id int64) (int64, error) {
	for range 8 { // a chat migrates once; the bound only guards a loop
		v, err := s.Setting(ctx, chatMigrationKey(id))
		if errors.Is(err, ErrNotFound) {
			return id, nil
		}
		if err != nil {
			return id, err
		}
		next, err := strconv.ParseInt(v, 10, 64)
		if err != nil || next == id {
			return id, nil
		}
		id = next
	}
	return id, nil
}
