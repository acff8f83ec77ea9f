package store

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"testing"
	"time"
)

func item(chatID int64, priority int) OutboxItem {
	return OutboxItem{ChatID: chatID, Priority: priority, Payload: []byte(fmt.Sprintf(`{"chat_id":%d}`, chatID))}
}

// enqueueAll enqueues items one by one and returns their ids.
func enqueueAll(t *testing.T, s *Store, items ...OutboxItem) []int64 {
	t.Helper()
	ctx := context.Background()
	for _, it := range items {
		if err := s.Enqueue(ctx, it); err != nil {
			t.Fatal(err)
		}
	}
	rows, err := s.db.QueryContext(ctx, `SELECT id FROM outbox ORDER BY id DESC LIMIT ?`, len(items))
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	slices.Sort(ids) // enqueue order
	return ids
}

func dueIDs(t *testing.T, s *Store, nowMs int64) []int64 {
	t.Helper()
	due, err := s.DueOutbox(context.Background(), nowMs, 1000)
	if err != nil {
		t.Fatal(err)
	}
	ids := []int64{}
	for _, d := range due {
		ids = append(ids, d.ID)
	}
	return ids
}

type outboxRow struct {
	Status    string
	Attempts  int
	NotBefore int64
	MessageID *int64
	LastError string
	Finished  *int64
}

func outboxRowOf(t *testing.T, s *Store, id int64) outboxRow {
	t.Helper()
	var r outboxRow
	err := s.db.QueryRow(`SELECT status, attempts, not_before_ms, message_id, last_error, finished_at FROM outbox WHERE id = ?`, id).
		Scan(&r.Status, &r.Attempts, &r.NotBefore, &r.MessageID, &r.LastError, &r.Finished)
	if err != nil {
		t.Fatalf("outbox row %d: %v", id, err)
	}
	return r
}

func TestEnqueueAndDueOrder(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	if err := s.Enqueue(ctx, item(1, PriorityBulk), item(2, PriorityReply), item(3, PriorityEmergency), item(4, PriorityReply)); err != nil {
		t.Fatal(err)
	}
	due, err := s.DueOutbox(ctx, testEpoch.UnixMilli(), 10)
	if err != nil {
		t.Fatal(err)
	}
	var chats []int64
	for _, d := range due {
		chats = append(chats, d.ChatID)
		if d.Attempts != 0 || d.CreatedAt != testEpoch.Unix() || string(d.Payload) != fmt.Sprintf(`{"chat_id":%d}`, d.ChatID) {
			t.Errorf("item %+v", d)
		}
	}
	if fmt.Sprint(chats) != "[3 2 4 1]" {
		t.Errorf("due chats in order %v, want emergency, replies oldest first, then bulk: [3 2 4 1]", chats)
	}
	if limited, _ := s.DueOutbox(ctx, testEpoch.UnixMilli(), 2); len(limited) != 2 || limited[1].ChatID != 2 {
		t.Errorf("DueOutbox(limit 2) = %+v", limited)
	}
}

