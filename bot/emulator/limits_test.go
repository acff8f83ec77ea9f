package emulator

import (
	"testing"
)

func TestFloodLimits(t *testing.T) {
	send := func(h *harness, chatID int64) apiResponse {
		return h.call("sendMessage", map[string]any{"chat_id": chatID, "text": "ciao"})
	}
	t.Run("private chat: burst then 429", func(t *testing.T) {
		h := newHarness(t, Options{})
		h.s.User(42, "Anna", "it")
		h.s.User(43, "Bruno", "it")
		for i := 0; i < 5; i++ {
			mustOK[sentMessage](t, send(h, 42))
		}
		r := send(h, 42)
		wantError(t, r, 429, "Too Many Requests: retry after 1")
		if r.Parameters.RetryAfter != 1 {
			t.Fatalf("retry_after = %d", r.Parameters.RetryAfter)
		}
		mustOK[sentMessage](t, send(h, 43)) // another chat has its own bucket
		// Edits count too.
		wantError(t, h.call("editMessageText", map[string]any{"chat_id": 42, "message_id": 1, "text": "x"}), 429, "Too Many Requests: retry after 1")
		// Reading does not.
		mustOK[[]update](t, h.call("getUpdates", nil))
	})
	t.Run("group: per minute", func(t *testing.T) {
		h := newHarness(t, Options{Limits: Limits{PerGroupPerMinute: 3}})
		h.s.Group(-77, "Staff")
		for i := 0; i < 3; i++ {
			mustOK[sentMessage](t, send(h, -77))
		}
		r := send(h, -77)
		if r.ErrorCode != 429 || r.Parameters.RetryAfter < 15 || r.Parameters.RetryAfter > 20 {
			t.Fatalf("got %d retry_after %d, want 429 and about 20s", r.ErrorCode, r.Parameters.RetryAfter)
		}
	})
	t.Run("global", func(t *testing.T) {
		h := newHarness(t, Options{Limits: Limits{Global: 4}})
		for i := int64(1); i <= 4; i++ {
			h.s.User(i, "U", "it")
			mustOK[sentMessage](t, send(h, i))
		}
		h.s.User(5, "U", "it")
		wantError(t, send(h, 5), 429, "Too Many Requests: retry after 1")
	})
	t.Run("an album counts each item", func(t *testing.T) {
		h := newHarness(t, Options{Limits: Limits{PerChatBurst: 3}})
		h.s.User(42, "Anna", "it")
		media := `[{"type":"photo","media":"https://example.com/1.jpg"},{"type":"photo","media":"https://example.com/2.jpg"}]`
		mustOK[[]sentMessage](t, h.call("sendMediaGroup", map[string]any{"chat_id": 42, "media": media}))
		wantError(t, h.call("sendMediaGroup", map[string]any{"chat_id": 42, "media": media}), 429, "Too Many Requests: retry after 1")
	})
	t.Run("NoLimits", func(t *testing.T) {
		h := newHarness(t, Options{NoLimits: true})
		h.s.User(42, "Anna", "it")
		for i := 0; i < 100; i++ {
			mustOK[sentMessage](t, send(h, 42))
		}
	})
}
