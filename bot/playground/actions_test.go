package playground

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/campanile/campanile/bot/emulator"
)

// decode reads a successful answer.
func decode[T any](t testing.TB, rec *httptest.ResponseRecorder) T {
	t.Helper()
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d: %s", rec.Code, rec.Body.String())
	}
	var v T
	if err := json.Unmarshal(rec.Body.Bytes(), &v); err != nil {
		t.Fatalf("%v: %s", err, rec.Body.String())
	}
	return v
}

type sentAnswer struct {
	Message messageView `json:"message"`
}

// lastOf is the latest message of a chat in the emulator.
func (f *fixture) lastOf(chat int64) emulator.Message {
	f.t.Helper()
	var msgs []emulator.Message
	if c := f.p.chats[chat]; c != nil {
		msgs = f.p.messagesOf(c)
	}
	if len(msgs) == 0 {
		f.t.Fatalf("chat %d is empty", chat)
	}
	return msgs[len(msgs)-1]
}

func TestTextIsWrittenByTheCitizenAndReachesTheBot(t *testing.T) {
	f := newFixture(t, Config{})
	got := decode[sentAnswer](t, f.postJSON(fmt.Sprintf("/playground/api/chats/%d/text", maria), map[string]any{"text": "/start"}))
	if got.Message.Plain != "/start" || got.Message.From == nil || got.Message.From.ID != maria || got.Message.From.Name != "Maria Rossi" {
		t.Errorf("answer %+v", got.Message)
	}
	m := f.lastOf(maria)
	if m.Text != "/start" || m.From.ID != maria || m.From.FirstName != "Maria" || m.From.LanguageCode != "it" {
		t.Errorf("emulator holds %+v from %+v", m.Text, m.From)
	}
	if len(m.Entities) == 0 || m.Entities[0].Type != "bot_command" {
		t.Errorf("a typed command must carry its bot_command entity, as Telegram's apps send it: %+v", m.Entities)
	}
}

func TestStaffWriteAndReplyInTheGroupAsTheChosenMember(t *testing.T) {
	f := newFixture(t, Config{})
	first := decode[sentAnswer](t, f.postJSON(fmt.Sprintf("/playground/api/chats/%d/text", group), map[string]any{"text": "Chi va in via Roma?"}))
	if m := f.lastOf(group); m.From.ID != giulia {
		t.Errorf("by default the first staff member writes, got %d", m.From.ID)
	}
	decode[sentAnswer](t, f.postJSON(fmt.Sprintf("/playground/api/chats/%d/text", group), map[string]any{"text": "Io", "reply_to": first.Message.ID, "as": marco}))
	m := f.lastOf(group)
	if m.From.ID != marco || m.ReplyToID != first.Message.ID {
		t.Errorf("reply from %d to %d, want %d to %d", m.From.ID, m.ReplyToID, marco, first.Message.ID)
	}
	body, ctype := form(t, map[string]any{"sample": "bin", "caption": "Foto del sopralluogo", "reply_to": fmt.Sprint(first.Message.ID), "as": fmt.Sprint(marco)})
	decode[sentAnswer](t, f.do(request{method: http.MethodPost, path: fmt.Sprintf("/playground/api/chats/%d/photo", group), body: body, ctype: ctype}))
	m = f.lastOf(group)
	if len(m.Photo) == 0 || m.Caption != "Foto del sopralluogo" || m.ReplyToID != first.Message.ID || m.From.ID != marco {
		t.Errorf("photo reply %+v", m)
	}
}

func TestPresetPlaceIsSentAsAVenueAndAClickAsALocation(t *testing.T) {
	f := newFixture(t, Config{Comune: "Comune di Borgo"})
	decode[sentAnswer](t, f.postJSON(fmt.Sprintf("/playground/api/chats/%d/location", maria), map[string]any{"preset": "Stazione"}))
	m := f.lastOf(maria)
	if m.Venue == nil || m.Venue.Title != "Stazione" || m.Venue.Address != "Comune di Borgo" || m.Venue.Location.Latitude != 45.0629 {
		t.Errorf("venue %+v", m.Venue)
	}
	got := decode[sentAnswer](t, f.postJSON(fmt.Sprintf("/playground/api/chats/%d/location", maria), map[string]any{"lat": 45.071, "lon": 7.684}))
	if got.Message.Location == nil || got.Message.Location.Lat != 45.071 || got.Message.Location.Title != "" {
		t.Errorf("location %+v", got.Message.Location)
	}
}

