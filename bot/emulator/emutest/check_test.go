package emutest

import (
	"slices"
	"strings"
	"testing"

	"github.com/campanile/campanile/bot/emulator"
)

// loadAPI loads api.json for tests, skipping where it is absent.
func loadAPI(t *testing.T) *API {
	t.Helper()
	path, ok := FindAPIJSON()
	if !ok {
		t.Skipf("api.json not found (looked at %q): cannot test the conformance checker", path)
	}
	api, err := loadCached(path)
	if err != nil {
		t.Fatal(err)
	}
	return api
}

func req(method string, params map[string]string, files ...string) emulator.Request {
	return emulator.Request{Method: method, Params: params, Files: files, Status: 200}
}

// inlineKeyboard is what go-telegram/bot v1.19 sends for one callback
// button and one URL button: note the always-present empty copy_text.
const inlineKeyboard = `{"inline_keyboard":[[{"text":"🗑️ Raccolta","callback_data":"topic:waste","copy_text":{"text":""}}],` +
	`[{"text":"Sito del comune","url":"https://comune.example/","copy_text":{"text":""}}]]}`

func TestCheckAccepts(t *testing.T) {
	api := loadAPI(t)
	tests := []struct {
		label string
		r     emulator.Request
	}{
		{"sendMessage with inline keyboard", req("sendMessage", map[string]string{
			"chat_id": "-1001234567890", "text": "<b>Ciao</b>, scegli:", "parse_mode": "HTML",
			"disable_notification": "true", "link_preview_options": `{"is_disabled":true}`,
			"reply_markup": inlineKeyboard,
		})},
		{"method name in other case", req("SENDMESSAGE", map[string]string{"chat_id": "@comune", "text": "x"})},
		{"reply keyboard asking for location", req("sendMessage", map[string]string{"chat_id": "42", "text": "Dove?",
			"reply_markup": `{"keyboard":[[{"text":"📍 Invia posizione","request_location":true}],[{"text":"Annulla"}]],"resize_keyboard":true,"one_time_keyboard":true}`})},
		{"keyboard removal", req("sendMessage", map[string]string{"chat_id": "42", "text": "Grazie",
			"reply_markup": `{"remove_keyboard":true}`})},
		{"entities instead of parse_mode", req("sendMessage", map[string]string{"chat_id": "42", "text": "Avviso",
			"entities": `[{"type":"bold","offset":0,"length":6},{"type":"text_link","offset":0,"length":6,"url":"https://comune.example/"}]`})},
		{"media group with attach parts", req("sendMediaGroup", map[string]string{"chat_id": "-100200",
			"media": `[{"type":"photo","media":"attach://p1","caption":"Buca in via Roma","parse_mode":"HTML"},` +
				`{"type":"video","media":"attach://p2","supports_streaming":true},{"type":"photo","media":"AgACAgQAAxkBAAIB"}]`,
		}, "p1", "p2")},
		{"photo uploaded as a file", req("sendPhoto", map[string]string{"chat_id": "42", "caption": "Foto"}, "photo")},
		{"photo by file_id", req("sendPhoto", map[string]string{"chat_id": "42", "photo": "AgACAgQAAxkBAAIB"})},
		{"commands with scope and language", req("setMyCommands", map[string]string{
			"commands":      `[{"command":"start","description":"Inizia"},{"command":"segnala","description":"Segnala un problema"}]`,
			"scope":         `{"type":"chat","chat_id":-1001234567890}`,
			"language_code": "it",
		})},
		{"commands for all private chats", req("setMyCommands", map[string]string{
			"commands": `[{"command":"help","description":"Hilfe"}]`, "scope": `{"type":"all_private_chats"}`, "language_code": "de"})},
		{"allowed_updates", req("getUpdates", map[string]string{"offset": "10", "timeout": "30", "allowed_updates": `["message","callback_query"]`})},
		{"no fields", req("getMe", nil)},
		{"location floats", req("sendLocation", map[string]string{"chat_id": "42", "latitude": "45.4642", "longitude": "9.19"})},
	}
	for _, tt := range tests {
		t.Run(tt.label, func(t *testing.T) {
			if got := api.Check(tt.r); len(got) > 0 {
				t.Errorf("Check(%+v) = %q, want no problems", tt.r, got)
			}
		})
	}
}

