package emulator

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestRouting(t *testing.T) {
	h := newHarness(t, Options{})
	get := func(path string) apiResponse {
		req, _ := http.NewRequest(http.MethodGet, h.srv.URL+path, nil)
		return h.do(req)
	}
	tests := []struct {
		name     string
		path     string
		wantCode int
		wantDesc string
	}{
		{"wrong token", "/bot999:WRONG/getMe", 401, "Unauthorized"},
		{"unknown method", "/bot" + h.s.Token() + "/getMeNow", 404, "Not Found"},
		{"not a bot path", "/nothing", 404, "Not Found"},
		{"no method", "/bot" + h.s.Token() + "/", 404, "Not Found"},
		{"spec method the emulator lacks", "/bot" + h.s.Token() + "/sendPoll", 400, "Bad Request: method sendPoll is not supported by the emulator"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantError(t, get(tt.path), tt.wantCode, tt.wantDesc)
		})
	}
	t.Run("method names are case-insensitive", func(t *testing.T) {
		me := mustOK[UserInfo](t, get("/bot"+h.s.Token()+"/GETME"))
		if !me.IsBot || me.Username != "campanile_bot" || me.ID != 123456 {
			t.Fatalf("getMe = %+v", me)
		}
	})
	t.Run("request log names the canonical method", func(t *testing.T) {
		reqs := h.s.RequestsFor("getme") // the wrong-token call, then the upper-case one
		if len(reqs) != 2 || reqs[0].Status != 401 || reqs[1].Method != "getMe" || reqs[1].Status != 200 {
			t.Fatalf("log = %+v", reqs)
		}
	})
}

// The three body encodings and the query string must mean the same thing.
func TestBodiesParseTheSame(t *testing.T) {
	h := newHarness(t, Options{NoLimits: true})
	u := h.s.User(42, "Anna", "it")
	markup := keyboard([]map[string]any{button("Sì", "yes")})
	senders := []struct {
		name string
		send func() apiResponse
	}{
		{"json", func() apiResponse {
			return h.call("sendMessage", map[string]any{"chat_id": 42, "text": "<b>Ciao</b>", "parse_mode": "HTML", "reply_markup": json.RawMessage(markup)})
		}},
		{"json with string values", func() apiResponse {
			return h.call("sendMessage", map[string]any{"chat_id": "42", "text": "<b>Ciao</b>", "parse_mode": "HTML", "reply_markup": markup})
		}},
		{"urlencoded", func() apiResponse {
			return h.form("sendMessage", url.Values{"chat_id": {"42"}, "text": {"<b>Ciao</b>"}, "parse_mode": {"HTML"}, "reply_markup": {markup}})
		}},
		{"multipart", func() apiResponse {
			return h.multipart("sendMessage", map[string]string{"chat_id": "42", "text": "<b>Ciao</b>", "parse_mode": "HTML", "reply_markup": markup}, nil)
		}},
		{"query string", func() apiResponse {
			q := url.Values{"chat_id": {"42"}, "text": {"<b>Ciao</b>"}, "parse_mode": {"HTML"}, "reply_markup": {markup}}
			req, _ := http.NewRequest(http.MethodGet, h.url("sendMessage")+"?"+q.Encode(), nil)
			return h.do(req)
		}},
	}
	for _, tt := range senders {
		t.Run(tt.name, func(t *testing.T) {
			m := mustOK[sentMessage](t, tt.send())
			if m.Text != "Ciao" || len(m.Entities) != 1 || m.Entities[0].Type != "bold" || m.Chat.ID != 42 || !m.From.IsBot {
				t.Fatalf("message = %+v", m)
			}
			if m.ReplyMarkup == nil || m.ReplyMarkup.InlineKeyboard[0][0]["callback_data"] != "yes" {
				t.Fatalf("reply_markup = %+v", m.ReplyMarkup)
			}
			last, _ := u.LastBotMessage()
			if last.ID != m.MessageID || last.RawText != "<b>Ciao</b>" || last.ParseMode != "HTML" {
				t.Fatalf("driver view = %+v", last)
			}
		})
	}
}

func TestUnparseableBodies(t *testing.T) {
	h := newHarness(t, Options{})
	tests := []struct {
		name, contentType, body, want string
	}{
		{"broken json", "application/json", `{"chat_id":`, "Bad Request: can't parse JSON object"},
		{"json array", "application/json", `[1,2]`, "Bad Request: can't parse JSON object"},
		{"multipart without boundary", "multipart/form-data", "--x\r\n", "Bad Request: can't parse multipart/form-data request: boundary is missing"},
		{"corrupt multipart", "multipart/form-data; boundary=xyz", "--xyz\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nvalue-without-end", "Bad Request: can't parse multipart/form-data request"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodPost, h.url("sendMessage"), strings.NewReader(tt.body))
			req.Header.Set("Content-Type", tt.contentType)
			wantError(t, h.do(req), 400, tt.want)
		})
	}
	t.Run("empty multipart body, as the library sends for getMe", func(t *testing.T) {
		req, _ := http.NewRequest(http.MethodPost, h.url("getMe"), bytes.NewReader(nil))
		req.Header.Set("Content-Type", "multipart/form-data; boundary=abc")
		mustOK[UserInfo](t, h.do(req))
	})
}

func TestRequiredParameters(t *testing.T) {
	h := newHarness(t, Options{})
	h.s.User(42, "Anna", "it")
	tests := []struct {
		method string
		params map[string]any
		want   string
	}{
		{"sendMessage", map[string]any{"text": "hi"}, "Bad Request: chat_id is empty"},
		{"sendMessage", map[string]any{"chat_id": 42}, "Bad Request: message text is empty"},
		{"sendMessage", map[string]any{}, "Bad Request: chat_id is empty"},
		{"sendPhoto", map[string]any{"chat_id": 42}, "Bad Request: there is no photo in the request"},
		{"deleteMessage", map[string]any{"chat_id": 42}, "Bad Request: message identifier is not specified"},
		{"answerCallbackQuery", map[string]any{}, "Bad Request: callback_query_id is empty"},
		{"getFile", map[string]any{}, "Bad Request: file_id is empty"},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.want, func(t *testing.T) {
			wantError(t, h.call(tt.method, tt.params), 400, tt.want)
		})
	}
}

func TestGetMeAndTrivialMethods(t *testing.T) {
	h := newHarness(t, Options{Token: "777:abc", BotUsername: "town_bot", BotName: "Town"})
	me := mustOK[map[string]any](t, h.call("getMe", nil))
	if me["id"] != float64(777) || me["username"] != "town_bot" || me["first_name"] != "Town" || me["is_bot"] != true || me["can_join_groups"] != true {
		t.Fatalf("getMe = %v", me)
	}
	for _, m := range []string{"logOut", "close"} {
		if !mustOK[bool](t, h.call(m, nil)) {
			t.Fatalf("%s returned false", m)
		}
	}
}
