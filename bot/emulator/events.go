package emulator

import (
	"context"
	"time"
)

// Event kinds.
const (
	EventMessage        = "message"         // a message was sent, by the bot or a person
	EventEdit           = "edit"            // a message changed (text, caption, keyboard)
	EventDelete         = "delete"          // a message was deleted
	EventCallback       = "callback"        // a person pressed a button
	EventCallbackAnswer = "callback_answer" // the bot answered a press
	EventMember         = "member"          // a user blocked or unblocked the bot
)

// Event is one change, for a playground page that streams the chats.
type Event struct {
	Seq     int
	Time    time.Time
	ChatID  int64
	Kind    string
	Message Message         // the message concerned, in its state then
	Answer  *CallbackAnswer // for callback_answer
}

// eventLog keeps the most recent events.
type eventLog struct {
	items []Event
	seq   int
	max   int
}

func (s *Server) emitLocked(kind string, chatID int64, m *Message, answer *CallbackAnswer) {
	s.events.seq++
	ev := Event{Seq: s.events.seq, Time: s.now(), ChatID: chatID, Kind: kind, Answer: answer}
	if m != nil {
		ev.Message = *m
	}
	s.events.items = append(s.events.items, ev)
	// Trim in chunks, so that a full log does not copy on every event.
	if n := len(s.events.items); n > s.events.max+s.events.max/4 {
		s.events.items = append([]Event(nil), s.events.items[n-s.events.max:]...)
	}
	s.touchLocked()
}

// Events returns the events after since (0 for all that are kept) and
// the sequence number to pass next time.
func (s *Server) Events(since int) ([]Event, int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	items := s.events.items
	if len(items) > s.events.max {
		items = items[len(items)-s.events.max:]
	}
	// Sequence numbers are consecutive, so the start is arithmetic.
	start := 0
	if len(items) > 0 {
		start = min(max(since-items[0].Seq+1, 0), len(items))
	}
	return append([]Event(nil), items[start:]...), s.events.seq
}

// Changed returns a channel closed at the next state change: a message
// sent, edited or deleted, a callback answered, an update queued or
// delivered, an API call logged.
func (s *Server) Changed() <-chan struct{} {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.changed
}

// waitRecheck is how often WaitFor re-checks its condition without a
// change: conditions may look at state outside the emulator (the bot's
// own database), which no change here announces.
const waitRecheck = 20 * time.Millisecond

// WaitFor waits until cond holds or ctx ends. cond runs without the
// server's lock, so it may call any driver method; it is re-checked at
// every change of the emulator and at least every 20ms.
func (s *Server) WaitFor(ctx context.Context, cond func() bool) error {
	tick := time.NewTicker(waitRecheck)
	defer tick.Stop()
	for {
		ch := s.Changed() // taken before cond, so no change slips between
		if cond() {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-ch:
		case <-tick.C:
		}
	}
}

// polling reports whether a getUpdates long poll is waiting; tests use
// it to start a second poller at the right moment.
func (s *Server) polling() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.pollCancel != nil
}
