package store

import (
	"context"
	"errors"
	"fmt"
)

// Outbox priorities: lower goes first.
const (
	PriorityEmergency = 0 // civil-protection alerts
	PriorityReply     = 1 // direct answers to what a citizen just did
	PriorityNotice    = 2 // personal notices: report updates, reminders
	PriorityBulk      = 3 // news and routine posts
)

// Outbox statuses. A row is pending until the sender reaches a verdict.
const (
	OutboxPending = "pending"
	OutboxSent    = "sent"
	OutboxFailed  = "failed"  // gave up: a permanent error or too many attempts
	OutboxBlocked = "blocked" // the citizen blocked the bot or is gone
	// OutboxCancelled rows are never sent: their broadcast was cancelled,
	// or an edit found no copy to edit. They leave the queue at once.
	OutboxCancelled = "cancelled"
)

// OutboxItem is one message waiting to go out. Payload is the flows'
// description of the message; the store does not look inside.
type OutboxItem struct {
	ID        int64
	ChatID    int64
	Priority  int
	Payload   []byte
	Attempts  int
	CreatedAt int64
	// PostID ties the row to a post's broadcast (0 for none), to count
	// and cancel it.
	PostID int64
}

// OutboxResult is the sender's verdict on one item.
type OutboxResult struct {
	ID        int64
	ChatID    int64
	Status    string // OutboxSent, OutboxFailed, OutboxBlocked, or OutboxPending to retry
	MessageID int64
	Error     string
	// RetryAtMs, for a retry, is when to try again; later items of the same
	// chat wait too, so a chat's messages never overtake each other.
	RetryAtMs int64
	// CountAttempt is false for retries that are not the message's fault
	// (a rate limit), so they do not bring it closer to giving up.
	CountAttempt bool
	// LinkReportID, for a message sent to the staff group about a report,
	// ties the messages Telegram created (LinkMessageIDs) to the report,
	// so a staff reply to any of them reaches its citizen. LinkCard marks
	// the report's card, the message whose buttons and status get edited.
	LinkReportID   int64
	LinkMessageIDs []int64
	LinkCard       bool
	// MigrateTo is the new id of a group that became a supergroup.
	MigrateTo int64
	// PostID, for a message of a post's broadcast, records MessageID as
	// the recipient's copy (post_deliveries) with the verdict.
	PostID int64
}

// Enqueue adds items to the outbox.
func (s *Store) Enqueue(ctx context.Context, items ...OutboxItem) error {
	_, err := s.EnqueueIDs(ctx, items...)
	return err
}

