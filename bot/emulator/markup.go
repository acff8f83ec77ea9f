package emulator

import (
	"encoding/json"
	"net/url"
	"strings"
)

// markup is a parsed reply_markup.
type markup struct {
	kind        string // "inline", "keyboard", "remove" or "force_reply"
	inline      [][]InlineButton
	keyboard    [][]KeyboardButton
	resize      bool
	oneTime     bool
	persistent  bool
	placeholder string
}

// inlineActions are the keys of InlineKeyboardButton that make it do
// something; a button needs exactly one.
var inlineActions = []string{"url", "callback_data", "web_app", "login_url", "switch_inline_query",
	"switch_inline_query_current_chat", "switch_inline_query_chosen_chat", "copy_text", "callback_game", "pay"}

const errMarkupJSON = "can't parse reply keyboard markup JSON object"

// parseMarkup validates reply_markup with Telegram's error texts. An
// absent markup is nil.
func parseMarkup(raw string) (*markup, *apiError) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return nil, nil
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal([]byte(raw), &top); err != nil {
		return nil, badRequest(errMarkupJSON)
	}
	switch {
	case top["inline_keyboard"] != nil:
		return parseInline(top["inline_keyboard"])
	case top["keyboard"] != nil:
		return parseKeyboard(top)
	case top["remove_keyboard"] != nil:
		return &markup{kind: "remove"}, nil
	case top["force_reply"] != nil:
		m := &markup{kind: "force_reply"}
		_ = json.Unmarshal(top["input_field_placeholder"], &m.placeholder)
		return m, nil
	}
	return nil, badRequest(errMarkupJSON)
}

func parseInline(raw json.RawMessage) (*markup, *apiError) {
	var rows [][]map[string]json.RawMessage
	if err := json.Unmarshal(raw, &rows); err != nil {
		return nil, badRequest("can't parse inline keyboard button: InlineKeyboardButton must be an Object")
	}
	m := &markup{kind: "inline"}
	for _, row := range rows {
		var out []InlineButton
		for _, fields := range row {
			b, e := parseInlineButton(fields)
			if e != nil {
				return nil, e
			}
			out = append(out, b)
		}
		if len(out) > 0 {
			m.inline = append(m.inline, out)
		}
	}
	return m, nil
}

func parseInlineButton(fields map[string]json.RawMessage) (InlineButton, *apiError) {
	var b InlineButton
	if err := json.Unmarshal(fields["text"], &b.Text); err != nil {
		return b, badRequest("can't parse inline keyboard button: Field \"text\" must be of type String")
	}
	if strings.TrimSpace(b.Text) == "" {
		return b, badRequest("BUTTON_TEXT_INVALID")
	}
	for _, action := range inlineActions {
		v, ok := fields[action]
		if !ok || string(v) == "null" {
			continue
		}
		// An empty callback_data or url is the bot's mistake and must be
		// reported; other empty actions are library padding.
		if action != "callback_data" && action != "url" && emptyJSON(v) {
			continue
		}
		if b.Action != "" {
			return b, badRequest("can't parse inline keyboard button: a button must have exactly one action, found %q and %q", b.Action, action)
		}
		b.Action, b.raw = action, string(v)
	}
	switch b.Action {
	case "":
		return b, badRequest("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard")
	case "callback_data":
		if json.Unmarshal([]byte(b.raw), &b.CallbackData) != nil || len(b.CallbackData) < 1 || len(b.CallbackData) > 64 {
			return b, badRequest(errButtonData)
		}
	case "url":
		if json.Unmarshal([]byte(b.raw), &b.URL) != nil || !validButtonURL(b.URL) {
			return b, badRequest("BUTTON_URL_INVALID")
		}
	}
	return b, nil
}

// emptyJSON reports a value that carries nothing: null, "", false, or an
// object of such values. go-telegram/bot sends "copy_text":{"text":""} on
// every button (a struct field cannot be omitempty), and Telegram ignores
// it, so an empty action does not count as one.
func emptyJSON(raw json.RawMessage) bool {
	var v any
	if json.Unmarshal(raw, &v) != nil {
		return false
	}
	return isZero(v)
}

func isZero(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case string:
		return x == ""
	case bool:
		return !x
	case map[string]any:
		for _, e := range x {
			if !isZero(e) {
				return false
			}
		}
		return true
	}
	return false
}

func validButtonURL(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil {
		return false
	}
	switch u.Scheme {
	case "http", "https":
		return u.Host != ""
	case "tg":
		return true
	}
	return false
}

func parseKeyboard(top map[string]json.RawMessage) (*markup, *apiError) {
	var rows [][]json.RawMessage
	if err := json.Unmarshal(top["keyboard"], &rows); err != nil {
		return nil, badRequest("can't parse keyboard button: KeyboardButton must be a String or an Object")
	}
	m := &markup{kind: "keyboard"}
	for _, row := range rows {
		var out []KeyboardButton
		for _, raw := range row {
			var k KeyboardButton
			if json.Unmarshal(raw, &k.Text) != nil {
				var obj struct {
					Text            string `json:"text"`
					RequestLocation bool   `json:"request_location"`
					RequestContact  bool   `json:"request_contact"`
				}
				if json.Unmarshal(raw, &obj) != nil {
					return nil, badRequest("can't parse keyboard button: KeyboardButton must be a String or an Object")
				}
				k = KeyboardButton{Text: obj.Text, RequestLocation: obj.RequestLocation, RequestContact: obj.RequestContact}
			}
			if strings.TrimSpace(k.Text) == "" {
				return nil, badRequest("BUTTON_TEXT_INVALID")
			}
			out = append(out, k)
		}
		if len(out) > 0 {
			m.keyboard = append(m.keyboard, out)
		}
	}
	if len(m.keyboard) == 0 {
		return nil, badRequest("keyboard must be non-empty")
	}
	_ = json.Unmarshal(top["resize_keyboard"], &m.resize)
	_ = json.Unmarshal(top["one_time_keyboard"], &m.oneTime)
	_ = json.Unmarshal(top["is_persistent"], &m.persistent)
	_ = json.Unmarshal(top["input_field_placeholder"], &m.placeholder)
	if UTF16Len(m.placeholder) > 64 {
		return nil, badRequest("input field placeholder is too long")
	}
	return m, nil
}

// apply records the markup on a new message.
func (m *markup) apply(msg *Message) {
	if m == nil {
		return
	}
	switch m.kind {
	case "inline":
		msg.InlineKeyboard = m.inline
	case "keyboard":
		msg.ReplyKeyboard = m.keyboard
		msg.KeyboardResize, msg.KeyboardOneTime, msg.KeyboardPersistent = m.resize, m.oneTime, m.persistent
		msg.KeyboardPlaceholder = m.placeholder
	case "remove":
		msg.RemoveKeyboard = true
	case "force_reply":
		msg.ForceReply = true
		msg.KeyboardPlaceholder = m.placeholder
	}
}

// editMarkup parses the reply_markup of an edit: only an inline keyboard,
// and its absence removes the keyboard.
func editMarkup(raw string) ([][]InlineButton, *apiError) {
	m, e := parseMarkup(raw)
	if e != nil || m == nil {
		return nil, e
	}
	if m.kind != "inline" {
		return nil, badRequest("inline keyboard expected")
	}
	return m.inline, nil
}
