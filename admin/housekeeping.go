package admin

import (
	"context"
	"time"
)

// How often the admin's housekeeping runs, and how long sign-in attempts
// (with their IP addresses) are kept.
const (
	housekeepingEvery = 10 * time.Minute
	signInRetention   = 90 * 24 * time.Hour
)

// Run does the admin's housekeeping until ctx ends: expired sessions are
// deleted (a stolen cookie of an expired session is refused anyway; this
// keeps the table small and the sessions list honest) and old sign-in
// attempts are forgotten.
func (s *Server) Run(ctx context.Context) error {
	t := time.NewTicker(housekeepingEvery)
	defer t.Stop()
	for {
		s.sweep(ctx)
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
		}
	}
}

// sweep runs one round of housekeeping and says what it deleted; a
// failure is logged and retried at the next round.
func (s *Server) sweep(ctx context.Context) (sessions, signins int) {
	var err error
	sessions, err = s.st.DeleteExpiredStaffSessions(ctx, s.opt.IdleTimeout)
	if err != nil {
		s.log.Error("unable to delete expired staff sessions", "error", err)
	}
	signins, err = s.st.PruneStaffSignIns(ctx, s.st.Now().Add(-signInRetention).Unix())
	if err != nil {
		s.log.Error("unable to prune staff sign-ins", "error", err)
	}
	if sessions > 0 || signins > 0 {
		s.log.Info("admin housekeeping", "expired_sessions", sessions, "old_signins", signins)
	}
	return sessions, signins
}
