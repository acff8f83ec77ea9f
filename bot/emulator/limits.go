package emulator

import (
	"math"
	"time"
)

// bucket is a token bucket: capacity tokens, refilled at rate per second.
type bucket struct {
	tokens   float64
	capacity float64
	rate     float64
	last     time.Time
}

func newBucket(capacity, rate float64, now time.Time) *bucket {
	return &bucket{tokens: capacity, capacity: capacity, rate: rate, last: now}
}

func (b *bucket) refill(now time.Time) {
	if now.After(b.last) {
		b.tokens = math.Min(b.capacity, b.tokens+now.Sub(b.last).Seconds()*b.rate)
		b.last = now
	}
}

// wait is how long until n tokens are available; 0 when they are now.
func (b *bucket) wait(n float64, now time.Time) time.Duration {
	b.refill(now)
	n = math.Min(n, b.capacity) // an album larger than the bucket still passes once full
	if b.tokens >= n {
		return 0
	}
	return time.Duration((n - b.tokens) / b.rate * float64(time.Second))
}

func (b *bucket) take(n float64) { b.tokens -= math.Min(n, b.capacity) }

// limiter enforces Telegram's flood limits. It runs on the wall clock,
// not Options.Now, so that a frozen test clock cannot freeze the buckets.
type limiter struct {
	limits  Limits
	global  *bucket
	paid    *bucket // allow_paid_broadcast calls: Telegram's 1000 a second
	perChat map[int64]*bucket
}

func newLimiter(l Limits) *limiter {
	now := time.Now()
	return &limiter{limits: l, global: newBucket(l.Global, l.Global, now),
		paid: newBucket(l.PaidBroadcast, l.PaidBroadcast, now), perChat: map[int64]*bucket{}}
}

// allow takes n messages' worth of tokens for a chat, or returns the
// retry_after in whole seconds (at least 1) without taking anything.
func (l *limiter) allow(chatID int64, n int, paid bool) (bool, int) {
	if l == nil {
		return true, 0
	}
	now := time.Now()
	b := l.perChat[chatID]
	if b == nil {
		if chatID < 0 { // groups and supergroups
			per := float64(l.limits.PerGroupPerMinute)
			b = newBucket(per, per/60, now)
		} else {
			b = newBucket(float64(l.limits.PerChatBurst), l.limits.PerChatRefill, now)
		}
		if len(l.perChat) > 10_000 {
			l.gc(now)
		}
		l.perChat[chatID] = b
	}
	overall := l.global
	if paid {
		overall = l.paid
	}
	w := max(b.wait(float64(n), now), overall.wait(float64(n), now))
	if w > 0 {
		return false, max(1, int(math.Ceil(w.Seconds())))
	}
	b.take(float64(n))
	overall.take(float64(n))
	return true, 0
}

// gc forgets full buckets, which behave exactly like new ones.
func (l *limiter) gc(now time.Time) {
	for id, b := range l.perChat {
		b.refill(now)
		if b.tokens >= b.capacity {
			delete(l.perChat, id)
		}
	}
}

// checkLimitLocked applies the flood limits to a sending call; a paid
// broadcast counts against the paid rate instead of the global one.
func (s *Server) checkLimitLocked(chatID int64, n int, paid bool) *apiError {
	if ok, retry := s.limiter.allow(chatID, n, paid); !ok {
		return tooManyRequests(retry)
	}
	return nil
}
