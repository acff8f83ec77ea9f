package emulator

import (
	"sync"
	"testing"
	"time"
)

func ids(us []update) []int64 {
	var out []int64
	for _, u := range us {
		out = append(out, u.UpdateID)
	}
	return out
}

func TestGetUpdatesOffsetAndLimit(t *testing.T) {
	h := newHarness(t, Options{})
	u := h.s.User(42, "Anna", "it")
	for _, text := range []string{"/start", "uno", "due", "tre", "quattro"} {
		u.Send(text)
	}
	all := h.updates(nil)
	if len(all) != 5 {
		t.Fatalf("got %d updates, want 5", len(all))
	}
	first := all[0].UpdateID
	if first < 100000 {
		t.Errorf("first update_id = %d, want a large, Telegram-like id", first)
	}
	if m := all[0].Message; m == nil || m.Text != "/start" || len(m.Entities) != 1 || m.Entities[0].Type != "bot_command" || m.Entities[0].Length != 6 {
		t.Fatalf("first update = %+v", all[0].Message)
	}

	tests := []struct {
		name   string
		params map[string]any
		want   []int64
	}{
		{"no offset repeats unconfirmed", map[string]any{"limit": 2}, []int64{first, first + 1}},
		{"limit 0 is clamped to 1", map[string]any{"limit": 0}, []int64{first}},
		{"offset confirms earlier updates", map[string]any{"offset": first + 2}, []int64{first + 2, first + 3, first + 4}},
		{"confirmed updates are gone", map[string]any{}, []int64{first + 2, first + 3, first + 4}},
		{"negative offset keeps the last ones", map[string]any{"offset": -1}, []int64{first + 4}},
		{"and forgets the rest", map[string]any{}, []int64{first + 4}},
		{"offset past the end empties the queue", map[string]any{"offset": first + 5}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ids(h.updates(tt.params))
			if len(got) != len(tt.want) {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Fatalf("got %v, want %v", got, tt.want)
				}
			}
		})
	}
	u.Send("cinque")
	if got := ids(h.updates(nil)); len(got) != 1 || got[0] != first+5 {
		t.Fatalf("update ids must keep increasing: got %v, want [%d]", got, first+5)
	}
}

func TestGetUpdatesLongPoll(t *testing.T) {
	h := newHarness(t, Options{MaxPollTimeout: 2 * time.Second})
	u := h.s.User(42, "Anna", "it")

	t.Run("returns as soon as an update arrives", func(t *testing.T) {
		go func() {
			time.Sleep(30 * time.Millisecond)
			u.Send("ciao")
		}()
		start := time.Now()
		got := h.updates(map[string]any{"timeout": 10})
		if len(got) != 1 || got[0].Message.Text != "ciao" {
			t.Fatalf("got %+v", got)
		}
		if d := time.Since(start); d > time.Second {
			t.Fatalf("long poll took %v", d)
		}
		h.updates(map[string]any{"offset": got[0].UpdateID + 1})
	})

	t.Run("times out empty", func(t *testing.T) {
		h2 := newHarness(t, Options{MaxPollTimeout: 80 * time.Millisecond})
		start := time.Now()
		r := h2.call("getUpdates", map[string]any{"timeout": 30})
		if got := mustOK[[]update](t, r); len(got) != 0 || string(r.Result) != "[]" {
			t.Fatalf("got %s", r.Result)
		}
		if d := time.Since(start); d < 70*time.Millisecond || d > time.Second {
			t.Fatalf("timed out after %v, want about 80ms", d)
		}
	})

	t.Run("a second poller terminates the first with 409", func(t *testing.T) {
		var first apiResponse
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			defer wg.Done()
			first = h.call("getUpdates", map[string]any{"timeout": 10})
		}()
		if err := h.s.WaitFor(ctxT(t), func() bool { return h.s.polling() }); err != nil {
			t.Fatal(err)
		}
		go func() {
			time.Sleep(20 * time.Millisecond)
			u.Send("dopo")
		}()
		second := mustOK[[]update](t, h.call("getUpdates", map[string]any{"timeout": 10}))
		wg.Wait()
		wantError(t, first, 409, "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running")
		if len(second) != 1 || second[0].Message.Text != "dopo" {
			t.Fatalf("second poller got %+v", second)
		}
	})
}

func TestGetUpdatesAllowedUpdatesRemembered(t *testing.T) {
	h := newHarness(t, Options{})
	u := h.s.User(42, "Anna", "it")
	m := u.Send("ciao")
	u.Edit(m, "ciao!")
	u.Block()

	got := h.updates(map[string]any{"allowed_updates": []string{"message"}})
	if len(got) != 1 || got[0].Message == nil {
		t.Fatalf("with allowed_updates [message]: %+v", got)
	}
	u.Unblock()
	u.Send("ancora")
	got = h.updates(nil) // the filter is remembered
	if len(got) != 2 || got[1].Message.Text != "ancora" {
		t.Fatalf("filter must persist across calls: %+v", got)
	}
	h.updates(map[string]any{"offset": got[1].UpdateID + 1, "allowed_updates": []string{}})
	u.Block()
	if got := h.updates(nil); len(got) != 1 || got[0].MyChatMember == nil {
		t.Fatalf("an empty list restores the default: %+v", got)
	}
}

func TestGetUpdatesRefusedWhileWebhookSet(t *testing.T) {
	h := newHarness(t, Options{})
	mustOK[bool](t, h.call("setWebhook", map[string]any{"url": "https://example.invalid/hook"}))
	wantError(t, h.call("getUpdates", nil), 409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first")
	mustOK[bool](t, h.call("deleteWebhook", nil))
	mustOK[[]update](t, h.call("getUpdates", nil))
}

func TestCloseReleasesLongPolls(t *testing.T) {
	h := newHarness(t, Options{MaxPollTimeout: 5 * time.Second})
	go func() {
		_ = h.s.WaitFor(ctxT(t), h.s.polling)
		h.s.Close()
	}()
	start := time.Now()
	if got := h.updates(map[string]any{"timeout": 5}); len(got) != 0 {
		t.Fatalf("got %+v", got)
	}
	if d := time.Since(start); d > time.Second {
		t.Fatalf("Close released the poll after %v", d)
	}
}
