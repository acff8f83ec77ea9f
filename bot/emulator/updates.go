package emulator

import (
	"encoding/json"
	"strconv"
	"time"
)

// queuedUpdate is an Update rendered when it happened, so later edits of
// the message do not rewrite history.
type queuedUpdate struct {
	id   int64
	kind string // "message", "edited_message", "callback_query", ...
	raw  json.RawMessage
}

// updateQueue holds unconfirmed updates, for getUpdates and the webhook.
type updateQueue struct {
	items  []queuedUpdate
	nextID int64
	// allowed is the remembered allowed_updates; nil means Telegram's
	// default (everything but chat_member and the reaction updates).
	allowed map[string]bool
}

const maxQueuedUpdates = 100_000

// Update ids start far from 1 so that a bot assuming small ids fails.
func newUpdateQueue(first int64) updateQueue {
	if first <= 0 {
		first = 100001
	}
	return updateQueue{nextID: first}
}

var notDefaultUpdates = map[string]bool{"chat_member": true, "message_reaction": true, "message_reaction_count": true}

func (q *updateQueue) isAllowed(kind string) bool {
	if q.allowed == nil {
		return !notDefaultUpdates[kind]
	}
	return q.allowed[kind]
}

func (q *updateQueue) setAllowed(kinds []string) {
	if len(kinds) == 0 {
		q.allowed = nil
		return
	}
	q.allowed = map[string]bool{}
	for _, k := range kinds {
		q.allowed[k] = true
	}
}

// pending drops updates the bot does not want and returns the rest.
func (q *updateQueue) pending() []queuedUpdate {
	kept := q.items[:0]
	for _, u := range q.items {
		if q.isAllowed(u.kind) {
			kept = append(kept, u)
		}
	}
	clear(q.items[len(kept):])
	q.items = kept
	return q.items
}

// confirm forgets what the bot has seen: ids below a positive offset, or
// everything but the last -offset updates for a negative one.
func (q *updateQueue) confirm(offset int64) {
	items := q.pending()
	switch {
	case offset > 0:
		i := 0
		for i < len(items) && items[i].id < offset {
			i++
		}
		q.items = append([]queuedUpdate(nil), items[i:]...)
	case offset < 0:
		keep := int64(len(items))
		if -offset < keep {
			keep = -offset
		}
		q.items = append([]queuedUpdate(nil), items[int64(len(items))-keep:]...)
	}
}

func (q *updateQueue) drop(id int64) {
	for i, u := range q.items {
		if u.id == id {
			q.items = append(q.items[:i:i], q.items[i+1:]...)
			return
		}
	}
}

// enqueueLocked records an update of the given kind and wakes pollers and
// the webhook.
func (s *Server) enqueueLocked(kind string, payload any) {
	body, err := json.Marshal(payload)
	if err != nil {
		s.log.Error("unable to encode update", "kind", kind, "error", err)
		return
	}
	id := s.updates.nextID
	s.updates.nextID++
	raw := []byte(`{"update_id":` + strconv.FormatInt(id, 10) + `,"` + kind + `":`)
	raw = append(append(raw, body...), '}')
	s.updates.items = append(s.updates.items, queuedUpdate{id: id, kind: kind, raw: raw})
	// Telegram keeps unconfirmed updates for 24 hours; a playground left
	// without a bot must not grow forever either.
	if n := len(s.updates.items); n > maxQueuedUpdates+maxQueuedUpdates/4 {
		s.updates.items = append([]queuedUpdate(nil), s.updates.items[n-maxQueuedUpdates:]...)
	}
	s.touchLocked()
}

func (s *Server) getUpdates(c *call) (any, *apiError) {
	offset, _, e := c.int64("offset")
	if e != nil {
		return nil, e
	}
	limit, hasLimit, e := c.int("limit")
	if e != nil {
		return nil, e
	}
	if !hasLimit {
		limit = 100
	}
	limit = min(max(limit, 1), 100)
	timeoutSec, _, e := c.int("timeout")
	if e != nil {
		return nil, e
	}
	var allowed []string
	hasAllowed, e := c.json("allowed_updates", &allowed, "can't parse allowed updates")
	if e != nil {
		return nil, e
	}
	wait := min(time.Duration(max(timeoutSec, 0))*time.Second, s.opts.MaxPollTimeout)

	s.mu.Lock()
	if s.webhook.url != "" {
		s.mu.Unlock()
		return nil, conflict(errConflictWebhook)
	}
	if hasAllowed {
		s.updates.setAllowed(allowed)
	}
	s.updates.confirm(offset)
	// A second poller terminates the first, as Telegram does.
	if s.pollCancel != nil {
		close(s.pollCancel)
	}
	mine := make(chan struct{})
	s.pollCancel = mine
	s.touchLocked() // WaitFor(polling) observers
	defer func() {
		if s.pollCancel == mine {
			s.pollCancel = nil
		}
		s.mu.Unlock()
	}()

	timer := time.NewTimer(wait)
	defer timer.Stop()
	for {
		items := s.updates.pending()
		if len(items) > 0 || wait <= 0 || s.closed {
			out := make([]json.RawMessage, 0, min(len(items), limit))
			for _, u := range items[:min(len(items), limit)] {
				out = append(out, u.raw)
			}
			return out, nil
		}
		changed := s.changed
		s.mu.Unlock()
		select {
		case <-changed:
		case <-mine:
			s.mu.Lock()
			return nil, conflict(errConflictPolling)
		case <-timer.C:
			wait = 0
		case <-c.ctx.Done():
			wait = 0
		case <-s.ctx.Done():
			wait = 0
		}
		s.mu.Lock()
		if s.webhook.url != "" {
			return nil, conflict(errConflictWebhook)
		}
	}
}
