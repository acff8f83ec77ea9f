package bot

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/campanile/campanile/store"
)

// square is a GeoJSON polygon around a point, about 2 km across.
func square(lat, lon float64) string {
	d := 0.01
	return `{"type":"Polygon","coordinates":[[[` +
		ff(lon-d) + `,` + ff(lat-d) + `],[` + ff(lon+d) + `,` + ff(lat-d) + `],[` +
		ff(lon+d) + `,` + ff(lat+d) + `],[` + ff(lon-d) + `,` + ff(lat+d) + `],[` +
		ff(lon-d) + `,` + ff(lat-d) + `]]]}`
}

func ff(v float64) string { return strings.TrimRight(strings.TrimRight(strconvF(v), "0"), ".") }

func (h *harness) withBoundary(lat, lon float64) {
	h.t.Helper()
	ctx := context.Background()
	if err := h.st.ReplaceZones(ctx, store.ZoneKindBoundary, []store.Zone{{Name: "Comune di Prova", Kind: store.ZoneKindBoundary, GeoJSON: square(lat, lon)}}); err != nil {
		h.t.Fatal(err)
	}
	if err := h.st.ReplaceZones(ctx, store.ZoneKindZone, []store.Zone{{Name: "Centro", Kind: store.ZoneKindZone, GeoJSON: square(lat, lon)}}); err != nil {
		h.t.Fatal(err)
	}
}

// fileTypedReport files a report with a typed place and no photos, and
// returns the bot messages count after the acknowledgement.
func (f reportFlow) fileTyped(place, description string) int {
	f.t.Helper()
	base := len(f.u.BotMessages())
	f.u.Send(f.h.cat.T("it", "menu.report", nil))
	picker := f.nth(base + 1)
	f.u.PressData(picker, button(f.t, picker, "Strade").CallbackData)
	f.h.eventually("subcategories", func() bool { return hasButton(current(f.t, f.u, picker.ID), "Buca") })
	f.u.PressData(picker, button(f.t, current(f.t, f.u, picker.ID), "Buca").CallbackData)
	f.nth(base + 2)
	f.u.Send(place)
	f.nth(base + 3)
	f.u.Send(f.h.cat.T("it", "report.photos_next", nil))
	f.nth(base + 4)
	f.u.Send(description)
	summary := f.nth(base + 5)
	f.u.PressData(summary, button(f.t, summary, "Invia").CallbackData)
	f.nth(base + 6)
	return base + 6
}

func TestReportOutsideTheBoundaryAsksBeforeSending(t *testing.T) {
	h := newHarness(t)
	h.withBoundary(45.07, 7.68)
	h.start()
	u := h.emu.User(8101, "Elsa", "it")
	f := reportFlow{h, t, u}
	f.chooseBuca()
	u.SendLocation(43.0, 10.0) // the sea off Tuscany
	ask := f.nth(3)
	if want := h.plain("it", "report.outside", map[string]any{"Comune": "Comune di Prova"}); ask.Text != want {
		t.Fatalf("outside question %q", ask.Text)
	}
	u.PressData(ask, button(t, ask, h.cat.T("it", "report.outside_change", nil)).CallbackData)
	f.nth(4) // where is it? again
	u.SendLocation(45.071, 7.681)
	photos := f.nth(5)
	if !strings.Contains(photos.Text, "Foto") {
		t.Fatalf("after a point inside, the photos step: %q", photos.Text)
	}
	u.Send(h.cat.T("it", "report.photos_next", nil))
	f.nth(6)
	u.Send("Tombino sollevato in mezzo alla strada")
	summary := f.nth(7)
	if !strings.Contains(summary.Text, "Centro") {
		t.Errorf("the zone found by point-in-polygon is shown: %q", summary.Text)
	}
}

func TestReportCancelledMidwaySendsNothing(t *testing.T) {
	h := newHarness(t)
	h.start()
	g, _ := h.staff()
	u := h.emu.User(8102, "Fabio", "it")
	f := reportFlow{h, t, u}
	f.chooseBuca()
	u.Send("Piazza Garibaldi")
	f.nth(3)
	u.Send(h.cat.T("it", "report.cancel", nil))
	done := f.nth(4)
	if want := h.plain("it", "report.cancelled", nil); done.Text != want {
		t.Errorf("cancel answered %q", done.Text)
	}
	h.sentinel(u)
	if page, _ := h.st.ListReports(context.Background(), store.ReportFilter{Limit: 10}); page.Total != 0 {
		t.Errorf("a cancelled report was stored")
	}
	if len(g.BotMessages()) != 0 {
		t.Errorf("staff heard of a cancelled report")
	}
}

