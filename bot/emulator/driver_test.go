package emulator

import (
	"encoding/json"
	"math"
	"testing"
	"time"
)

func TestDriverUserMessages(t *testing.T) {
	clock := time.Date(2026, 5, 1, 9, 30, 0, 0, time.UTC)
	h := newHarness(t, Options{NoLimits: true, Now: func() time.Time { return clock }})
	u := h.s.User(42, "Anna", "it").SetUsername("anna_tn")

	cmd := u.Send("/start@campanile_bot ref42")
	if len(cmd.Entities) != 1 || cmd.Entities[0] != (Entity{Type: "bot_command", Offset: 0, Length: 20}) {
		t.Fatalf("command entity = %+v", cmd.Entities)
	}
	if cmd.ChatID != 42 || cmd.FromBot || cmd.From.ID != 42 || !cmd.Date.Equal(clock) {
		t.Fatalf("message = %+v", cmd)
	}
	if e := u.Send("/💥").Entities; e != nil {
		t.Fatalf("not a command: %+v", e)
	}
	album := u.SendAlbum([][]byte{pngBytes(t, 50, 50), pngBytes(t, 60, 60)}, "due foto")
	if album[0].MediaGroupID == "" || album[0].MediaGroupID != album[1].MediaGroupID || album[0].Caption != "due foto" || album[1].Caption != "" {
		t.Fatalf("album = %+v", album)
	}
	doc := u.SendDocument("verbale.pdf", "", []byte("%PDF"), "")
	if doc.Document.MimeType != "application/pdf" || doc.Document.FileName != "verbale.pdf" {
		t.Fatalf("document = %+v", doc.Document)
	}
	u.SendSticker()
	u.SendVoice()
	u.SendContact("+39 333 0000000")
	venue := u.SendVenue(46.07, 11.12, "Municipio", "Piazza Dante 1")
	reply := u.Reply(venue, "qui")
	if reply.ReplyToID != venue.ID {
		t.Fatalf("reply_to = %d, want %d", reply.ReplyToID, venue.ID)
	}
	if _, err := u.Edit(cmd, "/start"); err != nil {
		t.Fatal(err)
	}

	got := h.updates(nil)
	if len(got) != 11 {
		t.Fatalf("got %d updates, want 10 messages and 1 edit", len(got))
	}
	raw := mustOK[[]map[string]json.RawMessage](t, h.call("getUpdates", map[string]any{"offset": got[9].UpdateID, "limit": 1}))
	var replyMsg struct {
		ReplyTo *struct {
			Venue *Venue `json:"venue"`
		} `json:"reply_to_message"`
		Chat wireChat `json:"chat"`
	}
	_ = json.Unmarshal(raw[0]["message"], &replyMsg)
	if replyMsg.ReplyTo == nil || replyMsg.ReplyTo.Venue == nil || replyMsg.Chat.Username != "anna_tn" {
		t.Fatalf("reply update = %s", raw[0]["message"])
	}
	if e := got[10].EditedMessage; e == nil || e.Text != "/start" || e.EditDate == 0 {
		t.Fatalf("edited_message = %+v", got[10])
	}
	if msgs := u.Messages(); len(msgs) != 10 || !msgs[0].Edited {
		t.Fatalf("chat has %d messages", len(msgs))
	}
}

func TestDriverBlockUnblock(t *testing.T) {
	h := newHarness(t, Options{NoLimits: true})
	u := h.s.User(42, "Anna", "it")
	u.Block()
	u.Block()      // no second update
	u.Send("ciao") // writing again restarts the bot
	got := h.updates(nil)
	if len(got) != 3 {
		t.Fatalf("got %d updates, want kicked, member, message", len(got))
	}
	var kicked, member struct {
		Old struct{ Status string } `json:"old_chat_member"`
		New struct {
			Status string   `json:"status"`
			User   UserInfo `json:"user"`
		} `json:"new_chat_member"`
	}
	_ = json.Unmarshal(got[0].MyChatMember, &kicked)
	_ = json.Unmarshal(got[1].MyChatMember, &member)
	if kicked.New.Status != "kicked" || kicked.Old.Status != "member" || !kicked.New.User.IsBot || member.New.Status != "member" {
		t.Fatalf("my_chat_member = %s / %s", got[0].MyChatMember, got[1].MyChatMember)
	}
	if u.Chat().Blocked {
		t.Fatal("still blocked")
	}
}

