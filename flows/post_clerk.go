package flows

import (
	"context"
	"errors"
	"fmt"

	"github.com/campanile/campanile/locales"
	"github.com/campanile/campanile/store"
)

// ErrNoClerkChat is "send to me" from a clerk who has not linked a chat.
var ErrNoClerkChat = errors.New("flows: the clerk has no linked Telegram chat")

// SendToClerk delivers a test copy of a post to a clerk's own chat, in
// Italian (the language staff write in), ringing or silent as it would
// now. It is not part of the broadcast: no post id (so it is neither
// counted nor cancelled nor edited with the post's copies) and no pin;
// it goes at reply priority, since the clerk is waiting for it.
func (e *Engine) SendToClerk(ctx context.Context, st *store.Store, p store.Post, chatID int64) error {
	if chatID == 0 {
		return ErrNoClerkChat
	}
	msgs := e.RenderPost(p, locales.Source)
	silent := postSilent(p, st.Now())
	for i := range msgs {
		msgs[i].ChatID, msgs[i].Silent = chatID, silent
	}
	if err := Enqueue(ctx, st, store.PriorityReply, msgs...); err != nil {
		return fmt.Errorf("flows: sending post %d to a clerk: %w", p.ID, err)
	}
	return nil
}