func TestReportResumesAfterARestartMidway(t *testing.T) {
	h := newHarness(t)
	h.start()
	u := h.emu.User(8103, "Gemma", "it")
	f := reportFlow{h, t, u}
	f.chooseBuca()
	u.Send("Via Verdi 3")
	f.nth(3)
	h.restart()
	u.Send(h.cat.T("it", "report.photos_next", nil))
	f.nth(4)
	u.Send("Buca che si allarga ogni giorno")
	summary := f.nth(5)
	if !strings.Contains(summary.Text, "Via Verdi 3") {
		t.Errorf("the place given before the restart is kept: %q", summary.Text)
	}
}

func TestReportPhotoSentAsFile(t *testing.T) {
	h := newHarness(t)
	h.start()
	u := h.emu.User(8104, "Ivan", "it")
	f := reportFlow{h, t, u}
	f.chooseBuca()
	u.Send("Corso Italia 20")
	f.nth(3)
	u.SendDocument("buca.png", "image/png", tinyPNG(), "")
	added := f.nth(4)
	if !strings.Contains(added.Text, "1 di 5") {
		t.Errorf("a PNG sent as a file counts as a photo: %q", added.Text)
	}
	u.SendDocument("verbale.pdf", "application/pdf", []byte("%PDF-1.4"), "")
	refused := f.nth(5)
	if !strings.Contains(refused.Text, "JPEG o PNG") {
		t.Errorf("a PDF is refused with what is expected: %q", refused.Text)
	}
	big := make([]byte, 11<<20)
	copy(big, tinyPNG())
	u.SendDocument("enorme.png", "image/png", big, "")
	if tooBig := f.nth(6); !strings.Contains(tooBig.Text, "10 MB") {
		t.Errorf("an 11 MB file is refused: %q", tooBig.Text)
	}
	u.SendSticker()
	if hint := f.nth(7); !strings.Contains(hint.Text, "foto") {
		t.Errorf("a sticker at the photo step gets a hint: %q", hint.Text)
	}
}

func TestNearbyReportOfferedToJoin(t *testing.T) {
	h := newHarness(t)
	h.start()
	first := h.emu.User(8105, "Luca", "it")
	f1 := reportFlow{h, t, first}
	f1.chooseBuca()
	first.SendLocation(45.0703, 7.6869)
	f1.nth(3)
	first.Send(h.cat.T("it", "report.photos_next", nil))
	f1.nth(4)
	first.Send("Buca grande sulle strisce pedonali")
	summary := f1.nth(5)
	first.PressData(summary, button(t, summary, "Invia").CallbackData)
	f1.nth(6)

	second := h.emu.User(8106, "Marta", "it")
	f2 := reportFlow{h, t, second}
	f2.chooseBuca()
	second.SendLocation(45.07032, 7.68693) // about 3 m away
	offer := f2.nth(3)
	if !strings.Contains(offer.Text, "-000001") {
		t.Fatalf("the nearby report is offered: %q", offer.Text)
	}
	second.PressData(offer, button(t, offer, "È la stessa").CallbackData)
	joined := f2.nth(4)
	if !strings.Contains(joined.Text, "-000001") {
		t.Errorf("joined: %q", joined.Text)
	}
	r, _ := h.st.ReportByID(context.Background(), 1)
	if r.Supporters != 1 {
		t.Errorf("supporters %d, want 1", r.Supporters)
	}
	if page, _ := h.st.ListReports(context.Background(), store.ReportFilter{Limit: 10}); page.Total != 1 {
		t.Errorf("joining made a copy: %d reports", page.Total)
	}
}

func TestDailyReportLimit(t *testing.T) {
	h := newHarness(t)
	h.flows.MaxReportsPerDay = 1
	h.start()
	u := h.emu.User(8107, "Nora", "it")
	f := reportFlow{h, t, u}
	n := f.fileTyped("Via Po 1", "Lampione rotto da una settimana")
	u.Send(h.cat.T("it", "menu.report", nil))
	refused := f.nth(n + 1)
	if !strings.Contains(refused.Text, "24 ore") {
		t.Errorf("second report of the day: %q", refused.Text)
	}
}

