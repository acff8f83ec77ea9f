package store

import (
	"context"
	"errors"
	"testing"
)

// postWithDeliveries creates a post and one delivery row per chat, the
// copy being carried by the given outbox rows.
func postWithDeliveries(t *testing.T, s *Store, outbox map[int64]int64) Post {
	t.Helper()
	ctx := context.Background()
	p, err := s.CreatePost(ctx, Post{Kind: PostAlert, Title: "Allerta rossa", Audience: AudienceEveryone})
	if err != nil {
		t.Fatal(err)
	}
	for chatID, outboxID := range outbox {
		if _, err := s.db.ExecContext(ctx, `INSERT INTO post_deliveries (post_id, chat_id, outbox_id) VALUES (?, ?, ?)`, p.ID, chatID, outboxID); err != nil {
			t.Fatal(err)
		}
	}
	return p
}

func TestEnqueueIDsKeepsThePostOfEachRow(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	p := postWithDeliveries(t, s, nil)
	ids, err := s.EnqueueIDs(ctx, OutboxItem{ChatID: 1, Priority: PriorityEmergency, Payload: []byte(`{}`), PostID: p.ID},
		OutboxItem{ChatID: 2, Priority: PriorityReply, Payload: []byte(`{}`)})
	if err != nil {
		t.Fatal(err)
	}
	if len(ids) != 2 || ids[0] >= ids[1] {
		t.Fatalf("want two ids in enqueue order, got %v", ids)
	}
	due, err := s.DueOutbox(ctx, 0, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(due) != 2 || due[0].ID != ids[0] || due[0].PostID != p.ID || due[1].PostID != 0 {
		t.Errorf("want the broadcast's row tied to post %d and the reply to none, got %+v", p.ID, due)
	}
}

func TestSentCopyIsRecordedWithItsVerdictAndFoundForEdits(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	ids, err := s.EnqueueIDs(ctx, item(10, PriorityEmergency), item(20, PriorityEmergency), item(30, PriorityEmergency))
	if err != nil {
		t.Fatal(err)
	}
	p := postWithDeliveries(t, s, map[int64]int64{10: ids[0], 20: ids[1], 30: ids[2]})
	err = s.RecordOutboxResults(ctx, []OutboxResult{
		{ID: ids[0], ChatID: 10, Status: OutboxSent, MessageID: 501, PostID: p.ID},
		{ID: ids[1], ChatID: 20, Status: OutboxBlocked, Error: "Forbidden: bot was blocked by the user", PostID: p.ID},
	})
	if err != nil {
		t.Fatal(err)
	}
	if id, err := s.PostCopyMessageID(ctx, p.ID, 10); err != nil || id != 501 {
		t.Errorf("copy in chat 10: %d %v, want 501", id, err)
	}
	for _, chat := range []int64{20, 30, 99} { // blocked, still pending, never a recipient
		if id, err := s.PostCopyMessageID(ctx, p.ID, chat); !errors.Is(err, ErrNotFound) {
			t.Errorf("chat %d: want ErrNotFound, got %d %v", chat, id, err)
		}
	}
}

func TestCancelledRowsAreNeverDue(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	ids := enqueueAll(t, s, item(1, PriorityBulk), item(2, PriorityBulk))
	if _, err := s.db.ExecContext(ctx, `UPDATE outbox SET status = ? WHERE id = ?`, OutboxCancelled, ids[0]); err != nil {
		t.Fatal(err)
	}
	if got := dueIDs(t, s, 1<<50); len(got) != 1 || got[0] != ids[1] {
		t.Errorf("want only the pending row due, got %v", got)
	}
	// A retry verdict arriving for a row cancelled while in flight must
	// not bring it back.
	if err := s.RecordOutboxResults(ctx, []OutboxResult{{ID: ids[0], ChatID: 1, Status: OutboxPending, RetryAtMs: 5, CountAttempt: true}}); err != nil {
		t.Fatal(err)
	}
	if got := dueIDs(t, s, 1<<50); len(got) != 1 || got[0] != ids[1] {
		t.Errorf("a retry revived a cancelled row: due %v", got)
	}
}
