package bot

import (
	"crypto/subtle"
	"io"
	"log/slog"
	"net/http"

	"github.com/campanile/campanile/store"
)

// maxUpdateSize bounds a webhook body: real updates are a few kilobytes.
const maxUpdateSize = 1 << 20

// WebhookHandler receives updates pushed by Telegram. It answers 200 only
// once the update is in the inbox: any other answer makes Telegram deliver
// it again, which is what we want if we could not store it.
func WebhookHandler(secret string, st *store.Store, onSaved func(), logger *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			w.Header().Set("Allow", http.MethodPost)
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		got := r.Header.Get("X-Telegram-Bot-Api-Secret-Token")
		if secret == "" || subtle.ConstantTimeCompare([]byte(got), []byte(secret)) != 1 {
			logger.Warn("webhook call refused: wrong or missing secret", "remote_addr", r.RemoteAddr)
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		raw, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxUpdateSize))
		if err != nil {
			http.Error(w, "body too large or unreadable", http.StatusRequestEntityTooLarge)
			return
		}
		u, err := inbound(raw)
		if err != nil {
			logger.Warn("webhook call refused: not an update", "error", err)
			http.Error(w, "not a Telegram update", http.StatusBadRequest)
			return
		}
		if err := st.SaveUpdates(r.Context(), []store.InboundUpdate{u}); err != nil {
			logger.Error("unable to store webhook update", "update_id", u.UpdateID, "error", err)
			http.Error(w, "try again", http.StatusServiceUnavailable)
			return
		}
		onSaved()
		w.WriteHeader(http.StatusOK)
	})
}
