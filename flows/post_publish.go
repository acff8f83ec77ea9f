package flows

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/campanile/campanile/locales"
	"github.com/campanile/campanile/store"
)

// PublishPost sends a post to its audience now and returns how many
// citizens it reaches. It takes the post (draft, scheduled, or pending
// approval: publishing a feed item is its approval) to "sending" with a
// compare-and-set, so two schedulers or a restart never send it twice:
// the loser gets store.ErrPostLocked. In the same transaction it writes
// every recipient's messages to the outbox and their delivery rows; a
// crash leaves all of it or none. The post stays "sending" until the
// outbox holds none of its messages pending, when FinishBroadcasts marks
// it sent; sent_at is the moment it went out, so lists show it at once.
// A post with no one to reach is sent at once: it is still public news.
func (e *Engine) PublishPost(ctx context.Context, st *store.Store, postID int64) (recipients int, err error) {
	p, err := st.PostByID(ctx, postID)
	if err != nil {
		return 0, err
	}
	// Checked before taking the post, so a post that cannot go stays as
	// it was, for staff to fix.
	if err := CheckAudience(p); err != nil {
		return 0, err
	}
	err = st.InTx(ctx, func(tx *store.Store) error {
		now := tx.Now()
		from := []string{store.PostDraft, store.PostScheduled, store.PostPendingApproval}
		if err := tx.SetPostStatus(ctx, postID, store.PostSending, from, now.Unix()); err != nil {
			return err
		}
		// Read again under the transaction: the version that goes is the
		// one taken, not one edited a moment before.
		p, err := tx.PostByID(ctx, postID)
		if err != nil {
			return err
		}
		a, err := e.audienceOf(ctx, tx, p)
		if err != nil {
			return err
		}
		msgs, err := e.broadcastMessages(p, now)
		if err != nil {
			return err
		}
		if recipients, err = tx.EnqueuePostBroadcast(ctx, p.ID, a, postPriority(p), msgs); err != nil {
			return err
		}
		if err := tx.RecordPostBroadcast(ctx, p.ID, recipients); err != nil {
			return err
		}
		if recipients == 0 {
			return tx.SetPostStatus(ctx, p.ID, store.PostSent, []string{store.PostSending}, 0)
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("flows: publishing post %d: %w", postID, err)
	}
	e.log.Info("post published", "post_id", postID, "kind", p.Kind, "audience", p.Audience, "recipients", recipients)
	return recipients, nil
}

// FinishBroadcasts marks sent the posts whose messages have all left the
// outbox (sent, failed, blocked or cancelled). The scheduler calls it on
// each tick; it is cheap when nothing is sending.
func (e *Engine) FinishBroadcasts(ctx context.Context, st *store.Store) (int, error) {
	return st.FinishDrainedPosts(ctx)
}

// broadcastMessages renders the post once per language, as outbox
// payloads shared by every recipient of that language.
func (e *Engine) broadcastMessages(p store.Post, now time.Time) ([]store.BroadcastMessage, error) {
	silent := postSilent(p, now)
	var out []store.BroadcastMessage
	for _, lang := range locales.Supported {
		msgs := e.RenderPost(p, lang)
		for i, m := range msgs {
			m.PostID, m.Silent = p.ID, silent
			if p.Kind == store.PostAlert {
				m.PaidBroadcast = true
				// The copy, the message with the button, is the one
				// pinned: it is what gets edited when the alert changes.
				m.Pin = i == len(msgs)-1
			}
			payload, err := json.Marshal(m)
			if err != nil {
				return nil, fmt.Errorf("flows: unable to encode post %d: %w", p.ID, err)
			}
			out = append(out, store.BroadcastMessage{Lang: lang, Seq: i, Payload: string(payload)})
		}
	}
	return out, nil
}

// postPriority puts emergencies before everything else, and routine
// posts after every personal message.
func postPriority(p store.Post) int {
	if p.Kind == store.PostAlert {
		return store.PriorityEmergency
	}
	return store.PriorityBulk
}

// postSilent says whether a post arrives without a sound: an alert
// never; otherwise as staff chose, or, on "auto", during the comune's
// quiet hours (21:00 to 8:00, Rome time) at the moment it is enqueued.
func postSilent(p store.Post, now time.Time) bool {
	if p.Kind == store.PostAlert {
		return false
	}
	switch p.Loudness {
	case store.LoudnessLoud:
		return false
	case store.LoudnessSilent:
		return true
	}
	h := now.In(comuneClock).Hour()
	return h >= 21 || h < 8
}

// CancelBroadcast stops a post: a broadcast under way loses its pending
// messages (what already went out stays, and the figures show both), a
// post not yet gone never goes. It returns how many messages it
// cancelled; store.ErrPostLocked for a post already sent.
func (e *Engine) CancelBroadcast(ctx context.Context, st *store.Store, postID int64) (cancelled int, err error) {
	err = st.InTx(ctx, func(tx *store.Store) error {
		p, err := tx.PostByID(ctx, postID)
		if err != nil {
			return err
		}
		switch p.Status {
		case store.PostCancelled:
			return nil
		case store.PostSent:
			return store.ErrPostLocked
		}
		if cancelled, err = tx.CancelPostOutbox(ctx, postID); err != nil {
			return err
		}
		return tx.SetPostStatus(ctx, postID, store.PostCancelled, []string{p.Status}, 0)
	})
	if err != nil {
		return 0, fmt.Errorf("flows: cancelling post %d: %w", postID, err)
	}
	e.log.Info("post cancelled", "post_id", postID, "messages_cancelled", cancelled)
	return cancelled, nil
}