func TestRecordOutboxResults(t *testing.T) {
	ctx := context.Background()
	s, clock := newTestStoreClock(t)
	ids := enqueueAll(t, s, item(1, PriorityReply), item(2, PriorityReply), item(3, PriorityReply), item(4, PriorityReply), item(5, PriorityReply))
	clock.Advance(time.Minute)
	finished := testEpoch.Add(time.Minute).Unix()
	retryAt := testEpoch.Add(time.Hour).UnixMilli()
	err := s.RecordOutboxResults(ctx, []OutboxResult{
		{ID: ids[0], ChatID: 1, Status: OutboxSent, MessageID: 77},
		{ID: ids[1], ChatID: 2, Status: OutboxFailed, Error: "Bad Request: chat not found"},
		{ID: ids[2], ChatID: 3, Status: OutboxBlocked, Error: "Forbidden: bot was blocked by the user"},
		{ID: ids[3], ChatID: 4, Status: OutboxPending, Error: "timeout", RetryAtMs: retryAt, CountAttempt: true},
		{ID: ids[4], ChatID: 5, Status: OutboxPending, Error: "Too Many Requests", RetryAtMs: retryAt},
	})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		label    string
		id       int64
		status   string
		attempts int
		msgID    int64
		finished bool
	}{
		{"sent", ids[0], OutboxSent, 1, 77, true},
		{"failed", ids[1], OutboxFailed, 1, 0, true},
		{"blocked", ids[2], OutboxBlocked, 1, 0, true},
		{"retry", ids[3], OutboxPending, 1, 0, false},
		{"rate limited", ids[4], OutboxPending, 0, 0, false},
	}
	for _, tt := range tests {
		r := outboxRowOf(t, s, tt.id)
		if r.Status != tt.status || r.Attempts != tt.attempts {
			t.Errorf("%s: status %s attempts %d; want %s %d", tt.label, r.Status, r.Attempts, tt.status, tt.attempts)
		}
		if got := r.MessageID != nil; got != (tt.msgID != 0) || (got && *r.MessageID != tt.msgID) {
			t.Errorf("%s: message_id %v, want %d", tt.label, r.MessageID, tt.msgID)
		}
		if got := r.Finished != nil; got != tt.finished || (got && *r.Finished != finished) {
			t.Errorf("%s: finished_at %v, want finished=%v at %d", tt.label, r.Finished, tt.finished, finished)
		}
		if tt.status == OutboxPending && (r.NotBefore != retryAt || r.LastError == "") {
			t.Errorf("%s: not_before %d error %q", tt.label, r.NotBefore, r.LastError)
		}
	}
	if due := dueIDs(t, s, retryAt-1); len(due) != 0 {
		t.Errorf("items due before their retry time: %v", due)
	}
	if due := dueIDs(t, s, retryAt); len(due) != 2 {
		t.Errorf("items due at their retry time: %v, want 2", due)
	}
	if err := s.RecordOutboxResults(ctx, nil); err != nil {
		t.Errorf("recording no results: %v", err)
	}
	counts, _ := s.OutboxCounts(ctx)
	if want := map[string]int{OutboxSent: 1, OutboxFailed: 1, OutboxBlocked: 1, OutboxPending: 2}; !maps.Equal(counts, want) {
		t.Errorf("OutboxCounts = %v, want %v", counts, want)
	}
}

// A retry holds back the chat's later messages so they cannot overtake
// it; other chats, and the chat's earlier messages, are not held.
func TestRetryKeepsPerChatOrder(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	now := testEpoch.UnixMilli()
	ids := enqueueAll(t, s, item(1, PriorityReply), item(1, PriorityReply), item(2, PriorityReply), item(1, PriorityBulk), item(1, PriorityReply))
	first, second, other, bulk, last := ids[0], ids[1], ids[2], ids[3], ids[4]
	retryAt := now + 30_000
	if err := s.RecordOutboxResults(ctx, []OutboxResult{{ID: second, ChatID: 1, Status: OutboxPending, RetryAtMs: retryAt, CountAttempt: true}}); err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(dueIDs(t, s, now)); got != fmt.Sprint([]int64{first, other}) {
		t.Errorf("due now = %s, want the chat's earlier message and the other chat's: %v", got, []int64{first, other})
	}
	if got := fmt.Sprint(dueIDs(t, s, retryAt)); got != fmt.Sprint([]int64{first, second, other, last, bulk}) {
		t.Errorf("due at the retry time = %s", got)
	}
	// A later retry of an earlier message pushes further, never pulls back.
	later := retryAt + 60_000
	if err := s.RecordOutboxResults(ctx, []OutboxResult{{ID: first, ChatID: 1, Status: OutboxPending, RetryAtMs: later}}); err != nil {
		t.Fatal(err)
	}
	for _, id := range []int64{second, bulk, last} {
		if r := outboxRowOf(t, s, id); r.NotBefore != later {
			t.Errorf("item %d not before %d, want %d", id, r.NotBefore, later)
		}
	}
	if r := outboxRowOf(t, s, other); r.NotBefore != 0 {
		t.Errorf("another chat's item was held back to %d", r.NotBefore)
	}
	if due, err := s.NextOutboxDueMs(ctx); err != nil || due != 0 {
		t.Errorf("NextOutboxDueMs = %d, %v; want 0 (the other chat's item is due)", due, err)
	}
}

