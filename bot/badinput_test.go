package bot

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"strings"
	"testing"

	"github.com/campanile/campanile/bot/emulator"
)

// sentinel proves that everything the citizen sent before it was handled:
// one chat's updates are handled in order, so once /help is answered the
// earlier inputs are done, and any reply they caused is already there.
func (h *harness) sentinel(u *emulator.User) []emulator.Message {
	h.t.Helper()
	help := h.plain("it", "help.text", nil) // sentinel users speak Italian
	count := func() int {
		n := 0
		for _, m := range u.BotMessages() {
			if m.Text == help {
				n++
			}
		}
		return n
	}
	before := count()
	u.Send("/help")
	h.eventually("help answered", func() bool { return count() == before+1 })
	h.eventually("inbox drained", func() bool {
		n, err := h.st.CountPendingUpdates(context.Background())
		return err == nil && n == 0
	})
	return u.BotMessages()
}

func TestBadInputGetsAShortHelpfulAnswerOrSilence(t *testing.T) {
	h := newHarness(t)
	h.start()
	cases := []struct {
		label string
		send  func(u *emulator.User)
		// answer is the locale key of the reply, or "" for a polite silence.
		answer string
		data   map[string]any
	}{
		{"sticker", func(u *emulator.User) { u.SendSticker() }, "fallback.media", nil},
		{"voice note", func(u *emulator.User) { u.SendVoice() }, "fallback.media", nil},
		{"document", func(u *emulator.User) { u.SendDocument("multa.pdf", "application/pdf", []byte("%PDF-1.4"), "") }, "fallback.media", nil},
		{"photo outside any flow", func(u *emulator.User) { u.SendPhoto(tinyPNG(), "guarda") }, "fallback.media", nil},
		{"location outside any flow", func(u *emulator.User) { u.SendLocation(45.07, 7.68) }, "fallback.media", nil},
		{"10 000-character message", func(u *emulator.User) { u.Send(strings.Repeat("buca ", 2000)) }, "fallback.text", nil},
		{"unknown command", func(u *emulator.User) { u.Send("/pizza") }, "fallback.command", map[string]any{"Command": "/pizza"}},
		// Not ours to run, but written to us: read as text, not obeyed.
		{"command for another bot", func(u *emulator.User) { u.Send("/start@someother_bot") }, "fallback.text", nil},
		// The original "ciao" is answered; the edit is handled silently.
		{"edited message", func(u *emulator.User) { u.Edit(u.Send("ciao"), "ciao ciao") }, "fallback.text", nil},
	}
	for i, c := range cases {
		t.Run(c.label, func(t *testing.T) {
			u := h.emu.User(int64(3000+i), "Zeno", "it")
			c.send(u)
			msgs := h.sentinel(u)
			if c.answer == "" {
				if len(msgs) != 1 {
					t.Fatalf("want silence, bot sent:%s", texts(msgs[:len(msgs)-1]))
				}
				return
			}
			if len(msgs) != 2 {
				t.Fatalf("want one answer then the help, got:%s", texts(msgs))
			}
			if want := h.plain("it", c.answer, c.data); msgs[0].Text != want {
				t.Errorf("answer %q, want %q", msgs[0].Text, want)
			}
			if len(msgs[0].Text) > 600 {
				t.Errorf("the answer should be short, got %d bytes", len(msgs[0].Text))
			}
		})
	}
}

func TestForgedCallbackIsRefusedWithAnAlertAndChangesNothing(t *testing.T) {
	h := newHarness(t)
	h.start()
	u := h.emu.User(3100, "Ugo", "it")
	u.Send("/argomenti")
	picker := expect(t, u, 1)[0]
	forged := []string{"tt:999999", "tt:-1", "tt:1e3", "zz:1", "fy", "lg:xx", "to:", "tt:1:2", strings.Repeat("x", 64), "💣"}
	for _, data := range forged {
		u.PressData(picker, data)
	}
	h.eventually("every forged press answered", func() bool { return len(u.CallbackAnswers()) == len(forged) })
	for _, a := range u.CallbackAnswers() {
		if a.Text != h.cat.T("it", "callback.invalid", nil) || !a.ShowAlert {
			t.Errorf("forged press answered %+v", a)
		}
	}
	if subs := h.subscriptions(u); len(subs) != 0 {
		t.Errorf("forged presses changed subscriptions: %v", subs)
	}
	if m := current(t, u, picker.ID); m.Edited {
		t.Errorf("forged presses edited the picker")
	}
}

func TestMessagesInOtherGroupsAreIgnored(t *testing.T) {
	h := newHarness(t)
	h.start()
	g := h.emu.Group(-4000, "Pro loco")
	member := h.emu.User(3200, "Walter", "it")
	g.Send(member, "/start")
	g.Send(member, "ciao bot")
	u := h.emu.User(3201, "Sentinella", "it")
	h.sentinel(u)
	if msgs := g.BotMessages(); len(msgs) != 0 {
		t.Errorf("bot spoke in a foreign group:%s", texts(msgs))
	}
	if _, err := h.st.CitizenByTelegramID(context.Background(), member.ID()); err == nil {
		t.Errorf("a group member became a citizen without writing privately")
	}
}

// tinyPNG is a real, decodable image, as a phone would send.
func tinyPNG() []byte {
	img := image.NewRGBA(image.Rect(0, 0, 8, 6))
	for x := range 8 {
		img.Set(x, x%6, color.RGBA{R: 200, A: 255})
	}
	var buf bytes.Buffer
	_ = png.Encode(&buf, img)
	return buf.Bytes()
}
