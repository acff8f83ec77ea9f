package bot

import (
	"context"
	"strings"
	"testing"

	"github.com/campanile/campanile/flows"
	"github.com/campanile/campanile/store"
)

func pinned(m *flows.Message) { m.Pin = true }

func TestEmergencyIsSentLoudPinnedAndItsCopiesRecorded(t *testing.T) {
	h := newHarness(t)
	users := newRecipients(t, h.emu, h.st, 8100, 3)
	f := enqueueBroadcast(t, h.st, h.dbPath, users, store.PriorityEmergency, pinned)
	h.start()
	for _, u := range users {
		msgs := expect(t, u, 1)
		if msgs[0].Silent {
			t.Errorf("chat %d: an emergency must ring", u.ID())
		}
		h.eventually("pinned", func() bool { return u.Chat().Pinned == msgs[0].ID })
	}
	for _, r := range h.emu.RequestsFor("pinChatMessage") {
		if v := r.Params["disable_notification"]; v != "" && v != "false" {
			t.Errorf("the pin must notify the citizen, got disable_notification=%s", v)
		}
	}
	h.eventually("copies recorded", func() bool { return f.copiesRecorded(t) == len(users) })
	for _, u := range users {
		id, err := h.st.PostCopyMessageID(context.Background(), f.post.ID, u.ID())
		if err != nil || int(id) != u.BotMessages()[0].ID {
			t.Errorf("chat %d: recorded copy %d (%v), the chat holds %d", u.ID(), id, err, u.BotMessages()[0].ID)
		}
	}
}

func TestPinThatFailsIsGivenUpWithoutResendingTheMessage(t *testing.T) {
	cases := []struct {
		name     string
		code     int
		desc     string
		attempts int
	}{
		{"refused", 400, "Bad Request: not enough rights to manage pinned messages in the chat", 1},
		{"outage", 500, "Internal Server Error", pinAttempts},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := newHarness(t)
			users := newRecipients(t, h.emu, h.st, 8200, 1)
			f := enqueueBroadcast(t, h.st, h.dbPath, users, store.PriorityEmergency, pinned)
			h.emu.InjectError("pinChatMessage", 100, c.code, c.desc, 0)
			h.start()
			expect(t, users[0], 1)
			h.eventually("message settled", func() bool { return f.outboxStatuses(t)[store.OutboxSent] == 1 })
			h.eventually("pin attempts over", func() bool { return len(h.emu.RequestsFor("pinChatMessage")) >= c.attempts })
			if n := len(h.emu.RequestsFor("pinChatMessage")); n != c.attempts {
				t.Errorf("want %d pin attempts, got %d", c.attempts, n)
			}
			if n := copies(users[0], f.text); n != 1 {
				t.Errorf("the alert was sent %d times", n)
			}
		})
	}
}

func TestEmergencyUpdateEditsEachCopyInPlace(t *testing.T) {
	h := newHarness(t)
	users := newRecipients(t, h.emu, h.st, 8300, 3)
	f := enqueueBroadcast(t, h.st, h.dbPath, users, store.PriorityEmergency, nil)
	b := h.start()
	h.eventually("copies recorded", func() bool { return f.copiesRecorded(t) == len(users) })

	const update = "<b>Allerta rossa prorogata</b> fino a domani"
	var edits []flows.Message
	for _, u := range users {
		edits = append(edits, flows.Message{Action: flows.ActionEditText, ChatID: u.ID(), Text: update, EditPostID: f.post.ID,
			Buttons: [][]flows.Button{{{Text: "Ricevuto", Data: "ack:1"}}}})
	}
	if err := flows.Enqueue(context.Background(), h.st, store.PriorityEmergency, edits...); err != nil {
		t.Fatal(err)
	}
	b.WakeSender()
	for _, u := range users {
		h.eventually("copy edited", func() bool {
			m := u.BotMessages()[0]
			return m.Edited && m.Text == "Allerta rossa prorogata fino a domani"
		})
		if m := u.BotMessages(); len(m) != 1 || len(m[0].InlineKeyboard) != 1 {
			t.Errorf("chat %d: want the one copy, edited with its button; got %d messages", u.ID(), len(m))
		}
	}
}

