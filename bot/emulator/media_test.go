package emulator

import (
	"bytes"
	"encoding/json"
	"image"
	"image/png"
	"io"
	"net/http"
	"testing"
)

func pngBytes(t testing.TB, w, h int) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewGray(image.Rect(0, 0, w, h))); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func (h *harness) download(path string) (int, []byte) {
	h.t.Helper()
	resp, err := http.Get(h.srv.URL + "/file/bot" + h.s.Token() + "/" + path)
	if err != nil {
		h.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, body
}

func TestSendPhotoGetFileDownload(t *testing.T) {
	h := newHarness(t, Options{NoLimits: true})
	u := h.s.User(42, "Anna", "it")
	img := pngBytes(t, 1600, 1200)

	sent := mustOK[sentMessage](t, h.multipart("sendPhoto", map[string]string{"chat_id": "42", "caption": "<i>Buca</i>", "parse_mode": "HTML"}, map[string][]byte{"photo": img}))
	if len(sent.Photo) != 3 || sent.Caption != "Buca" {
		t.Fatalf("sendPhoto = %+v", sent)
	}
	largest := sent.Photo[len(sent.Photo)-1]
	if sent.Photo[0].Width != 90 || sent.Photo[0].Height != 67 || largest.Width != 1280 || largest.Height != 960 {
		t.Fatalf("sizes = %+v", sent.Photo)
	}

	f := mustOK[wireFile](t, h.call("getFile", map[string]any{"file_id": largest.FileID}))
	if f.FileID != largest.FileID || f.FileUniqueID != largest.FileUniqueID || f.FileSize != len(img) || f.FilePath == "" {
		t.Fatalf("getFile = %+v", f)
	}
	status, body := h.download(f.FilePath)
	if status != 200 || !bytes.Equal(body, img) {
		t.Fatalf("download: %d, %d bytes", status, len(body))
	}
	if got, ok := h.s.File(largest.FileID); !ok || !bytes.Equal(got, img) {
		t.Fatal("File() must return the uploaded bytes")
	}
	wantError(t, h.call("getFile", map[string]any{"file_id": "nope"}), 400, "Bad Request: invalid file_id")
	if status, _ := h.download("photos/missing.jpg"); status != 404 {
		t.Fatalf("missing download: %d", status)
	}

	t.Run("resend by file_id gives the same sizes", func(t *testing.T) {
		again := mustOK[sentMessage](t, h.call("sendPhoto", map[string]any{"chat_id": 42, "photo": sent.Photo[0].FileID}))
		if len(again.Photo) != 3 || again.Photo[2].FileID != largest.FileID {
			t.Fatalf("resent = %+v", again.Photo)
		}
	})
	t.Run("by URL is recorded", func(t *testing.T) {
		byURL := mustOK[sentMessage](t, h.call("sendPhoto", map[string]any{"chat_id": 42, "photo": "https://example.com/a.jpg"}))
		if len(byURL.Photo) == 0 {
			t.Fatal("no sizes for a URL photo")
		}
	})
	t.Run("unknown file_id", func(t *testing.T) {
		wantError(t, h.call("sendPhoto", map[string]any{"chat_id": 42, "photo": "AgACnope"}), 400, "Bad Request: wrong file identifier/HTTP URL specified")
	})
	t.Run("caption too long", func(t *testing.T) {
		long := string(bytes.Repeat([]byte("x"), 1025))
		wantError(t, h.multipart("sendPhoto", map[string]string{"chat_id": "42", "caption": long}, map[string][]byte{"photo": img}), 400, "Bad Request: message caption is too long")
	})
	t.Run("a citizen's photo can be forwarded by file_id", func(t *testing.T) {
		m := u.SendPhoto(pngBytes(t, 200, 100), "qui")
		if len(m.Photo) != 2 || m.Photo[1].Width != 200 || m.Photo[1].Height != 100 {
			t.Fatalf("driver photo sizes = %+v", m.Photo)
		}
		h.s.Group(-77, "Staff")
		fw := mustOK[sentMessage](t, h.call("sendPhoto", map[string]any{"chat_id": -77, "photo": m.Photo[1].FileID, "caption": "Segnalazione 1"}))
		if fw.Chat.Type != "group" || fw.Photo[1].FileID != m.Photo[1].FileID {
			t.Fatalf("forwarded photo = %+v", fw)
		}
	})
}

func TestSendMediaGroupWithAttachments(t *testing.T) {
	h := newHarness(t, Options{NoLimits: true})
	u := h.s.User(42, "Anna", "it")
	media, _ := json.Marshal([]map[string]any{
		{"type": "photo", "media": "attach://p1", "caption": "<b>Due</b> foto", "parse_mode": "HTML"},
		{"type": "photo", "media": "attach://p2"},
	})
	p1, p2 := pngBytes(t, 320, 240), pngBytes(t, 100, 100)
	msgs := mustOK[[]sentMessage](t, h.multipart("sendMediaGroup", map[string]string{"chat_id": "42", "media": string(media)}, map[string][]byte{"p1": p1, "p2": p2}))
	if len(msgs) != 2 || msgs[0].MediaGroupID == "" || msgs[0].MediaGroupID != msgs[1].MediaGroupID {
		t.Fatalf("album = %+v", msgs)
	}
	if msgs[0].Caption != "Due foto" || msgs[1].Caption != "" || msgs[1].MessageID != msgs[0].MessageID+1 {
		t.Fatalf("album = %+v", msgs)
	}
	if got, _ := h.s.File(msgs[1].Photo[len(msgs[1].Photo)-1].FileID); !bytes.Equal(got, p2) {
		t.Fatal("attach://p2 must be the second part")
	}
	if n := len(u.BotMessages()); n != 2 {
		t.Fatalf("bot messages = %d", n)
	}

	tests := []struct {
		name  string
		media []map[string]any
		want  string
	}{
		{"one item", []map[string]any{{"type": "photo", "media": "attach://p1"}}, "Bad Request: media must include 2-10 items"},
		{"missing part", []map[string]any{{"type": "photo", "media": "attach://p1"}, {"type": "photo", "media": "attach://zz"}}, "Bad Request: wrong file identifier/HTTP URL specified"},
		{"mixed documents", []map[string]any{{"type": "photo", "media": "attach://p1"}, {"type": "document", "media": "attach://p2"}}, "Bad Request: documents can be grouped only with other documents"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			raw, _ := json.Marshal(tt.media)
			wantError(t, h.multipart("sendMediaGroup", map[string]string{"chat_id": "42", "media": string(raw)}, map[string][]byte{"p1": p1, "p2": p2}), 400, tt.want)
		})
	}
}

