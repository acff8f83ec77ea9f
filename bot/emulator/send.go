package emulator

// reply is where a new message points: reply_parameters or the older
// reply_to_message_id.
type reply struct {
	id           int
	allowMissing bool
}

func replyOf(c *call) (reply, *apiError) {
	var rp struct {
		MessageID                int  `json:"message_id"`
		AllowSendingWithoutReply bool `json:"allow_sending_without_reply"`
	}
	has, e := c.json("reply_parameters", &rp, "can't parse reply parameters JSON object")
	if e != nil {
		return reply{}, e
	}
	if has {
		return reply{id: rp.MessageID, allowMissing: rp.AllowSendingWithoutReply}, nil
	}
	id, _, e := c.int("reply_to_message_id")
	return reply{id: id, allowMissing: c.bool("allow_sending_without_reply")}, e
}

func (s *Server) botMessageLocked(c *call) *Message {
	bot := s.bot
	return &Message{FromBot: true, From: &bot, Date: s.now(), Silent: c.bool("disable_notification"), PaidBroadcast: c.bool("allow_paid_broadcast")}
}

// commitLocked is the last step of every send: the reply target must
// exist, the flood limits must allow n messages, then the messages are
// stored and announced. It returns the stored messages.
func (s *Server) commitLocked(ch *chat, r reply, msgs ...*Message) ([]*Message, *apiError) {
	if r.id != 0 {
		if _, ok := ch.byID[r.id]; !ok {
			if !r.allowMissing {
				return nil, badRequest("message to be replied not found")
			}
			r.id = 0
		}
	}
	if e := s.checkLimitLocked(ch.id, len(msgs), len(msgs) > 0 && msgs[0].PaidBroadcast); e != nil {
		return nil, e
	}
	for _, m := range msgs {
		m.ReplyToID = r.id
		s.addMessageLocked(ch, m)
		s.emitLocked(EventMessage, ch.id, m, nil)
	}
	return msgs, nil
}

// sendOneLocked commits a single message and renders the answer.
func (s *Server) sendOneLocked(c *call, m *Message, mk *markup) (any, *apiError) {
	r, e := replyOf(c)
	if e != nil {
		return nil, e
	}
	ch, e := s.writableChatLocked(c, "chat_id")
	if e != nil {
		return nil, e
	}
	mk.apply(m)
	if _, e := s.commitLocked(ch, r, m); e != nil {
		return nil, e
	}
	return s.wireLocked(m, 0), nil
}

func (s *Server) sendMessage(c *call) (any, *apiError) {
	f, e := parseFormatted(c, "text", "parse_mode", "entities")
	if e != nil {
		return nil, e
	}
	if e := checkText(f); e != nil {
		return nil, e
	}
	mk, e := parseMarkup(c.str("reply_markup"))
	if e != nil {
		return nil, e
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	m := s.botMessageLocked(c)
	m.Text, m.Entities, m.RawText, m.ParseMode = f.plain, f.entities, f.raw, f.mode
	return s.sendOneLocked(c, m, mk)
}

// coordinates reads latitude and longitude with their valid ranges.
func coordinates(c *call) (Location, *apiError) {
	lat, e := c.float("latitude")
	if e != nil || lat < -90 || lat > 90 {
		return Location{}, badRequest("wrong latitude specified")
	}
	lon, e := c.float("longitude")
	if e != nil || lon < -180 || lon > 180 {
		return Location{}, badRequest("wrong longitude specified")
	}
	return Location{Latitude: lat, Longitude: lon}, nil
}

func (s *Server) sendLocation(c *call) (any, *apiError) {
	loc, e := coordinates(c)
	if e != nil {
		return nil, e
	}
	mk, e := parseMarkup(c.str("reply_markup"))
	if e != nil {
		return nil, e
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	m := s.botMessageLocked(c)
	m.Location = &loc
	return s.sendOneLocked(c, m, mk)
}

func (s *Server) sendVenue(c *call) (any, *apiError) {
	loc, e := coordinates(c)
	if e != nil {
		return nil, e
	}
	mk, e := parseMarkup(c.str("reply_markup"))
	if e != nil {
		return nil, e
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	m := s.botMessageLocked(c)
	m.Venue = &Venue{Location: loc, Title: c.str("title"), Address: c.str("address")}
	return s.sendOneLocked(c, m, mk)
}

func (s *Server) sendContact(c *call) (any, *apiError) {
	mk, e := parseMarkup(c.str("reply_markup"))
	if e != nil {
		return nil, e
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	m := s.botMessageLocked(c)
	m.Contact = &Contact{PhoneNumber: c.str("phone_number"), FirstName: c.str("first_name"), LastName: c.str("last_name")}
	return s.sendOneLocked(c, m, mk)
}

// messageIDResult is copyMessage's answer.
type messageIDResult struct {
	MessageID int `json:"message_id"`
}
