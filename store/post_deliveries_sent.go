package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// MarkPostCopySent records the message id of a recipient's copy of a post,
// found by the outbox row that carried it. The sender calls it (through
// RecordOutboxResults) in the transaction that marks the row sent, so a
// copy is either sent and findable for later edits, or still pending.
// Rows that are not a delivery's copy (a post's second piece, a notice)
// match nothing, which is not an error.
func (s *Store) MarkPostCopySent(ctx context.Context, outboxID, messageID int64) error {
	if _, err := s.q.ExecContext(ctx,
		`UPDATE post_deliveries SET message_id = ? WHERE outbox_id = ?`, messageID, outboxID); err != nil {
		return fmt.Errorf("store: unable to record the copy of outbox message %d: %w", outboxID, err)
	}
	return nil
}

// PostCopyMessageID returns the message id of post postID's copy in a
// chat, or ErrNotFound when the copy was never delivered (blocked, failed,
// cancelled, or the chat was not a recipient).
func (s *Store) PostCopyMessageID(ctx context.Context, postID, chatID int64) (int64, error) {
	var id sql.NullInt64
	err := s.q.QueryRowContext(ctx,
		`SELECT message_id FROM post_deliveries WHERE post_id = ? AND chat_id = ?`, postID, chatID).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && !id.Valid) {
		return 0, ErrNotFound
	}
	if err != nil {
		return 0, fmt.Errorf("store: unable to find the copy of post %d in chat %d: %w", postID, chatID, err)
	}
	return id.Int64, nil
}
