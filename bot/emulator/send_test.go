package emulator

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestSendMessageValidation(t *testing.T) {
	h := newHarness(t, Options{NoLimits: true})
	h.s.User(42, "Anna", "it")
	emoji := "🔔" // two UTF-16 code units
	tests := []struct {
		name   string
		params map[string]any
		want   string // "" means success
	}{
		{"4096 UTF-16 units of emoji", map[string]any{"text": strings.Repeat(emoji, 2048)}, ""},
		{"4097 UTF-16 units", map[string]any{"text": strings.Repeat(emoji, 2048) + "x"}, "Bad Request: message is too long"},
		{"4096 bytes of markup around short text", map[string]any{"text": "<b>" + strings.Repeat("a", 4096) + "</b>", "parse_mode": "HTML"}, ""},
		{"empty after parsing", map[string]any{"text": "<b></b>", "parse_mode": "HTML"}, "Bad Request: message text is empty"},
		{"only spaces", map[string]any{"text": "   "}, "Bad Request: message text is empty"},
		{"bad HTML", map[string]any{"text": "<foo>x</foo>", "parse_mode": "HTML"}, "Bad Request: can't parse entities"},
		{"markdown", map[string]any{"text": "*x*", "parse_mode": "MarkdownV2"}, "Bad Request: unsupported parse_mode in emulator"},
		{"65-byte callback_data", map[string]any{"text": "x", "reply_markup": keyboard([]map[string]any{button("A", strings.Repeat("d", 65))})}, "Bad Request: BUTTON_DATA_INVALID"},
		{"64-byte callback_data", map[string]any{"text": "x", "reply_markup": keyboard([]map[string]any{button("A", strings.Repeat("d", 64))})}, ""},
		{"empty callback_data", map[string]any{"text": "x", "reply_markup": keyboard([]map[string]any{button("A", "")})}, "Bad Request: BUTTON_DATA_INVALID"},
		{"button without action", map[string]any{"text": "x", "reply_markup": keyboard([]map[string]any{{"text": "A"}})}, "Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"},
		{"button with two actions", map[string]any{"text": "x", "reply_markup": keyboard([]map[string]any{{"text": "A", "callback_data": "a", "url": "https://example.com"}})}, "Bad Request: can't parse inline keyboard button: a button must have exactly one action"},
		{"bad button URL", map[string]any{"text": "x", "reply_markup": keyboard([]map[string]any{{"text": "A", "url": "javascript:alert(1)"}})}, "Bad Request: BUTTON_URL_INVALID"},
		{"markup not JSON", map[string]any{"text": "x", "reply_markup": "{"}, "Bad Request: can't parse reply keyboard markup JSON object"},
		{"reply to a missing message", map[string]any{"text": "x", "reply_parameters": `{"message_id":999}`}, "Bad Request: message to be replied not found"},
		{"reply to a missing message, allowed", map[string]any{"text": "x", "reply_parameters": `{"message_id":999,"allow_sending_without_reply":true}`}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.params["chat_id"] = 42
			r := h.call("sendMessage", tt.params)
			if tt.want == "" {
				mustOK[sentMessage](t, r)
				return
			}
			if r.OK || r.ErrorCode != 400 || !strings.HasPrefix(r.Description, tt.want) {
				t.Fatalf("got ok=%v %d %q, want 400 %q", r.OK, r.ErrorCode, r.Description, tt.want)
			}
		})
	}
}

func TestReplyKeyboardsAreRecorded(t *testing.T) {
	h := newHarness(t, Options{NoLimits: true})
	u := h.s.User(42, "Anna", "it")
	kb := `{"keyboard":[[{"text":"📍 Invia posizione","request_location":true}],["Annulla"]],"resize_keyboard":true,"one_time_keyboard":true,"is_persistent":false,"input_field_placeholder":"Dove?"}`
	mustOK[sentMessage](t, h.call("sendMessage", map[string]any{"chat_id": 42, "text": "Dove?", "reply_markup": kb}))
	m, _ := u.LastBotMessage()
	if len(m.ReplyKeyboard) != 2 || !m.ReplyKeyboard[0][0].RequestLocation || m.ReplyKeyboard[1][0].Text != "Annulla" ||
		!m.KeyboardResize || !m.KeyboardOneTime || m.KeyboardPlaceholder != "Dove?" {
		t.Fatalf("recorded %+v", m)
	}
	if rows, ok := u.ReplyKeyboard(); !ok || len(rows) != 2 {
		t.Fatalf("the user should see the keyboard: %v %v", rows, ok)
	}
	u.SendLocation(46.07, 11.12)
	if _, ok := u.ReplyKeyboard(); ok {
		t.Fatal("a one-time keyboard hides once used")
	}
	mustOK[sentMessage](t, h.call("sendMessage", map[string]any{"chat_id": 42, "text": "Ok", "reply_markup": `{"remove_keyboard":true}`}))
	if m, _ := u.LastBotMessage(); !m.RemoveKeyboard {
		t.Fatalf("remove_keyboard not recorded: %+v", m)
	}
}

