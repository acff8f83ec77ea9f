package playground

import (
	"encoding/json"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/campanile/campanile/bot/emulator"
)

// Telegram's limits, in UTF-16 code units as Telegram counts them.
const (
	maxTextLen    = 4096
	maxCaptionLen = 1024
)

type textRequest struct {
	Text    string      `json:"text"`
	ReplyTo int         `json:"reply_to,omitempty"`
	As      json.Number `json:"as,omitempty"`
}

// apiText writes a text as the chat's person: what typing in the box, or
// tapping a button of the reply keyboard, sends.
func (p *Playground) apiText(w http.ResponseWriter, r *http.Request) {
	c, e := p.chatOf(r)
	if e != nil {
		writeError(w, e)
		return
	}
	var req textRequest
	if e := decodeJSON(w, r, &req); e != nil {
		writeError(w, e)
		return
	}
	if e := checkText(req.Text, maxTextLen, true); e != nil {
		writeError(w, e)
		return
	}
	from, e := c.author(req.As.String())
	if e != nil {
		writeError(w, e)
		return
	}
	var to emulator.Message
	if req.ReplyTo != 0 {
		if to, e = p.message(c, req.ReplyTo); e != nil {
			writeError(w, e)
			return
		}
	}
	var m emulator.Message
	switch {
	case c.isGroup() && req.ReplyTo != 0:
		m = c.group.Reply(from, to, req.Text)
	case c.isGroup():
		m = c.group.Send(from, req.Text)
	case req.ReplyTo != 0:
		m = from.Reply(to, req.Text)
	default:
		m = from.Send(req.Text)
	}
	p.log.Debug("playground text", "chat_id", c.id, "user_id", from.ID(), "message_id", m.ID)
	writeJSON(w, http.StatusOK, map[string]any{"message": p.view(m)})
}

// checkText applies Telegram's rules for a text or caption: valid UTF-8,
// not too long and, for a text, not blank.
func checkText(s string, limit int, required bool) *apiError {
	switch {
	case !utf8.ValidString(s):
		return badRequest("bad_text", "the text is not valid UTF-8")
	case required && strings.TrimSpace(s) == "":
		return badRequest("text_empty", "the text is empty")
	case emulator.UTF16Len(s) > limit:
		return badRequest("text_too_long", "the text is longer than Telegram's %d characters", limit)
	}
	return nil
}
