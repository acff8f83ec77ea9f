package emulator

import "encoding/json"

// wireMessage is the Message object as the Bot API serialises it.
type wireMessage struct {
	MessageID         int               `json:"message_id"`
	From              *UserInfo         `json:"from,omitempty"`
	Date              int64             `json:"date"`
	Chat              wireChat          `json:"chat"`
	ForwardOrigin     *wireOrigin       `json:"forward_origin,omitempty"`
	ReplyToMessage    *wireMessage      `json:"reply_to_message,omitempty"`
	EditDate          int64             `json:"edit_date,omitempty"`
	MediaGroupID      string            `json:"media_group_id,omitempty"`
	Text              string            `json:"text,omitempty"`
	Entities          []Entity          `json:"entities,omitempty"`
	Document          *Document         `json:"document,omitempty"`
	Photo             []PhotoSize       `json:"photo,omitempty"`
	Sticker           *Sticker          `json:"sticker,omitempty"`
	Voice             *Voice            `json:"voice,omitempty"`
	Caption           string            `json:"caption,omitempty"`
	CaptionEntities   []Entity          `json:"caption_entities,omitempty"`
	Contact           *Contact          `json:"contact,omitempty"`
	Venue             *Venue            `json:"venue,omitempty"`
	Location          *Location         `json:"location,omitempty"`
	MigrateToChatID   int64             `json:"migrate_to_chat_id,omitempty"`
	MigrateFromChatID int64             `json:"migrate_from_chat_id,omitempty"`
	ReplyMarkup       *wireInlineMarkup `json:"reply_markup,omitempty"`
}

type wireOrigin struct {
	Type       string    `json:"type"`
	Date       int64     `json:"date"`
	SenderUser *UserInfo `json:"sender_user,omitempty"`
	SenderChat *wireChat `json:"sender_chat,omitempty"`
	Chat       *wireChat `json:"chat,omitempty"`
}

type wireInlineMarkup struct {
	InlineKeyboard [][]wireInlineButton `json:"inline_keyboard"`
}

// wireInlineButton echoes a button as the bot sent it: its text and its
// one action with the action's original JSON value.
type wireInlineButton struct {
	Text   string
	Action string
	Value  json.RawMessage
}

func (b wireInlineButton) MarshalJSON() ([]byte, error) {
	m := map[string]any{"text": b.Text}
	if b.Action != "" {
		m[b.Action] = b.Value
	}
	return json.Marshal(m)
}

// wireLocked renders m; depth 0 includes the replied-to message, as
// Telegram includes one level of it.
func (s *Server) wireLocked(m *Message, depth int) wireMessage {
	c := s.chats[m.ChatID]
	w := wireMessage{
		MessageID: m.ID, From: m.From, Date: m.Date.Unix(), MediaGroupID: m.MediaGroupID,
		Text: m.Text, Entities: m.Entities, Caption: m.Caption, CaptionEntities: m.CaptionEntities,
		Photo: m.Photo, Document: m.Document, Sticker: m.Sticker, Voice: m.Voice, Contact: m.Contact,
		Venue: m.Venue, Location: m.Location, MigrateToChatID: m.MigrateToChatID, MigrateFromChatID: m.MigrateFromChatID,
		ReplyMarkup: wireMarkup(m.InlineKeyboard),
	}
	if c != nil {
		w.Chat = c.wire()
	}
	if m.Edited {
		w.EditDate = m.EditDate.Unix()
	}
	if m.Venue != nil && w.Location == nil {
		loc := m.Venue.Location
		w.Location = &loc
	}
	if m.ForwardFromChatID != 0 {
		if src := s.chats[m.ForwardFromChatID]; src != nil {
			o := &wireOrigin{Date: m.Date.Unix()}
			if src.user != nil {
				o.Type, o.SenderUser = "user", &src.user.info
			} else {
				sc := src.wire()
				o.Type, o.SenderChat = "chat", &sc
			}
			w.ForwardOrigin = o
		}
	}
	if depth == 0 && m.ReplyToID != 0 && c != nil {
		if to := c.byID[m.ReplyToID]; to != nil {
			rw := s.wireLocked(to, 1)
			w.ReplyToMessage = &rw
		}
	}
	return w
}

func wireMarkup(rows [][]InlineButton) *wireInlineMarkup {
	if len(rows) == 0 {
		return nil
	}
	out := &wireInlineMarkup{InlineKeyboard: make([][]wireInlineButton, 0, len(rows))}
	for _, row := range rows {
		wr := make([]wireInlineButton, 0, len(row))
		for _, b := range row {
			wr = append(wr, wireInlineButton{Text: b.Text, Action: b.Action, Value: json.RawMessage(b.raw)})
		}
		out.InlineKeyboard = append(out.InlineKeyboard, wr)
	}
	return out
}
