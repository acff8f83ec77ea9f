package bot

import (
	"context"
	"testing"
	"time"

	"github.com/campanile/campanile/store"
)

// TestBroadcastThroughA429StormAndABlockedCitizen runs a broadcast while
// Telegram answers 429 again and again and a citizen blocks the bot
// halfway: every other citizen gets the alert once, the one who blocked
// is written to at most once more and marked inactive, and each 429 stops
// all sending for its retry_after, not just the chat that got it.
func TestBroadcastThroughA429StormAndABlockedCitizen(t *testing.T) {
	h := newHarness(t)
	const n = 600
	users := newRecipients(t, h.emu, h.st, 4_000_000, n)
	f := enqueueBroadcast(t, h.st, h.dbPath, users, store.PriorityEmergency, nil)
	blocker := users[n-1] // the last in line: not reached before the block
	const storm = 3
	h.emu.InjectError("sendMessage", 1, 429, "Too Many Requests: retry after 1", 1)
	h.start()
	for i := 1; i < storm; i++ {
		h.eventually("a 429 answered", func() bool { return countCalls(h, "sendMessage", 429) >= i })
		if i == 1 {
			blocker.Block()
		}
		h.emu.InjectError("sendMessage", 1, 429, "Too Many Requests: retry after 1", 1)
	}
	h.eventually("broadcast settled", func() bool {
		c := f.outboxStatuses(t)
		return c[store.OutboxSent]+c[store.OutboxBlocked] == n
	})

	reached, duplicates := f.delivered()
	if reached != n-1 || duplicates != 0 {
		t.Errorf("reached %d of %d with %d duplicates; want everyone but the blocker, once", reached, n-1, duplicates)
	}
	if c := f.outboxStatuses(t); c[store.OutboxBlocked] != 1 {
		t.Errorf("want the blocker's copy settled as blocked: %v", c)
	}
	c, err := h.st.CitizenByChatID(context.Background(), blocker.ID())
	if err != nil || c.Active {
		t.Errorf("the citizen who blocked the bot must be inactive: %+v %v", c, err)
	}
	if refused := countCalls(h, "sendMessage", 403); refused > 1 {
		t.Errorf("%d calls refused with 403: the bot kept writing to the blocker", refused)
	}

	// Each 429 pauses everything: while it lasts, only the calls already
	// in flight may reach Telegram, those of the workers and those handed
	// out before the sender had read the 429 (a few more on a loaded
	// machine). Without the pause the whole broadcast would go in that
	// second.
	calls := h.emu.RequestsFor("sendMessage")
	bound := 4 * SenderConfig{}.withDefaults().Workers
	seen429 := 0
	for _, r := range calls {
		if r.Status != 429 {
			continue
		}
		seen429++
		during := 0
		for _, o := range calls {
			if o.Time.After(r.Time) && o.Time.Before(r.Time.Add(900*time.Millisecond)) {
				during++
			}
		}
		if during > bound {
			t.Errorf("%d calls within the pause after the 429 at %s; at most %d may be in flight", during, r.Time.Format(time.StampMilli), bound)
		}
	}
	if seen429 != storm {
		t.Errorf("want %d 429s in the storm, the emulator answered %d", storm, seen429)
	}
}
