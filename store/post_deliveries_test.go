package store

import (
	"context"
	"errors"
	"testing"
	"time"
)

// A post of two messages to three citizens: rows go message by message,
// each chat's in order; the copy is each chat's last; a finished row
// pruned from the outbox still counts by what was recorded of it.
func TestBroadcastRowsOrderCopiesAndFigures(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	for _, id := range []int64{301, 302, 303} {
		if _, err := s.CitizenSeen(ctx, id, id, "Cittadino", "it", true); err != nil {
			t.Fatal(err)
		}
	}
	p, err := s.CreatePost(ctx, Post{Kind: PostAlert, Title: "Allerta", Audience: AudienceEveryone})
	if err != nil {
		t.Fatal(err)
	}
	msgs := []BroadcastMessage{{Lang: "it", Seq: 0, Payload: `{"action":"send_photo"}`}, {Lang: "it", Seq: 1, Payload: `{"action":"send"}`}}
	n, err := s.EnqueuePostBroadcast(ctx, p.ID, Audience{Everyone: true}, PriorityEmergency, msgs)
	if err != nil || n != 3 {
		t.Fatalf("enqueued %d, %v", n, err)
	}
	items, err := s.DueOutbox(ctx, 1<<62, 100)
	if err != nil || len(items) != 6 {
		t.Fatalf("%d rows, %v", len(items), err)
	}
	for i, it := range items {
		want := map[bool]string{true: `{"action":"send_photo"}`, false: `{"action":"send"}`}[i < 3]
		if string(it.Payload) != want || it.Priority != PriorityEmergency {
			t.Errorf("row %d for chat %d: %s, priority %d", i, it.ChatID, it.Payload, it.Priority)
		}
	}
	for _, it := range items[3:] {
		d, err := s.PostDeliveryOf(ctx, p.ID, it.ChatID)
		if err != nil || d.OutboxID != it.ID {
			t.Errorf("chat %d: copy is row %d (%v), want its last message %d", it.ChatID, d.OutboxID, err, it.ID)
		}
	}
	s.SetClock(func() time.Time { return time.Unix(1_800_000_000, 0) })
	results := []OutboxResult{
		{ID: items[0].ID, ChatID: items[0].ChatID, Status: OutboxSent, MessageID: 10, PostID: p.ID},
		{ID: items[3].ID, ChatID: items[3].ChatID, Status: OutboxSent, MessageID: 11, PostID: p.ID},
		{ID: items[1].ID, ChatID: items[1].ChatID, Status: OutboxBlocked},
		{ID: items[4].ID, ChatID: items[4].ChatID, Status: OutboxBlocked},
	}
	if err := s.RecordOutboxResults(ctx, results); err != nil {
		t.Fatal(err)
	}
	if _, err := s.PruneOutbox(ctx, 1_800_000_001); err != nil {
		t.Fatal(err)
	}
	stats, err := s.PostDeliveryStats(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := DeliveryCounts{Recipients: 3, Sent: 1, Failed: 1, Pending: 1}
	if stats.DeliveryCounts != want {
		t.Errorf("figures after pruning %+v, want %+v (the blocked copy's row is gone: not pending, not sent)", stats.DeliveryCounts, want)
	}
	if done, err := s.FinishDrainedPosts(ctx); err != nil || done != 0 {
		t.Errorf("finished %d, %v while one chat is pending", done, err)
	}
}

func TestAckPostDeliveryOnceAndOnlyForRecipients(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	if _, err := s.CitizenSeen(ctx, 401, 401, "Cittadino", "it", true); err != nil {
		t.Fatal(err)
	}
	p, err := s.CreatePost(ctx, Post{Kind: PostAlert, Title: "Allerta", Audience: AudienceEveryone})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.EnqueuePostBroadcast(ctx, p.ID, Audience{Everyone: true}, PriorityEmergency,
		[]BroadcastMessage{{Lang: "it", Payload: `{"action":"send"}`}}); err != nil {
		t.Fatal(err)
	}
	if first, err := s.AckPostDelivery(ctx, p.ID, 401); !first || err != nil {
		t.Errorf("first ack: %v, %v", first, err)
	}
	if first, err := s.AckPostDelivery(ctx, p.ID, 401); first || err != nil {
		t.Errorf("second ack: %v, %v", first, err)
	}
	for _, c := range []struct{ post, chat int64 }{{p.ID, 999}, {p.ID + 1, 401}} {
		if _, err := s.AckPostDelivery(ctx, c.post, c.chat); !errors.Is(err, ErrNotFound) {
			t.Errorf("ack of post %d in chat %d: %v, want ErrNotFound", c.post, c.chat, err)
		}
	}
	if stats, _ := s.PostDeliveryStats(ctx, p.ID); stats.Acknowledged != 1 {
		t.Errorf("acknowledged %d, want 1", stats.Acknowledged)
	}
}