func TestSendDocumentCopyForward(t *testing.T) {
	h := newHarness(t, Options{NoLimits: true})
	u := h.s.User(42, "Anna", "it")
	g := h.s.Group(-77, "Staff")
	doc := mustOK[sentMessage](t, h.multipart("sendDocument", map[string]string{"chat_id": "42", "caption": "Calendario"}, map[string][]byte{"document": []byte("%PDF-1.4 fake")}))
	if doc.Document == nil || doc.Document.FileName != "document.jpg" || doc.Document.FileSize != 13 {
		t.Fatalf("sendDocument = %+v", doc.Document)
	}
	report := u.Send("Buca in via Roma")

	copied := mustOK[messageIDResult](t, h.call("copyMessage", map[string]any{"chat_id": -77, "from_chat_id": 42, "message_id": report.ID}))
	fw := mustOK[map[string]any](t, h.call("forwardMessage", map[string]any{"chat_id": -77, "from_chat_id": 42, "message_id": report.ID}))
	if fw["forward_origin"] == nil || fw["text"] != "Buca in via Roma" {
		t.Fatalf("forwardMessage = %v", fw)
	}
	msgs := g.BotMessages()
	if len(msgs) != 2 || msgs[0].ID != copied.MessageID || msgs[0].Text != "Buca in via Roma" || msgs[1].ForwardFromChatID != 42 {
		t.Fatalf("group = %+v", msgs)
	}
	wantError(t, h.call("copyMessage", map[string]any{"chat_id": -77, "from_chat_id": 42, "message_id": 999}), 400, "Bad Request: message to copy not found")
}
