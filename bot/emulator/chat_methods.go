package emulator

// Chat methods the bot calls for effect only: the emulator checks their
// parameters like Telegram and remembers little.

var chatActions = map[string]bool{"typing": true, "upload_photo": true, "record_video": true, "upload_video": true,
	"record_voice": true, "upload_voice": true, "upload_document": true, "choose_sticker": true,
	"find_location": true, "record_video_note": true, "upload_video_note": true}

func (s *Server) sendChatAction(c *call) (any, *apiError) {
	if !chatActions[c.str("action")] {
		return nil, badRequest("wrong parameter action in request")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, e := s.writableChatLocked(c, "chat_id"); e != nil {
		return nil, e
	}
	return true, nil
}

// messageInChatLocked finds a message of a writable chat.
func (s *Server) messageInChatLocked(c *call, notFound string) (*chat, *Message, *apiError) {
	ch, e := s.writableChatLocked(c, "chat_id")
	if e != nil {
		return nil, nil, e
	}
	id, _, e := c.int("message_id")
	if e != nil {
		return nil, nil, e
	}
	m, ok := ch.byID[id]
	if !ok {
		return nil, nil, badRequest("%s", notFound)
	}
	return ch, m, nil
}

func (s *Server) pinChatMessage(c *call) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ch, m, e := s.messageInChatLocked(c, "message to pin not found")
	if e != nil {
		return nil, e
	}
	ch.pinned = m.ID
	s.touchLocked()
	return true, nil
}

func (s *Server) unpinChatMessage(c *call) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ch, e := s.writableChatLocked(c, "chat_id")
	if e != nil {
		return nil, e
	}
	ch.pinned = 0
	s.touchLocked()
	return true, nil
}

func (s *Server) setMessageReaction(c *call) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, _, e := s.messageInChatLocked(c, "message to react not found"); e != nil {
		return nil, e
	}
	return true, nil
}

type wireChatFullInfo struct {
	wireChat
	AccentColorID    int          `json:"accent_color_id"`
	MaxReactionCount int          `json:"max_reaction_count"`
	PinnedMessage    *wireMessage `json:"pinned_message,omitempty"`
}

func (s *Server) getChat(c *call) (any, *apiError) {
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
	if ch.migratedTo != 0 {
		e := badRequest(errGroupUpgraded)
		e.migrateTo = ch.migratedTo
		return nil, e
	}
	info := wireChatFullInfo{wireChat: ch.wire(), MaxReactionCount: 11}
	if m, ok := ch.byID[ch.pinned]; ok {
		wm := s.wireLocked(m, 1)
		info.PinnedMessage = &wm
	}
	return info, nil
}