func TestNextOutboxDueMs(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	if due, err := s.NextOutboxDueMs(ctx); err != nil || due != 0 {
		t.Errorf("NextOutboxDueMs of an empty outbox = %d, %v; want 0", due, err)
	}
	ids := enqueueAll(t, s, item(1, PriorityReply), item(2, PriorityReply))
	s.RecordOutboxResults(ctx, []OutboxResult{
		{ID: ids[0], ChatID: 1, Status: OutboxPending, RetryAtMs: 5000},
		{ID: ids[1], ChatID: 2, Status: OutboxPending, RetryAtMs: 3000},
	})
	if due, _ := s.NextOutboxDueMs(ctx); due != 3000 {
		t.Errorf("NextOutboxDueMs = %d, want 3000", due)
	}
	s.RecordOutboxResults(ctx, []OutboxResult{{ID: ids[1], ChatID: 2, Status: OutboxSent}})
	if due, _ := s.NextOutboxDueMs(ctx); due != 5000 {
		t.Errorf("NextOutboxDueMs once the earliest is sent = %d, want 5000", due)
	}
}

func TestAbandonChat(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	ids := enqueueAll(t, s, item(1, PriorityReply), item(1, PriorityBulk), item(2, PriorityBulk), item(1, PriorityNotice))
	s.RecordOutboxResults(ctx, []OutboxResult{{ID: ids[0], ChatID: 1, Status: OutboxSent, MessageID: 9}})

	n, err := s.AbandonChat(ctx, 1)
	if err != nil || n != 2 {
		t.Fatalf("AbandonChat = %d, %v; want 2", n, err)
	}
	if r := outboxRowOf(t, s, ids[0]); r.Status != OutboxSent {
		t.Errorf("abandoning touched a sent message: %s", r.Status)
	}
	if r := outboxRowOf(t, s, ids[1]); r.Status != OutboxBlocked || r.Finished == nil {
		t.Errorf("abandoned message: %+v", r)
	}
	if due := dueIDs(t, s, 1<<62); len(due) != 1 || due[0] != ids[2] {
		t.Errorf("due after abandoning chat 1 = %v, want only chat 2's %d", due, ids[2])
	}
	if n, _ := s.AbandonChat(ctx, 1); n != 0 {
		t.Errorf("abandoning again = %d, want 0", n)
	}
}

func TestPruneOutbox(t *testing.T) {
	ctx := context.Background()
	s, clock := newTestStoreClock(t)
	ids := enqueueAll(t, s, item(1, PriorityReply), item(2, PriorityReply), item(3, PriorityReply), item(4, PriorityReply))
	s.RecordOutboxResults(ctx, []OutboxResult{{ID: ids[0], ChatID: 1, Status: OutboxSent}, {ID: ids[1], ChatID: 2, Status: OutboxFailed}})
	clock.Advance(48 * time.Hour)
	s.RecordOutboxResults(ctx, []OutboxResult{{ID: ids[2], ChatID: 3, Status: OutboxBlocked}})

	n, err := s.PruneOutbox(ctx, testEpoch.Add(24*time.Hour).Unix())
	if err != nil || n != 2 {
		t.Fatalf("PruneOutbox = %d, %v; want 2", n, err)
	}
	n, _ = s.PruneOutbox(ctx, testEpoch.Add(1000*time.Hour).Unix())
	if n != 1 {
		t.Errorf("second prune removed %d, want 1", n)
	}
	counts, _ := s.OutboxCounts(ctx)
	if want := map[string]int{OutboxPending: 1}; !maps.Equal(counts, want) {
		t.Errorf("after pruning: %v, want only the pending message", counts)
	}
}

// A long queue for one chat (the staff group, held to 20 messages a
// minute) must not fill the sender's batch and hide other chats.
func TestLongQueueOfOneChatDoesNotHideOthers(t *testing.T) {
	s := newTestStore(t)
	var items []OutboxItem
	for range 600 {
		items = append(items, item(-100, PriorityNotice))
	}
	items = append(items, item(7, PriorityNotice))
	ids := enqueueAll(t, s, items...)
	due, err := s.DueOutbox(context.Background(), 1<<62, 512)
	if err != nil {
		t.Fatal(err)
	}
	if len(due) != 2 || due[0].ID != ids[0] || due[1].ID != ids[600] {
		t.Errorf("due %d items, want the group's first and the citizen's", len(due))
	}
}
