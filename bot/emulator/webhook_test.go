package emulator

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// hookRecorder is a bot's webhook endpoint that fails the first failures
// deliveries and records everything it is sent.
type hookRecorder struct {
	mu       sync.Mutex
	failures int
	secrets  []string
	accepted []update
	attempts int
}

func (rec *hookRecorder) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	rec.mu.Lock()
	defer rec.mu.Unlock()
	rec.attempts++
	rec.secrets = append(rec.secrets, r.Header.Get("X-Telegram-Bot-Api-Secret-Token"))
	if rec.failures > 0 {
		rec.failures--
		http.Error(w, "try later", http.StatusServiceUnavailable)
		return
	}
	var u update
	_ = json.Unmarshal(body, &u)
	rec.accepted = append(rec.accepted, u)
}

func (rec *hookRecorder) snapshot() (accepted []update, attempts int, secrets []string) {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return append([]update(nil), rec.accepted...), rec.attempts, append([]string(nil), rec.secrets...)
}

func TestWebhookDelivery(t *testing.T) {
	h := newHarness(t, Options{})
	rec := &hookRecorder{failures: 2}
	hook := httptest.NewServer(rec)
	defer hook.Close()

	u := h.s.User(42, "Anna", "it")
	u.Send("uno") // queued before the webhook: delivered too
	r := h.call("setWebhook", map[string]any{"url": hook.URL + "/hook", "secret_token": "s3cret_-X"})
	if !mustOK[bool](t, r) || r.Description != "Webhook was set" {
		t.Fatalf("setWebhook: %+v", r)
	}
	u.Send("due")
	u.Send("tre")

	err := h.s.WaitFor(ctxT(t), func() bool {
		accepted, _, _ := rec.snapshot()
		return len(accepted) == 3
	})
	if err != nil {
		t.Fatal(err)
	}
	accepted, attempts, secrets := rec.snapshot()
	var texts []string
	for _, a := range accepted {
		texts = append(texts, a.Message.Text)
	}
	if strings.Join(texts, ",") != "uno,due,tre" {
		t.Errorf("delivered %v, want uno,due,tre in order", texts)
	}
	if attempts != 5 {
		t.Errorf("attempts = %d, want 2 failures + 3 deliveries", attempts)
	}
	for _, s := range secrets {
		if s != "s3cret_-X" {
			t.Fatalf("secret header = %q", s)
		}
	}

	var info webhookInfo
	if err := h.s.WaitFor(ctxT(t), func() bool {
		info = mustOK[webhookInfo](t, h.call("getWebhookInfo", nil))
		return info.PendingUpdateCount == 0
	}); err != nil {
		t.Fatal(err)
	}
	if info.URL != hook.URL+"/hook" || info.LastErrorDate == 0 || !strings.Contains(info.LastErrorMessage, "503") {
		t.Errorf("getWebhookInfo = %+v", info)
	}
}

func TestWebhookKeepsUpdatesUntilAcknowledged(t *testing.T) {
	h := newHarness(t, Options{})
	rec := &hookRecorder{failures: 1 << 30}
	hook := httptest.NewServer(rec)
	defer hook.Close()
	mustOK[bool](t, h.call("setWebhook", map[string]any{"url": hook.URL}))
	h.s.User(42, "Anna", "it").Send("ciao")
	if err := h.s.WaitFor(ctxT(t), func() bool { _, n, _ := rec.snapshot(); return n >= 2 }); err != nil {
		t.Fatal(err)
	}
	info := mustOK[webhookInfo](t, h.call("getWebhookInfo", nil))
	if info.PendingUpdateCount != 1 {
		t.Fatalf("pending = %d, want the refused update kept", info.PendingUpdateCount)
	}
	// Switching to polling hands the same update over.
	r := h.call("deleteWebhook", nil)
	if !mustOK[bool](t, r) || r.Description != "Webhook was deleted" {
		t.Fatalf("deleteWebhook: %+v", r)
	}
	if got := h.updates(nil); len(got) != 1 || got[0].Message.Text != "ciao" {
		t.Fatalf("getUpdates after deleteWebhook = %+v", got)
	}
}

func TestSetWebhookValidation(t *testing.T) {
	h := newHarness(t, Options{})
	tests := []struct {
		name   string
		params map[string]any
		want   string
	}{
		{"not a URL", map[string]any{"url": "ftp://example.com"}, "Bad Request: bad webhook: An HTTPS URL must be provided for webhook"},
		{"secret with a space", map[string]any{"url": "https://example.com", "secret_token": "a b"}, "Bad Request: secret token contains unallowed characters"},
		{"secret too long", map[string]any{"url": "https://example.com", "secret_token": strings.Repeat("a", 257)}, "Bad Request: secret token contains unallowed characters"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantError(t, h.call("setWebhook", tt.params), 400, tt.want)
		})
	}
	t.Run("drop_pending_updates", func(t *testing.T) {
		h.s.User(42, "Anna", "it").Send("old")
		mustOK[bool](t, h.call("setWebhook", map[string]any{"url": "https://example.invalid/x", "drop_pending_updates": true}))
		if info := mustOK[webhookInfo](t, h.call("getWebhookInfo", nil)); info.PendingUpdateCount != 0 {
			t.Fatalf("pending = %d after drop_pending_updates", info.PendingUpdateCount)
		}
	})
}
