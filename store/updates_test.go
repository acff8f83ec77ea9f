package store

import (
	"context"
	"testing"
	"time"
)

func update(id int64, payload string) InboundUpdate {
	return InboundUpdate{UpdateID: id, ChatID: 100 + id, Payload: []byte(payload)}
}

func pendingIDs(t *testing.T, s *Store) []int64 {
	t.Helper()
	pending, err := s.PendingUpdates(context.Background(), 100)
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]int64, len(pending))
	for i, u := range pending {
		ids[i] = u.UpdateID
	}
	return ids
}

func lastUpdateID(t *testing.T, s *Store) int64 {
	t.Helper()
	id, err := s.LastUpdateID(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func TestSaveUpdatesIsIdempotent(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	if got := lastUpdateID(t, s); got != 0 {
		t.Errorf("LastUpdateID of an empty inbox = %d, want 0", got)
	}
	if err := s.SaveUpdates(ctx, nil); err != nil {
		t.Errorf("saving no updates: %v", err)
	}

	if err := s.SaveUpdates(ctx, []InboundUpdate{update(11, "a"), update(12, "b")}); err != nil {
		t.Fatal(err)
	}
	// A redelivery overlaps the first batch: known ids are ignored and keep
	// their first payload.
	if err := s.SaveUpdates(ctx, []InboundUpdate{update(12, "B again"), update(13, "c")}); err != nil {
		t.Fatal(err)
	}
	pending, err := s.PendingUpdates(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(pending) != 3 || string(pending[1].Payload) != "b" || pending[1].ChatID != 112 {
		t.Errorf("pending after a redelivery = %+v", pending)
	}
	if n, _ := s.CountPendingUpdates(ctx); n != 3 {
		t.Errorf("CountPendingUpdates = %d, want 3", n)
	}
}

func TestLastUpdateIDIsAHighWaterMark(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		label   string
		batches [][]int64
		want    int64
	}{
		{"one batch", [][]int64{{1, 2, 3}}, 3},
		{"growing batches", [][]int64{{1, 2}, {3, 4}}, 4},
		{"an older batch later", [][]int64{{7, 8}, {2}}, 8},
		{"a redelivery", [][]int64{{5}, {5}}, 5},
		{"a batch out of order", [][]int64{{10, 7}}, 10},
	}
	for _, tt := range tests {
		t.Run(tt.label, func(t *testing.T) {
			s := newTestStore(t)
			for _, batch := range tt.batches {
				var updates []InboundUpdate
				for _, id := range batch {
					updates = append(updates, update(id, "{}"))
				}
				if err := s.SaveUpdates(ctx, updates); err != nil {
					t.Fatal(err)
				}
			}
			if got := lastUpdateID(t, s); got != tt.want {
				t.Errorf("LastUpdateID = %d, want %d", got, tt.want)
			}
		})
	}
}

func TestPendingUpdatesInUpdateOrder(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	for _, id := range []int64{30, 10, 20} {
		if err := s.SaveUpdates(ctx, []InboundUpdate{update(id, "{}")}); err != nil {
			t.Fatal(err)
		}
	}
	if got := pendingIDs(t, s); len(got) != 3 || got[0] != 10 || got[1] != 20 || got[2] != 30 {
		t.Errorf("pending = %v, want [10 20 30]", got)
	}
	limited, _ := s.PendingUpdates(ctx, 2)
	if len(limited) != 2 || limited[1].UpdateID != 20 {
		t.Errorf("PendingUpdates(2) = %+v", limited)
	}
}

func TestMarkUpdateHandledDropsThePayload(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	s.SaveUpdates(ctx, []InboundUpdate{update(1, `{"text":"via Roma 3"}`), update(2, "{}")})
	if err := s.InTx(ctx, func(tx *Store) error { return tx.MarkUpdateHandled(ctx, 1) }); err != nil {
		t.Fatal(err)
	}
	if got := pendingIDs(t, s); len(got) != 1 || got[0] != 2 {
		t.Errorf("pending after handling 1 = %v, want [2]", got)
	}
	var payload []byte
	var handledAt int64
	if err := s.db.QueryRow(`SELECT payload, handled_at FROM updates WHERE update_id = 1`).Scan(&payload, &handledAt); err != nil {
		t.Fatal(err)
	}
	if payload != nil || handledAt != testEpoch.Unix() {
		t.Errorf("handled update keeps payload %q, handled_at %d", payload, handledAt)
	}
	if n, _ := s.CountPendingUpdates(ctx); n != 1 {
		t.Errorf("CountPendingUpdates = %d, want 1", n)
	}
	// A redelivery of a handled update is still recognised.
	s.SaveUpdates(ctx, []InboundUpdate{update(1, "again")})
	if n, _ := s.CountPendingUpdates(ctx); n != 1 {
		t.Errorf("a redelivered handled update became pending again")
	}
}

func TestPruneUpdates(t *testing.T) {
	ctx := context.Background()
	s, clock := newTestStoreClock(t)
	s.SaveUpdates(ctx, []InboundUpdate{update(1, "{}"), update(2, "{}"), update(3, "{}")})
	s.MarkUpdateHandled(ctx, 1)
	clock.Advance(2 * time.Hour)
	s.MarkUpdateHandled(ctx, 2)
	clock.Advance(2 * time.Hour)

	n, err := s.PruneUpdates(ctx, 3*time.Hour)
	if err != nil || n != 1 {
		t.Fatalf("PruneUpdates = %d, %v; want 1 (only update 1 is handled and old)", n, err)
	}
	if total := countRows(t, s, "updates"); total != 2 {
		t.Errorf("%d updates remain, want 2", total)
	}
	clock.Advance(100 * 24 * time.Hour)
	n, _ = s.PruneUpdates(ctx, time.Hour)
	if n != 1 {
		t.Errorf("second prune removed %d, want 1", n)
	}
	if got := pendingIDs(t, s); len(got) != 1 || got[0] != 3 {
		t.Errorf("pruning touched a pending update: %v", got)
	}
	if got := lastUpdateID(t, s); got != 3 {
		t.Errorf("LastUpdateID after pruning = %d, want 3", got)
	}
}
