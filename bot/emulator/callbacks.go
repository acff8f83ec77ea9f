package emulator

import "strconv"

// pendingQuery is a callback query the emulator issued.
type pendingQuery struct {
	user   *User
	chatID int64
}

type wireCallbackQuery struct {
	ID           string       `json:"id"`
	From         UserInfo     `json:"from"`
	Message      *wireMessage `json:"message,omitempty"`
	ChatInstance string       `json:"chat_instance"`
	Data         string       `json:"data,omitempty"`
}

// pressLocked sends a callback_query for a button of m with data, from u,
// and returns the query id the bot must answer.
func (s *Server) pressLocked(u *User, ch *chat, m *Message, data string) string {
	s.querySeq++
	id := strconv.FormatInt(4_200_000_000_000_000_000+s.querySeq, 10)
	s.queries[id] = &pendingQuery{user: u, chatID: ch.id}
	wm := s.wireLocked(m, 0)
	s.enqueueLocked("callback_query", wireCallbackQuery{
		ID: id, From: u.info, Message: &wm, Data: data,
		// chat_instance is stable per chat, as in Telegram.
		ChatInstance: strconv.FormatInt(ch.id*7919+s.bot.ID, 10),
	})
	ch.lastActivity = s.now()
	s.emitLocked(EventCallback, ch.id, m, nil)
	return id
}

func (s *Server) answerCallbackQuery(c *call) (any, *apiError) {
	text := c.str("text")
	if UTF16Len(text) > maxCallbackLen {
		return nil, badRequest("MESSAGE_TOO_LONG")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	id := c.str("callback_query_id")
	q, ok := s.queries[id]
	if !ok {
		return nil, badRequest(errQueryInvalid)
	}
	// A query is answered once: forgetting it makes a second answer fail
	// like an expired one.
	delete(s.queries, id)
	a := CallbackAnswer{QueryID: id, Text: text, ShowAlert: c.bool("show_alert"), URL: c.str("url"), Time: s.now()}
	q.user.answers = append(q.user.answers, a)
	s.emitLocked(EventCallbackAnswer, q.chatID, nil, &a)
	return true, nil
}
