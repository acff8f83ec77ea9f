package playground

import (
	"encoding/json"
	"net/http"

	"github.com/campanile/campanile/bot/emulator"
)

type pressRequest struct {
	MessageID int         `json:"message_id"`
	Data      string      `json:"data"`
	As        json.Number `json:"as,omitempty"`
}

// apiPress taps an inline button: the bot receives a callback query from
// the chat's person (or the chosen staff member) and answers it later,
// which the page learns from the events. Only data that one of the
// message's current buttons carries is sent: a button replaced by an edit
// since the page drew it is gone, as in Telegram.
func (p *Playground) apiPress(w http.ResponseWriter, r *http.Request) {
	c, e := p.chatOf(r)
	if e != nil {
		writeError(w, e)
		return
	}
	var req pressRequest
	if e := decodeJSON(w, r, &req); e != nil {
		writeError(w, e)
		return
	}
	from, e := c.author(req.As.String())
	if e != nil {
		writeError(w, e)
		return
	}
	m, e := p.message(c, req.MessageID)
	if e != nil {
		writeError(w, e)
		return
	}
	if !hasCallback(m.InlineKeyboard, req.Data) {
		writeError(w, badRequest("no_such_button", "message %d has no button with that data now", m.ID))
		return
	}
	query := from.PressData(m, req.Data)
	p.log.Debug("playground press", "chat_id", c.id, "user_id", from.ID(), "message_id", m.ID)
	writeJSON(w, http.StatusOK, map[string]any{"query_id": query})
}

func hasCallback(rows [][]emulator.InlineButton, data string) bool {
	for _, row := range rows {
		for _, b := range row {
			if b.Action == "callback_data" && b.CallbackData == data {
				return true
			}
		}
	}
	return false
}
