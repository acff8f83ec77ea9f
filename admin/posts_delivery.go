package admin

import (
	"context"
	"math"
	"time"

	"github.com/campanile/campanile/store"
)

// defaultBroadcastRate is the sender's rate when the admin is not told.
const defaultBroadcastRate = 25

// deliveryView is a broadcast's progress: the figures, how far along, and
// how long the rest takes at the sender's rate.
type deliveryView struct {
	store.DeliveryStats
	Done, Percent int
	SecondsLeft   int
	TimeLeft      string
	ByZone        bool
}

func (s *Server) deliveryOf(ctx context.Context, post store.Post) (*deliveryView, error) {
	st, err := s.st.PostDeliveryStats(ctx, post.ID)
	if err != nil {
		return nil, err
	}
	d := &deliveryView{DeliveryStats: st, Done: st.Recipients - st.Pending}
	if st.Recipients > 0 {
		d.Percent = d.Done * 100 / st.Recipients
	}
	rate := s.opt.BroadcastRate
	if rate <= 0 {
		rate = defaultBroadcastRate
	}
	// An estimate: other traffic shares the rate, and a 429 pauses all.
	d.SecondsLeft = int(math.Ceil(float64(st.Pending) / rate))
	// Alerts are followed zone by zone, as civil protection works.
	d.ByZone = post.Kind == store.PostAlert && len(st.Zones) > 0
	return d, nil
}

// timeLeft says a number of seconds as a clerk reads it.
func timeLeft(p page, seconds int) string {
	d := time.Duration(seconds) * time.Second
	switch {
	case seconds <= 0:
		return ""
	case d < time.Minute:
		return p.T("admin.posts.left_seconds", "N", seconds)
	case d < time.Hour:
		return p.T("admin.posts.left_minutes", "N", int(math.Ceil(d.Minutes())))
	}
	return p.T("admin.posts.left_hours", "H", int(d.Hours()), "M", int(d.Minutes())%60)
}
