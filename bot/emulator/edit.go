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
	if e := s.checkLimitLocked(ch.id, 1, false); e != nil {
		return nil, e
	}
	apply(m)
	m.Edited, m.EditDate = true, s.now()
	ch.lastActivity = m.EditDate
	s.emitLocked(EventEdit, ch.id, m, nil)
	return s.wireLocked(m, 0), nil
}

// editedPart is what editMessageText and editMessageCaption change: the
// message's text or its caption, each with its entities.
type editedPart struct {
	field, entitiesField string
	check                func(formatted) *apiError
	missing              string // Telegram's answer when the message has no such part
	has                  func(*Message) bool
	get                  func(*Message) (string, []Entity)
	set                  func(*Message, formatted)
}

var (
	editedText = editedPart{
		field: "text", entitiesField: "entities", check: checkText,
		missing: "there is no text in the message to edit",
		has:     func(m *Message) bool { return m.Text != "" },
		get:     func(m *Message) (string, []Entity) { return m.Text, m.Entities },
		set:     func(m *Message, f formatted) { m.Text, m.Entities = f.plain, f.entities },
	}
	editedCaption = editedPart{
		field: "caption", entitiesField: "caption_entities", check: checkCaption,
		missing: "there is no caption in the message to edit",
		has:     func(m *Message) bool { return m.Photo != nil || m.Document != nil || m.Voice != nil },
		get:     func(m *Message) (string, []Entity) { return m.Caption, m.CaptionEntities },
		set:     func(m *Message, f formatted) { m.Caption, m.CaptionEntities = f.plain, f.entities },
	}
)

func (s *Server) editMessageText(c *call) (any, *apiError) { return s.editPart(c, editedText) }

func (s *Server) editMessageCaption(c *call) (any, *apiError) {
	return s.editPart(c, editedCaption)
}

func (s *Server) editPart(c *call, part editedPart) (any, *apiError) {
	f, e := parseFormatted(c, part.field, "parse_mode", part.entitiesField)
	if e != nil {
		return nil, e
	}
	if e := part.check(f); e != nil {
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
	if !part.has(m) {
		return nil, badRequest("%s", part.missing)
	}
	text, entities := part.get(m)
	if text == f.plain && sameEntities(entities, f.entities) && sameKeyboard(m.InlineKeyboard, kb) {
		return nil, badRequest(errNotModified)
	}
	return s.finishEditLocked(ch, m, func(m *Message) {
		part.set(m, f)
		m.RawText, m.ParseMode, m.InlineKeyboard = f.raw, f.mode, kb
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