func TestEditOfACopyNeverDeliveredIsDroppedWithANote(t *testing.T) {
	h := newHarness(t)
	users := newRecipients(t, h.emu, h.st, 8400, 2)
	f := enqueueBroadcast(t, h.st, h.dbPath, users, store.PriorityEmergency, nil)
	// The first copy is refused for good; the second arrives.
	h.emu.InjectError("sendMessage", 1, 400, "Bad Request: message is too long", 0)
	b := h.start()
	h.eventually("broadcast settled", func() bool {
		c := f.outboxStatuses(t)
		return c[store.OutboxFailed] == 1 && c[store.OutboxSent] == 1
	})
	var edits []flows.Message
	for _, u := range users {
		edits = append(edits, flows.Message{Action: flows.ActionEditText, ChatID: u.ID(), Text: "Cessata allerta", EditPostID: f.post.ID})
	}
	if err := flows.Enqueue(context.Background(), h.st, store.PriorityEmergency, edits...); err != nil {
		t.Fatal(err)
	}
	b.WakeSender()
	h.eventually("edits settled", func() bool {
		counts, _ := h.st.OutboxCounts(context.Background())
		return counts[store.OutboxPending] == 0 && counts[store.OutboxCancelled] == 1
	})
	if n := len(h.emu.RequestsFor("editMessageText")); n != 1 {
		t.Errorf("want one edit call, for the copy that exists; got %d", n)
	}
	var note string
	if err := f.db.QueryRow(`SELECT last_error FROM outbox WHERE status = ?`, store.OutboxCancelled).Scan(&note); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(note, "never reached") {
		t.Errorf("want a note saying why the edit was dropped, got %q", note)
	}
}

func TestPaidBroadcastOnlyWhenTheComuneEnabledItAndOnlyForWhatMayUseIt(t *testing.T) {
	for _, enabled := range []bool{false, true} {
		name := map[bool]string{false: "off", true: "on"}[enabled]
		t.Run(name, func(t *testing.T) {
			h := newHarness(t, withLimits())
			if enabled {
				h.cfg.Sender.Limits.PaidBroadcast = 300
			}
			users := newRecipients(t, h.emu, h.st, 8500, 40)
			alert := enqueueBroadcast(t, h.st, h.dbPath, users, store.PriorityEmergency, func(m *flows.Message) { m.PaidBroadcast = true })
			news := enqueueBroadcast(t, h.st, h.dbPath, users[:5], store.PriorityBulk, nil)
			h.start()
			h.eventually("both delivered", func() bool {
				a, _ := alert.delivered()
				n, _ := news.delivered()
				return a == len(users) && n == 5
			})
			for _, u := range users {
				for _, m := range u.BotMessages() {
					wantPaid := enabled && m.Text == alert.text
					if m.PaidBroadcast != wantPaid {
						t.Fatalf("chat %d, %q: allow_paid_broadcast %v, want %v", u.ID(), m.Text, m.PaidBroadcast, wantPaid)
					}
				}
			}
			if n := countCalls(h, "sendMessage", 429); n != 0 {
				t.Errorf("%d messages refused with 429", n)
			}
		})
	}
}

// A post with a photo is a caption in the citizen's chat: its update
// edits the caption.
func TestEmergencyUpdateEditsThePhotosCaption(t *testing.T) {
	h := newHarness(t)
	users := newRecipients(t, h.emu, h.st, 8600, 1)
	f := enqueueBroadcast(t, h.st, h.dbPath, users, store.PriorityEmergency, func(m *flows.Message) {
		m.Action, m.Photos = flows.ActionSendPhoto, []string{"https://comune.example.it/allerta.jpg"}
	})
	b := h.start()
	h.eventually("copy recorded", func() bool { return f.copiesRecorded(t) == 1 })
	edit := flows.Message{Action: flows.ActionEditText, ChatID: users[0].ID(), Text: "Cessata allerta", EditPostID: f.post.ID}
	if err := flows.Enqueue(context.Background(), h.st, store.PriorityEmergency, edit); err != nil {
		t.Fatal(err)
	}
	b.WakeSender()
	h.eventually("caption edited", func() bool {
		m := users[0].BotMessages()[0]
		return m.Edited && m.Caption == "Cessata allerta" && len(m.Photo) > 0
	})
	if n := len(h.emu.RequestsFor("editMessageCaption")); n != 1 {
		t.Errorf("want one caption edit, got %d", n)
	}
}
