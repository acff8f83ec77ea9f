package flows

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/campanile/campanile/store"
)

// What the news, place and link cases must show, stated in Go so that a
// careless -update cannot bless a regression.
func init() {
	caseChecks["news_pages"] = checkNewsPages
	caseChecks["news_events"] = checkEventsOrder
	caseChecks["place_change"] = checkPlaceChange
	caseChecks["place_remove"] = func(t *testing.T, r *caseRun) {
		if _, err := r.st.CitizenPlaceOf(context.Background(), citizen(t, r, 1001).ID); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("the removed place is still saved: %v", err)
		}
	}
	caseChecks["link_ok"] = func(t *testing.T, r *caseRun) { checkLinkedChat(t, r, 1001) }
	caseChecks["link_expired"] = func(t *testing.T, r *caseRun) { checkLinkedChat(t, r, 1001) }
	caseChecks["link_wrong"] = func(t *testing.T, r *caseRun) { checkLinkedChat(t, r, 0) }
}

// checkNewsPages: only public posts are ever offered or sent, pages edit
// the list they were pressed on, and each page holds at most five items.
func checkNewsPages(t *testing.T, r *caseRun) {
	ctx := context.Background()
	for _, s := range r.steps {
		for i, m := range s.msgs {
			for _, row := range m.Buttons {
				for _, b := range row {
					cb, ok := parseCallback(b.Data)
					if !ok || cb.verb != cbPostOpen {
						continue
					}
					id, _ := cb.id()
					p, err := r.st.PostByID(ctx, id)
					if err != nil || (p.Status != store.PostSent && p.Status != store.PostSending) || p.Kind == store.PostEvent {
						t.Errorf("/news offers post %d (%s %s, %v)", id, p.Kind, p.Status, err)
					}
				}
			}
			if strings.Count(m.Text, "\n") > 0 && len(m.Buttons) > newsPageSize+1 {
				t.Errorf("a page with %d button rows", len(m.Buttons))
			}
			if s.in.Kind == KindCallback && strings.HasPrefix(s.in.CallbackData, cbNewsPage+":") && m.Action != ActionAnswerCallback {
				if m.Action != ActionEditText || s.ids[i] != s.in.MessageID {
					t.Errorf("page button %q: %s of #%d, want the list #%d edited", s.in.CallbackData, m.Action, s.ids[i], s.in.MessageID)
				}
			}
			if strings.Contains(m.Text, "Bozza") || strings.Contains(m.Text, "Annullata") {
				t.Errorf("a draft or cancelled post shown: %q", m.Text)
			}
			for _, row := range m.Buttons {
				for _, b := range row {
					if strings.HasPrefix(b.Data, ackVerb+":") {
						t.Errorf("a post opened from /news carries %q", b.Data)
					}
				}
			}
		}
	}
}

// checkEventsOrder: the first page lists today's and later events soonest
// first, then past ones latest first.
func checkEventsOrder(t *testing.T, r *caseRun) {
	ctx := context.Background()
	var firstPage []int64
	for _, s := range r.steps {
		if s.in.Kind == KindCommand && s.in.Command == "eventi" && len(s.msgs) == 1 && len(s.msgs[0].Buttons) > 1 {
			for _, row := range s.msgs[0].Buttons {
				if cb, ok := parseCallback(row[0].Data); ok && cb.verb == cbPostOpen {
					id, _ := cb.id()
					firstPage = append(firstPage, id)
				}
			}
		}
	}
	if len(firstPage) != newsPageSize {
		t.Fatalf("first page of /eventi: %v, want %d events", firstPage, newsPageSize)
	}
	today := startOfRomeDay(testNow)
	var last int64
	past := false
	for _, id := range firstPage {
		p, err := r.st.PostByID(ctx, id)
		if err != nil || p.Kind != store.PostEvent {
			t.Fatalf("post %d: %+v %v", id, p, err)
		}
		switch {
		case p.EventAt >= today && past:
			t.Errorf("upcoming event %d listed after a past one", id)
		case p.EventAt >= today && p.EventAt < last:
			t.Errorf("upcoming event %d out of order", id)
		case p.EventAt < today && past && p.EventAt > last:
			t.Errorf("past event %d out of order", id)
		}
		past = p.EventAt < today
		last = p.EventAt
	}
}

// checkPlaceChange: the zone chosen from the list replaced the shared
// point, which is not kept with it.
func checkPlaceChange(t *testing.T, r *caseRun) {
	p, err := r.st.CitizenPlaceOf(context.Background(), citizen(t, r, 1001).ID)
	if err != nil {
		t.Fatal(err)
	}
	z, err := r.st.ZoneByID(context.Background(), p.ZoneID)
	if err != nil || z.Name != "Centro" || p.HasCoords {
		t.Errorf("final place: zone %q coords=%v (%v), want Centro without a point", z.Name, p.HasCoords, err)
	}
}

// TestSharedLocationKeepsThePointForAreaAlerts: /zona answered with a
// location keeps exactly that point with its zone, which area alerts drawn
// on a map need.
func TestSharedLocationKeepsThePointForAreaAlerts(t *testing.T) {
	ctx := context.Background()
	r := &caseRun{st: newFlowStore(t)}
	seedWasteTown(t, r, map[string]string{})
	e := newTestEngine()
	in := Input{UpdateID: 1, Kind: KindCommand, ChatID: 1001, ChatType: ChatPrivate, UserID: 1001, FirstName: "Maria", LanguageCode: "it", Command: "zona"}
	if _, err := handle(ctx, r.st, e, in); err != nil {
		t.Fatal(err)
	}
	in.UpdateID, in.Kind, in.Command, in.Location = 2, KindLocation, "", &Location{Lat: 45.065, Lon: 7.685}
	if _, err := handle(ctx, r.st, e, in); err != nil {
		t.Fatal(err)
	}
	p, err := r.st.CitizenPlaceOf(ctx, citizen(t, r, 1001).ID)
	if err != nil {
		t.Fatal(err)
	}
	z, _ := r.st.ZoneByID(ctx, p.ZoneID)
	if !p.HasCoords || p.Lat != 45.065 || p.Lon != 7.685 || z.Name != "Borgo" {
		t.Errorf("saved %+v in zone %q, want the shared point in Borgo", p, z.Name)
	}
}

func checkLinkedChat(t *testing.T, r *caseRun, want int64) {
	a, err := r.st.StaffAccountByUsername(context.Background(), "maria")
	if err != nil {
		t.Fatal(err)
	}
	p, err := r.st.StaffPublishingOf(context.Background(), a.ID)
	if err != nil || p.TelegramChatID != want {
		t.Errorf("maria's linked chat: %d (%v), want %d", p.TelegramChatID, err, want)
	}
}
