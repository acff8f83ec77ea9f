package bot

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/campanile/campanile/flows"
	"github.com/campanile/campanile/store"
)

// TestPerChatAndPerGroupLimitsHoldUnderABacklog queues more for one
// citizen and for the staff group than their limits let through at once
// (one a second per chat after a short burst, 20 a minute per group),
// beside a broadcast: the emulator, enforcing Telegram's limits, must
// refuse nothing, and each chat gets its messages in order.
func TestPerChatAndPerGroupLimitsHoldUnderABacklog(t *testing.T) {
	if testing.Short() {
		t.Skip("waits for the per-chat and per-group limits")
	}
	h := newHarness(t, withLimits())
	group := h.emu.Group(testStaffChat, "Ufficio")
	users := newRecipients(t, h.emu, h.st, 9_000_000, 60)
	f := enqueueBroadcast(t, h.st, h.dbPath, users, store.PriorityBulk, nil)
	citizen := users[0]
	const toCitizen, toGroup = 6, 21
	var msgs []flows.Message
	for i := range toCitizen {
		msgs = append(msgs, flows.Message{Action: flows.ActionSend, ChatID: citizen.ID(), Text: fmt.Sprintf("Avviso %d", i)})
	}
	for i := range toGroup {
		msgs = append(msgs, flows.Message{Action: flows.ActionSend, ChatID: group.ID(), Text: fmt.Sprintf("Segnalazione %d", i)})
	}
	if err := flows.Enqueue(context.Background(), h.st, store.PriorityNotice, msgs...); err != nil {
		t.Fatal(err)
	}
	h.start()
	got := expect(t, citizen, toCitizen+1)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if _, err := group.WaitBotMessages(ctx, toGroup); err != nil {
		t.Fatalf("the staff group got %d of %d messages: %v", len(group.BotMessages()), toGroup, err)
	}
	h.eventually("broadcast delivered", func() bool { reached, _ := f.delivered(); return reached == len(users) })
	if n := countCalls(h, "sendMessage", 429); n != 0 {
		t.Errorf("%d calls refused with 429", n)
	}
	order := 0
	for _, m := range got {
		if m.Text == fmt.Sprintf("Avviso %d", order) {
			order++
		}
	}
	if order != toCitizen {
		t.Errorf("the citizen's notices arrived out of order:%s", texts(got))
	}
}
