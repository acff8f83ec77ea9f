package bot

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/campanile/campanile/flows"
	"github.com/campanile/campanile/flows/demo"
	"github.com/campanile/campanile/flows/waste"
	"github.com/campanile/campanile/store"
)

// wasteTown is the playground's comune with its year of calendar, seen on
// Tuesday 23 December 2025 at 20:00 in Rome: the week ahead crosses
// Christmas and Santo Stefano.
func wasteTown(t *testing.T) *harness {
	t.Helper()
	h := newHarness(t)
	now := time.Date(2025, 12, 23, 19, 0, 0, 0, time.UTC)
	h.st.SetClock(func() time.Time { return now })
	if err := demo.Seed(context.Background(), h.st); err != nil {
		t.Fatal(err)
	}
	return h
}

func zoneNamed(t *testing.T, st *store.Store, name string) store.Zone {
	t.Helper()
	zones, err := st.Zones(context.Background(), store.ZoneKindZone)
	if err != nil {
		t.Fatal(err)
	}
	for _, z := range zones {
		if z.Name == name {
			return z
		}
	}
	t.Fatalf("no zone %q among %+v", name, zones)
	return store.Zone{}
}

func TestWasteZoneByLocationShowsTheWeekAndTheButtonsEditIt(t *testing.T) {
	h := wasteTown(t)
	ctx := context.Background()
	h.start()
	u := h.emu.User(8101, "Rosa", "it")

	u.Send(h.cat.T("it", "menu.waste", nil))
	msgs := expect(t, u, 2)
	ask, list := msgs[0], msgs[1]
	if kb := ask.ReplyKeyboard; len(kb) == 0 || !kb[0][0].RequestLocation {
		t.Fatalf("the zone question offers no location button: %+v", ask.ReplyKeyboard)
	}
	if !strings.Contains(ask.Text, "Dimentica la mia zona") || !strings.Contains(ask.Text, "/dimenticami") {
		t.Errorf("the question does not say how the zone is kept and removed: %q", ask.Text)
	}
	if n := len(list.InlineKeyboard); n != 2 {
		t.Errorf("the list of 4 zones takes %d rows, want 2", n)
	}

	// Piazza del Mercato, one of the playground's preset places.
	u.SendLocation(45.0741, 7.6802)
	msgs = expect(t, u, 4)
	saved, cal := msgs[2], msgs[3]
	zone := zoneNamed(t, h.st, "Borgo Mercato")
	if !strings.Contains(saved.Text, zone.Name) {
		t.Errorf("confirmation %q does not name the zone", saved.Text)
	}
	place, err := h.st.CitizenPlaceOf(ctx, h.citizen(u).ID)
	if err != nil || place.ZoneID != zone.ID || place.HasCoords || place.ConsentedAt != h.st.Now().Unix() {
		t.Errorf("saved place %+v, %v: want zone %d, no point, consent now", place, err, zone.ID)
	}

	// The week as the calendar arithmetic computes it, independently of
	// how the chat lays it out.
	rules, exceptions, err := flows.ZoneSchedule(ctx, h.st, zone.ID)
	if err != nil {
		t.Fatal(err)
	}
	today := waste.D(2025, 12, 23)
	week := waste.Between(rules, exceptions, today, today.AddDays(6))
	if len(week) < 3 {
		t.Fatalf("the demo week has only %d collections: %+v", len(week), week)
	}
	types, _ := h.st.WasteTypes(ctx)
	for _, c := range week {
		for _, wt := range types {
			if wt.Code == c.Type && !strings.Contains(cal.Text, wt.NameIT+" – "+wt.BinIT) {
				t.Errorf("the week lacks %s of %s:\n%s", wt.NameIT, c.Date, cal.Text)
			}
		}
	}
	for _, want := range []string{"Oggi, martedì 23 dicembre", "Domani, mercoledì 24 dicembre", "Lunedì 29 dicembre", "spostata dal 25/12", "raccolta annullata"} {
		if !strings.Contains(cal.Text, want) {
			t.Errorf("the week lacks %q:\n%s", want, cal.Text)
		}
	}
	if strings.Contains(cal.Text, "30 dicembre") {
		t.Errorf("the week runs past seven days:\n%s", cal.Text)
	}

	// "Domani" edits the same message; nothing new is sent.
	u.PressData(cal, button(t, cal, "Domani").CallbackData)
	h.eventually("tomorrow's view", func() bool {
		return strings.Contains(current(t, u, cal.ID).Text, "Domani, mercoledì 24 dicembre") && !strings.Contains(current(t, u, cal.ID).Text, "Oggi")
	})
	u.PressData(cal, button(t, cal, "Centro di raccolta").CallbackData)
	eco := expect(t, u, 5)[4]
	if !strings.Contains(eco.Text, "Via dell") {
		t.Errorf("ecocentro: %q", eco.Text)
	}
	if n := len(u.BotMessages()); n != 5 {
		t.Errorf("%d bot messages, want 5:%s", n, texts(u.BotMessages()))
	}
}

// A location outside the comune is told so, and the zone is still asked.
func TestWasteLocationOutsideTheComuneSavesNothing(t *testing.T) {
	h := wasteTown(t)
	h.start()
	u := h.emu.User(8102, "Piero", "it")
	u.Send("/rifiuti")
	expect(t, u, 2)
	u.SendLocation(45.2000, 7.5000)
	answer := expect(t, u, 3)[2]
	if !strings.Contains(answer.Text, "fuori dal territorio") || len(answer.InlineKeyboard) == 0 {
		t.Errorf("answer to a point outside: %q with %v", answer.Text, answer.InlineKeyboard)
	}
	if _, err := h.st.CitizenPlaceOf(context.Background(), h.citizen(u).ID); err == nil {
		t.Error("a place was saved for a point outside the comune")
	}
}

// "Dove lo butto?" survives a restart of the process between the question
// and the answer: the step is in the store, not in memory.
func TestWasteItemQuestionResumesAfterARestart(t *testing.T) {
	h := wasteTown(t)
	h.start()
	u := h.emu.User(8103, "Franca", "it")
	u.Send("/rifiuti")
	list := expect(t, u, 2)[1]
	u.PressData(list, button(t, list, "San Rocco").CallbackData)
	cal := expect(t, u, 4)[3]
	u.PressData(cal, button(t, cal, "Dove lo butto?").CallbackData)
	expect(t, u, 5)

	h.restart()
	u.SendSticker()
	if hint := expect(t, u, 6)[5]; !strings.Contains(hint.Text, "nome dell'oggetto") {
		t.Errorf("a sticker mid-step got %q", hint.Text)
	}
	u.Send("scontrino")
	answer := expect(t, u, 7)[6]
	for _, want := range []string{"scontrino", "Secco indifferenziato", "Prossima raccolta nella tua zona"} {
		if !strings.Contains(answer.Text, want) {
			t.Errorf("the answer after a restart lacks %q: %q", want, answer.Text)
		}
	}
}
