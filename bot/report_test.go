package bot

import (
	"context"
	"strings"
	"testing"

	"github.com/campanile/campanile/bot/emulator"
	"github.com/campanile/campanile/store"
)

// reportFlow drives a citizen through the report conversation up to the
// summary, with the place given by place().
type reportFlow struct {
	h *harness
	t *testing.T
	u *emulator.User
}

func (h *harness) staff() (*emulator.Group, *emulator.User) {
	g := h.emu.Supergroup(testStaffChat, "Ufficio segnalazioni")
	return g, h.emu.User(777, "Giulia", "it")
}

// lastBot waits for the nth bot message in the citizen's chat.
func (f reportFlow) nth(n int) emulator.Message {
	f.t.Helper()
	return expect(f.t, f.u, n)[n-1]
}

func (f reportFlow) chooseBuca() {
	f.t.Helper()
	f.u.Send(f.h.cat.T("it", "menu.report", nil))
	picker := f.nth(1)
	f.u.PressData(picker, button(f.t, picker, "Strade").CallbackData)
	f.h.eventually("subcategories", func() bool { return hasButton(current(f.t, f.u, picker.ID), "Buca") })
	f.u.PressData(picker, button(f.t, current(f.t, f.u, picker.ID), "Buca").CallbackData)
	f.nth(2) // where is it?
}

func TestReportWithLocationAndAlbumReachesStaffAndTheirAnswersReachTheCitizen(t *testing.T) {
	h := newHarness(t)
	h.start()
	group, giulia := h.staff()
	u := h.emu.User(8001, "Carla", "it")
	f := reportFlow{h, t, u}
	f.chooseBuca()
	ask := f.nth(2)
	if kb := ask.ReplyKeyboard; len(kb) == 0 || !kb[0][0].RequestLocation {
		t.Fatalf("the place step offers a location button: %+v", ask.ReplyKeyboard)
	}
	u.SendLocation(45.0703, 7.6869)
	f.nth(3) // photos?
	u.SendAlbum([][]byte{tinyPNG(), tinyPNG()}, "")
	f.nth(4) // one answer for the whole album
	u.Send(h.cat.T("it", "report.photos_next", nil))
	f.nth(5) // description?
	u.Send("Buca profonda davanti al civico 12, pericolosa per le bici")
	summary := f.nth(6)
	for _, want := range []string{"Buca", "2", "civico 12"} {
		if !strings.Contains(summary.Text, want) {
			t.Errorf("summary lacks %q: %s", want, summary.Text)
		}
	}
	u.PressData(summary, button(t, summary, "Invia").CallbackData)
	sent := f.nth(7)
	if !strings.Contains(sent.Text, "2026-") && !strings.Contains(sent.Text, "-000001") {
		t.Fatalf("acknowledgement without a number: %q", sent.Text)
	}
	if n := len(u.BotMessages()); n != 7 {
		t.Errorf("album photos each got an answer: %d bot messages%s", n, texts(u.BotMessages()))
	}

	// Staff: album (2), pin, card.
	msgs, err := group.WaitBotMessages(waitCtx(t), 4)
	if err != nil {
		t.Fatalf("staff group got %d messages: %v", len(group.BotMessages()), err)
	}
	if msgs[0].MediaGroupID == "" || msgs[2].Location == nil {
		t.Errorf("want album then pin: %+v %+v", msgs[0], msgs[2])
	}
	card := msgs[3]
	if !strings.Contains(card.Text, "Buca profonda") || !strings.Contains(card.Text, "Carla") {
		t.Errorf("card: %q", card.Text)
	}

	// A staff member takes it in charge: the card shows it, the citizen hears it.
	if _, err := group.Press(giulia, card, h.cat.T("it", "staff.take", nil)); err != nil {
		t.Fatal(err)
	}
	h.eventually("card edited", func() bool {
		return strings.Contains(groupMessage(group, card.ID).Text, "presa in carico")
	})
	notice := f.nth(8)
	if !strings.Contains(notice.Text, "presa in carico") {
		t.Errorf("citizen notice: %q", notice.Text)
	}

	// A reply to the album's second photo reaches the citizen.
	group.Reply(giulia, msgs[1], "Grazie, la squadra arriva domani mattina.")
	answer := f.nth(9)
	if !strings.Contains(answer.Text, "squadra arriva domani") || !strings.Contains(answer.Text, "risponde") {
		t.Errorf("staff reply as the citizen reads it: %q", answer.Text)
	}
	r, err := h.st.ReportByID(context.Background(), 1)
	if err != nil {
		t.Fatal(err)
	}
	timeline, _ := h.st.ReportTimeline(context.Background(), r.ID)
	var kinds []string
	for _, e := range timeline {
		kinds = append(kinds, e.Kind)
	}
	if got := strings.Join(kinds, ","); got != "created,status,reply" {
		t.Errorf("timeline %s", got)
	}
}

func groupMessage(g *emulator.Group, id int) emulator.Message {
	for _, m := range g.Messages() {
		if m.ID == id {
			return m
		}
	}
	return emulator.Message{}
}

func TestStaffButtonsPressedOutsideTheStaffChatAreRefused(t *testing.T) {
	h := newHarness(t)
	h.start()
	u := h.emu.User(8002, "Dario", "it")
	f := reportFlow{h, t, u}
	f.chooseBuca()
	u.Send("Via Roma 1")
	f.nth(3)
	u.Send(h.cat.T("it", "report.photos_next", nil))
	f.nth(4)
	u.Send("Buca enorme all'incrocio")
	summary := f.nth(5)
	u.PressData(summary, button(t, summary, "Invia").CallbackData)
	f.nth(6)
	// The citizen forges the staff's "resolved" button in their own chat.
	before := len(u.CallbackAnswers())
	u.PressData(summary, "sr:1")
	h.eventually("refused", func() bool { return len(u.CallbackAnswers()) == before+1 })
	if a := u.CallbackAnswers()[before]; !a.ShowAlert {
		t.Errorf("forged staff button answered %+v", a)
	}
	r, err := h.st.ReportByID(context.Background(), 1)
	if err != nil {
		t.Fatal(err)
	}
	if r.Status != store.ReportNew {
		t.Errorf("a forged button changed the status to %s", r.Status)
	}
}
