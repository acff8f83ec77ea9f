package emulator

import "testing"

// A paid broadcast goes past the free global rate, up to its own, and
// still obeys each chat's limit.
func TestPaidBroadcastHasItsOwnOverallRate(t *testing.T) {
	h := newHarness(t, Options{Limits: Limits{Global: 3, PaidBroadcast: 6}})
	send := func(chatID int64, paid bool) apiResponse {
		p := map[string]any{"chat_id": chatID, "text": "allerta"}
		if paid {
			p["allow_paid_broadcast"] = true
		}
		return h.call("sendMessage", p)
	}
	for i := int64(1); i <= 10; i++ {
		h.s.User(i, "U", "it")
	}
	for i := int64(1); i <= 3; i++ {
		mustOK[sentMessage](t, send(i, false))
	}
	wantError(t, send(4, false), 429, "Too Many Requests: retry after 1")
	// The free rate is spent; the paid one is not.
	for i := int64(4); i <= 9; i++ {
		mustOK[sentMessage](t, send(i, true))
	}
	wantError(t, send(10, true), 429, "Too Many Requests: retry after 1")

	var paid int
	for i := int64(1); i <= 10; i++ {
		for _, m := range h.s.chats[i].messages {
			if m.PaidBroadcast {
				paid++
			}
		}
	}
	if paid != 6 {
		t.Errorf("want the 6 paid messages marked as such, got %d", paid)
	}
}

// The per-chat limit holds for paid broadcasts too.
func TestPaidBroadcastKeepsThePerChatLimit(t *testing.T) {
	h := newHarness(t, Options{Limits: Limits{PerChatBurst: 2}})
	h.s.User(42, "Anna", "it")
	p := map[string]any{"chat_id": 42, "text": "allerta", "allow_paid_broadcast": true}
	mustOK[sentMessage](t, h.call("sendMessage", p))
	mustOK[sentMessage](t, h.call("sendMessage", p))
	wantError(t, h.call("sendMessage", p), 429, "Too Many Requests: retry after 1")
}
