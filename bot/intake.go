package bot

import (
	"encoding/json"
	"fmt"

	"github.com/go-telegram/bot/models"

	"github.com/campanile/campanile/store"
)

// allowedUpdates are the update types Campanile asks Telegram for.
var allowedUpdates = []string{"message", "edited_message", "callback_query", "my_chat_member"}

// inbound validates one raw update and prepares it for the inbox. A body
// that is not an update is refused here, at the door, so it never reaches
// the handlers.
func inbound(raw []byte) (store.InboundUpdate, error) {
	var u models.Update
	if err := json.Unmarshal(raw, &u); err != nil {
		return store.InboundUpdate{}, fmt.Errorf("bot: malformed update: %w", err)
	}
	if u.ID <= 0 {
		return store.InboundUpdate{}, fmt.Errorf("bot: update without a valid update_id")
	}
	return store.InboundUpdate{UpdateID: u.ID, ChatID: chatKey(&u), Payload: raw}, nil
}
