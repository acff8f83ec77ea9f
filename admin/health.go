package admin

import (
	"context"
	"encoding/json"
	"net/http"
	"time"
)

// healthReport is what the IT office's monitoring reads: is the database
// answering, and is work piling up (updates not handled, messages not
// sent)?
type healthReport struct {
	Status         string         `json:"status"`
	PendingUpdates int            `json:"pending_updates"`
	Outbox         map[string]int `json:"outbox"`
	Error          string         `json:"error,omitempty"`
}

func (s *Server) healthHandler() http.HandlerFunc { return s.health }

func (s *Server) health(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 5*time.Second)
	defer cancel()
	rep, err := s.collectHealth(ctx)
	code := http.StatusOK
	if err != nil {
		s.log.Error("health check failed", "error", err)
		rep.Status, rep.Error = "unavailable", "database unavailable"
		code = http.StatusServiceUnavailable
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(rep)
}

func (s *Server) collectHealth(ctx context.Context) (healthReport, error) {
	rep := healthReport{Status: "ok", Outbox: map[string]int{}}
	if err := s.st.Ping(ctx); err != nil {
		return rep, err
	}
	n, err := s.st.CountPendingUpdates(ctx)
	if err != nil {
		return rep, err
	}
	rep.PendingUpdates = n
	counts, err := s.st.OutboxCounts(ctx)
	if err != nil {
		return rep, err
	}
	rep.Outbox = counts
	return rep, nil
}