func TestChatRefusals(t *testing.T) {
	h := newHarness(t, Options{NoLimits: true})
	blocked := h.s.User(42, "Anna", "it")
	blocked.Block()
	h.s.NewStranger(43, "Bruno", "it")
	g := h.s.Group(500, "Staff")
	newID := g.MigrateToSupergroup()

	tests := []struct {
		name   string
		chatID any
		code   int
		want   string
	}{
		{"unknown chat", 999, 400, "Bad Request: chat not found"},
		{"unknown @username", "@nobody", 400, "Bad Request: chat not found"},
		{"blocked user", 42, 403, "Forbidden: bot was blocked by the user"},
		{"user who never started the bot", 43, 403, "Forbidden: bot can't initiate conversation with a user"},
		{"group upgraded to supergroup", -500, 400, "Bad Request: group chat was upgraded to a supergroup chat"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantError(t, h.call("sendMessage", map[string]any{"chat_id": tt.chatID, "text": "ciao"}), tt.code, tt.want)
		})
	}
	t.Run("migrate error carries the new id", func(t *testing.T) {
		r := h.call("sendMessage", map[string]any{"chat_id": -500, "text": "ciao"})
		if r.Parameters.MigrateToChatID != newID || newID != -1000000000500 {
			t.Fatalf("migrate_to_chat_id = %d, new id %d", r.Parameters.MigrateToChatID, newID)
		}
		m := mustOK[sentMessage](t, h.call("sendMessage", map[string]any{"chat_id": newID, "text": "ciao"}))
		if m.Chat.Type != "supergroup" {
			t.Fatalf("chat = %+v", m.Chat)
		}
		if got := g.BotMessages(); len(got) != 1 || got[0].Text != "ciao" {
			t.Fatalf("the Group handle follows the migration: %+v", got)
		}
	})
	t.Run("unblocking and writing first open the chat", func(t *testing.T) {
		blocked.Unblock()
		mustOK[sentMessage](t, h.call("sendMessage", map[string]any{"chat_id": 42, "text": "bentornata"}))
		h.s.User(43, "", "").Send("/start")
		mustOK[sentMessage](t, h.call("sendMessage", map[string]any{"chat_id": 43, "text": "benvenuto"}))
	})
}

func TestSendLocationVenueContact(t *testing.T) {
	h := newHarness(t, Options{NoLimits: true})
	u := h.s.User(42, "Anna", "it")
	var loc struct {
		Location Location `json:"location"`
		Venue    *Venue   `json:"venue"`
	}
	loc = mustOK[struct {
		Location Location `json:"location"`
		Venue    *Venue   `json:"venue"`
	}](t, h.call("sendLocation", map[string]any{"chat_id": 42, "latitude": 46.07, "longitude": 11.12}))
	if loc.Location.Latitude != 46.07 {
		t.Fatalf("sendLocation = %+v", loc)
	}
	wantError(t, h.call("sendLocation", map[string]any{"chat_id": 42, "latitude": 91, "longitude": 0}), 400, "Bad Request: wrong latitude specified")
	raw := h.call("sendVenue", map[string]any{"chat_id": 42, "latitude": 46.07, "longitude": 11.12, "title": "Ecocentro", "address": "Via Roma 1"})
	if err := json.Unmarshal(raw.Result, &loc); err != nil || loc.Venue == nil || loc.Venue.Title != "Ecocentro" || loc.Location.Longitude != 11.12 {
		t.Fatalf("sendVenue = %s", raw.Result)
	}
	mustOK[sentMessage](t, h.call("sendContact", map[string]any{"chat_id": 42, "phone_number": "+39 0461 000000", "first_name": "URP"}))
	msgs := u.BotMessages()
	if len(msgs) != 3 || msgs[0].Location == nil || msgs[1].Venue == nil || msgs[2].Contact == nil {
		t.Fatalf("driver view = %+v", msgs)
	}
}
