package bot

import (
	"context"
	"time"

	"github.com/campanile/campanile/store"
)

// record writes verdicts to the store in batches: one transaction per
// batch keeps the sender fast, and a message leaves the in-flight set only
// once its verdict is durable, so it cannot be picked up twice.
func (s *Sender) record(ctx context.Context, results <-chan store.OutboxResult) {
	// The last verdicts must be written even while shutting down.
	ctx = context.WithoutCancel(ctx)
	batch := make([]store.OutboxResult, 0, 256)
	flush := func() {
		if len(batch) == 0 {
			return
		}
		for {
			err := s.st.RecordOutboxResults(ctx, batch)
			if err == nil {
				break
			}
			s.log.Error("unable to record delivery results, retrying", "count", len(batch), "error", err)
			time.Sleep(time.Second)
		}
		for _, r := range batch {
			if r.Status == store.OutboxBlocked {
				s.blocked(ctx, r)
			}
			if r.MigrateTo != 0 {
				s.migrated(ctx, r)
			}
			s.release(r)
		}
		batch = batch[:0]
		s.Wake()
	}
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case r, ok := <-results:
			if !ok {
				flush()
				return
			}
			batch = append(batch, r)
			if len(batch) == cap(batch) {
				flush()
			}
		case <-tick.C:
			flush()
		}
	}
}

// blocked marks an unreachable citizen inactive, and with them every
// message still waiting for their chat.
func (s *Sender) blocked(ctx context.Context, r store.OutboxResult) {
	if r.ChatID < 0 {
		// A group, most likely the staff group: a configuration problem
		// for the IT office, not a citizen's choice. Reports stay in the
		// admin either way.
		s.log.Error("group unreachable: check CAMPANILE_STAFF_CHAT_ID and that the bot is a member of the group", "chat_id", r.ChatID, "reason", r.Error)
	}
	if _, err := s.st.DeactivateChat(ctx, r.ChatID, "blocked"); err != nil {
		s.log.Error("unable to mark chat inactive", "chat_id", r.ChatID, "error", err)
	}
	n, err := s.st.AbandonChat(ctx, r.ChatID)
	if err != nil {
		s.log.Error("unable to drop messages of unreachable chat", "chat_id", r.ChatID, "error", err)
	}
	s.log.Info("chat unreachable, citizen marked inactive", "chat_id", r.ChatID, "dropped", n, "reason", r.Error)
}

// migrated follows a group that became a supergroup, staff group above all.
func (s *Sender) migrated(ctx context.Context, r store.OutboxResult) {
	if err := s.st.MigrateChat(ctx, r.ChatID, r.MigrateTo); err != nil {
		s.log.Error("unable to follow group migration", "chat_id", r.ChatID, "new_chat_id", r.MigrateTo, "error", err)
		return
	}
	s.log.Warn("group upgraded to a supergroup: following its new id; update CAMPANILE_STAFF_CHAT_ID when convenient", "chat_id", r.ChatID, "new_chat_id", r.MigrateTo)
}
