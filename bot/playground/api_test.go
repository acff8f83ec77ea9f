package playground

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"strings"
	"testing"
)

func pngBytes(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	img.Set(1, 1, color.RGBA{200, 0, 0, 255})
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestAPI runs every endpoint with good and bad input: each case is one
// request and the status and error code it must get.
func TestAPI(t *testing.T) {
	f := newFixture(t, Config{})
	withKeyboard := f.botSendsKeyboard(maria)
	giuliaSays := f.emu.Group(group, "").Send(f.p.chats[group].staff[0], "Buongiorno").ID
	gif := []byte("GIF89a\x01\x00\x01\x00\x00\x00\x00;")
	pngFile := pngBytes(t, 4, 3)
	big := append(pngBytes(t, 4, 3), bytes.Repeat([]byte{0}, maxUploadBytes)...)

	j := func(v any) []byte { b, _ := json.Marshal(v); return b }
	mp := func(fields map[string]any) ([]byte, string) { return form(t, fields) }
	sample, sampleType := mp(map[string]any{"sample": "pothole", "caption": "Via Roma"})
	upload, uploadType := mp(map[string]any{"file": pngFile})
	notImage, notImageType := mp(map[string]any{"file": []byte("just text, not a picture")})
	gifUpload, gifType := mp(map[string]any{"file": gif})
	truncated, truncatedType := mp(map[string]any{"file": pngFile[:len(pngFile)-12]})
	tooBig, tooBigType := mp(map[string]any{"file": big})
	noPhoto, noPhotoType := mp(map[string]any{"caption": "nothing"})
	both, bothType := mp(map[string]any{"sample": "bin", "file": pngFile})
	unknownSample, unknownSampleType := mp(map[string]any{"sample": "selfie"})
	longCaption, longCaptionType := mp(map[string]any{"sample": "bin", "caption": strings.Repeat("a", maxCaptionLen+1)})
	privateReply, privateReplyType := mp(map[string]any{"sample": "bin", "reply_to": "1"})
	groupReply, groupReplyType := mp(map[string]any{"sample": "streetlight", "reply_to": fmt.Sprint(giuliaSays), "as": fmt.Sprint(marco)})
	badReply, badReplyType := mp(map[string]any{"sample": "streetlight", "reply_to": "x"})

	cross := func(h map[string]string) map[string]string { return h }
	chat := func(id int64, action string) string { return fmt.Sprintf("/playground/api/chats/%d/%s", id, action) }

	cases := []struct {
		label  string
		rq     request
		status int
		code   string
	}{
		{"list chats", request{method: "GET", path: "/playground/api/chats"}, 200, ""},
		{"messages of a chat", request{method: "GET", path: chat(maria, "messages")}, 200, ""},
		{"messages of an unknown chat", request{method: "GET", path: chat(42, "messages")}, 404, "unknown_chat"},
		{"messages of a chat id that is no number", request{method: "GET", path: "/playground/api/chats/maria/messages"}, 404, "unknown_chat"},
		{"unknown endpoint", request{method: "GET", path: "/playground/api/nothing"}, 404, "not_found"},
		{"GET on a POST endpoint", request{method: "GET", path: chat(maria, "text")}, 405, "method_not_allowed"},

		{"text", request{method: "POST", path: chat(maria, "text"), ctype: "application/json", body: j(map[string]any{"text": "Ciao"})}, 200, ""},
		{"text of exactly 4096", request{method: "POST", path: chat(maria, "text"), ctype: "application/json", body: j(map[string]any{"text": strings.Repeat("a", 4096)})}, 200, ""},
		{"text of 4097", request{method: "POST", path: chat(maria, "text"), ctype: "application/json", body: j(map[string]any{"text": strings.Repeat("a", 4097)})}, 400, "text_too_long"},
		{"emoji count twice, as in Telegram", request{method: "POST", path: chat(maria, "text"), ctype: "application/json", body: j(map[string]any{"text": strings.Repeat("😀", 2049)})}, 400, "text_too_long"},
		{"empty text", request{method: "POST", path: chat(maria, "text"), ctype: "application/json", body: j(map[string]any{"text": ""})}, 400, "text_empty"},
		{"blank text", request{method: "POST", path: chat(maria, "text"), ctype: "application/json", body: j(map[string]any{"text": " \n\t"})}, 400, "text_empty"},
		{"invalid UTF-8, which JSON decoding turns into U+FFFD", request{method: "POST", path: chat(maria, "text"), ctype: "application/json", body: []byte("{\"text\":\"\xff\xfe\"}")}, 200, ""},
		{"text to an unknown chat", request{method: "POST", path: chat(42, "text"), ctype: "application/json", body: j(map[string]any{"text": "Ciao"})}, 404, "unknown_chat"},
		{"malformed JSON", request{method: "POST", path: chat(maria, "text"), ctype: "application/json", body: []byte(`{"text":`)}, 400, "bad_json"},
		{"unknown field", request{method: "POST", path: chat(maria, "text"), ctype: "application/json", body: []byte(`{"txt":"Ciao"}`)}, 400, "bad_json"},
		{"two JSON values", request{method: "POST", path: chat(maria, "text"), ctype: "application/json", body: []byte(`{"text":"a"}{"text":"b"}`)}, 400, "bad_json"},
		{"a JSON body over 64 KB", request{method: "POST", path: chat(maria, "text"), ctype: "application/json", body: j(map[string]any{"text": strings.Repeat("a", 70_000)})}, 413, "too_large"},
		{"reply to a message of the chat", request{method: "POST", path: chat(maria, "text"), ctype: "application/json", body: j(map[string]any{"text": "Sì", "reply_to": withKeyboard})}, 200, ""},
		{"reply to an unknown message", request{method: "POST", path: chat(maria, "text"), ctype: "application/json", body: j(map[string]any{"text": "Sì", "reply_to": 999})}, 404, "unknown_message"},
		{"a citizen writing as someone else", request{method: "POST", path: chat(maria, "text"), ctype: "application/json", body: j(map[string]any{"text": "Ciao", "as": john})}, 400, "unknown_member"},
		{"the citizen naming themselves", request{method: "POST", path: chat(maria, "text"), ctype: "application/json", body: j(map[string]any{"text": "Ciao", "as": maria})}, 200, ""},
		{"staff writing as Marco", request{method: "POST", path: chat(group, "text"), ctype: "application/json", body: j(map[string]any{"text": "Arrivo", "as": marco})}, 200, ""},
		{"staff id as a string", request{method: "POST", path: chat(group, "text"), ctype: "application/json", body: j(map[string]any{"text": "Arrivo", "as": fmt.Sprint(marco)})}, 200, ""},
		{"staff replying", request{method: "POST", path: chat(group, "text"), ctype: "application/json", body: j(map[string]any{"text": "Ok", "reply_to": giuliaSays})}, 200, ""},
		{"a stranger in the group", request{method: "POST", path: chat(group, "text"), ctype: "application/json", body: j(map[string]any{"text": "Ciao", "as": maria})}, 400, "unknown_member"},

		{"no content type", request{method: "POST", path: chat(maria, "text"), body: j(map[string]any{"text": "Ciao"})}, 415, "bad_content_type"},
		{"a plain form, which any site can post", request{method: "POST", path: chat(maria, "text"), ctype: "application/x-www-form-urlencoded", body: []byte("text=Ciao")}, 415, "bad_content_type"},
		{"text/plain, which any site can post", request{method: "POST", path: chat(maria, "text"), ctype: "text/plain", body: j(map[string]any{"text": "Ciao"})}, 415, "bad_content_type"},
		{"cross-site by Sec-Fetch-Site", request{method: "POST", path: chat(maria, "text"), ctype: "application/json", body: j(map[string]any{"text": "Ciao"}), header: cross(map[string]string{"Sec-Fetch-Site": "cross-site", "Origin": "http://playground.test"})}, 403, "cross_site"},
		{"same site but another origin", request{method: "POST", path: chat(maria, "text"), ctype: "application/json", body: j(map[string]any{"text": "Ciao"}), header: cross(map[string]string{"Sec-Fetch-Site": "same-site"})}, 403, "cross_site"},
		{"cross-site by Origin", request{method: "POST", path: chat(maria, "text"), ctype: "application/json", body: j(map[string]any{"text": "Ciao"}), header: cross(map[string]string{"Origin": "http://evil.example"})}, 403, "cross_site"},
		{"opaque origin", request{method: "POST", path: chat(maria, "text"), ctype: "application/json", body: j(map[string]any{"text": "Ciao"}), header: cross(map[string]string{"Origin": "null"})}, 403, "cross_site"},
		{"no origin at all", request{method: "POST", path: chat(maria, "text"), ctype: "application/json", body: j(map[string]any{"text": "Ciao"}), header: cross(map[string]string{})}, 403, "cross_site"},
		{"Origin only, matching the host", request{method: "POST", path: chat(maria, "text"), ctype: "application/json", body: j(map[string]any{"text": "Ciao"}), header: cross(map[string]string{"Origin": "http://playground.test"})}, 200, ""},
		{"cross-site multipart photo", request{method: "POST", path: chat(maria, "photo"), ctype: sampleType, body: sample, header: cross(map[string]string{"Sec-Fetch-Site": "cross-site"})}, 403, "cross_site"},

		{"location", request{method: "POST", path: chat(maria, "location"), ctype: "application/json", body: j(map[string]any{"lat": 45.07, "lon": 7.68})}, 200, ""},
		{"location on the equator", request{method: "POST", path: chat(maria, "location"), ctype: "application/json", body: j(map[string]any{"lat": 0, "lon": 0})}, 200, ""},
		{"latitude off the Earth", request{method: "POST", path: chat(maria, "location"), ctype: "application/json", body: j(map[string]any{"lat": 91, "lon": 7})}, 400, "bad_location"},
		{"longitude off the Earth", request{method: "POST", path: chat(maria, "location"), ctype: "application/json", body: j(map[string]any{"lat": 45, "lon": -180.5})}, 400, "bad_location"},
		{"latitude alone", request{method: "POST", path: chat(maria, "location"), ctype: "application/json", body: j(map[string]any{"lat": 45})}, 400, "bad_location"},
		{"latitude as text", request{method: "POST", path: chat(maria, "location"), ctype: "application/json", body: []byte(`{"lat":"45","lon":"7"}`)}, 400, "bad_json"},
		{"preset place", request{method: "POST", path: chat(maria, "location"), ctype: "application/json", body: j(map[string]any{"preset": "Municipio"})}, 200, ""},
		{"unknown preset", request{method: "POST", path: chat(maria, "location"), ctype: "application/json", body: j(map[string]any{"preset": "Colosseo"})}, 404, "unknown_preset"},
		{"preset and point", request{method: "POST", path: chat(maria, "location"), ctype: "application/json", body: j(map[string]any{"preset": "Municipio", "lat": 1, "lon": 1})}, 400, "bad_location"},
		{"location in the staff group", request{method: "POST", path: chat(group, "location"), ctype: "application/json", body: j(map[string]any{"lat": 45.07, "lon": 7.68})}, 400, "private_only"},

		{"sample photo", request{method: "POST", path: chat(maria, "photo"), ctype: sampleType, body: sample}, 200, ""},
		{"uploaded PNG", request{method: "POST", path: chat(maria, "photo"), ctype: uploadType, body: upload}, 200, ""},
		{"upload that is no image", request{method: "POST", path: chat(maria, "photo"), ctype: notImageType, body: notImage}, 400, "bad_image"},
		{"upload of a GIF", request{method: "POST", path: chat(maria, "photo"), ctype: gifType, body: gifUpload}, 400, "bad_image"},
		{"truncated PNG", request{method: "POST", path: chat(maria, "photo"), ctype: truncatedType, body: truncated}, 400, "bad_image"},
		{"upload over 10 MB", request{method: "POST", path: chat(maria, "photo"), ctype: tooBigType, body: tooBig}, 413, "file_too_large"},
		{"neither sample nor file", request{method: "POST", path: chat(maria, "photo"), ctype: noPhotoType, body: noPhoto}, 400, "no_photo"},
		{"both sample and file", request{method: "POST", path: chat(maria, "photo"), ctype: bothType, body: both}, 400, "bad_form"},
		{"unknown sample", request{method: "POST", path: chat(maria, "photo"), ctype: unknownSampleType, body: unknownSample}, 404, "unknown_sample"},
		{"caption over 1024", request{method: "POST", path: chat(maria, "photo"), ctype: longCaptionType, body: longCaption}, 400, "text_too_long"},
		{"photo as JSON", request{method: "POST", path: chat(maria, "photo"), ctype: "application/json", body: j(map[string]any{"sample": "bin"})}, 415, "bad_content_type"},
		{"multipart without a boundary", request{method: "POST", path: chat(maria, "photo"), ctype: "multipart/form-data", body: sample}, 400, "bad_form"},
		{"photo reply in a private chat", request{method: "POST", path: chat(maria, "photo"), ctype: privateReplyType, body: privateReply}, 400, "reply_unsupported"},
		{"photo reply in the group", request{method: "POST", path: chat(group, "photo"), ctype: groupReplyType, body: groupReply}, 200, ""},
		{"photo reply to no number", request{method: "POST", path: chat(group, "photo"), ctype: badReplyType, body: badReply}, 400, "bad_reply_to"},

		{"press", request{method: "POST", path: chat(maria, "press"), ctype: "application/json", body: j(map[string]any{"message_id": withKeyboard, "data": "t:3"})}, 200, ""},
		{"press with data no button carries", request{method: "POST", path: chat(maria, "press"), ctype: "application/json", body: j(map[string]any{"message_id": withKeyboard, "data": "t:999"})}, 400, "no_such_button"},
		{"press on an unknown message", request{method: "POST", path: chat(maria, "press"), ctype: "application/json", body: j(map[string]any{"message_id": 999, "data": "t:3"})}, 404, "unknown_message"},
		{"press on a message of another chat", request{method: "POST", path: chat(john, "press"), ctype: "application/json", body: j(map[string]any{"message_id": withKeyboard, "data": "t:3"})}, 404, "unknown_message"},

		{"contact", request{method: "POST", path: chat(maria, "contact"), ctype: "application/json", body: []byte(`{}`)}, 200, ""},
		{"contact in the group", request{method: "POST", path: chat(group, "contact"), ctype: "application/json", body: []byte(`{}`)}, 400, "private_only"},

		{"events", request{method: "GET", path: "/playground/api/events?since=0&timeout=0"}, 200, ""},
		{"events since no number", request{method: "GET", path: "/playground/api/events?since=abc"}, 400, "bad_since"},
		{"events since a negative number", request{method: "GET", path: "/playground/api/events?since=-1"}, 400, "bad_since"},
		{"events with too long a wait", request{method: "GET", path: "/playground/api/events?since=0&timeout=99"}, 400, "bad_timeout"},
	}
	for _, c := range cases {
		t.Run(c.label, func(t *testing.T) {
			rec := f.do(c.rq)
			if rec.Code != c.status {
				t.Fatalf("status %d, want %d: %s", rec.Code, c.status, rec.Body.String())
			}
			if !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/json") {
				t.Errorf("content type %q, want JSON", rec.Header().Get("Content-Type"))
			}
			if got := apiErrorCode(t, rec); got != c.code {
				t.Errorf("error code %q, want %q: %s", got, c.code, rec.Body.String())
			}
		})
	}
}
