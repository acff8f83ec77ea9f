package bot

import (
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Limits are how fast the sender writes. Telegram allows about 30
// messages a second overall, one a second per chat with short bursts, and
// 20 a minute per group; the defaults stay a little below so that network
// jitter never turns into a 429.
type Limits struct {
	// Global is messages per second across all chats; 0 means no limit.
	Global float64
	// PerChatBurst messages may go to one private chat at once, then one
	// every PerChatEvery.
	PerChatBurst int
	PerChatEvery time.Duration
	// PerGroupPerMinute is the limit for group chats.
	PerGroupPerMinute int
	// PaidBroadcast is messages per second for emergencies that may use
	// Telegram's paid broadcast (allow_paid_broadcast, 0.1 Stars each,
	// up to 1000 a second); 0, the default, keeps them at Global.
	PaidBroadcast float64
	// Off disables every limit, for benchmarks against the emulator.
	Off bool
}

// MaxPaidBroadcast is Telegram's ceiling for paid broadcasts.
const MaxPaidBroadcast = 1000

func (l Limits) paidEnabled() bool { return l.PaidBroadcast > 0 }

// paidLimiter returns the limiter for paid broadcasts, nil for none.
func (l Limits) paidLimiter() *rate.Limiter {
	if l.Off || !l.paidEnabled() {
		return nil
	}
	r := min(l.PaidBroadcast, MaxPaidBroadcast)
	return rate.NewLimiter(rate.Limit(r), max(1, int(r/10)))
}

// DefaultLimits are safe against Telegram's published limits.
func DefaultLimits() Limits {
	return Limits{Global: 25, PerChatBurst: 3, PerChatEvery: time.Second, PerGroupPerMinute: 18}
}

// chatLimiters keeps one token bucket per chat, created on first use and
// forgotten when full again, so a broadcast to 100 000 chats does not
// leave 100 000 limiters behind.
type chatLimiters struct {
	limits   Limits
	mu       sync.Mutex
	limiters map[int64]*rate.Limiter
	lastGC   time.Time
}

func newChatLimiters(l Limits) *chatLimiters {
	return &chatLimiters{limits: l, limiters: map[int64]*rate.Limiter{}}
}

// reserve takes a token for chatID if one is free now; otherwise it
// returns how long until one is.
func (c *chatLimiters) reserve(chatID int64, now time.Time) (bool, time.Duration) {
	if c.limits.Off {
		return true, 0
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if now.Sub(c.lastGC) > time.Minute {
		c.gc(now)
	}
	lim, ok := c.limiters[chatID]
	if !ok {
		lim = c.newLimiter(chatID)
		c.limiters[chatID] = lim
	}
	r := lim.ReserveN(now, 1)
	if !r.OK() {
		return false, time.Second
	}
	if d := r.DelayFrom(now); d > 0 {
		r.CancelAt(now)
		return false, d
	}
	return true, 0
}

func (c *chatLimiters) newLimiter(chatID int64) *rate.Limiter {
	if chatID < 0 { // groups and supergroups have negative ids
		per := c.limits.PerGroupPerMinute
		if per < 1 {
			per = 1
		}
		return rate.NewLimiter(rate.Every(time.Minute/time.Duration(per)), per)
	}
	burst := c.limits.PerChatBurst
	if burst < 1 {
		burst = 1
	}
	every := c.limits.PerChatEvery
	if every <= 0 {
		every = time.Second
	}
	return rate.NewLimiter(rate.Every(every), burst)
}

func (c *chatLimiters) gc(now time.Time) {
	c.lastGC = now
	for id, lim := range c.limiters {
		if lim.TokensAt(now) >= float64(lim.Burst()) {
			delete(c.limiters, id)
		}
	}
}

// globalLimiter returns the limiter for all chats together, nil for none.
func (l Limits) globalLimiter() *rate.Limiter {
	if l.Off || l.Global <= 0 {
		return nil
	}
	burst := int(l.Global)
	if burst < 1 {
		burst = 1
	}
	return rate.NewLimiter(rate.Limit(l.Global), burst)
}
