package emulator

import (
	"context"
	"fmt"
	"sync/atomic"
)

// User is a person in the emulated Telegram, driven by tests or the
// playground. Its methods are safe for concurrent use.
type User struct {
	s       *Server
	info    UserInfo
	started bool // wrote to the bot at least once (or was created so)
	blocked bool
	answers []CallbackAnswer
}

var autoUserID atomic.Int64

// User creates, or returns, the user with that id, who has started the
// bot: the bot may write to them. Its private chat has the same id.
func (s *Server) User(id int64, firstName, languageCode string) *User {
	return s.user(id, firstName, languageCode, true)
}

// NewStranger creates, or returns, a user the bot knows of (say, from a
// group) who never started it: messages to them fail with 403 "bot can't
// initiate conversation with a user" until they write first.
func (s *Server) NewStranger(id int64, firstName, languageCode string) *User {
	return s.user(id, firstName, languageCode, false)
}

func (s *Server) user(id int64, firstName, languageCode string, started bool) *User {
	if id <= 0 {
		id = 7_000_000_000 + autoUserID.Add(1) // private chat ids are positive
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if u, ok := s.users[id]; ok {
		return u
	}
	u := &User{s: s, info: UserInfo{ID: id, FirstName: firstName, LanguageCode: languageCode}, started: started}
	s.users[id] = u
	ch := s.newChatLocked(id, "private", firstName)
	ch.user = u
	s.touchLocked()
	return u
}

// SetUsername gives the user a @username (without the @) and returns u.
func (u *User) SetUsername(username string) *User {
	u.s.mu.Lock()
	defer u.s.mu.Unlock()
	u.info.Username = username
	return u
}

// ID is the user's id, also the id of the private chat with the bot.
func (u *User) ID() int64 { return u.info.ID }

// Info is the user's User object.
func (u *User) Info() UserInfo {
	u.s.mu.Lock()
	defer u.s.mu.Unlock()
	return u.info
}

// Chat describes the private chat with the bot.
func (u *User) Chat() ChatInfo {
	u.s.mu.Lock()
	defer u.s.mu.Unlock()
	return u.s.chats[u.info.ID].info()
}

// send posts a message in the private chat. Writing starts the bot
// and, like the "Restart" button, undoes a block.
func (u *User) send(m *Message) Message {
	return u.sendBuilt(func() *Message { return m })
}

// sendBuilt is send for messages that store files: build runs under the
// server's lock.
func (u *User) sendBuilt(build func() *Message) Message {
	s := u.s
	s.mu.Lock()
	defer s.mu.Unlock()
	u.started = true
	if u.blocked {
		u.setBlockedLocked(false)
	}
	return s.postLocked(s.chats[u.info.ID], u, build())
}

// Send writes a text; a leading /command gets its bot_command entity.
func (u *User) Send(text string) Message {
	return u.send(&Message{Text: text, Entities: commandEntity(text)})
}

// Reply writes a text in reply to a message of the chat.
func (u *User) Reply(to Message, text string) Message {
	u.s.mu.Lock()
	id := replyIDLocked(u.s.chats[u.info.ID], to)
	u.s.mu.Unlock()
	return u.send(&Message{Text: text, Entities: commandEntity(text), ReplyToID: id})
}

// Edit changes the text of one of the user's own messages, which the
// bot receives as an edited_message.
func (u *User) Edit(msg Message, newText string) (Message, error) {
	s := u.s
	s.mu.Lock()
	defer s.mu.Unlock()
	ch := s.chats[msg.ChatID]
	var m *Message
	if ch != nil {
		m = ch.byID[msg.ID]
	}
	if m == nil || m.FromBot || m.From == nil || m.From.ID != u.info.ID {
		return Message{}, fmt.Errorf("%w: no message %d of user %d in chat %d", ErrMessageNotFound, msg.ID, u.info.ID, msg.ChatID)
	}
	m.Text, m.Entities = newText, commandEntity(newText)
	m.Edited, m.EditDate = true, s.now()
	s.enqueueLocked("edited_message", s.wireLocked(m, 0))
	s.emitLocked(EventEdit, ch.id, m, nil)
	return *m, nil
}

// Press taps the inline button with exactly that text in the message's
// current keyboard and returns the callback query id.
func (u *User) Press(msg Message, buttonText string) (string, error) {
	return u.s.press(u, msg, buttonText)
}

// PressData sends a callback query with arbitrary data, as a forged or
// stale button would.
func (u *User) PressData(msg Message, data string) string {
	return u.s.pressData(u, u.info.ID, msg, data)
}

// Block stops the bot: my_chat_member "kicked", and 403 on every send.
func (u *User) Block() { u.setBlocked(true) }

// Unblock restarts the bot: my_chat_member "member".
func (u *User) Unblock() { u.setBlocked(false) }

func (u *User) setBlocked(blocked bool) {
	u.s.mu.Lock()
	defer u.s.mu.Unlock()
	if u.blocked != blocked {
		u.setBlockedLocked(blocked)
	}
}

type wireChatMember struct {
	Status    string   `json:"status"`
	User      UserInfo `json:"user"`
	UntilDate *int64   `json:"until_date,omitempty"`
}

type wireChatMemberUpdated struct {
	Chat          wireChat       `json:"chat"`
	From          UserInfo       `json:"from"`
	Date          int64          `json:"date"`
	OldChatMember wireChatMember `json:"old_chat_member"`
	NewChatMember wireChatMember `json:"new_chat_member"`
}

func (u *User) setBlockedLocked(blocked bool) {
	s := u.s
	u.blocked = blocked
	if !blocked {
		u.started = true
	}
	var zero int64
	member := wireChatMember{Status: "member", User: s.bot}
	kicked := wireChatMember{Status: "kicked", User: s.bot, UntilDate: &zero}
	upd := wireChatMemberUpdated{Chat: s.chats[u.info.ID].wire(), From: u.info, Date: s.now().Unix(), OldChatMember: member, NewChatMember: kicked}
	if !blocked {
		upd.OldChatMember, upd.NewChatMember = kicked, member
	}
	s.enqueueLocked("my_chat_member", upd)
	s.emitLocked(EventMember, u.info.ID, nil, nil)
}

// Messages is the whole chat in order, in its current state.
func (u *User) Messages() []Message { return u.s.messagesOf(u.info.ID, false) }

// BotMessages is what the bot wrote in the chat.
func (u *User) BotMessages() []Message { return u.s.messagesOf(u.info.ID, true) }

// LastBotMessage is the bot's latest message in the chat.
func (u *User) LastBotMessage() (Message, bool) { return last(u.BotMessages()) }

// WaitBotMessages waits until the chat holds at least n bot messages and
// returns them all.
func (u *User) WaitBotMessages(ctx context.Context, n int) ([]Message, error) {
	return u.s.waitBotMessages(ctx, func() int64 { return u.info.ID }, n)
}

// CallbackAnswers are the bot's answers to this user's presses.
func (u *User) CallbackAnswers() []CallbackAnswer {
	u.s.mu.Lock()
	defer u.s.mu.Unlock()
	return append([]CallbackAnswer(nil), u.answers...)
}

// Commands is the command menu the user sees with the app in lang;
// "" means the user's own language.
func (u *User) Commands(lang string) []BotCommand {
	u.s.mu.Lock()
	defer u.s.mu.Unlock()
	if lang == "" {
		lang = u.info.LanguageCode
	}
	return u.s.commandsForLocked(u.info.ID, lang)
}

// ReplyKeyboard is the reply keyboard the user currently sees: the last
// one the bot sent, unless removed since, or used if it was one-time.
func (u *User) ReplyKeyboard() ([][]KeyboardButton, bool) {
	msgs := u.Messages()
	userWroteSince := false
	for i := len(msgs) - 1; i >= 0; i-- {
		m := msgs[i]
		switch {
		case !m.FromBot:
			userWroteSince = true
		case m.RemoveKeyboard:
			return nil, false
		case len(m.ReplyKeyboard) > 0:
			if m.KeyboardOneTime && userWroteSince {
				return nil, false
			}
			return m.ReplyKeyboard, true
		}
	}
	return nil, false
}
