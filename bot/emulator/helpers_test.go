package emulator

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"
)

// apiResponse is the envelope as a client reads it.
type apiResponse struct {
	Status      int             `json:"-"`
	OK          bool            `json:"ok"`
	Result      json.RawMessage `json:"result"`
	ErrorCode   int             `json:"error_code"`
	Description string          `json:"description"`
	Parameters  struct {
		RetryAfter      int   `json:"retry_after"`
		MigrateToChatID int64 `json:"migrate_to_chat_id"`
	} `json:"parameters"`
}

// harness is an emulator behind a real HTTP server.
type harness struct {
	t   *testing.T
	s   *Server
	srv *httptest.Server
}

func newHarness(t *testing.T, opts Options) *harness {
	t.Helper()
	if opts.MaxPollTimeout == 0 {
		opts.MaxPollTimeout = 150 * time.Millisecond
	}
	s := New(opts)
	srv := httptest.NewServer(s)
	t.Cleanup(func() {
		s.Close()
		srv.Close()
	})
	return &harness{t: t, s: s, srv: srv}
}

func (h *harness) url(method string) string {
	return h.srv.URL + "/bot" + h.s.Token() + "/" + method
}

func (h *harness) do(req *http.Request) apiResponse {
	h.t.Helper()
	resp, err := h.srv.Client().Do(req)
	if err != nil {
		h.t.Fatalf("%s: %v", req.URL.Path, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	var r apiResponse
	if err := json.Unmarshal(body, &r); err != nil {
		h.t.Fatalf("%s: answer is not JSON (%d): %s", req.URL.Path, resp.StatusCode, body)
	}
	r.Status = resp.StatusCode
	if r.OK != (resp.StatusCode == 200) || (!r.OK && r.ErrorCode != resp.StatusCode) {
		h.t.Fatalf("%s: envelope %s disagrees with status %d", req.URL.Path, body, resp.StatusCode)
	}
	return r
}

// call sends params as a JSON body; values are encoded as JSON.
func (h *harness) call(method string, params map[string]any) apiResponse {
	h.t.Helper()
	body, err := json.Marshal(params)
	if err != nil {
		h.t.Fatal(err)
	}
	req, _ := http.NewRequest(http.MethodPost, h.url(method), bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	return h.do(req)
}

// form sends url-encoded fields.
func (h *harness) form(method string, fields url.Values) apiResponse {
	h.t.Helper()
	req, _ := http.NewRequest(http.MethodPost, h.url(method), strings.NewReader(fields.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return h.do(req)
}

// multipart sends fields and file parts the way go-telegram/bot does.
func (h *harness) multipart(method string, fields map[string]string, files map[string][]byte) apiResponse {
	h.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, v := range fields {
		_ = mw.WriteField(k, v)
	}
	for name, data := range files {
		w, _ := mw.CreateFormFile(name, name+".jpg")
		_, _ = w.Write(data)
	}
	_ = mw.Close()
	req, _ := http.NewRequest(http.MethodPost, h.url(method), &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return h.do(req)
}

// mustOK fails unless the call succeeded, and decodes its result.
func mustOK[T any](t *testing.T, r apiResponse) T {
	t.Helper()
	if !r.OK {
		t.Fatalf("call failed: %d %s", r.ErrorCode, r.Description)
	}
	var v T
	if err := json.Unmarshal(r.Result, &v); err != nil {
		t.Fatalf("result %s: %v", r.Result, err)
	}
	return v
}

// wantError fails unless the call failed with that code and description.
func wantError(t *testing.T, r apiResponse, code int, description string) {
	t.Helper()
	if r.OK || r.ErrorCode != code || r.Description != description {
		t.Fatalf("got ok=%v %d %q, want %d %q", r.OK, r.ErrorCode, r.Description, code, description)
	}
}

// sentMessage is the part of a Message result the tests read.
type sentMessage struct {
	MessageID int    `json:"message_id"`
	Date      int64  `json:"date"`
	Text      string `json:"text"`
	Caption   string `json:"caption"`
	From      struct {
		ID    int64 `json:"id"`
		IsBot bool  `json:"is_bot"`
	} `json:"from"`
	Chat struct {
		ID   int64  `json:"id"`
		Type string `json:"type"`
	} `json:"chat"`
	Entities     []Entity    `json:"entities"`
	Photo        []PhotoSize `json:"photo"`
	Document     *Document   `json:"document"`
	MediaGroupID string      `json:"media_group_id"`
	EditDate     int64       `json:"edit_date"`
	ReplyMarkup  *struct {
		InlineKeyboard [][]map[string]any `json:"inline_keyboard"`
	} `json:"reply_markup"`
}

type update struct {
	UpdateID      int64           `json:"update_id"`
	Message       *sentMessage    `json:"message"`
	EditedMessage *sentMessage    `json:"edited_message"`
	CallbackQuery *callbackQuery  `json:"callback_query"`
	MyChatMember  json.RawMessage `json:"my_chat_member"`
}

type callbackQuery struct {
	ID      string       `json:"id"`
	Data    string       `json:"data"`
	Message *sentMessage `json:"message"`
	From    UserInfo     `json:"from"`
}

func (h *harness) updates(params map[string]any) []update {
	h.t.Helper()
	return mustOK[[]update](h.t, h.call("getUpdates", params))
}

func ctxT(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func keyboard(rows ...[]map[string]any) string {
	data, _ := json.Marshal(map[string]any{"inline_keyboard": rows})
	return string(data)
}

func button(text, data string) map[string]any {
	return map[string]any{"text": text, "callback_data": data}
}

func fmtID(id int64) string { return fmt.Sprint(id) }