func TestPhotoIsStoredAndServedBack(t *testing.T) {
	f := newFixture(t, Config{})
	body, ctype := form(t, map[string]any{"sample": "streetlight"})
	got := decode[sentAnswer](t, f.do(request{method: http.MethodPost, path: fmt.Sprintf("/playground/api/chats/%d/photo", john), body: body, ctype: ctype}))
	if got.Message.Photo == nil || got.Message.Photo.Width != sampleW {
		t.Fatalf("photo %+v", got.Message.Photo)
	}
	rec := f.do(request{method: http.MethodGet, path: got.Message.Photo.URL})
	want, _ := f.p.sample("streetlight")
	if rec.Code != 200 || rec.Header().Get("Content-Type") != "image/jpeg" || rec.Body.String() != string(want.data) {
		t.Errorf("file served %d %q, %d bytes", rec.Code, rec.Header().Get("Content-Type"), rec.Body.Len())
	}
	if rec := f.do(request{method: http.MethodGet, path: "/playground/files/AgACAgQAAxkBAAI_nothing"}); rec.Code != 404 {
		t.Errorf("unknown file answered %d", rec.Code)
	}
}

func TestDocumentsDownloadAndNeverRenderAsAPage(t *testing.T) {
	f := newFixture(t, Config{})
	f.emu.User(maria, "Maria", "it").SendDocument("trap.html", "text/html", []byte("<script>alert(1)</script>"), "")
	v := f.p.view(f.lastOf(maria))
	if v.Document == nil || !strings.Contains(v.Document.URL, "name=trap.html") {
		t.Fatalf("document %+v", v.Document)
	}
	rec := f.do(request{method: http.MethodGet, path: v.Document.URL})
	h := rec.Header()
	if rec.Code != 200 || !strings.HasPrefix(h.Get("Content-Disposition"), "attachment") || strings.Contains(h.Get("Content-Type"), "html") || !strings.Contains(h.Get("Content-Security-Policy"), "sandbox") {
		t.Errorf("document served as %d %q %q %q", rec.Code, h.Get("Content-Type"), h.Get("Content-Disposition"), h.Get("Content-Security-Policy"))
	}
}

func TestMessagesShowFormattingAndButtons(t *testing.T) {
	f := newFixture(t, Config{})
	id := f.botSendsKeyboard(maria)
	got := decode[struct {
		Messages []messageView `json:"messages"`
		Seq      int           `json:"seq"`
	}](t, f.do(request{method: http.MethodGet, path: fmt.Sprintf("/playground/api/chats/%d/messages", maria)}))
	if len(got.Messages) != 1 || got.Messages[0].ID != id || got.Seq == 0 {
		t.Fatalf("messages %+v seq %d", got.Messages, got.Seq)
	}
	m := got.Messages[0]
	if m.HTML != "<b>Argomenti</b>" || !m.FromBot {
		t.Errorf("html %q from bot %v", m.HTML, m.FromBot)
	}
	want := [][]inlineButtonView{{{Text: "⬜ Eventi", Kind: "callback", Data: "t:3"}}, {{Text: "Sito", Kind: "url", URL: "https://comune.example.it"}}}
	if fmt.Sprint(m.Inline) != fmt.Sprint(want) {
		t.Errorf("buttons %+v, want %+v", m.Inline, want)
	}
	chats := decode[struct {
		Chats []chatView `json:"chats"`
	}](t, f.do(request{method: http.MethodGet, path: "/playground/api/chats"}))
	if len(chats.Chats) != 5 || chats.Chats[0].Last == nil || chats.Chats[0].Last.ID != id {
		t.Errorf("chat list %+v", chats.Chats)
	}
	g := chats.Chats[4]
	if g.Kind != "group" || g.ID != group || len(g.Members) != 2 || g.Members[1].Name != "Marco (Ufficio tecnico)" || g.Title != "Staff · Comune di Prova" {
		t.Errorf("staff group %+v", g)
	}
}

func TestUnsafeLinkButtonsAreNotOffered(t *testing.T) {
	f := newFixture(t, Config{})
	f.botCall("sendMessage", url.Values{
		"chat_id":      {fmt.Sprint(maria)},
		"text":         {"Apri"},
		"reply_markup": {`{"inline_keyboard":[[{"text":"App","url":"tg://resolve?domain=comune"}]]}`},
	})
	v := f.p.view(f.lastOf(maria))
	if b := v.Inline[0][0]; b.Kind != "unsupported" || b.URL != "" {
		t.Errorf("a tg:// link button is shown as %+v", b)
	}
}
