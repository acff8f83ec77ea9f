package bot

import (
	"context"
	"errors"
	"time"

	"github.com/campanile/campanile/flows"
	"github.com/campanile/campanile/store"
)

// errNoCopy is the note left on an edit whose post never reached the chat.
const errNoCopy = "the post's copy never reached this chat (blocked, failed or cancelled): nothing to edit"

// findPostCopy fills in the message id of the copy an edit of a post
// targets. A chat's messages leave in order, so the copy was settled
// before its edit: when it has no message id it never arrived, and the
// edit is done, cancelled with a note. done reports that r holds the
// verdict and nothing is to be sent.
func (s *Sender) findPostCopy(ctx context.Context, j job, r *store.OutboxResult) (msg flows.Message, done bool) {
	msg = j.msg
	id, err := s.st.PostCopyMessageID(ctx, msg.EditPostID, j.item.ChatID)
	switch {
	case errors.Is(err, store.ErrNotFound):
		r.Status, r.Error = store.OutboxCancelled, errNoCopy
		s.log.Info("edit of a post dropped: no copy in the chat", "outbox_id", j.item.ID, "chat_id", j.item.ChatID, "post_id", msg.EditPostID)
		return msg, true
	case err != nil:
		// The database, not Telegram: try again later, as for an outage.
		r.Status, r.Error, r.CountAttempt = store.OutboxPending, err.Error(), true
		r.RetryAtMs = time.Now().Add(backoff(j.item.Attempts)).UnixMilli()
		s.log.Error("unable to find the copy to edit", "outbox_id", j.item.ID, "chat_id", j.item.ChatID, "post_id", msg.EditPostID, "error", err)
		return msg, true
	}
	msg.MessageID = int(id)
	return msg, false
}

// pinAttempts bounds the tries to pin an emergency: the message is out,
// which is what matters; a pin that keeps failing is not worth holding
// the chat's next messages, and never worth sending the message again.
const pinAttempts = 3

// pin pins an emergency just sent. Failures are logged, not recorded: the
// message's verdict is "sent" whatever happens here.
func (s *Sender) pin(ctx context.Context, chatID int64, messageID int) {
	for attempt := 1; ; attempt++ {
		err := s.api.pin(ctx, chatID, messageID)
		if err == nil {
			return
		}
		v, retryAfter := classify(err)
		if attempt >= pinAttempts || (v != verdictTransient && v != verdictRateLimited) || ctx.Err() != nil {
			s.log.Warn("unable to pin the emergency message", "chat_id", chatID, "message_id", messageID, "attempts", attempt, "error", err)
			return
		}
		wait := backoff(attempt - 1)
		if v == verdictRateLimited {
			// A 429 pauses everything, the pin included.
			until := time.Now().Add(time.Duration(retryAfter) * time.Second)
			s.pauseUntil.Store(until.UnixMilli())
			wait = time.Until(until)
		}
		if !sleep(ctx, wait) {
			return
		}
	}
}
