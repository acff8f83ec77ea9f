package bot

import (
	"context"
	"testing"

	"github.com/campanile/campanile/flows"
	"github.com/campanile/campanile/store"
)

// TestCancelledBroadcastLeavesTheQueueAtOnce cancels a broadcast held to
// Telegram's rate: the sender must stop within the messages already on
// their way, not work through what it had read before the cancel.
func TestCancelledBroadcastLeavesTheQueueAtOnce(t *testing.T) {
	h := newHarness(t, withLimits())
	const n = 300
	users := newRecipients(t, h.emu, h.st, 5_000_000, n)
	f := enqueueBroadcast(t, h.st, h.dbPath, users, store.PriorityBulk, nil)
	other := newRecipients(t, h.emu, h.st, 5_100_000, 1)[0]
	b := h.start()
	h.eventually("broadcast under way", func() bool { reached, _ := f.delivered(); return reached >= 30 })

	// What the publish flow's CancelBroadcast does to the outbox.
	res, err := f.db.Exec(`UPDATE outbox SET status = ?, finished_at = 0 WHERE post_id = ? AND status = 'pending'`, store.OutboxCancelled, f.post.ID)
	if err != nil {
		t.Fatal(err)
	}
	cancelled, _ := res.RowsAffected()
	atCancel, _ := f.delivered()

	// A message enqueued after the cancel gets through ahead of anything
	// the sender read before it.
	notice := flows.Message{Action: flows.ActionSend, ChatID: other.ID(), Text: "Avviso dopo l'annullamento"}
	if err := flows.Enqueue(context.Background(), h.st, store.PriorityBulk, notice); err != nil {
		t.Fatal(err)
	}
	b.WakeSender()
	expect(t, other, 1)
	h.eventually("in-flight copies settled", func() bool { return f.pendingRows(t) == 0 })

	after, _ := f.delivered()
	// In flight at the cancel: the workers' calls, and what one read of
	// the outbox lets through at 25 a second before it is read again.
	bound := SenderConfig{}.withDefaults().Workers + int(DefaultLimits().Global)
	if after-atCancel > bound {
		t.Errorf("%d copies went out after the cancel (of %d cancelled rows); at most %d were on their way", after-atCancel, cancelled, bound)
	}
	if cancelled < n/2 {
		t.Fatalf("the cancel came too late to test anything: %d rows cancelled", cancelled)
	}
	if n429 := countCalls(h, "sendMessage", 429); n429 != 0 {
		t.Errorf("%d calls refused with 429", n429)
	}
}
