package bot

import (
	"context"
	"errors"
	"math/rand/v2"
	"time"

	"github.com/campanile/campanile/store"
)

// send performs one message and turns the outcome into a verdict.
func (s *Sender) send(ctx context.Context, j job) store.OutboxResult {
	r := store.OutboxResult{ID: j.item.ID, ChatID: j.item.ChatID, PostID: j.item.PostID}
	if j.msg.EditPostID != 0 {
		var done bool
		if j.msg, done = s.findPostCopy(ctx, j, &r); done {
			return r
		}
	}
	ids, err := s.api.deliver(ctx, j.msg)
	v, retryAfter := classify(err)
	if err != nil && ctx.Err() != nil && errors.Is(err, context.Canceled) {
		// Shutting down: leave the message pending for the next run.
		v = verdictTransient
	}
	switch v {
	case verdictSent:
		r.Status = store.OutboxSent
		for _, id := range ids {
			r.LinkMessageIDs = append(r.LinkMessageIDs, int64(id))
		}
		if len(ids) > 0 {
			r.MessageID = int64(ids[0])
		}
		r.LinkReportID, r.LinkCard = j.msg.ReportID, j.msg.ReportCard
		if j.msg.Pin && len(ids) > 0 {
			s.pin(ctx, j.item.ChatID, ids[0])
		}
	case verdictRateLimited:
		until := time.Now().Add(time.Duration(retryAfter) * time.Second)
		s.pauseUntil.Store(until.UnixMilli())
		r.Status, r.RetryAtMs, r.Error = store.OutboxPending, until.UnixMilli(), err.Error()
		s.log.Warn("telegram rate limit", "retry_after", retryAfter, "chat_id", j.item.ChatID)
	case verdictMigrated:
		// Retry at once: recording the result moves this chat's waiting
		// messages, this one included, to the supergroup.
		r.Status, r.Error = store.OutboxPending, err.Error()
		r.MigrateTo, _ = migratedTo(err)
	case verdictBlocked:
		r.Status, r.Error = store.OutboxBlocked, err.Error()
	case verdictPermanent:
		r.Status, r.Error = store.OutboxFailed, err.Error()
		s.log.Error("message refused by telegram", "outbox_id", j.item.ID, "chat_id", j.item.ChatID, "error", err)
	case verdictTransient:
		age := time.Since(time.Unix(j.item.CreatedAt, 0))
		if age > s.cfg.GiveUpAfter {
			r.Status, r.Error = store.OutboxFailed, err.Error()
			s.log.Error("giving up on message", "outbox_id", j.item.ID, "chat_id", j.item.ChatID, "attempts", j.item.Attempts+1, "error", err)
			break
		}
		r.Status, r.Error, r.CountAttempt = store.OutboxPending, err.Error(), true
		r.RetryAtMs = time.Now().Add(backoff(j.item.Attempts)).UnixMilli()
		if ctx.Err() == nil {
			s.log.Warn("message delivery failed, will retry", "outbox_id", j.item.ID, "chat_id", j.item.ChatID, "attempts", j.item.Attempts+1, "error", err)
		}
	}
	return r
}

// backoff grows 1s, 2s, 4s ... up to a minute, with jitter so that chats
// failed together do not all retry in the same instant.
func backoff(attempts int) time.Duration {
	d := time.Second << min(attempts, 6)
	d = min(d, time.Minute)
	return d/2 + time.Duration(rand.Int64N(int64(d/2)+1))
}
