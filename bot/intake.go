package bot

import (
	"encoding/json"
	"fmt"

	"github.com/campanile/campanile/store"
)

// allowedUpdates are the update types Campanile asks Telegram for.
var allowedUpdates = []string{"message", "edited_message", "callback_query", "my_chat_member"}

// updateHead is the little of an update the inbox needs: its id and its
// chat. Reading only this keeps intake cheap; the full update is decoded
// once, when it is handled.
type updateHead struct {
	UpdateID      int64      `json:"update_id"`
	Message       *chatHead  `json:"message"`
	EditedMessage *chatHead  `json:"edited_message"`
	ChannelPost   *chatHead  `json:"channel_post"`
	MyChatMember  *chatHead  `json:"my_chat_member"`
	CallbackQuery *queryHead `json:"callback_query"`
}

type chatHead struct {
	Chat struct {
		ID int64 `json:"id"`
	} `json:"chat"`
}

type queryHead struct {
	From struct {
		ID int64 `json:"id"`
	} `json:"from"`
	Message *chatHead `json:"message"`
}

// chatID is the chat whose order the update belongs to, in the same
// precedence as chatKey.
func (h *updateHead) chatID() int64 {
	switch {
	case h.Message != nil:
		return h.Message.Chat.ID
	case h.EditedMessage != nil:
		return h.EditedMessage.Chat.ID
	case h.CallbackQuery != nil:
		if m := h.CallbackQuery.Message; m != nil && m.Chat.ID != 0 {
			return m.Chat.ID
		}
		return h.CallbackQuery.From.ID
	case h.MyChatMember != nil:
		return h.MyChatMember.Chat.ID
	case h.ChannelPost != nil:
		return h.ChannelPost.Chat.ID
	}
	return 0
}

// inbound validates one raw update and prepares it for the inbox. A body
// that is not an update is refused here, at the door, so it never reaches
// the handlers.
func inbound(raw []byte) (store.InboundUpdate, error) {
	var u updateHead
	if err := json.Unmarshal(raw, &u); err != nil {
		return store.InboundUpdate{}, fmt.Errorf("bot: malformed update: %w", err)
	}
	if u.UpdateID <= 0 {
		return store.InboundUpdate{}, fmt.Errorf("bot: update without a valid update_id")
	}
	return store.InboundUpdate{UpdateID: u.UpdateID, ChatID: u.chatID(), Payload: raw}, nil
}