func TestDriverWaitingAndEvents(t *testing.T) {
	h := newHarness(t, Options{NoLimits: true})
	u := h.s.User(42, "Anna", "it")
	changed := h.s.Changed()
	go func() {
		time.Sleep(20 * time.Millisecond)
		h.call("sendMessage", map[string]any{"chat_id": 42, "text": "uno"})
		h.call("sendMessage", map[string]any{"chat_id": 42, "text": "<b>due</b> <a href=\"https://x.it/?a=1&amp;b=2\">link</a>", "parse_mode": "HTML"})
	}()
	msgs, err := u.WaitBotMessages(ctxT(t), 2)
	if err != nil {
		t.Fatal(err)
	}
	select {
	case <-changed:
	default:
		t.Fatal("Changed() channel not closed by a send")
	}
	if msgs[1].HTML() != `<b>due</b> <a href="https://x.it/?a=1&amp;b=2">link</a>` {
		t.Fatalf("HTML() = %s", msgs[1].HTML())
	}
	evs, seq := h.s.Events(0)
	if len(evs) != 2 || evs[0].Kind != EventMessage || !evs[0].Message.FromBot || seq != evs[1].Seq {
		t.Fatalf("events = %+v", evs)
	}
	u.Send("grazie")
	more, seq2 := h.s.Events(seq)
	if len(more) != 1 || more[0].Message.Text != "grazie" || seq2 != seq+1 {
		t.Fatalf("events since %d = %+v", seq, more)
	}
	chats := h.s.Chats()
	if len(chats) != 1 || chats[0].ID != 42 || chats[0].Messages != 3 || chats[0].Title != "Anna" {
		t.Fatalf("chats = %+v", chats)
	}
}

func TestMessageHTMLNesting(t *testing.T) {
	tests := []struct {
		name string
		m    Message
		want string
	}{
		{"plain is escaped", Message{Text: "a<b & c"}, "a&lt;b &amp; c"},
		{"nested", Message{Text: "abcd", Entities: []Entity{{Type: "bold", Offset: 0, Length: 4}, {Type: "italic", Offset: 1, Length: 2}}}, "<b>a<i>bc</i>d</b>"},
		{"overlapping", Message{Text: "abcd", Entities: []Entity{{Type: "bold", Offset: 0, Length: 2}, {Type: "italic", Offset: 1, Length: 3}}}, "<b>a<i>b</i></b><i>cd</i>"},
		{"after emoji", Message{Text: "🔔 ok", Entities: []Entity{{Type: "bold", Offset: 3, Length: 2}}}, "🔔 <b>ok</b>"},
		{"caption and pre", Message{Caption: "x := 1", CaptionEntities: []Entity{{Type: "pre", Offset: 0, Length: 6, Language: "go"}}}, `<pre><code class="language-go">x := 1</code></pre>`},
		{"start inside surrogate pair", Message{Text: "😀ab", Entities: []Entity{{Type: "bold", Offset: 1, Length: 2}, {Type: "italic", Offset: 3, Length: 1}}}, "😀<b>a</b><i>b</i>"},
		{"overflowing length dropped", Message{Text: "ab", Entities: []Entity{{Type: "bold", Offset: 1, Length: math.MaxInt}}}, "ab"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.m.HTML(); got != tt.want {
				t.Fatalf("HTML() = %s, want %s", got, tt.want)
			}
		})
	}
}

func TestGroupsAndPrivacyMode(t *testing.T) {
	h := newHarness(t, Options{NoLimits: true, PrivacyMode: true})
	staff := h.s.User(7, "Carla", "it")
	g := h.s.Group(-77, "Staff")
	fw := mustOK[sentMessage](t, h.call("sendMessage", map[string]any{"chat_id": -77, "text": "Segnalazione 12", "reply_markup": keyboard([]map[string]any{button("Prendo io", "take:12")})}))
	forwarded := g.BotMessages()[0]

	g.Send(staff, "chiacchiere")                 // invisible in privacy mode
	g.Reply(staff, forwarded, "Risolto, grazie") // a reply to the bot: delivered
	g.Send(staff, "/stato 12")                   // a command: delivered
	g.ReplyPhoto(staff, forwarded, pngBytes(t, 20, 20), "prima")
	if _, err := g.Press(staff, forwarded, "Prendo io"); err != nil {
		t.Fatal(err)
	}
	got := h.updates(nil)
	if len(got) != 4 {
		t.Fatalf("got %d updates, want 4", len(got))
	}
	if got[0].Message.Text != "Risolto, grazie" || got[0].Message.Chat.Type != "group" || got[1].Message.Text != "/stato 12" {
		t.Fatalf("updates = %+v %+v", got[0].Message, got[1].Message)
	}
	if cq := got[3].CallbackQuery; cq == nil || cq.Data != "take:12" || cq.From.ID != 7 || cq.Message.MessageID != fw.MessageID {
		t.Fatalf("callback = %+v", got[3].CallbackQuery)
	}
	if n := len(g.Messages()); n != 5 {
		t.Fatalf("group stores all %d messages", n)
	}

	newID := g.MigrateToSupergroup()
	got = h.updates(map[string]any{"offset": got[3].UpdateID + 1})
	var service []map[string]any
	for _, u := range got {
		service = append(service, map[string]any{"chat": u.Message.Chat.ID})
	}
	if len(got) != 2 || got[0].Message.Chat.ID != -77 || got[1].Message.Chat.ID != newID {
		t.Fatalf("migration updates = %v", service)
	}
	g.Send(staff, "/stato 13")
	got = h.updates(map[string]any{"offset": got[1].UpdateID + 1})
	if len(got) != 1 || got[0].Message.Chat.ID != newID || got[0].Message.Chat.Type != "supergroup" {
		t.Fatalf("after migration = %+v", got)
	}
}

