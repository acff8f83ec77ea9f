package bot

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestWebhookRefusesWrongSecretAndMalformedUpdates(t *testing.T) {
	h := newHarness(t)
	handler := WebhookHandler("s3cret-token", h.st, func() {}, testLogger())
	valid := `{"update_id": 7001, "message": {"message_id": 1, "date": 1, "chat": {"id": 42, "type": "private"}, "from": {"id": 42, "is_bot": false, "first_name": "A"}, "text": "ciao"}}`
	cases := []struct {
		label, method, secret, body string
		want                        int
		stored                      int
	}{
		{"missing secret", http.MethodPost, "", valid, http.StatusUnauthorized, 0},
		{"wrong secret", http.MethodPost, "s3cret-tokeN", valid, http.StatusUnauthorized, 0},
		{"GET", http.MethodGet, "s3cret-token", "", http.StatusMethodNotAllowed, 0},
		{"not JSON", http.MethodPost, "s3cret-token", "<html>", http.StatusBadRequest, 0},
		{"no update id", http.MethodPost, "s3cret-token", `{"message": {}}`, http.StatusBadRequest, 0},
		{"wrong types", http.MethodPost, "s3cret-token", `{"update_id": "seven"}`, http.StatusBadRequest, 0},
		{"too large", http.MethodPost, "s3cret-token", `{"update_id": 7002, "x": "` + strings.Repeat("a", 2<<20) + `"}`, http.StatusRequestEntityTooLarge, 0},
		{"valid", http.MethodPost, "s3cret-token", valid, http.StatusOK, 1},
		{"valid again (Telegram retried)", http.MethodPost, "s3cret-token", valid, http.StatusOK, 1},
	}
	for _, c := range cases {
		t.Run(c.label, func(t *testing.T) {
			req := httptest.NewRequest(c.method, "/telegram", strings.NewReader(c.body))
			if c.secret != "" {
				req.Header.Set("X-Telegram-Bot-Api-Secret-Token", c.secret)
			}
			rec := httptest.NewRecorder()
			handler.ServeHTTP(rec, req)
			if rec.Code != c.want {
				t.Errorf("status %d, want %d", rec.Code, c.want)
			}
			if got := h.pending(); got != c.stored {
				t.Errorf("inbox holds %d updates, want %d", got, c.stored)
			}
		})
	}
}

func TestWebhookModeEndToEnd(t *testing.T) {
	h := newHarness(t)
	var hook http.Handler
	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hook.ServeHTTP(w, r) }))
	t.Cleanup(site.Close)
	h.cfg.WebhookURL = site.URL + "/telegram"
	h.cfg.WebhookSecret = "hook-secret_1"
	h.start(func(b *Bot) { hook = b.Webhook() })
	h.eventually("webhook registered", func() bool {
		for _, r := range h.emu.Requests() {
			if strings.EqualFold(r.Method, "setWebhook") && r.Status == http.StatusOK && r.Params["url"] == site.URL+"/telegram" {
				return true
			}
		}
		return false
	})
	u := h.emu.User(7003, "Vera", "de")
	u.Send("/start")
	welcome := expect(t, u, 1)[0]
	if !strings.Contains(welcome.Text, "Vera") {
		t.Errorf("welcome %q", welcome.Text)
	}
	if n := countCalls(h, "getUpdates", 0); n != 0 {
		t.Errorf("webhook mode must not poll, made %d getUpdates calls", n)
	}
}