// EnqueueIDs adds items to the outbox and returns their ids in order, for
// a broadcast that ties each recipient's delivery row to its message.
func (s *Store) EnqueueIDs(ctx context.Context, items ...OutboxItem) ([]int64, error) {
	now := s.now().Unix()
	ids := make([]int64, 0, len(items))
	err := s.InTx(ctx, func(tx *Store) error {
		for _, it := range items {
			res, err := tx.q.ExecContext(ctx,
				`INSERT INTO outbox (chat_id, priority, payload, created_at, post_id) VALUES (?, ?, ?, ?, ?)`,
				it.ChatID, it.Priority, it.Payload, now, nullID(it.PostID))
			if err != nil {
				return fmt.Errorf("store: unable to enqueue message for chat %d: %w", it.ChatID, err)
			}
			id, err := res.LastInsertId()
			if err != nil {
				return fmt.Errorf("store: unable to enqueue message for chat %d: %w", it.ChatID, err)
			}
			ids = append(ids, id)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return ids, nil
}

// DueOutbox returns up to limit pending items whose time has come, highest
// priority first and, within a priority, oldest first. The sender sends a
// chat's messages one at a time, in order, so only each chat's first
// pending message matters; the cheap query in priority order finds them
// unless a long queue for a few chats (the staff group, held to 20
// messages a minute) fills the batch, and then the heads are asked for
// directly so that the other chats are not starved.
func (s *Store) DueOutbox(ctx context.Context, nowMs int64, limit int) ([]OutboxItem, error) {
	items, err := s.queryOutbox(ctx, `
		SELECT id, chat_id, priority, payload, attempts, created_at, COALESCE(post_id, 0) FROM outbox
		WHERE status = 'pending' AND not_before_ms <= ?
		ORDER BY priority, id LIMIT ?`, nowMs, limit)
	if err != nil || len(items) < limit {
		return items, err
	}
	chats := map[int64]bool{}
	for _, it := range items {
		chats[it.ChatID] = true
	}
	if len(chats) >= limit/4 {
		return items, nil
	}
	return s.queryOutbox(ctx, `
		SELECT o.id, o.chat_id, o.priority, o.payload, o.attempts, o.created_at, COALESCE(o.post_id, 0)
		FROM (SELECT MIN(id) AS id FROM outbox WHERE status = 'pending' GROUP BY chat_id) h
		JOIN outbox o ON o.id = h.id
		WHERE o.not_before_ms <= ?
		ORDER BY o.priority, o.id LIMIT ?`, nowMs, limit)
}

func (s *Store) queryOutbox(ctx context.Context, query string, args ...any) ([]OutboxItem, error) {
	rows, err := s.q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("store: unable to list due messages: %w", err)
	}
	defer rows.Close()
	var items []OutboxItem
	for rows.Next() {
		var it OutboxItem
		if err := rows.Scan(&it.ID, &it.ChatID, &it.Priority, &it.Payload, &it.Attempts, &it.CreatedAt, &it.PostID); err != nil {
			return nil, fmt.Errorf("store: unable to list due messages: %w", err)
		}
		items = append(items, it)
	}
	return items, rows.Err()
}

// RecordOutboxResults stores the sender's verdicts in one transaction.
func (s *Store) RecordOutboxResults(ctx context.Context, results []OutboxResult) error {
	if len(results) == 0 {
		return nil
	}
	now := s.now().Unix()
	return s.InTx(ctx, func(tx *Store) error {
		for _, r := range results {
			if err := tx.recordOutboxResult(ctx, r, now); err != nil {
				return err
			}
		}
		return nil
	})
}

func (s *Store) recordOutboxResult(ctx context.Context, r OutboxResult, now int64) error {
	var err error
	if r.Status == OutboxPending {
		_, err = s.q.ExecContext(ctx,
			`UPDATE outbox SET attempts = attempts + ?, not_before_ms = ?, last_error = ? WHERE id = ?`,
			boolInt(r.CountAttempt), r.RetryAtMs, r.Error, r.ID)
		if err == nil {
			_, err = s.q.ExecContext(ctx,
				`UPDATE outbox SET not_before_ms = ? WHERE chat_id = ? AND status = 'pending' AND id > ? AND not_before_ms < ?`,
				r.RetryAtMs, r.ChatID, r.ID, r.RetryAtMs)
		}
	} else {
		var messageID any
		if r.MessageID != 0 {
			messageID = r.MessageID
		}
		_, err = s.q.ExecContext(ctx,
			`UPDATE outbox SET status = ?, attempts = attempts + 1, finished_at = ?, message_id = ?, last_error = ? WHERE id = ?`,
			r.Status, now, messageID, r.Error, r.ID)
	}
	if err != nil {
		return fmt.Errorf("store: unable to record result of message %d: %w", r.ID, err)
	}
	if r.Status == OutboxSent && r.PostID != 0 && r.MessageID != 0 {
		if err := s.MarkPostCopySent(ctx, r.ID, r.MessageID); err != nil {
			return err
		}
	}
	if r.Status != OutboxSent || r.LinkReportID == 0 {
		return nil
	}
	for i, id := range r.LinkMessageIDs {
		if r.LinkCard && i == 0 {
			err = s.SetReportStaffMessage(ctx, r.LinkReportID, r.ChatID, id)
		} else {
			err = s.AddReportStaffMessage(ctx, r.LinkReportID, r.ChatID, id)
		}
		if err != nil && !errors.Is(err, ErrNotFound) {
			return err
		}
	}
	return nil
}

// OutboxCounts returns how many items are in each status.
func (s *Store) OutboxCounts(ctx context.Context) (map[string]int, error) {
	return s.countByStatus(ctx, `SELECT status, COUNT(*) FROM outbox GROUP BY status`, "messages")
}

// countByStatus runs a "status, COUNT(*) ... GROUP BY status" query.
func (s *Store) countByStatus(ctx context.Context, query, what string) (map[string]int, error) {
	rows, err := s.q.QueryContext(ctx, query)
	if err != nil {
		return nil, fmt.Errorf("store: unable to count %s: %w", what, err)
	}
	defer rows.Close()
	counts := map[string]int{}
	for rows.Next() {
		var status string
		var n int
		if err := rows.Scan(&status, &n); err != nil {
			return nil, fmt.Errorf("store: unable to count %s: %w", what, err)
		}
		counts[status] = n
	}
	return counts, rows.Err()
}

// NextOutboxDueMs returns when the earliest pending item becomes due, or
// 0 when nothing is pending, so the sender can sleep exactly that long.
func (s *Store) NextOutboxDueMs(ctx context.Context) (int64, error) {
	var ms int64
	err := s.q.QueryRowContext(ctx, `SELECT COALESCE(MIN(not_before_ms), 0) FROM outbox WHERE status = 'pending'`).Scan(&ms)
	if err != nil {
		return 0, fmt.Errorf("store: unable to find next due message: %w", err)
	}
	return ms, nil
}

// PruneOutbox deletes finished items older than the given unix time; their
// payloads hold personal messages that are not needed once delivered.
func (s *Store) PruneOutbox(ctx context.Context, finishedBefore int64) (int, error) {
	res, err := s.exec(ctx, `DELETE FROM outbox WHERE status <> 'pending' AND finished_at < ?`, finishedBefore)
	if err != nil {
		return 0, fmt.Errorf("store: unable to prune outbox: %w", err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}

// AbandonChat ends every pending message of a chat that can no longer be
// reached, so none of them costs a doomed request.
func (s *Store) AbandonChat(ctx context.Context, chatID int64) (int, error) {
	res, err := s.exec(ctx, `UPDATE outbox SET status = 'blocked', finished_at = ? WHERE chat_id = ? AND status = 'pending'`, s.now().Unix(), chatID)
	if err != nil {
		return 0, fmt.Errorf("store: unable to abandon chat %d: %w", chatID, err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}
