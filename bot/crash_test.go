package bot

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"testing"

	"github.com/campanile/campanile/store"
)

func (h *harness) pending() int {
	h.t.Helper()
	n, err := h.st.CountPendingUpdates(context.Background())
	if err != nil {
		h.t.Fatal(err)
	}
	return n
}

// A toggle is its own undo: handled twice, the citizen would end up not
// subscribed; lost, likewise. Only exactly-once handling leaves them
// subscribed, so it is the probe for these tests.
func TestUpdateStoppedBetweenReceiptAndHandlingIsHandledExactlyOnceAfterRestart(t *testing.T) {
	h := newHarness(t)
	h.start()
	u := h.emu.User(6001, "Rita", "it")
	u.Send("/argomenti")
	picker := expect(t, u, 1)[0]
	h.stop()

	u.PressData(picker, button(t, picker, "Eventi").CallbackData)

	// Receive, then "crash": only the poller runs, and it stops as soon as
	// the update is in the inbox, before any handler sees it.
	ctx, cancel := context.WithCancel(context.Background())
	poller := NewPoller(h.cfg.APIURL, h.cfg.Token, h.api.Client(), h.st, cancel, testLogger())
	_ = poller.Run(ctx)
	if h.pending() != 1 {
		t.Fatalf("want the press received and not handled, pending=%d", h.pending())
	}
	if len(h.subscriptions(u)) != 0 {
		t.Fatal("handled before the restart")
	}

	h.start()
	h.eventually("press handled", func() bool { return h.pending() == 0 && len(u.CallbackAnswers()) == 1 })
	h.sentinel(u)
	h.restart()
	h.sentinel(u)
	if subs := h.subscriptions(u); len(subs) != 1 {
		t.Errorf("want Eventi subscribed exactly once, got %v", subs)
	}
	if n := len(u.CallbackAnswers()); n != 1 {
		t.Errorf("the press was answered %d times", n)
	}
}

func TestCrashInTheMiddleOfHandlingRollsBackAndRetries(t *testing.T) {
	h := newHarness(t)
	h.start()
	u := h.emu.User(6002, "Sara", "it")
	u.Send("/argomenti")
	picker := expect(t, u, 1)[0]
	h.stop()

	var failures atomic.Int32
	h.start(func(b *Bot) {
		b.beforeCommit = func(store.InboundUpdate) error {
			if failures.Add(1) <= 2 {
				return errors.New("simulated crash before commit")
			}
			return nil
		}
	})
	u.PressData(picker, button(t, picker, "Eventi").CallbackData)
	h.eventually("press handled after two failed attempts", func() bool { return h.pending() == 0 && len(u.CallbackAnswers()) == 1 })
	if subs := h.subscriptions(u); len(subs) != 1 {
		t.Errorf("want the toggle applied once despite two rolled-back attempts, got %v", subs)
	}
	if n := len(u.CallbackAnswers()); n != 1 {
		t.Errorf("the rolled-back attempts must not have sent anything: %d answers", n)
	}
}

func TestUpdateThatAlwaysFailsIsSettledWithAnApology(t *testing.T) {
	h := newHarness(t)
	h.start(func(b *Bot) {
		b.beforeCommit = func(store.InboundUpdate) error { return errors.New("always broken") }
	})
	u := h.emu.User(6003, "Tina", "it")
	u.Send("/help")
	msgs := expect(t, u, 1)
	if want := h.plain("it", "error.generic", nil); msgs[0].Text != want {
		t.Errorf("want the apology, got %q", msgs[0].Text)
	}
	h.eventually("inbox settled", func() bool { return h.pending() == 0 })
}

func TestConversationStateSurvivesARestart(t *testing.T) {
	h := newHarness(t)
	h.start()
	u := h.emu.User(6004, "Ugo", "it")
	u.Send("/dimenticami")
	confirm := expect(t, u, 1)[0]
	h.restart()
	u.PressData(confirm, button(t, confirm, h.cat.T("it", "forget.yes", nil)).CallbackData)
	h.eventually("erased after the restart", func() bool {
		_, err := h.st.CitizenByTelegramID(context.Background(), u.ID())
		return errors.Is(err, store.ErrNotFound)
	})
}

// A stale read of the inbox can queue an update that a worker has just
// finished; handling it again must change nothing.
func TestUpdateQueuedTwiceTakesEffectOnce(t *testing.T) {
	h := newHarness(t)
	b := h.newBot()
	ctx := context.Background()
	raw := `{"update_id":77,"message":{"message_id":1,"date":1,"chat":{"id":77,"type":"private"},"from":{"id":77,"is_bot":false,"first_name":"Ada","language_code":"it"},"text":"/stop","entities":[{"type":"bot_command","offset":0,"length":5}]}}`
	u, err := inbound([]byte(raw))
	if err != nil {
		t.Fatal(err)
	}
	if err := h.st.SaveUpdates(ctx, []store.InboundUpdate{u}); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if err := b.handleUpdate(ctx, u); err != nil {
			t.Fatal(err)
		}
	}
	counts, err := h.st.OutboxCounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if counts[store.OutboxPending] != 1 {
		t.Errorf("want one reply enqueued, got %v", counts)
	}
}

// In a batch, a failing update rolls back alone; its chat's later updates
// wait behind it, other chats go on.
func TestBatchIsolatesAFailingUpdate(t *testing.T) {
	h := newHarness(t)
	b := h.newBot()
	b.beforeCommit = func(u store.InboundUpdate) error {
		if u.UpdateID == 1 {
			return errors.New("simulated failure")
		}
		return nil
	}
	ctx := context.Background()
	stop := func(id, chat int) store.InboundUpdate {
		raw := fmt.Sprintf(`{"update_id":%d,"message":{"message_id":%d,"date":1,"chat":{"id":%d,"type":"private"},"from":{"id":%d,"is_bot":false,"first_name":"A"},"text":"/stop","entities":[{"type":"bot_command","offset":0,"length":5}]}}`, id, id, chat, chat)
		u, err := inbound([]byte(raw))
		if err != nil {
			t.Fatal(err)
		}
		return u
	}
	batch := []store.InboundUpdate{stop(1, 10), stop(2, 10), stop(3, 20)}
	if err := h.st.SaveUpdates(ctx, batch); err != nil {
		t.Fatal(err)
	}
	errs := b.handleBatch(ctx, batch)
	if errs[0] == nil || !errors.Is(errs[1], errHeldBack) || errs[2] != nil {
		t.Fatalf("errors %v: want failure, held back, done", errs)
	}
	if n := h.pending(); n != 2 {
		t.Errorf("want updates 1 and 2 still pending, got %d", n)
	}
	if _, err := h.st.CitizenByTelegramID(ctx, 10); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("the failed update's effects were kept: %v", err)
	}
	if _, err := h.st.CitizenByTelegramID(ctx, 20); err != nil {
		t.Errorf("the other chat's update was not applied: %v", err)
	}
}
