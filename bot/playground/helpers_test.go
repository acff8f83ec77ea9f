package playground

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/gorilla/mux"

	"github.com/campanile/campanile/bot/emulator"
	"github.com/campanile/campanile/locales"
)

// Ids of the default demo people and group.
const (
	maria  int64 = 5_000_000_001
	john   int64 = 5_000_000_002
	giulia int64 = 5_000_000_101
	marco  int64 = 5_000_000_102
	group        = DefaultStaffGroupID
)

// fixture is a playground over an emulator with no bot: the tests play
// the bot themselves, through the emulator's Bot API.
type fixture struct {
	t   testing.TB
	emu *emulator.Server
	p   *Playground
	h   http.Handler
}

func newFixture(t testing.TB, cfg Config) *fixture {
	t.Helper()
	emu := emulator.New(emulator.Options{NoLimits: true})
	t.Cleanup(emu.Close)
	if cfg.Comune == "" {
		cfg.Comune = "Comune di Prova"
	}
	p := New(emu, cfg, locales.MustLoad(), slog.New(slog.DiscardHandler))
	t.Cleanup(p.Close)
	r := mux.NewRouter()
	p.Register(r)
	return &fixture{t: t, emu: emu, p: p, h: r}
}

// request is one call to the playground, as its own page makes it
// unless the test says otherwise.
type request struct {
	method, path string
	body         []byte
	ctype        string
	header       map[string]string // replaces the same-origin defaults
}

func (f *fixture) do(rq request) *httptest.ResponseRecorder {
	f.t.Helper()
	req := httptest.NewRequest(rq.method, "http://playground.test"+rq.path, bytes.NewReader(rq.body))
	if rq.ctype != "" {
		req.Header.Set("Content-Type", rq.ctype)
	}
	if rq.header == nil {
		rq.header = map[string]string{"Sec-Fetch-Site": "same-origin", "Origin": "http://playground.test"}
	}
	for k, v := range rq.header {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	f.h.ServeHTTP(rec, req)
	return rec
}

func (f *fixture) postJSON(path string, v any) *httptest.ResponseRecorder {
	f.t.Helper()
	body, err := json.Marshal(v)
	if err != nil {
		f.t.Fatal(err)
	}
	return f.do(request{method: http.MethodPost, path: path, body: body, ctype: "application/json"})
}

// form builds a multipart body; a value of type []byte becomes a file.
func form(t testing.TB, fields map[string]any) ([]byte, string) {
	t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for k, v := range fields {
		switch v := v.(type) {
		case string:
			_ = w.WriteField(k, v)
		case []byte:
			fw, err := w.CreateFormFile(k, "upload.bin")
			if err != nil {
				t.Fatal(err)
			}
			_, _ = fw.Write(v)
		}
	}
	_ = w.Close()
	return buf.Bytes(), w.FormDataContentType()
}

// apiErrorCode reads the "code" of a JSON error answer.
func apiErrorCode(t testing.TB, rec *httptest.ResponseRecorder) string {
	t.Helper()
	var body struct {
		Error *apiError `json:"error"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
		t.Fatalf("answer %d is not JSON: %q", rec.Code, rec.Body.String())
	}
	if body.Error == nil {
		return ""
	}
	return body.Error.Code
}

// botCall makes the emulator's Bot API do what the bot would.
func (f *fixture) botCall(method string, params url.Values) map[string]any {
	f.t.Helper()
	var v map[string]any
	if err := json.Unmarshal(f.botCallRaw(method, params), &v); err != nil {
		f.t.Fatal(err)
	}
	return v
}

// botSendsKeyboard has the bot write to chat with two callback buttons,
// and returns the message id.
func (f *fixture) botSendsKeyboard(chat int64) int {
	f.t.Helper()
	res := f.botCall("sendMessage", url.Values{
		"chat_id":      {jsonNumber(chat)},
		"text":         {"<b>Argomenti</b>"},
		"parse_mode":   {"HTML"},
		"reply_markup": {`{"inline_keyboard":[[{"text":"⬜ Eventi","callback_data":"t:3"}],[{"text":"Sito","url":"https://comune.example.it"}]]}`},
	})
	return int(res["message_id"].(float64))
}

func jsonNumber(v int64) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func (f *fixture) botCallRaw(method string, params url.Values) []byte {
	f.t.Helper()
	req := httptest.NewRequest(http.MethodPost, "/bot"+f.emu.Token()+"/"+method, strings.NewReader(params.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	rec := httptest.NewRecorder()
	f.emu.ServeHTTP(rec, req)
	var out struct {
		OK     bool            `json:"ok"`
		Result json.RawMessage `json:"result"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil || !out.OK {
		f.t.Fatalf("%s: %s", method, rec.Body.String())
	}
	return out.Result
}

func (f *fixture) botCallList(method string, params url.Values) []map[string]any {
	f.t.Helper()
	var v []map[string]any
	if err := json.Unmarshal(f.botCallRaw(method, params), &v); err != nil {
		f.t.Fatal(err)
	}
	return v
}

func (f *fixture) botCallBool(method string, params url.Values) {
	f.t.Helper()
	if string(f.botCallRaw(method, params)) != "true" {
		f.t.Fatalf("%s did not answer true", method)
	}
}
