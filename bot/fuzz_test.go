package bot

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/go-telegram/bot/models"

	"github.com/campanile/campanile/store"
)

// FuzzHandleUpdate feeds arbitrary update JSON through the whole handler:
// intake validation, conversion, the flows and the outbox. Whatever a
// client or a broken proxy sends, the handler must never panic and must
// settle the update rather than fail it forever.
func FuzzHandleUpdate(f *testing.F) {
	seeds := []string{
		`{"update_id":1,"message":{"message_id":1,"date":1,"chat":{"id":42,"type":"private"},"from":{"id":42,"is_bot":false,"first_name":"A","language_code":"it"},"text":"/start","entities":[{"type":"bot_command","offset":0,"length":6}]}}`,
		`{"update_id":2,"callback_query":{"id":"q1","from":{"id":42,"is_bot":false,"first_name":"A"},"chat_instance":"x","data":"tt:1","message":{"message_id":9,"date":1,"chat":{"id":42,"type":"private"}}}}`,
		`{"update_id":3,"message":{"message_id":2,"date":1,"chat":{"id":-5,"type":"group"},"from":{"id":43,"is_bot":false,"first_name":"B"},"text":"ciao"}}`,
		`{"update_id":4,"my_chat_member":{"chat":{"id":42,"type":"private"},"from":{"id":42,"is_bot":false,"first_name":"A"},"date":1,"old_chat_member":{"status":"member","user":{"id":1,"is_bot":true,"first_name":"bot"}},"new_chat_member":{"status":"kicked","user":{"id":1,"is_bot":true,"first_name":"bot"},"until_date":0}}}`,
		`{"update_id":5,"edited_message":{"message_id":1,"date":1,"edit_date":2,"chat":{"id":42,"type":"private"},"from":{"id":42,"is_bot":false,"first_name":"A"},"text":"x"}}`,
		`{"update_id":6,"message":{"message_id":3,"date":1,"chat":{"id":42,"type":"private"},"from":{"id":42,"is_bot":false,"first_name":"A"},"location":{"latitude":91,"longitude":-181}}}`,
		`{"update_id":7,"message":{"message_id":4,"date":1,"chat":{"id":42,"type":"private"},"text":"/forget","entities":[{"type":"bot_command","offset":5,"length":99}]}}`,
		`{"update_id":8}`,
		`{}`,
		`[]`,
		`null`,
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	h := newHarness(f)
	b := h.newBot()
	f.Fuzz(func(t *testing.T, raw []byte) {
		u, err := inbound(raw)
		if err != nil {
			return // refused at the door, as the webhook answers 400
		}
		if err := h.st.SaveUpdates(context.Background(), []store.InboundUpdate{u}); err != nil {
			t.Fatalf("unable to store a valid update: %v", err)
		}
		if err := b.handleUpdate(context.Background(), u); err != nil {
			t.Fatalf("handler failed on %s: %v", raw, err)
		}
	})
}

// FuzzInboundChatKey checks that the cheap intake parse files every update
// under the same chat as the full decode does, so one chat's updates are
// never split across two queues.
func FuzzInboundChatKey(f *testing.F) {
	f.Add([]byte(`{"update_id":2,"callback_query":{"id":"q","from":{"id":42},"message":{"message_id":9,"date":1,"chat":{"id":42,"type":"private"}}}}`))
	f.Add([]byte(`{"update_id":3,"callback_query":{"id":"q","from":{"id":42},"message":{"message_id":9,"date":0,"chat":{"id":-7,"type":"group"}}}}`))
	f.Add([]byte(`{"update_id":4,"my_chat_member":{"chat":{"id":5,"type":"private"}}}`))
	f.Fuzz(func(t *testing.T, raw []byte) {
		u, err := inbound(raw)
		if err != nil {
			return
		}
		var full models.Update
		if json.Unmarshal(raw, &full) != nil {
			return // refused later, when handled, as unreadable
		}
		if got, want := u.ChatID, chatKey(&full); got != want {
			t.Fatalf("intake filed %s under chat %d, the handler under %d", raw, got, want)
		}
	})
}