func TestCheckFlags(t *testing.T) {
	api := loadAPI(t)
	tests := []struct {
		label string
		r     emulator.Request
		want  []string
	}{
		{"unknown method", req("sendMesage", map[string]string{"chat_id": "1"}),
			[]string{"sendMesage: unknown method"}},
		{"missing required field", req("sendMessage", map[string]string{"chat_id": "1"}),
			[]string{"sendMessage text: required field missing"}},
		{"unknown field", req("sendMessage", map[string]string{"chat_id": "1", "text": "x", "colour": "red"}),
			[]string{"sendMessage colour: unknown field"}},
		{"unknown key inside a button", req("sendMessage", map[string]string{"chat_id": "1", "text": "x",
			"reply_markup": `{"inline_keyboard":[[{"text":"Sì","callback_data":"yes","colour":"green"}]]}`}),
			[]string{"sendMessage reply_markup.inline_keyboard[0][0].colour: unknown field (closest match: InlineKeyboardMarkup)"}},
		{"button without action", req("sendMessage", map[string]string{"chat_id": "1", "text": "x",
			"reply_markup": `{"inline_keyboard":[[{"text":"Sì","copy_text":{"text":""}}]]}`}),
			[]string{"sendMessage reply_markup.inline_keyboard[0][0]: inline button has no action (url, callback_data, ...) (closest match: InlineKeyboardMarkup)"}},
		{"callback data too long", req("editMessageReplyMarkup", map[string]string{"chat_id": "1", "message_id": "2",
			"reply_markup": `{"inline_keyboard":[[{"text":"Sì","callback_data":"` + strings.Repeat("x", 65) + `"}]]}`}),
			[]string{"editMessageReplyMarkup reply_markup.inline_keyboard[0][0].callback_data: is 65 bytes, Telegram allows 1-64"}},
		{"bad integer", req("sendMessage", map[string]string{"chat_id": "1", "text": "x", "message_thread_id": "abc"}),
			[]string{`sendMessage message_thread_id: want Integer, got "abc"`}},
		{"bad boolean", req("sendMessage", map[string]string{"chat_id": "1", "text": "x", "disable_notification": "yes"}),
			[]string{`sendMessage disable_notification: want Boolean, got "yes"`}},
		{"bad float", req("sendLocation", map[string]string{"chat_id": "1", "latitude": "45,46", "longitude": "9"}),
			[]string{`sendLocation latitude: want Float, got "45,46"`}},
		{"invalid JSON", req("sendMessage", map[string]string{"chat_id": "1", "text": "x", "reply_markup": `{"inline_keyboard":`}),
			[]string{"sendMessage reply_markup: not valid JSON: unexpected EOF"}},
		{"string where an integer belongs in JSON", req("sendMessage", map[string]string{"chat_id": "1", "text": "x",
			"entities": `[{"type":"bold","offset":"0","length":1}]`}),
			[]string{"sendMessage entities[0].offset: want Integer, got a string"}},
		{"unknown media type", req("sendMediaGroup", map[string]string{"chat_id": "1", "media": `[{"type":"sticker","media":"x"}]`}),
			[]string{`sendMediaGroup media[0].type: "sticker" is not one of "audio", "document", "live_photo", "photo", "video"`}},
		{"field of another media type", req("sendMediaGroup", map[string]string{"chat_id": "1", "media": `[{"type":"photo","media":"x","duration":5}]`}),
			[]string{"sendMediaGroup media[0].duration: unknown field"}},
		{"attach without file part", req("sendMediaGroup", map[string]string{"chat_id": "1", "media": `[{"type":"photo","media":"attach://p1"}]`}),
			[]string{"sendMediaGroup media[0].media: attach://p1 names no uploaded file part"}},
		{"file part nobody references", req("sendMessage", map[string]string{"chat_id": "1", "text": "x"}, "p9"),
			[]string{"sendMessage p9: file part is neither a field of sendMessage nor referenced as attach://p9"}},
		{"text sent as a file", req("sendMessage", map[string]string{"chat_id": "1"}, "text"),
			[]string{"sendMessage text: sent as a file, but the field takes String"}},
		{"scope missing chat_id", req("setMyCommands", map[string]string{"commands": `[{"command":"start","description":"Inizia"}]`,
			"scope": `{"type":"chat"}`}),
			[]string{"setMyCommands scope.chat_id: required field missing"}},
		{"scope of unknown type", req("deleteMyCommands", map[string]string{"scope": `{"type":"everyone"}`}),
			[]string{`deleteMyCommands scope.type: "everyone" is not one of "default", "all_private_chats", "all_group_chats", "all_chat_administrators", "chat", "chat_administrators", "chat_member"`}},
		{"command missing description", req("setMyCommands", map[string]string{"commands": `[{"command":"start"}]`}),
			[]string{"setMyCommands commands[0].description: required field missing"}},
		{"object where an array belongs", req("getUpdates", map[string]string{"allowed_updates": `{"message":true}`}),
			[]string{"getUpdates allowed_updates: want an array, got an object"}},
	}
	for _, tt := range tests {
		t.Run(tt.label, func(t *testing.T) {
			got := api.Check(tt.r)
			if !slices.Equal(got, tt.want) {
				t.Errorf("Check(%+v)\n got %q\nwant %q", tt.r, got, tt.want)
			}
		})
	}
}

func TestReportIgnoresAndCounts(t *testing.T) {
	api := loadAPI(t)
	bad := req("sendMessage", map[string]string{"chat_id": "1", "text": "x", "colour": "red"})
	provoked := req("noSuchMethod", nil)
	ignore := Options{Ignore: func(r emulator.Request) bool { return r.Method == "noSuchMethod" }}
	got := api.report([]emulator.Request{bad, provoked, bad}, []Options{ignore})
	want := "  sendMessage colour: unknown field (2 requests)\n"
	if got != want {
		t.Errorf("report = %q, want %q", got, want)
	}
}
