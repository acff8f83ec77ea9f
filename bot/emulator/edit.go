package emulator

import (
	"reflect"
	"slices"
)

// editTargetLocked finds the bot message an edit names.
func (s *Server) editTargetLocked(c *call) (*chat, *Message, *apiError) {
	if c.str("inline_message_id") != "" {
		return nil, nil, badRequest("inline messages are not supported by the emulator")
	}
	if c.str("chat_id") == "" {
		return nil, nil, badRequest("chat_id is empty")
	}
	ch, e := s.writableChatLocked(c, "chat_id")
	if e != nil {
		return nil, nil, e
	}
	id, ok, e := c.int("message_id")
	if e != nil {
		return nil, nil, e
	}
	if !ok {
		return nil, nil, badRequest("message identifier is not specified")
	}
	m, found := ch.byID[id]
	if !found || !m.FromBot {
		return nil, nil, badRequest(errEditNotFound)
	}
	return ch, m, nil
}

// sameKeyboard compares keyboards as Telegram does: by what they send.
func sameKeyboard(a, b [][]InlineButton) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !slices.Equal(a[i], b[i]) {
			return false
		}
	}
	return true
}

func sameEntities(a, b []Entity) bool {
	return len(a) == 0 && len(b) == 0 || reflect.DeepEqual(a, b)
}

// finishEditLocked applies the flood limits, then the change, then
// answers with the edited message.
func (s *Server) finishEditLocked(ch *chat, m *Message, apply func(*Message)) (any, *apiError) {
	if e := s.checkLimitLocked(ch.id, 1); e != nil {
		return nil, e
	}
	apply(m)
	m.Edited, m.EditDate = true, s.now()
	ch.lastActivity = m.EditDate
	s.emitLocked(EventEdit, ch.id, m, nil)
	return s.wireLocked(m, 0), nil
}

func (s *Server) editMessageText(c *call) (any, *apiError) {
	f, e := parseFormatted(c, "text", "parse_mode", "entities")
	if e != nil {
		return nil, e
	}
	if e := checkText(f); e != nil {
		return nil, e
	}
	kb, e := editMarkup(c.str("reply_markup"))
	if e != nil {
		return nil, e
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	ch, m, e := s.editTargetLocked(c)
	if e != nil {
		return nil, e
	}
	if m.Text == "" {
		return nil, badRequest("there is no text in the message to edit")
	}
	if m.Text == f.plain && sameEntities(m.Entities, f.entities) && sameKeyboard(m.InlineKeyboard, kb) {
		return nil, badRequest(errNotModified)
	}
	return s.finishEditLocked(ch, m, func(m *Message) {
		m.Text, m.Entities, m.RawText, m.ParseMode, m.InlineKeyboard = f.plain, f.entities, f.raw, f.mode, kb
	})
}

func (s *Server) editMessageCaption(c *call) (any, *apiError) {
	f, e := parseFormatted(c, "caption", "parse_mode", "caption_entities")
	if e != nil {
		return nil, e
	}
	if e := checkCaption(f); e != nil {
		return nil, e
	}
	kb, e := editMarkup(c.str("reply_markup"))
	if e != nil {
		return nil, e
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	ch, m, e := s.editTargetLocked(c)
	if e != nil {
		return nil, e
	}
	if m.Photo == nil && m.Document == nil && m.Voice == nil {
		return nil, badRequest("there is no caption in the message to edit")
	}
	if m.Caption == f.plain && sameEntities(m.CaptionEntities, f.entities) && sameKeyboard(m.InlineKeyboard, kb) {
		return nil, badRequest(errNotModified)
	}
	return s.finishEditLocked(ch, m, func(m *Message) {
		m.Caption, m.CaptionEntities, m.RawText, m.ParseMode, m.InlineKeyboard = f.plain, f.entities, f.raw, f.mode, kb
	})
}

func (s *Server) editMessageReplyMarkup(c *call) (any, *apiError) {
	kb, e := editMarkup(c.str("reply_markup"))
	if e != nil {
		return nil, e
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	ch, m, e := s.editTargetLocked(c)
	if e != nil {
		return nil, e
	}
	if sameKeyboard(m.InlineKeyboard, kb) {
		return nil, badRequest(errNotModified)
	}
	return s.finishEditLocked(ch, m, func(m *Message) { m.InlineKeyboard = kb })
}

func (s *Server) deleteMessage(c *call) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	id, username, e := c.chatRef("chat_id")
	if e != nil {
		return nil, e
	}
	ch, e := s.findChatLocked(id, username)
	if e != nil {
		return nil, e
	}
	msgID, _, e := c.int("message_id")
	if e != nil {
		return nil, e
	}
	m, ok := ch.byID[msgID]
	if !ok {
		return nil, badRequest("message to delete not found")
	}
	ch.remove(msgID)
	s.emitLocked(EventDelete, ch.id, m, nil)
	return true, nil
}
