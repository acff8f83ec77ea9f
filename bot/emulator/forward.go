package emulator

// sourceLocked finds the message that copyMessage or forwardMessage takes.
func (s *Server) sourceLocked(c *call, notFound string) (*Message, *apiError) {
	id, username, e := c.chatRef("from_chat_id")
	if e != nil {
		return nil, e
	}
	from, e := s.findChatLocked(id, username)
	if e != nil {
		return nil, e
	}
	msgID, _, e := c.int("message_id")
	if e != nil {
		return nil, e
	}
	src, ok := from.byID[msgID]
	if !ok {
		return nil, badRequest("%s", notFound)
	}
	return src, nil
}

// mergeContent gives the new message m what src shows, keeping m's
// identity (sender, date, silence).
func mergeContent(m Message, src *Message) Message {
	m.Text, m.Entities, m.Caption, m.CaptionEntities = src.Text, src.Entities, src.Caption, src.CaptionEntities
	m.Photo, m.Document, m.Sticker, m.Voice = src.Photo, src.Document, src.Sticker, src.Voice
	m.Contact, m.Location, m.Venue = src.Contact, src.Location, src.Venue
	return m
}

func (s *Server) copyMessage(c *call) (any, *apiError) {
	mk, e := parseMarkup(c.str("reply_markup"))
	if e != nil {
		return nil, e
	}
	var override *formatted
	if _, ok := c.p.values["caption"]; ok {
		f, e := parseFormatted(c, "caption", "parse_mode", "caption_entities")
		if e != nil {
			return nil, e
		}
		if e := checkCaption(f); e != nil {
			return nil, e
		}
		override = &f
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	src, e := s.sourceLocked(c, "message to copy not found")
	if e != nil {
		return nil, e
	}
	m := s.botMessageLocked(c)
	*m = mergeContent(*m, src)
	if override != nil && m.Text == "" {
		m.Caption, m.CaptionEntities, m.RawText, m.ParseMode = override.plain, override.entities, override.raw, override.mode
	}
	if _, e := s.sendOneLocked(c, m, mk); e != nil {
		return nil, e
	}
	return messageIDResult{MessageID: m.ID}, nil
}

func (s *Server) forwardMessage(c *call) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	src, e := s.sourceLocked(c, "message to forward not found")
	if e != nil {
		return nil, e
	}
	m := s.botMessageLocked(c)
	*m = mergeContent(*m, src)
	m.ForwardFromChatID = src.ChatID
	return s.sendOneLocked(c, m, nil)
}
