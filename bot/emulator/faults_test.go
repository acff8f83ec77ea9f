package emulator

import (
	"io"
	"net/http"
	"strings"
	"testing"
)

func TestInjectError(t *testing.T) {
	h := newHarness(t, Options{NoLimits: true})
	h.s.User(42, "Anna", "it")
	send := func() apiResponse { return h.call("sendMessage", map[string]any{"chat_id": 42, "text": "ciao"}) }

	h.s.InjectError("sendmessage", 2, 500, "Internal Server Error", 0)
	wantError(t, send(), 500, "Internal Server Error")
	mustOK[UserInfo](t, h.call("getMe", nil)) // other methods are untouched
	wantError(t, send(), 500, "Internal Server Error")
	mustOK[sentMessage](t, send())

	h.s.InjectError("", 1, 429, "Too Many Requests: retry after 7", 7)
	mustOK[UserInfo](t, h.call("getMe", nil)) // "" only hits sending methods
	r := h.call("editMessageText", map[string]any{"chat_id": 42, "message_id": 1, "text": "x"})
	wantError(t, r, 429, "Too Many Requests: retry after 7")
	if r.Parameters.RetryAfter != 7 {
		t.Fatalf("retry_after = %d", r.Parameters.RetryAfter)
	}
	mustOK[sentMessage](t, send())
}

func TestSetDown(t *testing.T) {
	h := newHarness(t, Options{})
	h.s.SetDown(true)
	resp, err := http.Get(h.url("getMe"))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 502 || !strings.Contains(string(body), "<title>502 Bad Gateway</title>") || strings.HasPrefix(string(body), "{") {
		t.Fatalf("down: %d %q", resp.StatusCode, body)
	}
	h.s.SetDown(false)
	mustOK[UserInfo](t, h.call("getMe", nil))
}

func TestRequestLog(t *testing.T) {
	h := newHarness(t, Options{NoLimits: true, MaxRequests: 3})
	h.s.User(42, "Anna", "it")
	h.multipart("sendPhoto", map[string]string{"chat_id": "42", "caption": "c"}, map[string][]byte{"photo": pngBytes(t, 10, 10)})
	reqs := h.s.Requests()
	if len(reqs) != 1 || reqs[0].Method != "sendPhoto" || reqs[0].Params["caption"] != "c" || reqs[0].Params["chat_id"] != "42" ||
		len(reqs[0].Files) != 1 || reqs[0].Files[0] != "photo" || reqs[0].Status != 200 || reqs[0].Time.IsZero() {
		t.Fatalf("log = %+v", reqs)
	}
	for i := 0; i < 10; i++ {
		h.call("getMe", nil)
	}
	if n := len(h.s.Requests()); n != 3 {
		t.Fatalf("log holds %d, want the bound of 3", n)
	}
	h.s.ResetRequests()
	if n := len(h.s.Requests()); n != 0 {
		t.Fatalf("after reset: %d", n)
	}
}
