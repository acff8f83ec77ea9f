package bot

import (
	"context"
	"strings"
	"testing"

	"github.com/campanile/campanile/flows"
	"github.com/campanile/campanile/store"
)

func countCalls(h *harness, method string, status int) int {
	n := 0
	for _, r := range h.emu.Requests() {
		if strings.EqualFold(r.Method, method) && (status == 0 || r.Status == status) {
			n++
		}
	}
	return n
}

func TestTooManyRequestsWaitsRetryAfterThenDelivers(t *testing.T) {
	h := newHarness(t)
	h.start()
	u := h.emu.User(5001, "Lia", "it")
	h.emu.InjectError("sendMessage", 1, 429, "Too Many Requests: retry after 1", 1)
	u.Send("/help")
	expect(t, u, 1)
	// The emulator logs a call once it has answered it: wait for the log.
	h.eventually("delivery logged", func() bool { return countCalls(h, "sendMessage", 200) >= 1 })
	h.sentinel(u)
	if n := countCalls(h, "sendMessage", 429); n != 1 {
		t.Errorf("want one refused attempt, got %d", n)
	}
	if n := countCalls(h, "sendMessage", 200); n != 2 { // the answer and the sentinel's
		t.Errorf("want exactly one delivery of the answer, got %d calls", n)
	}
}

func TestServerErrorsAreRetriedWithBackoff(t *testing.T) {
	h := newHarness(t)
	h.start()
	u := h.emu.User(5002, "Mario", "it")
	h.emu.InjectError("sendMessage", 2, 500, "Internal Server Error", 0)
	u.Send("/help")
	expect(t, u, 1)
	h.eventually("delivery logged", func() bool { return countCalls(h, "sendMessage", 200) >= 1 })
	if n := countCalls(h, "sendMessage", 500); n != 2 {
		t.Errorf("want two failed attempts before delivery, got %d", n)
	}
}

func TestTelegramOutageLosesNothing(t *testing.T) {
	h := newHarness(t)
	h.start()
	u := h.emu.User(5003, "Nina", "it")
	u.Send("/start")
	expect(t, u, 1)
	h.emu.SetDown(true)
	u.Send("/help")
	u.Send("/privacy")
	// Let the bot hit the outage on both sides before it ends.
	h.eventually("bot noticed the outage", func() bool { return countCalls(h, "getUpdates", 502) > 0 })
	h.emu.SetDown(false)
	msgs := expect(t, u, 3)
	if msgs[1].Text != h.plain("it", "help.text", nil) || !strings.Contains(msgs[2].Text, "Privacy") {
		t.Errorf("after the outage, answers out of order or wrong:%s", texts(msgs))
	}
}

func TestBlockedCitizenIsMarkedInactiveUntilTheyWriteAgain(t *testing.T) {
	h := newHarness(t)
	h.start()
	u := h.emu.User(5004, "Olga", "it")
	u.Send("/start")
	expect(t, u, 1)
	u.Block()
	h.eventually("block noticed", func() bool { return !h.citizen(u).Active })

	// A notice to a citizen who blocked us is refused once and then not
	// tried again: the outbox settles it as blocked.
	c := h.citizen(u)
	notice := flows.Message{Action: flows.ActionSend, ChatID: c.ChatID, Text: "Avviso di prova"}
	if err := flows.Enqueue(context.Background(), h.st, store.PriorityNotice, notice, notice); err != nil {
		t.Fatal(err)
	}
	h.eventually("notices settled as blocked", func() bool {
		counts, _ := h.st.OutboxCounts(context.Background())
		return counts[store.OutboxPending] == 0 && counts[store.OutboxBlocked] >= 1
	})
	if n := countCalls(h, "sendMessage", 403); n > 1 {
		t.Errorf("the bot kept writing to a chat that blocked it: %d refused calls", n)
	}

	u.Unblock()
	u.Send("/help")
	expect(t, u, 2)
	if !h.citizen(u).Active {
		t.Error("a citizen who writes again is active again")
	}
}

func TestOutgoingMessagesSurviveARestartDuringAnOutage(t *testing.T) {
	h := newHarness(t)
	u := h.emu.User(5005, "Paolo", "it")
	u.Send("/start") // introduce the citizen so the emulator lets the bot write first
	h.start()
	expect(t, u, 1)
	c := h.citizen(u)

	h.emu.SetDown(true)
	const n = 20
	for i := range n {
		m := flows.Message{Action: flows.ActionSend, ChatID: c.ChatID, Text: "Notizia " + string(rune('A'+i))}
		if err := flows.Enqueue(context.Background(), h.st, store.PriorityNotice, m); err != nil {
			t.Fatal(err)
		}
	}
	h.eventually("sender hit the outage", func() bool { return countCalls(h, "sendMessage", 502) > 0 })
	h.stop()
	h.emu.SetDown(false)
	h.start()
	msgs := expect(t, u, n+1)
	for i := range n {
		if want := "Notizia " + string(rune('A'+i)); msgs[i+1].Text != want {
			t.Fatalf("message %d is %q, want %q: order or content lost across the restart", i, msgs[i+1].Text, want)
		}
	}
}

func TestRateLimitsKeepTheBotWithinTelegramsLimits(t *testing.T) {
	h := newHarness(t, withLimits())
	h.start()
	u := h.emu.User(5006, "Quinto", "it")
	u.Send("/start")
	expect(t, u, 1)
	c := h.citizen(u)
	const n = 6
	for i := range n {
		m := flows.Message{Action: flows.ActionSend, ChatID: c.ChatID, Text: "Avviso " + string(rune('1'+i))}
		if err := flows.Enqueue(context.Background(), h.st, store.PriorityNotice, m); err != nil {
			t.Fatal(err)
		}
	}
	expect(t, u, n+1)
	if refused := countCalls(h, "sendMessage", 429); refused != 0 {
		t.Errorf("the sender's own limits should keep Telegram from refusing; got %d 429s", refused)
	}
}
