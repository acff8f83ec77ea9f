package emulator

import (
	"context"
	"sort"
	"strings"
)

// call is one API call being answered.
type call struct {
	ctx    context.Context
	method string
	p      *params
}

type methodEntry struct {
	name string
	fn   func(s *Server, c *call) (any, *apiError)
	// counted methods send or edit messages: they obey the flood limits
	// and are what InjectError("") hits.
	counted bool
}

var methodTable = []methodEntry{
	{name: "getMe", fn: (*Server).getMe},
	{name: "logOut", fn: (*Server).trivialTrue},
	{name: "close", fn: (*Server).trivialTrue},
	{name: "getUpdates", fn: (*Server).getUpdates},
	{name: "setWebhook", fn: (*Server).setWebhook},
	{name: "deleteWebhook", fn: (*Server).deleteWebhook},
	{name: "getWebhookInfo", fn: (*Server).getWebhookInfo},
	{name: "sendMessage", fn: (*Server).sendMessage, counted: true},
	{name: "sendPhoto", fn: (*Server).sendPhoto, counted: true},
	{name: "sendDocument", fn: (*Server).sendDocument, counted: true},
	{name: "sendMediaGroup", fn: (*Server).sendMediaGroup, counted: true},
	{name: "sendLocation", fn: (*Server).sendLocation, counted: true},
	{name: "sendVenue", fn: (*Server).sendVenue, counted: true},
	{name: "sendContact", fn: (*Server).sendContact, counted: true},
	{name: "copyMessage", fn: (*Server).copyMessage, counted: true},
	{name: "forwardMessage", fn: (*Server).forwardMessage, counted: true},
	{name: "editMessageText", fn: (*Server).editMessageText, counted: true},
	{name: "editMessageCaption", fn: (*Server).editMessageCaption, counted: true},
	{name: "editMessageReplyMarkup", fn: (*Server).editMessageReplyMarkup, counted: true},
	{name: "deleteMessage", fn: (*Server).deleteMessage},
	{name: "answerCallbackQuery", fn: (*Server).answerCallbackQuery},
	{name: "getFile", fn: (*Server).getFile},
	{name: "setMyCommands", fn: (*Server).setMyCommands},
	{name: "getMyCommands", fn: (*Server).getMyCommands},
	{name: "deleteMyCommands", fn: (*Server).deleteMyCommands},
	{name: "pinChatMessage", fn: (*Server).pinChatMessage},
	{name: "unpinChatMessage", fn: (*Server).unpinChatMessage},
	{name: "sendChatAction", fn: (*Server).sendChatAction},
	{name: "getChat", fn: (*Server).getChat},
	{name: "setMessageReaction", fn: (*Server).setMessageReaction},
}

// methods indexes methodTable by lower-case name: Telegram matches method
// names case-insensitively.
var methods = func() map[string]methodEntry {
	m := make(map[string]methodEntry, len(methodTable))
	for _, e := range methodTable {
		m[strings.ToLower(e.name)] = e
	}
	return m
}()

func lookupMethod(name string) (methodEntry, bool) {
	e, ok := methods[strings.ToLower(name)]
	return e, ok
}

// isCounted reports whether a method sends or edits messages.
func isCounted(name string) bool {
	e, ok := lookupMethod(name)
	return ok && e.counted
}

// missingTexts are Telegram's own words for some missing parameters;
// the rest get "<name> is empty".
var missingTexts = map[string]string{
	"text":       errTextEmpty,
	"photo":      "there is no photo in the request",
	"document":   "there is no document in the request",
	"message_id": "message identifier is not specified",
	"media":      "there are no media in the request",
	"action":     "action is empty",
}

// checkRequired applies the spec's required fields. chat_id comes first,
// as in Telegram, the rest in a stable order.
func checkRequired(method string, p *params) *apiError {
	spec, ok := MethodSpec(method)
	if !ok {
		return nil
	}
	var names []string
	for name, f := range spec.Fields {
		if f.Required && !p.has(name) {
			names = append(names, name)
		}
	}
	if len(names) == 0 {
		return nil
	}
	sort.Slice(names, func(i, j int) bool {
		if (names[i] == "chat_id") != (names[j] == "chat_id") {
			return names[i] == "chat_id"
		}
		return names[i] < names[j]
	})
	if text, ok := missingTexts[names[0]]; ok {
		return badRequest("%s", text)
	}
	return badRequest("%s is empty", names[0])
}

func (s *Server) trivialTrue(*call) (any, *apiError) { return true, nil }

type getMeResult struct {
	UserInfo
	CanJoinGroups           bool `json:"can_join_groups"`
	CanReadAllGroupMessages bool `json:"can_read_all_group_messages"`
	SupportsInlineQueries   bool `json:"supports_inline_queries"`
	CanConnectToBusiness    bool `json:"can_connect_to_business"`
	HasMainWebApp           bool `json:"has_main_web_app"`
}

func (s *Server) getMe(*call) (any, *apiError) {
	return getMeResult{UserInfo: s.bot, CanJoinGroups: true, CanReadAllGroupMessages: !s.opts.PrivacyMode}, nil
}
