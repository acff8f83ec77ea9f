package bot

import (
	"context"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/time/rate"

	"github.com/campanile/campanile/flows"
	"github.com/campanile/campanile/store"
)

// SenderConfig tunes the one sender.
type SenderConfig struct {
	Limits Limits
	// Workers is how many Bot API calls may be in flight at once.
	Workers int
	// GiveUpAfter bounds retries of a message that keeps failing for
	// reasons not its own (an outage): after this long it ends as failed.
	GiveUpAfter time.Duration
}

func (c SenderConfig) withDefaults() SenderConfig {
	if c.Workers <= 0 {
		c.Workers = 16
	}
	if c.GiveUpAfter <= 0 {
		c.GiveUpAfter = 24 * time.Hour
	}
	return c
}

// Sender drains the outbox: every message to Telegram goes through here,
// so rate limits, retries, blocked citizens and crash recovery are one
// piece of code. A message is marked sent only after Telegram accepted it;
// a crash in between sends it again, never loses it.
type Sender struct {
	cfg     SenderConfig
	st      *store.Store
	api     deliverer
	log     *slog.Logger
	global  *rate.Limiter
	paid    *rate.Limiter // emergencies allowed Telegram's paid broadcast; nil when off
	perChat *chatLimiters

	wake       chan struct{}
	pauseUntil atomic.Int64 // unix ms; set by a 429

	mu            sync.Mutex
	inflight      map[int64]bool // outbox ids being sent or recorded
	inflightChats map[int64]bool // a chat's next message waits for the previous one
	// A read of the outbox that started before a result was committed can
	// still list that message as pending. readSeq numbers the reads and
	// finished remembers the read number current when each message was
	// released: a read not newer than that is stale for that message.
	readSeq  int64
	finished map[int64]int64
}

func newSender(cfg SenderConfig, st *store.Store, api deliverer, logger *slog.Logger) *Sender {
	cfg = cfg.withDefaults()
	return &Sender{
		cfg: cfg, st: st, api: api, log: logger,
		global:        cfg.Limits.globalLimiter(),
		paid:          cfg.Limits.paidLimiter(),
		perChat:       newChatLimiters(cfg.Limits),
		wake:          make(chan struct{}, 1),
		inflight:      map[int64]bool{},
		inflightChats: map[int64]bool{},
		finished:      map[int64]int64{},
	}
}

// Wake tells the sender there is something new in the outbox.
func (s *Sender) Wake() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

type job struct {
	item store.OutboxItem
	msg  flows.Message
}

// Run sends until ctx is done. Messages in flight when it stops are
// retried by the next run.
func (s *Sender) Run(ctx context.Context) error {
	jobs := make(chan job)
	results := make(chan store.OutboxResult, 4*s.cfg.Workers)
	var workers sync.WaitGroup
	for range s.cfg.Workers {
		workers.Add(1)
		go func() {
			defer workers.Done()
			for j := range jobs {
				results <- s.send(ctx, j)
			}
		}()
	}
	recorded := make(chan struct{})
	go func() {
		defer close(recorded)
		s.record(ctx, results)
	}()
	err := s.dispatch(ctx, jobs)
	close(jobs)
	workers.Wait()
	close(results)
	<-recorded
	return err
}