func TestCommandsByScopeAndLanguage(t *testing.T) {
	h := newHarness(t, Options{})
	it := h.s.User(42, "Anna", "it")
	de := h.s.User(43, "Hans", "de")
	set := func(params map[string]any) apiResponse { return h.call("setMyCommands", params) }
	mustOK[bool](t, set(map[string]any{"commands": `[{"command":"start","description":"Inizia"},{"command":"segnala","description":"Segnala un problema"}]`}))
	mustOK[bool](t, set(map[string]any{"commands": `[{"command":"start","description":"Starten"}]`, "language_code": "de"}))

	if got := mustOK[[]botCommand](t, h.call("getMyCommands", map[string]any{"language_code": "de"})); len(got) != 1 || got[0].Description != "Starten" {
		t.Fatalf("getMyCommands(de) = %+v", got)
	}
	if got := mustOK[[]botCommand](t, h.call("getMyCommands", map[string]any{"scope": `{"type":"all_private_chats"}`})); len(got) != 0 {
		t.Fatalf("another scope is separate: %+v", got)
	}
	if c := it.Commands(""); len(c) != 2 || c[1].Command != "segnala" {
		t.Fatalf("Italian menu = %+v", c)
	}
	if c := de.Commands(""); len(c) != 1 || c[0].Description != "Starten" {
		t.Fatalf("German menu = %+v", c)
	}
	mustOK[bool](t, h.call("deleteMyCommands", map[string]any{"language_code": "de"}))
	if c := de.Commands(""); len(c) != 2 {
		t.Fatalf("after delete the default applies: %+v", c)
	}

	tests := []struct {
		name   string
		params map[string]any
		want   string
	}{
		{"upper case command", map[string]any{"commands": `[{"command":"Start","description":"x"}]`}, "Bad Request: BOT_COMMAND_INVALID"},
		{"command too long", map[string]any{"commands": `[{"command":"abcdefghijklmnopqrstuvwxyz1234567","description":"x"}]`}, "Bad Request: BOT_COMMAND_INVALID"},
		{"empty description", map[string]any{"commands": `[{"command":"start","description":""}]`}, "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID"},
		{"bad language", map[string]any{"commands": `[{"command":"start","description":"x"}]`, "language_code": "ita"}, "Bad Request: invalid language code specified"},
		{"bad scope", map[string]any{"commands": `[{"command":"start","description":"x"}]`, "scope": `{"type":"everyone"}`}, "Bad Request: wrong bot command scope type specified"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantError(t, set(tt.params), 400, tt.want)
		})
	}
}

func TestSimpleChatMethods(t *testing.T) {
	h := newHarness(t, Options{NoLimits: true})
	h.s.User(42, "Anna", "it")
	sent := mustOK[sentMessage](t, h.call("sendMessage", map[string]any{"chat_id": 42, "text": "fissato"}))
	mustOK[bool](t, h.call("sendChatAction", map[string]any{"chat_id": 42, "action": "typing"}))
	wantError(t, h.call("sendChatAction", map[string]any{"chat_id": 42, "action": "dancing"}), 400, "Bad Request: wrong parameter action in request")
	mustOK[bool](t, h.call("pinChatMessage", map[string]any{"chat_id": 42, "message_id": sent.MessageID}))
	mustOK[bool](t, h.call("setMessageReaction", map[string]any{"chat_id": 42, "message_id": sent.MessageID, "reaction": `[{"type":"emoji","emoji":"👍"}]`}))
	info := mustOK[map[string]any](t, h.call("getChat", map[string]any{"chat_id": 42}))
	if info["type"] != "private" || info["first_name"] != "Anna" || info["pinned_message"] == nil {
		t.Fatalf("getChat = %v", info)
	}
	wantError(t, h.call("getChat", map[string]any{"chat_id": 1}), 400, "Bad Request: chat not found")
}
