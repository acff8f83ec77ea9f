package emulator

import (
	"errors"
	"testing"
)

func TestEditMessageText(t *testing.T) {
	h := newHarness(t, Options{NoLimits: true})
	u := h.s.User(42, "Anna", "it")
	kb := keyboard([]map[string]any{button("Sì", "yes"), button("No", "no")})
	sent := mustOK[sentMessage](t, h.call("sendMessage", map[string]any{"chat_id": 42, "text": "<b>Confermi?</b>", "parse_mode": "HTML", "reply_markup": kb}))
	userMsg := u.Send("ciao")

	tests := []struct {
		name   string
		params map[string]any
		want   string
	}{
		{"same text and markup", map[string]any{"message_id": sent.MessageID, "text": "<b>Confermi?</b>", "parse_mode": "HTML", "reply_markup": kb},
			"Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message"},
		{"missing message", map[string]any{"message_id": 999, "text": "x"}, "Bad Request: message to edit not found"},
		{"someone else's message", map[string]any{"message_id": userMsg.ID, "text": "x"}, "Bad Request: message to edit not found"},
		{"no message id", map[string]any{"text": "x"}, "Bad Request: message identifier is not specified"},
		{"reply keyboard in an edit", map[string]any{"message_id": sent.MessageID, "text": "x", "reply_markup": `{"keyboard":[["a"]]}`}, "Bad Request: inline keyboard expected"},
		{"caption of a text message", map[string]any{"message_id": sent.MessageID, "caption": "x", "method": "editMessageCaption"}, "Bad Request: there is no caption in the message to edit"},
		{"same markup only", map[string]any{"message_id": sent.MessageID, "reply_markup": kb, "method": "editMessageReplyMarkup"},
			"Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			method := "editMessageText"
			if m, ok := tt.params["method"].(string); ok {
				method = m
				delete(tt.params, "method")
			}
			tt.params["chat_id"] = 42
			wantError(t, h.call(method, tt.params), 400, tt.want)
		})
	}

	t.Run("same text without markup removes the keyboard", func(t *testing.T) {
		edited := mustOK[sentMessage](t, h.call("editMessageText", map[string]any{"chat_id": 42, "message_id": sent.MessageID, "text": "<b>Confermi?</b>", "parse_mode": "HTML"}))
		if edited.ReplyMarkup != nil || edited.EditDate == 0 {
			t.Fatalf("edited = %+v", edited)
		}
		m := u.BotMessages()[0]
		if !m.Edited || len(m.InlineKeyboard) != 0 || m.Text != "Confermi?" {
			t.Fatalf("driver view = %+v", m)
		}
	})
}

func TestPressUsesTheCurrentKeyboard(t *testing.T) {
	h := newHarness(t, Options{NoLimits: true})
	u := h.s.User(42, "Anna", "it")
	sent := mustOK[sentMessage](t, h.call("sendMessage", map[string]any{"chat_id": 42, "text": "Categoria?", "reply_markup": keyboard([]map[string]any{button("Buche", "cat:1")})}))
	original, _ := u.LastBotMessage()

	mustOK[sentMessage](t, h.call("editMessageReplyMarkup", map[string]any{"chat_id": 42, "message_id": sent.MessageID,
		"reply_markup": keyboard([]map[string]any{button("Rifiuti", "cat:2")}, []map[string]any{{"text": "Mappa", "url": "https://example.com"}})}))

	if _, err := u.Press(original, "Buche"); !errors.Is(err, ErrButtonNotFound) {
		t.Fatalf("pressing a button that the edit removed: err = %v", err)
	}
	if _, err := u.Press(original, "Mappa"); !errors.Is(err, ErrButtonNotFound) {
		t.Fatalf("pressing a URL button: err = %v", err)
	}
	qid, err := u.Press(original, "Rifiuti")
	if err != nil {
		t.Fatal(err)
	}
	got := h.updates(nil)
	cq := got[len(got)-1].CallbackQuery
	if cq == nil || cq.ID != qid || cq.Data != "cat:2" || cq.From.ID != 42 || cq.Message == nil || cq.Message.MessageID != sent.MessageID {
		t.Fatalf("callback_query = %+v", cq)
	}

	t.Run("answer once", func(t *testing.T) {
		if !mustOK[bool](t, h.call("answerCallbackQuery", map[string]any{"callback_query_id": qid, "text": "Fatto", "show_alert": true})) {
			t.Fatal("answerCallbackQuery returned false")
		}
		a := u.CallbackAnswers()
		if len(a) != 1 || a[0].QueryID != qid || a[0].Text != "Fatto" || !a[0].ShowAlert {
			t.Fatalf("answers = %+v", a)
		}
		want := "Bad Request: query is too old and response timeout expired or query ID is invalid"
		wantError(t, h.call("answerCallbackQuery", map[string]any{"callback_query_id": qid}), 400, want)
		wantError(t, h.call("answerCallbackQuery", map[string]any{"callback_query_id": "12345"}), 400, want)
	})
	t.Run("answer text at most 200 characters", func(t *testing.T) {
		q := u.PressData(original, "forged")
		long := make([]rune, 201)
		for i := range long {
			long[i] = 'a'
		}
		wantError(t, h.call("answerCallbackQuery", map[string]any{"callback_query_id": q, "text": string(long)}), 400, "Bad Request: MESSAGE_TOO_LONG")
		mustOK[bool](t, h.call("answerCallbackQuery", map[string]any{"callback_query_id": q, "text": string(long[:200])}))
	})
}

func TestDeleteMessage(t *testing.T) {
	h := newHarness(t, Options{NoLimits: true})
	u := h.s.User(42, "Anna", "it")
	u.Send("uno")
	sent := mustOK[sentMessage](t, h.call("sendMessage", map[string]any{"chat_id": 42, "text": "due"}))
	mustOK[bool](t, h.call("deleteMessage", map[string]any{"chat_id": 42, "message_id": sent.MessageID}))
	wantError(t, h.call("deleteMessage", map[string]any{"chat_id": 42, "message_id": sent.MessageID}), 400, "Bad Request: message to delete not found")
	if msgs := u.Messages(); len(msgs) != 1 || msgs[0].Text != "uno" {
		t.Fatalf("messages after delete = %+v", msgs)
	}
	evs, _ := h.s.Events(0)
	if last := evs[len(evs)-1]; last.Kind != EventDelete || last.Message.ID != sent.MessageID {
		t.Fatalf("last event = %+v", last)
	}
}
