package flows

import (
	"context"
	"strings"
	"sync/atomic"
	"testing"
)

var fuzzKinds = []InputKind{
	KindText, KindCommand, KindCallback, KindLocation, KindVenue, KindPhoto, KindDocument,
	KindSticker, KindVoice, KindOther, KindEdited, KindBlocked, KindUnblocked, KindIgnored,
}

// FuzzHandle: whatever a citizen sends, Handle neither panics nor fails
// (the database is there), and what it answers is something Telegram takes.
// One store serves every input, so state built by earlier inputs (an open
// question, subscriptions, an erased citizen) meets later ones.
func FuzzHandle(f *testing.F) {
	seeds := []struct {
		kind     uint8
		text     string
		data     string
		command  string
		lang     string
		user     uint8
		msgID    int16
		location bool
	}{
		{1, "", "", "start", "it", 1, 0, false},
		{1, "", "", "argomenti", "it", 1, 0, false},
		{2, "", "to:1", "", "it", 1, 2, false},
		{2, "", "tt:4", "", "it", 1, 2, false},
		{2, "", "ta:1", "", "de", 1, 2, false},
		{2, "", "tb", "", "en", 1, 2, false},
		{2, "", "td", "", "en", 1, 2, false},
		{1, "", "", "dimenticami", "it", 2, 0, false},
		{0, "sì", "", "", "it", 2, 0, false},
		{2, "", "fy", "", "it", 2, 3, false},
		{2, "", "fn", "", "it", 2, 3, false},
		{1, "", "", "mydata", "en-GB", 3, 0, false},
		{1, "", "", "lingua", "it", 3, 0, false},
		{2, "", "lg:de", "", "it", 3, 1, false},
		{0, "📍 Segnala", "", "", "it", 4, 0, false},
		{0, strings.Repeat("x", 10000), "", "", "fr", 4, 0, false},
		{0, "<b>ciao</b> & </i>", "", "", "", 5, 0, false},
		{3, "", "", "", "it", 5, 0, true},
		{7, "", "", "", "it", 5, 0, false},
		{2, "", "tt:999999", "", "it", 6, 1, false},
		{2, "", "\xff\xfe:\x00", "", "it", 6, -1, false},
		{2, "", strings.Repeat("z", 65), "", "it", 6, 1, false},
		{1, "", "", "<script>", "it", 7, 0, false},
		{11, "", "", "", "", 7, 0, false},
		{12, "", "", "", "", 7, 0, false},
		{0x80, "ciao", "", "", "it", 8, 0, false},
	}
	for _, s := range seeds {
		f.Add(s.kind, s.text, s.data, s.command, s.lang, s.user, s.msgID, s.location)
	}
	st := newFlowStore(f)
	e := newTestEngine()
	var updateID atomic.Int64
	f.Fuzz(func(t *testing.T, kind uint8, text, data, command, lang string, user uint8, msgID int16, location bool) {
		userID := int64(user%16) + 1 // few citizens, so their states meet
		in := Input{
			UpdateID: updateID.Add(1), Kind: fuzzKinds[int(kind&0x7f)%len(fuzzKinds)],
			ChatID: userID, ChatType: ChatPrivate, UserID: userID,
			FirstName: firstName(text), LanguageCode: lang,
			Text: text, Command: command, CommandArgs: text,
			CallbackID: "cb", CallbackData: data, MessageID: int(msgID),
		}
		if kind&0x80 != 0 {
			in.ChatID, in.ChatType = -100-userID, ChatGroup
		}
		if location {
			in.Location = &Location{Lat: float64(msgID) / 100, Lon: float64(user)}
		}
		msgs, err := handle(context.Background(), st, e, in)
		if err != nil {
			t.Fatalf("Handle(%+v) = %v", in, err)
		}
		for _, m := range msgs {
			checkMessage(t, m)
			if m.Action == ActionAnswerCallback && m.CallbackID != in.CallbackID {
				t.Errorf("answered callback %q, want %q", m.CallbackID, in.CallbackID)
			}
		}
		checkCallbackAnswered(t, in, msgs)
	})
}

// firstName makes a name Telegram could send: at most 64 characters.
func firstName(s string) string {
	r := []rune(s)
	return string(r[:min(len(r), 64)])
}
