package emulator

import (
	"encoding/json"
	"fmt"
	"regexp"
)

// botCommand is an entry of the bot's command menu.
type botCommand struct {
	Command     string `json:"command"`
	Description string `json:"description"`
}

// BotCommand is a menu entry as a user sees it.
type BotCommand struct {
	Command     string
	Description string
}

type commandScope struct {
	Type   string          `json:"type"`
	ChatID json.RawMessage `json:"chat_id,omitempty"`
	UserID int64           `json:"user_id,omitempty"`
}

var (
	commandPattern  = regexp.MustCompile(`^[a-z0-9_]{1,32}$`)
	languagePattern = regexp.MustCompile(`^([a-z]{2})?$`)
	scopeTypes      = map[string]bool{"default": true, "all_private_chats": true, "all_group_chats": true,
		"all_chat_administrators": true, "chat": true, "chat_administrators": true, "chat_member": true}
)

// commandKey identifies a menu by scope and language, as Telegram keeps
// one list per pair.
func commandKey(c *call) (string, *apiError) {
	scope := commandScope{Type: "default"}
	if _, e := c.json("scope", &scope, "can't parse BotCommandScope JSON object"); e != nil {
		return "", e
	}
	if !scopeTypes[scope.Type] {
		return "", badRequest("wrong bot command scope type specified")
	}
	lang := c.str("language_code")
	if !languagePattern.MatchString(lang) {
		return "", badRequest("invalid language code specified")
	}
	var chatID any
	if len(scope.ChatID) > 0 {
		// chat_id may be a number or a quoted number; the key must not care.
		var s string
		if json.Unmarshal(scope.ChatID, &s) == nil {
			chatID = s
		} else {
			chatID = string(scope.ChatID)
		}
	}
	return scopeKey(scope.Type, chatID, scope.UserID, lang), nil
}

func scopeKey(typ string, chatID any, userID int64, lang string) string {
	if chatID == nil {
		chatID = ""
	}
	return fmt.Sprintf("%s|%v|%d|%s", typ, chatID, userID, lang)
}

func (s *Server) setMyCommands(c *call) (any, *apiError) {
	var cmds []botCommand
	if _, e := c.json("commands", &cmds, "can't parse commands JSON object"); e != nil {
		return nil, e
	}
	if len(cmds) > 100 {
		return nil, badRequest("too many commands specified")
	}
	for _, cmd := range cmds {
		if !commandPattern.MatchString(cmd.Command) {
			return nil, badRequest("BOT_COMMAND_INVALID")
		}
		if n := UTF16Len(cmd.Description); n < 1 || n > 256 {
			return nil, badRequest("BOT_COMMAND_DESCRIPTION_INVALID")
		}
	}
	key, e := commandKey(c)
	if e != nil {
		return nil, e
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(cmds) == 0 {
		delete(s.commands, key)
	} else {
		s.commands[key] = cmds
	}
	s.touchLocked()
	return true, nil
}

func (s *Server) getMyCommands(c *call) (any, *apiError) {
	key, e := commandKey(c)
	if e != nil {
		return nil, e
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	out := append([]botCommand{}, s.commands[key]...)
	return out, nil
}

func (s *Server) deleteMyCommands(c *call) (any, *apiError) {
	key, e := commandKey(c)
	if e != nil {
		return nil, e
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.commands, key)
	s.touchLocked()
	return true, nil
}

// commandsForLocked resolves the menu a private chat shows, with
// Telegram's precedence: the chat's own scope, all private chats, the
// default; at each level the user's language first.
func (s *Server) commandsForLocked(chatID int64, lang string) []BotCommand {
	id := fmt.Sprint(chatID)
	for _, k := range []string{
		scopeKey("chat", id, 0, lang), scopeKey("chat", id, 0, ""),
		scopeKey("all_private_chats", nil, 0, lang), scopeKey("all_private_chats", nil, 0, ""),
		scopeKey("default", nil, 0, lang), scopeKey("default", nil, 0, ""),
	} {
		if cmds, ok := s.commands[k]; ok {
			out := make([]BotCommand, len(cmds))
			for i, c := range cmds {
				out[i] = BotCommand(c)
			}
			return out
		}
	}
	return nil
}
