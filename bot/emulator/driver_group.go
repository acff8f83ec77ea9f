package emulator

import "context"

// Group is a group chat with the bot in it, such as the staff group. A
// Group follows its chat through a migration to supergroup.
type Group struct {
	s      *Server
	origin int64
}

const supergroupBase = 1_000_000_000_000 // supergroup ids are -100xxxxxxxxxx

// Group creates, or returns, a basic group. A positive id is negated:
// group ids are negative.
func (s *Server) Group(id int64, title string) *Group {
	if id > 0 {
		id = -id
	}
	return s.group(id, "group", title)
}

// Supergroup creates, or returns, a supergroup; an id not already in the
// -100xxxxxxxxxx form is put in it.
func (s *Server) Supergroup(id int64, title string) *Group {
	if id > -supergroupBase {
		id = -(supergroupBase + abs(id))
	}
	return s.group(id, "supergroup", title)
}

func abs(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}

func (s *Server) group(id int64, typ, title string) *Group {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.chats[id]; !ok {
		s.newChatLocked(id, typ, title)
		s.touchLocked()
	}
	return &Group{s: s, origin: id}
}

// currentLocked follows migrations to the chat people now write in.
func (g *Group) currentLocked() *chat {
	ch := g.s.chats[g.origin]
	for ch != nil && ch.migratedTo != 0 {
		ch = g.s.chats[ch.migratedTo]
	}
	return ch
}

// ID is the group's current chat id (the supergroup's after a migration).
func (g *Group) ID() int64 {
	g.s.mu.Lock()
	defer g.s.mu.Unlock()
	return g.currentLocked().id
}

// Chat describes the group's current chat.
func (g *Group) Chat() ChatInfo {
	g.s.mu.Lock()
	defer g.s.mu.Unlock()
	return g.currentLocked().info()
}

// SetUsername makes the group public as @username, so the bot may name
// it as chat_id "@username".
func (g *Group) SetUsername(username string) *Group {
	g.s.mu.Lock()
	defer g.s.mu.Unlock()
	g.currentLocked().username = username
	return g
}

func (g *Group) post(from *User, build func(ch *chat) *Message) Message {
	g.s.mu.Lock()
	defer g.s.mu.Unlock()
	ch := g.currentLocked()
	return g.s.postLocked(ch, from, build(ch))
}

// Send writes a text in the group; a leading /command gets its entity.
func (g *Group) Send(from *User, text string) Message {
	return g.post(from, func(*chat) *Message { return &Message{Text: text, Entities: commandEntity(text)} })
}

// Reply writes a text in reply to a message of the group, as staff do to
// answer a forwarded report.
func (g *Group) Reply(from *User, to Message, text string) Message {
	return g.post(from, func(ch *chat) *Message {
		return &Message{Text: text, Entities: commandEntity(text), ReplyToID: replyIDLocked(ch, to)}
	})
}

// SendPhoto sends a photo in the group.
func (g *Group) SendPhoto(from *User, data []byte, caption string) Message {
	return g.post(from, func(*chat) *Message { return g.s.photoMessageLocked(data, caption) })
}

// ReplyPhoto answers a message with a photo.
func (g *Group) ReplyPhoto(from *User, to Message, data []byte, caption string) Message {
	return g.post(from, func(ch *chat) *Message {
		m := g.s.photoMessageLocked(data, caption)
		m.ReplyToID = replyIDLocked(ch, to)
		return m
	})
}

// Press taps an inline button of a group message on behalf of from.
func (g *Group) Press(from *User, msg Message, buttonText string) (string, error) {
	return g.s.press(from, msg, buttonText)
}

// Messages is the current chat's history.
func (g *Group) Messages() []Message { return g.s.messagesOf(g.ID(), false) }

// BotMessages is what the bot wrote in the current chat.
func (g *Group) BotMessages() []Message { return g.s.messagesOf(g.ID(), true) }

// LastBotMessage is the bot's latest message in the current chat.
func (g *Group) LastBotMessage() (Message, bool) { return last(g.BotMessages()) }

// WaitBotMessages waits until the current chat holds at least n bot
// messages and returns them all.
func (g *Group) WaitBotMessages(ctx context.Context, n int) ([]Message, error) {
	return g.s.waitBotMessages(ctx, g.ID, n)
}

// MigrateToSupergroup upgrades the group, as Telegram does when a group
// grows or changes settings: the old id then answers 400 with
// migrate_to_chat_id, and the bot receives the two service messages.
// It returns the supergroup's id; a group already migrated returns the
// id it migrated to.
func (g *Group) MigrateToSupergroup() int64 {
	s := g.s
	s.mu.Lock()
	defer s.mu.Unlock()
	old := g.currentLocked()
	if old.typ != "group" {
		return old.id
	}
	newID := -(supergroupBase + abs(old.id))
	sg := s.chats[newID]
	if sg == nil {
		sg = s.newChatLocked(newID, "supergroup", old.title)
	}
	admin := anonymousAdmin
	toMsg := &Message{MigrateToChatID: newID, From: &admin}
	s.addMessageLocked(old, toMsg)
	toMsg.Date = s.now()
	s.enqueueLocked("message", s.wireLocked(toMsg, 0))
	old.migratedTo = newID
	fromMsg := &Message{MigrateFromChatID: old.id, From: &admin, Date: s.now()}
	s.addMessageLocked(sg, fromMsg)
	s.enqueueLocked("message", s.wireLocked(fromMsg, 0))
	s.emitLocked(EventMessage, newID, fromMsg, nil)
	return newID
}
