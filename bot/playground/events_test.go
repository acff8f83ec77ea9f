package playground

import (
	"fmt"
	"net/http"
	"net/url"
	"testing"
	"time"
)

type eventsAnswer struct {
	Events []eventView `json:"events"`
	Next   int         `json:"next"`
	Reset  bool        `json:"reset"`
}

func (f *fixture) events(since int, timeout string) eventsAnswer {
	f.t.Helper()
	path := fmt.Sprintf("/playground/api/events?since=%d", since)
	if timeout != "" {
		path += "&timeout=" + timeout
	}
	return decode[eventsAnswer](f.t, f.do(request{method: http.MethodGet, path: path}))
}

func TestEventsAnswerAtOnceWhenSomethingHappened(t *testing.T) {
	f := newFixture(t, Config{})
	f.botSendsKeyboard(maria)
	start := time.Now()
	got := f.events(0, "")
	if time.Since(start) > time.Second {
		t.Errorf("took %s with an event waiting", time.Since(start))
	}
	if len(got.Events) != 1 || got.Events[0].Kind != "message" || got.Events[0].ChatID != maria || got.Events[0].Message == nil || got.Next != got.Events[0].Seq {
		t.Errorf("events %+v", got)
	}
}

func TestEventsWaitForTheNextChange(t *testing.T) {
	f := newFixture(t, Config{})
	since := f.events(0, "0").Next
	go func() {
		time.Sleep(100 * time.Millisecond)
		f.emu.User(john, "John", "en").Send("hello")
	}()
	start := time.Now()
	got := f.events(since, "5")
	if len(got.Events) != 1 || got.Events[0].Message.Plain != "hello" {
		t.Errorf("events %+v", got)
	}
	if d := time.Since(start); d < 50*time.Millisecond || d > 3*time.Second {
		t.Errorf("answered after %s, want soon after the message", d)
	}
}

func TestEventsOfOtherChatsAreLeftOut(t *testing.T) {
	f := newFixture(t, Config{})
	f.emu.User(999, "Outsider", "it").Send("not a demo citizen")
	got := f.events(0, "0")
	if len(got.Events) != 0 || got.Next == 0 {
		t.Errorf("events %+v", got)
	}
}

func TestEventsCarryEditsAndCallbackAnswers(t *testing.T) {
	f := newFixture(t, Config{})
	id := f.botSendsKeyboard(maria)
	since := f.events(0, "0").Next
	decode[map[string]any](t, f.postJSON(fmt.Sprintf("/playground/api/chats/%d/press", maria), map[string]any{"message_id": id, "data": "t:3"}))
	updates := f.botCallList("getUpdates", url.Values{})
	q := updates[len(updates)-1]["callback_query"].(map[string]any)
	if q["data"] != "t:3" || q["from"].(map[string]any)["id"].(float64) != float64(maria) {
		t.Fatalf("callback query %+v", q)
	}
	f.botCall("editMessageReplyMarkup", url.Values{
		"chat_id": {fmt.Sprint(maria)}, "message_id": {fmt.Sprint(id)},
		"reply_markup": {`{"inline_keyboard":[[{"text":"✅ Eventi","callback_data":"t:3"}]]}`},
	})
	f.botCallBool("answerCallbackQuery", url.Values{"callback_query_id": {q["id"].(string)}, "text": {"Iscritto: Eventi"}, "show_alert": {"true"}})

	got := f.events(since, "0")
	var kinds []string
	for _, ev := range got.Events {
		kinds = append(kinds, ev.Kind)
		switch ev.Kind {
		case "edit":
			if ev.Message.ID != id || !ev.Message.Edited || ev.Message.Inline[0][0].Text != "✅ Eventi" {
				t.Errorf("edit %+v", ev.Message)
			}
		case "callback_answer":
			if ev.Answer == nil || ev.Answer.Text != "Iscritto: Eventi" || !ev.Answer.ShowAlert || ev.ChatID != maria {
				t.Errorf("answer %+v in chat %d", ev.Answer, ev.ChatID)
			}
		}
	}
	if fmt.Sprint(kinds) != "[callback edit callback_answer]" {
		t.Errorf("event kinds %v", kinds)
	}
}

func TestEventsTellThePageToReloadAfterARestart(t *testing.T) {
	f := newFixture(t, Config{})
	got := f.events(5000, "0")
	if !got.Reset || got.Next != 0 {
		t.Errorf("a page ahead of the server must reload: %+v", got)
	}
}

func TestCloseEndsTheWaitingPolls(t *testing.T) {
	f := newFixture(t, Config{})
	since := f.events(0, "0").Next
	done := make(chan eventsAnswer, 1)
	go func() { done <- f.events(since, "") }()
	time.Sleep(50 * time.Millisecond)
	f.p.Close()
	select {
	case got := <-done:
		if len(got.Events) != 0 {
			t.Errorf("events %+v", got)
		}
	case <-time.After(3 * time.Second):
		t.Fatal("a waiting poll outlived Close: it would hold the server's shutdown")
	}
}
