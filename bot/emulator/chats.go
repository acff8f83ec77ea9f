package emulator

import (
	"sort"
	"strings"
	"time"
)

// chat holds one conversation: its messages in order, current state.
type chat struct {
	id       int64
	typ      string // "private", "group" or "supergroup"
	title    string
	username string
	user     *User // the other side of a private chat

	messages []*Message
	byID     map[int]*Message
	nextID   int

	migratedTo   int64
	pinned       int
	lastActivity time.Time
}

// ChatInfo describes a chat for lists and assertions.
type ChatInfo struct {
	ID           int64
	Type         string
	Title        string // group title, or the user's first name
	Username     string
	Messages     int
	LastActivity time.Time
	Blocked      bool  // the user blocked the bot
	MigratedTo   int64 // set once a group became a supergroup
	Pinned       int   // the pinned message's id, 0 for none
}

func (s *Server) newChatLocked(id int64, typ, title string) *chat {
	c := &chat{id: id, typ: typ, title: title, byID: map[int]*Message{}, nextID: 1, lastActivity: s.now()}
	s.chats[id] = c
	return c
}

func (c *chat) info() ChatInfo {
	ci := ChatInfo{ID: c.id, Type: c.typ, Title: c.title, Username: c.username, Messages: len(c.messages), LastActivity: c.lastActivity, MigratedTo: c.migratedTo, Pinned: c.pinned}
	if c.user != nil {
		ci.Title, ci.Username, ci.Blocked = c.user.info.FirstName, c.user.info.Username, c.user.blocked
	}
	return ci
}

// Chats lists every chat, the most recently active first.
func (s *Server) Chats() []ChatInfo {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]ChatInfo, 0, len(s.chats))
	for _, c := range s.chats {
		out = append(out, c.info())
	}
	sort.Slice(out, func(i, j int) bool {
		if !out[i].LastActivity.Equal(out[j].LastActivity) {
			return out[i].LastActivity.After(out[j].LastActivity)
		}
		return out[i].ID < out[j].ID
	})
	return out
}

// addMessageLocked stores m in c, giving it the next message id.
func (s *Server) addMessageLocked(c *chat, m *Message) *Message {
	m.ID = c.nextID
	m.ChatID = c.id
	c.nextID++
	c.messages = append(c.messages, m)
	c.byID[m.ID] = m
	c.lastActivity = s.now()
	return m
}

func (c *chat) remove(id int) {
	delete(c.byID, id)
	for i, m := range c.messages {
		if m.ID == id {
			c.messages = append(c.messages[:i:i], c.messages[i+1:]...)
			return
		}
	}
}

// snapshot copies messages out, optionally only the bot's.
func (c *chat) snapshot(botOnly bool) []Message {
	var out []Message
	for _, m := range c.messages {
		if !botOnly || m.FromBot {
			out = append(out, *m)
		}
	}
	return out
}

// findChatLocked resolves a chat_id without judging whether the bot may
// write there.
func (s *Server) findChatLocked(id int64, username string) (*chat, *apiError) {
	if username != "" {
		for _, c := range s.chats {
			if c.username != "" && strings.EqualFold(c.username, username) && c.typ != "private" {
				return c, nil
			}
		}
		return nil, badRequest(errChatNotFound)
	}
	c, ok := s.chats[id]
	if !ok {
		return nil, badRequest(errChatNotFound)
	}
	return c, nil
}

// writableChatLocked resolves a chat the bot wants to write to, with
// Telegram's refusals: unknown chat, migrated group, blocked user, user
// who never started the bot.
func (s *Server) writableChatLocked(c *call, param string) (*chat, *apiError) {
	id, username, e := c.chatRef(param)
	if e != nil {
		return nil, e
	}
	ch, e := s.findChatLocked(id, username)
	if e != nil {
		return nil, e
	}
	return ch, ch.writable()
}

func (c *chat) writable() *apiError {
	if c.migratedTo != 0 {
		e := badRequest(errGroupUpgraded)
		e.migrateTo = c.migratedTo
		return e
	}
	if c.user != nil {
		switch {
		case c.user.blocked:
			return forbidden(errBlocked)
		case !c.user.started:
			return forbidden(errCantInitiate)
		}
	}
	return nil
}

// wireChat is the Chat object embedded in messages.
type wireChat struct {
	ID        int64  `json:"id"`
	Type      string `json:"type"`
	Title     string `json:"title,omitempty"`
	Username  string `json:"username,omitempty"`
	FirstName string `json:"first_name,omitempty"`
	LastName  string `json:"last_name,omitempty"`
}

func (c *chat) wire() wireChat {
	w := wireChat{ID: c.id, Type: c.typ}
	if c.user != nil {
		w.FirstName, w.LastName, w.Username = c.user.info.FirstName, c.user.info.LastName, c.user.info.Username
		return w
	}
	w.Title, w.Username = c.title, c.username
	return w
}
