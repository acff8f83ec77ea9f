package admin

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/campanile/campanile/store"
)

// A session left idle past the timeout is deleted by the sweep (and its
// cookie no longer opens a page); sign-in attempts older than the
// retention are forgotten, recent ones kept.
func TestHousekeepingDeletesExpiredSessionsAndOldSignIns(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	c, _ := h.signedInClient(h.account("anna", store.RoleAdmin, "a long enough password", false))
	if err := h.st.RecordSignIn(ctx, store.SignInAttempt{Username: "old", IP: "192.0.2.1"}); err != nil {
		t.Fatal(err)
	}
	if sessions, signins := h.s.sweep(ctx); sessions != 0 || signins != 0 {
		t.Fatalf("fresh sweep deleted %d sessions and %d sign-ins", sessions, signins)
	}
	if resp, _ := h.get(c, "/admin/"); resp.StatusCode != http.StatusOK {
		t.Fatalf("live session refused: %d", resp.StatusCode)
	}

	later := time.Now().Add(h.s.opt.IdleTimeout + time.Minute)
	h.st.SetClock(func() time.Time { return later })
	if sessions, signins := h.s.sweep(ctx); sessions != 1 || signins != 0 {
		t.Fatalf("after the idle timeout: %d sessions and %d sign-ins deleted", sessions, signins)
	}
	h.st.SetClock(time.Now)
	if resp, _ := h.get(c, "/admin/"); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("swept session still opens the dashboard: %d", resp.StatusCode)
	}

	h.st.SetClock(func() time.Time { return time.Now().Add(signInRetention + time.Hour) })
	if _, signins := h.s.sweep(ctx); signins != 1 {
		t.Fatalf("%d sign-ins pruned after the retention, want the one attempt", signins)
	}
}
