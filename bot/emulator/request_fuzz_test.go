package emulator

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"
)

// FuzzParseRequest feeds arbitrary bodies and content types to the
// request parser, and through the whole server to the send methods: no
// input may panic, and every answer must be a Telegram envelope.
func FuzzParseRequest(f *testing.F) {
	var mp bytes.Buffer
	mw := multipart.NewWriter(&mp)
	_ = mw.WriteField("chat_id", "42")
	_ = mw.WriteField("media", `[{"type":"photo","media":"attach://p1"},{"type":"photo","media":"attach://p1"}]`)
	w, _ := mw.CreateFormFile("p1", "p1.jpg")
	_, _ = w.Write([]byte("\xff\xd8\xff"))
	_ = mw.Close()
	seeds := []struct{ ct, body, method string }{
		{mw.FormDataContentType(), mp.String(), "sendMediaGroup"},
		{"application/json", `{"chat_id":42,"text":"<b>x</b>","parse_mode":"HTML","reply_markup":{"inline_keyboard":[[{"text":"a","callback_data":"b"}]]}}`, "sendMessage"},
		{"application/json", `{"chat_id":42,"message_id":1,"text":"x","reply_markup":"{\"keyboard\":[[\"a\"]]}"}`, "editMessageText"},
		{"application/x-www-form-urlencoded", "chat_id=42&text=%F0%9F%94%94&entities=%5B%7B%22type%22%3A%22bold%22%2C%22offset%22%3A0%2C%22length%22%3A9%7D%5D", "sendMessage"},
		{"multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"a\"\r\n\r\n\x89PNG\r\n--x--\r\n", "sendPhoto"},
		{"application/json", `{"commands":[{"command":"a","description":"b"}],"scope":{"type":"chat","chat_id":"42"}}`, "setMyCommands"},
		{"application/json", `{"offset":-1,"limit":1000,"allowed_updates":["message"]}`, "getUpdates"},
		{"text/plain", "\x00\x01", "getMe"},
		{"", "", "sendVenue"},
		{"multipart/form-data; boundary=", "", "sendDocument"},
	}
	for _, s := range seeds {
		f.Add(s.ct, s.body, s.method)
	}
	allowed := map[string]bool{"sendmessage": true, "sendphoto": true, "senddocument": true, "sendmediagroup": true,
		"editmessagetext": true, "editmessagecaption": true, "editmessagereplymarkup": true, "setmycommands": true,
		"getupdates": true, "sendvenue": true, "sendlocation": true, "copymessage": true, "answercallbackquery": true, "getme": true}
	f.Fuzz(func(t *testing.T, contentType, body, method string) {
		if p, e := parseRequest(contentType, url.Values{"x": {"1"}}, strings.NewReader(body)); p == nil && e == nil {
			t.Fatal("parseRequest returned neither params nor error")
		}
		// A fresh server per input keeps runs deterministic; long polls
		// would stall the fuzzer, so they are capped at a millisecond.
		s := New(Options{NoLimits: true, MaxPollTimeout: time.Millisecond})
		defer s.Close()
		s.User(42, "Anna", "it")
		s.Group(-77, "Staff")
		if !allowed[strings.ToLower(method)] {
			method = "sendMessage" // no webhooks to random URLs, no long polls
		}
		req := httptest.NewRequest(http.MethodPost, "/bot"+s.Token()+"/"+method, strings.NewReader(body))
		req.Header.Set("Content-Type", contentType)
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		if !strings.HasPrefix(rec.Body.String(), `{"ok":`) {
			t.Fatalf("answer is not an envelope: %d %q", rec.Code, rec.Body.String())
		}
	})
}