func TestResolvedLoopAndMyReports(t *testing.T) {
	h := newHarness(t)
	h.start()
	g, giulia := h.staff()
	u := h.emu.User(8108, "Olivia", "it")
	f := reportFlow{h, t, u}
	n := f.fileTyped("Via Mazzini 8", "Rami caduti sul marciapiede")
	msgs, err := g.WaitBotMessages(waitCtx(t), 1)
	if err != nil {
		t.Fatal(err)
	}
	card := msgs[0]
	if _, err := g.Press(giulia, card, h.cat.T("it", "staff.resolve", nil)); err != nil {
		t.Fatal(err)
	}
	ask := f.nth(n + 1)
	if !strings.Contains(ask.Text, "davvero") {
		t.Fatalf("resolved asks for confirmation: %q", ask.Text)
	}
	u.PressData(ask, button(t, ask, h.cat.T("it", "resolved.no", nil)).CallbackData)
	askComment := f.nth(n + 2)
	if !strings.Contains(askComment.Text, "aggiungere") {
		t.Errorf("reopening invites a comment: %q", askComment.Text)
	}
	u.Send("I rami sono ancora lì")
	f.nth(n + 3)
	h.eventually("staff see the reopening and the comment", func() bool {
		all := texts(g.BotMessages())
		return strings.Contains(all, "non è risolta") && strings.Contains(all, "ancora lì")
	})
	r, _ := h.st.ReportByID(context.Background(), 1)
	if r.Status != store.ReportTaken {
		t.Errorf("reopened report is %s", r.Status)
	}

	u.Send("/lemiesegnalazioni")
	list := f.nth(n + 4)
	u.PressData(list, button(t, list, "-000001").CallbackData)
	h.eventually("timeline shown", func() bool { return strings.Contains(current(t, u, list.ID).Text, "ancora lì") })
	// Another citizen cannot open it.
	other := h.emu.User(8109, "Pia", "it")
	other.Send("/start")
	expect(t, other, 1)
	forged := list
	forged.ChatID = other.ID()
	other.PressData(forged, cbDataFor("mo", 1))
	h.eventually("refused", func() bool { return len(other.CallbackAnswers()) == 1 && other.CallbackAnswers()[0].ShowAlert })
}

func cbDataFor(verb string, id int) string { return verb + ":" + itoa(id) }

func strconvF(v float64) string { return strconv.FormatFloat(v, 'f', 6, 64) }
func itoa(i int) string         { return strconv.Itoa(i) }

func TestStaffGroupUpgradedToSupergroupIsFollowed(t *testing.T) {
	h := newHarness(t)
	const oldGroup = -4321
	h.flows.StaffChatID = oldGroup
	h.start()
	g := h.emu.Group(oldGroup, "Ufficio segnalazioni")
	giulia := h.emu.User(778, "Giulia", "it")
	newID := g.MigrateToSupergroup()
	u := h.emu.User(8110, "Quirino", "it")
	f := reportFlow{h, t, u}
	f.fileTyped("Via Cavour 2", "Semaforo spento all'incrocio")
	msgs, err := g.WaitBotMessages(waitCtx(t), 1)
	if err != nil {
		t.Fatalf("the card never reached the supergroup: %v", err)
	}
	if g.ID() != newID {
		t.Fatalf("group id %d, want %d", g.ID(), newID)
	}
	// Staff answer from the supergroup reaches the citizen.
	n := len(u.BotMessages())
	g.Reply(giulia, msgs[0], "Mandiamo i tecnici oggi.")
	if got := f.nth(n + 1); !strings.Contains(got.Text, "tecnici oggi") {
		t.Errorf("reply from the supergroup: %q", got.Text)
	}
}

