package bot

import (
	"testing"
	"time"

	"github.com/campanile/campanile/bot/emulator"
	"github.com/campanile/campanile/store"
)

// TestBroadcastSurvivesTheSenderKilledMidway kills the sender's process
// twice during a broadcast to 2 000 citizens. Every citizen must get the
// alert, and the only copies sent twice may be those in flight at a
// crash: delivered by Telegram but not yet recorded as sent.
func TestBroadcastSurvivesTheSenderKilledMidway(t *testing.T) {
	if testing.Short() {
		t.Skip("starts and kills sender processes")
	}
	h := newHarness(t) // its emulator, store and file; the bot runs in the child
	const n = 2000
	users := newRecipients(t, h.emu, h.st, 3_000_000, n)
	f := enqueueBroadcast(t, h.st, h.dbPath, users, store.PriorityEmergency, pinned)

	inFlight := 0
	child := startSenderChild(t, h.dbPath, h.api.URL, h.emu.Token(), 0)
	for _, at := range []int{n / 3, 2 * n / 3} {
		h.eventually("part of the broadcast delivered", func() bool { reached, _ := f.delivered(); return reached >= at })
		child.kill()
		settle(t, h.emu)
		crashed := f.deliveredButPending(t)
		t.Logf("killed with %d of %d delivered; %d delivered but not recorded", first(f.delivered()), n, crashed)
		inFlight += crashed
		child = startSenderChild(t, h.dbPath, h.api.URL, h.emu.Token(), 0)
	}
	f.waitDrained(t, time.Minute)
	child.kill()

	reached, duplicates := f.delivered()
	if reached != n {
		t.Errorf("%d of %d citizens got the alert", reached, n)
	}
	if duplicates > inFlight {
		t.Errorf("%d copies sent twice, but only %d were in flight at the crashes", duplicates, inFlight)
	}
	if got := f.copiesRecorded(t); got != n {
		t.Errorf("%d of %d copies recorded for later edits", got, n)
	}
	if counts := f.outboxStatuses(t); counts[store.OutboxSent] != n {
		t.Errorf("outbox %v, want all %d sent", counts, n)
	}
	for _, u := range users {
		if u.Chat().Pinned == 0 {
			t.Fatalf("chat %d: the alert is not pinned", u.ID())
		}
	}
	t.Logf("%d duplicates, %d in flight at the crashes", duplicates, inFlight)
}

func first(a, _ int) int { return a }

// settle waits until the emulator has answered every call the killed
// process had made: a request already read is answered even when nobody
// waits for the answer any more.
func settle(t *testing.T, emu *emulator.Server) {
	t.Helper()
	last := -1
	for {
		n := len(emu.RequestsFor("sendMessage"))
		if n == last {
			return
		}
		last = n
		time.Sleep(200 * time.Millisecond)
	}
}

// deliveredButPending counts the citizens holding a copy whose outbox row
// is still pending: the messages in flight when the sender died.
func (f *broadcastFixture) deliveredButPending(t *testing.T) int {
	t.Helper()
	rows, err := f.db.Query(`SELECT chat_id FROM outbox WHERE post_id = ? AND status = 'pending'`, f.post.ID)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	pending := map[int64]bool{}
	for rows.Next() {
		var chat int64
		if err := rows.Scan(&chat); err != nil {
			t.Fatal(err)
		}
		pending[chat] = true
	}
	n := 0
	for _, u := range f.users {
		if pending[u.ID()] && copies(u, f.text) > 0 {
			n++
		}
	}
	return n
}