// dispatch hands due messages to the workers in priority order, keeping
// each chat's messages in order and within its limit.
func (s *Sender) dispatch(ctx context.Context, jobs chan<- job) error {
	for {
		if err := s.waitPause(ctx); err != nil {
			return nil
		}
		now := time.Now()
		s.mu.Lock()
		s.readSeq++
		read := s.readSeq
		for id, at := range s.finished {
			if at < read-1 {
				// Released before the previous read began: that read, and
				// every later one, saw its result.
				delete(s.finished, id)
			}
		}
		s.mu.Unlock()
		items, err := s.st.DueOutbox(ctx, now.UnixMilli(), 512)
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			s.log.Error("unable to read the outbox", "error", err)
			if !sleep(ctx, time.Second) {
				return nil
			}
			continue
		}
		readAt := time.Now()
		sent, nextTry := 0, time.Duration(0)
		skipped := map[int64]bool{}
		for _, it := range items {
			if s.pauseUntil.Load() > time.Now().UnixMilli() {
				break
			}
			if time.Since(readAt) > maxReadAge {
				// Held back by the global rate: read again, so that a
				// cancelled broadcast stops and an emergency enqueued
				// meanwhile overtakes the bulk.
				break
			}
			msg, err := flows.DecodeMessage(it.Payload)
			// The outbox row is authoritative: a group migration moves it.
			msg.ChatID = it.ChatID
			if err != nil {
				msg = flows.Message{Action: "undecodable"}
			}
			ok, wait := s.claim(it, read, countsAgainstChatLimit(msg), skipped)
			if !ok {
				if wait > 0 && (nextTry == 0 || wait < nextTry) {
					nextTry = wait
				}
				continue
			}
			if lim := s.limiterFor(&msg); lim != nil {
				if err := lim.Wait(ctx); err != nil {
					return nil
				}
			}
			select {
			case jobs <- job{item: it, msg: msg}:
				sent++
			case <-ctx.Done():
				return nil
			}
		}
		if sent > 0 && len(items) > 0 {
			continue // there may be more right away
		}
		if !s.idle(ctx, nextTry) {
			return nil
		}
	}
}

// maxReadAge bounds how long the sender works from one read of the
// outbox. Only the global rate makes a read last: without limits a read
// of 512 items is gone in a fraction of a second.
const maxReadAge = 500 * time.Millisecond

// limiterFor picks the overall rate a message obeys: the paid broadcast's
// for an emergency that may use it when the comune enabled it, Telegram's
// free 30 a second otherwise (and then the message does not ask for the
// paid broadcast, which would cost Stars).
func (s *Sender) limiterFor(msg *flows.Message) *rate.Limiter {
	if msg.PaidBroadcast && s.cfg.Limits.paidEnabled() {
		return s.paid
	}
	msg.PaidBroadcast = false
	return s.global
}

// claim decides whether an item may go now. A chat with a message in
// flight, or one skipped earlier in this round, is skipped so that its
// messages keep their order.
func (s *Sender) claim(it store.OutboxItem, read int64, limited bool, skipped map[int64]bool) (bool, time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if at, ok := s.finished[it.ID]; ok {
		if read <= at {
			return false, 0 // already sent; this read is older than its result
		}
		delete(s.finished, it.ID) // a retry: due again
	}
	if s.inflight[it.ID] || s.inflightChats[it.ChatID] || skipped[it.ChatID] {
		skipped[it.ChatID] = true
		return false, 0
	}
	if limited {
		if ok, wait := s.perChat.reserve(it.ChatID, time.Now()); !ok {
			skipped[it.ChatID] = true
			return false, wait
		}
	}
	s.inflight[it.ID] = true
	s.inflightChats[it.ChatID] = true
	return true, 0
}

// countsAgainstChatLimit tells whether a message counts against the
// per-chat limit: new messages do, edits and callback answers do not (as
// at Telegram).
func countsAgainstChatLimit(m flows.Message) bool {
	return m.Action != flows.ActionEditText && m.Action != flows.ActionEditButtons && m.Action != flows.ActionAnswerCallback
}

func (s *Sender) release(r store.OutboxResult) {
	s.mu.Lock()
	s.finished[r.ID] = s.readSeq
	delete(s.inflight, r.ID)
	delete(s.inflightChats, r.ChatID)
	s.mu.Unlock()
}

// idle waits for a wake-up, for the next message to become due, or for a
// chat limit to free up, whichever comes first.
func (s *Sender) idle(ctx context.Context, nextTry time.Duration) bool {
	wait := 2 * time.Second
	if nextTry > 0 && nextTry < wait {
		wait = nextTry
	}
	if due, err := s.st.NextOutboxDueMs(ctx); err == nil && due > 0 {
		if d := time.Until(time.UnixMilli(due)); d < wait {
			wait = max(d, 5*time.Millisecond)
		}
	}
	t := time.NewTimer(wait)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-s.wake:
	case <-t.C:
	}
	return true
}

func (s *Sender) waitPause(ctx context.Context) error {
	until := s.pauseUntil.Load()
	if d := time.Until(time.UnixMilli(until)); d > 0 {
		s.log.Warn("sending paused by Telegram's rate limit", "seconds", d.Seconds())
		if !sleep(ctx, d) {
			return ctx.Err()
		}
	}
	return nil
}

func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}