func TestNewReportQueuesTheOfficeEmailWithIt(t *testing.T) {
	h := newHarness(t)
	h.flows.MailOffices = true
	h.flows.PublicURL = "https://segnalazioni.prova.it"
	h.start()
	u := h.emu.User(8111, "Rosa", "it")
	reportFlow{h, t, u}.fileTyped("Via Dante 5", "Buca larga davanti alla scuola")
	mails, err := h.st.DueMail(context.Background(), time.Now().Add(time.Hour), 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(mails) != 1 {
		t.Fatalf("want one email queued with the report, got %d", len(mails))
	}
	m := mails[0]
	if m.To != "tecnico@comune.example.it" || !strings.Contains(m.Subject, "-000001") || !strings.Contains(m.Text, "Via Dante 5") {
		t.Errorf("email to %s, subject %q:\n%s", m.To, m.Subject, m.Text)
	}
	if !strings.Contains(m.Text, "https://segnalazioni.prova.it/admin/reports/1") {
		t.Errorf("the email links the report in the admin:\n%s", m.Text)
	}
}

func TestMyDataHoldsTheReportsAndForgetAnonymisesThem(t *testing.T) {
	h := newHarness(t)
	h.start()
	u := h.emu.User(8112, "Sergio", "it")
	f := reportFlow{h, t, u}
	n := f.fileTyped("Via Manzoni 4", "Cassonetto rotto e rifiuti per terra")
	u.Send("/imieidati")
	doc := f.nth(n + 1)
	data, ok := h.emu.File(doc.Document.FileID)
	if !ok || !strings.Contains(string(data), "Cassonetto rotto") || !strings.Contains(string(data), "-000001") {
		t.Fatalf("/mydata lacks the report:\n%s", data)
	}
	u.Send("/dimenticami")
	confirm := f.nth(n + 2)
	u.PressData(confirm, button(t, confirm, h.cat.T("it", "forget.yes", nil)).CallbackData)
	h.eventually("forgotten", func() bool {
		r, err := h.st.ReportByID(context.Background(), 1)
		return err == nil && r.CitizenID == 0 && r.ChatID == 0
	})
	r, _ := h.st.ReportByID(context.Background(), 1)
	if r.Description == "" {
		t.Error("the report itself stays for the town's records")
	}
}

func TestStaffMarkDuplicateByReplyAndGroupChatterIsIgnored(t *testing.T) {
	h := newHarness(t)
	h.start()
	g, giulia := h.staff()
	a := h.emu.User(8113, "Tina", "it")
	b := h.emu.User(8114, "Ugo", "it")
	reportFlow{h, t, a}.fileTyped("Via Larga 1", "Buca vicino alla fermata del bus")
	nb := reportFlow{h, t, b}.fileTyped("Via Larga 3", "Buca alla fermata, pericolosa")
	cards, err := g.WaitBotMessages(waitCtx(t), 2)
	if err != nil {
		t.Fatal(err)
	}
	// Chatter: a message that answers nothing, and a reply to a
	// message that is no report's, get silence.
	g.Send(giulia, "Buongiorno a tutti!")
	chat := g.Send(giulia, "Chi va al sopralluogo?")
	g.Reply(giulia, chat, "Vado io")
	// A staff member marks the second report as a duplicate of the first.
	g.Reply(giulia, cards[1], "duplicata "+reportNumber(t, h, 1))
	notice := reportFlow{h, t, b}.nth(nb + 1)
	if !strings.Contains(notice.Text, reportNumber(t, h, 1)) {
		t.Errorf("the duplicate's citizen is told where to follow it: %q", notice.Text)
	}
	r, _ := h.st.ReportByID(context.Background(), 2)
	if r.Status != store.ReportDuplicate || r.DuplicateOf != 1 {
		t.Errorf("report 2 is %s of %d", r.Status, r.DuplicateOf)
	}
	followers, _ := h.st.ReportFollowers(context.Background(), 1)
	if len(followers) != 1 {
		t.Errorf("the duplicate's citizen now follows the original: %v", followers)
	}
	h.sentinel(a)
	for _, m := range g.BotMessages() {
		if strings.Contains(m.Text, "Vado io") || strings.Contains(m.Text, "Buongiorno") {
			t.Errorf("the bot answered group chatter: %q", m.Text)
		}
	}
	if n := len(g.BotMessages()); n != 2 {
		t.Errorf("the group holds %d bot messages, want the two cards:%s", n, texts(g.BotMessages()))
	}
}

func reportNumber(t *testing.T, h *harness, id int64) string {
	t.Helper()
	r, err := h.st.ReportByID(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return r.Number
}

func TestReportBackAndCancelCommandAtEveryStep(t *testing.T) {
	h := newHarness(t)
	h.start()
	u := h.emu.User(8115, "Vito", "it")
	f := reportFlow{h, t, u}
	f.chooseBuca()
	u.Send("Via Nizza 9")
	f.nth(3) // photos
	u.Send(h.cat.T("it", "report.back", nil))
	if again := f.nth(4); !strings.Contains(again.Text, "Dove si trova") {
		t.Errorf("back from the photos step asks the place again: %q", again.Text)
	}
	u.Send(h.cat.T("it", "report.back", nil))
	if cats := f.nth(5); !strings.Contains(cats.Text, "categoria") || len(cats.InlineKeyboard) == 0 {
		t.Errorf("back from the place step shows the categories: %q", cats.Text)
	}
	u.SendVoice()
	if hint := f.nth(6); !strings.Contains(hint.Text, "pulsanti") {
		t.Errorf("a voice note at the category step gets a hint: %q", hint.Text)
	}
	u.Send("/annulla")
	if done := f.nth(7); done.Text != h.plain("it", "cancel.done", nil) {
		t.Errorf("/annulla answered %q", done.Text)
	}
	h.sentinel(u)
	if _, err := h.st.ConversationOf(context.Background(), h.citizen(u).ID); err == nil {
		t.Error("the report conversation is still open after /annulla")
	}
}
