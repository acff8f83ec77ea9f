package bot

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/campanile/campanile/flows"
	"github.com/campanile/campanile/store"
)

// sentPost stores a post as already broadcast at sentAt, the way /news
// finds it after the publishing engine is done with it.
func sentPost(t *testing.T, st *store.Store, kind, title string, sentAt time.Time) store.Post {
	t.Helper()
	ctx := context.Background()
	p, err := st.CreatePost(ctx, store.Post{Kind: kind, Title: title, BodyHTML: "Testo di <i>" + title + "</i>."})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.SetPostStatus(ctx, p.ID, store.PostSent, []string{store.PostDraft}, sentAt.Unix()); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestNewsPagesEditInPlaceAndOpenAPostOnTheEmulator: /notizie through the
// real edge: the page button edits the list message, an item's button
// sends the post whole.
func TestNewsPagesEditInPlaceAndOpenAPostOnTheEmulator(t *testing.T) {
	h := wasteTown(t)
	base := h.st.Now().Add(-30 * 24 * time.Hour)
	for i := range 7 {
		sentPost(t, h.st, store.PostNews, fmt.Sprintf("Notizia numero %d", i+1), base.Add(time.Duration(i)*24*time.Hour))
	}
	sentPost(t, h.st, store.PostEvent, "Un evento, non una notizia", base)
	h.start()
	u := h.emu.User(8201, "Rosa", "it")

	u.Send("/notizie")
	list := expect(t, u, 1)[0]
	for i := 7; i >= 3; i-- {
		if !strings.Contains(list.Text, fmt.Sprintf("Notizia numero %d", i)) {
			t.Errorf("the first page lacks news %d: %q", i, list.Text)
		}
	}
	if strings.Contains(list.Text, "Notizia numero 2") || strings.Contains(list.Text, "evento") {
		t.Errorf("the first page shows more than the five newest news: %q", list.Text)
	}

	if _, err := u.Press(list, h.cat.T("it", "news.btn_next", nil)); err != nil {
		t.Fatal(err)
	}
	h.eventually("the list edited to page 2", func() bool {
		return strings.Contains(current(t, u, list.ID).Text, "Notizia numero 1")
	})
	page2 := current(t, u, list.ID)
	if !page2.Edited || strings.Contains(page2.Text, "Notizia numero 7") || len(u.BotMessages()) != 1 {
		t.Fatalf("page 2 is not the same message edited: %+v (%d bot messages)", page2, len(u.BotMessages()))
	}

	if _, err := u.Press(page2, "7. Notizia numero 1"); err != nil {
		t.Fatal(err)
	}
	opened := expect(t, u, 2)[1]
	if !strings.Contains(opened.Text, "Notizia numero 1") || !strings.Contains(opened.Text, "Testo di Notizia numero 1.") {
		t.Errorf("the opened post reads %q", opened.Text)
	}
}

// TestPlaceLinkAndForgetOnTheEmulator: a citizen saves their place by
// sharing a location, a clerk links their chat with a code, and
// /dimenticami erases the citizen's alert deliveries with the rest.
func TestPlaceLinkAndForgetOnTheEmulator(t *testing.T) {
	h := wasteTown(t)
	ctx := context.Background()
	h.start()
	u := h.emu.User(8301, "Rosa", "it")

	u.Send("/zona")
	expect(t, u, 2)
	u.SendLocation(45.0741, 7.6802) // Piazza del Mercato, in Borgo Mercato
	expect(t, u, 4)
	place, err := h.st.CitizenPlaceOf(ctx, h.citizen(u).ID)
	zone := zoneNamed(t, h.st, "Borgo Mercato")
	if err != nil || place.ZoneID != zone.ID || !place.HasCoords || place.Lat != 45.0741 || place.Lon != 7.6802 {
		t.Fatalf("saved place %+v, %v: want the shared point in Borgo Mercato", place, err)
	}

	clerk, err := h.st.CreateStaffAccount(ctx, store.StaffAccount{Username: "pc", DisplayName: "Protezione civile", Role: store.RoleEditor, PasswordHash: "x"})
	if err != nil {
		t.Fatal(err)
	}
	code, err := h.st.CreateStaffLinkCode(ctx, clerk.ID)
	if err != nil {
		t.Fatal(err)
	}
	c := h.emu.User(8302, "Carla", "it")
	c.Send("/collega " + strings.ToLower(code))
	done := expect(t, c, 1)[0]
	if !strings.Contains(done.Text, "Protezione civile") {
		t.Errorf("the link answer reads %q", done.Text)
	}
	if sp, err := h.st.StaffPublishingOf(ctx, clerk.ID); err != nil || sp.TelegramChatID != c.ID() {
		t.Errorf("clerk's chat %+v, %v: want %d", sp, err, c.ID())
	}

	// An alert to everyone reaches Rosa; then she asks to be forgotten.
	alert, err := h.st.CreatePost(ctx, store.Post{Kind: store.PostAlert, Title: "Allerta rossa", Audience: store.AudienceEveryone})
	if err != nil {
		t.Fatal(err)
	}
	engine := flows.NewEngine(h.flows, h.cat, testLogger())
	if _, err := engine.PublishPost(ctx, h.st, alert.ID); err != nil {
		t.Fatal(err)
	}
	got := expect(t, u, 5)[4]
	if !strings.Contains(got.Text, "Allerta rossa") {
		t.Fatalf("Rosa received %q", got.Text)
	}
	if _, err := h.st.PostDeliveryOf(ctx, alert.ID, u.ID()); err != nil {
		t.Fatalf("Rosa's delivery: %v", err)
	}
	u.Send("/dimenticami")
	ask := expect(t, u, 6)[5]
	if _, err := u.Press(ask, h.cat.T("it", "forget.yes", nil)); err != nil {
		t.Fatal(err)
	}
	h.eventually("Rosa forgotten", func() bool {
		_, err := h.st.CitizenByTelegramID(ctx, u.ID())
		return errors.Is(err, store.ErrNotFound)
	})
	if _, err := h.st.PostDeliveryOf(ctx, alert.ID, u.ID()); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Rosa's delivery survived /dimenticami: %v", err)
	}
	if _, err := h.st.PostDeliveryOf(ctx, alert.ID, c.ID()); err != nil {
		t.Errorf("Carla's delivery went with Rosa's: %v", err)
	}
}
