package emulator

import (
	"context"
	"errors"
	"fmt"
	"strings"
)

// Driver errors, for errors.Is.
var (
	ErrMessageNotFound = errors.New("emulator: message not found")
	ErrButtonNotFound  = errors.New("emulator: button not found")
)

// anonymousAdmin signs service messages, as Telegram's GroupAnonymousBot.
var anonymousAdmin = UserInfo{ID: 1087968824, IsBot: true, FirstName: "Group", Username: "GroupAnonymousBot"}

// postLocked stores a message a person sent and queues its update. In
// privacy mode, group messages the bot would not see are stored only.
func (s *Server) postLocked(ch *chat, from *User, m *Message) Message {
	if from != nil {
		info := from.info
		m.From = &info
	}
	m.Date = s.now()
	s.addMessageLocked(ch, m)
	if s.deliverableLocked(ch, m) {
		s.enqueueLocked("message", s.wireLocked(m, 0))
	}
	s.emitLocked(EventMessage, ch.id, m, nil)
	return *m
}

// deliverableLocked applies privacy mode: commands, replies to the bot
// and mentions of it reach a bot that cannot read all group messages.
func (s *Server) deliverableLocked(ch *chat, m *Message) bool {
	if !s.opts.PrivacyMode || ch.typ == "private" || m.MigrateFromChatID != 0 || m.MigrateToChatID != 0 {
		return true
	}
	if len(commandEntity(m.Body())) > 0 || strings.Contains(m.Body(), "@"+s.bot.Username) {
		return true
	}
	to, ok := ch.byID[m.ReplyToID]
	return ok && to.FromBot
}

// replyIDLocked checks that a driver reply points into the same chat.
func replyIDLocked(ch *chat, to Message) int {
	if to.ChatID != ch.id {
		return 0
	}
	if _, ok := ch.byID[to.ID]; !ok {
		return 0
	}
	return to.ID
}

// press finds a button by its text in the message's current keyboard
// (an edit may have replaced the one msg was taken with) and sends its
// callback data.
func (s *Server) press(from *User, msg Message, buttonText string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ch := s.chats[msg.ChatID]
	var cur *Message
	if ch != nil {
		cur = ch.byID[msg.ID]
	}
	if cur == nil {
		return "", fmt.Errorf("%w: message %d in chat %d", ErrMessageNotFound, msg.ID, msg.ChatID)
	}
	b, ok := cur.Button(buttonText)
	if !ok {
		return "", fmt.Errorf("%w: %q in message %d, which has %v", ErrButtonNotFound, buttonText, msg.ID, cur.ButtonTexts())
	}
	if b.Action != "callback_data" {
		return "", fmt.Errorf("%w: %q is a %s button, not a callback button", ErrButtonNotFound, buttonText, b.Action)
	}
	return s.pressLocked(from, ch, cur, b.CallbackData), nil
}

// pressData sends forged callback data for a message, in msg's chat or,
// for a made-up message, in chatID.
func (s *Server) pressData(from *User, chatID int64, msg Message, data string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if msg.ChatID != 0 {
		chatID = msg.ChatID
	}
	ch := s.chats[chatID]
	if ch == nil {
		// A made-up chat is not stored: forging must not invent state.
		ch = &chat{id: chatID, typ: "private", byID: map[int]*Message{}}
	}
	cur, ok := ch.byID[msg.ID]
	if !ok {
		cp := msg
		cur = &cp
	}
	return s.pressLocked(from, ch, cur, data)
}

// messagesOf copies a chat's messages out, following a migration.
func (s *Server) messagesOf(chatID int64, botOnly bool) []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	if ch := s.chats[chatID]; ch != nil {
		return ch.snapshot(botOnly)
	}
	return nil
}

// waitBotMessages waits until the chat holds at least n bot messages.
// It counts under the lock and copies the chat once at the end: many
// people waiting at once would otherwise copy every chat at every change.
func (s *Server) waitBotMessages(ctx context.Context, chatID func() int64, n int) ([]Message, error) {
	err := s.WaitFor(ctx, func() bool { return s.botMessageCount(chatID()) >= n })
	got := s.messagesOf(chatID(), true)
	if err != nil {
		return got, fmt.Errorf("emulator: %d of %d bot messages in chat %d: %w", len(got), n, chatID(), err)
	}
	return got, nil
}

func (s *Server) botMessageCount(chatID int64) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	ch := s.chats[chatID]
	if ch == nil {
		return 0
	}
	n := 0
	for _, m := range ch.messages {
		if m.FromBot {
			n++
		}
	}
	return n
}

func last(msgs []Message) (Message, bool) {
	if len(msgs) == 0 {
		return Message{}, false
	}
	return msgs[len(msgs)-1], true
}
