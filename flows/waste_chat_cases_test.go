package flows

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/campanile/campanile/store"
)

// What the waste conversation cases must show, stated in Go so that a
// careless -update cannot bless a regression.
func init() {
	caseChecks["waste_zone_location"] = func(t *testing.T, r *caseRun) {
		checkForgedWasteButtons(t, r)
		for _, s := range r.steps {
			if s.in.Kind == KindLocation && s.in.Location.Lat != 45.0750 && sentText(s.msgs, "Zona salvata") {
				t.Errorf("a zone was saved for the point %+v", s.in.Location)
			}
		}
		p := placeOf(t, r, 1001)
		if p.HasCoords || p.ConsentedAt != testNow.Unix() {
			t.Errorf("saved place %+v: want the zone only, consent at the fixed clock", p)
		}
	}
	caseChecks["waste_zone_list"] = func(t *testing.T, r *caseRun) { checkForgedWasteButtons(t, r) }
	caseChecks["waste_views"] = func(t *testing.T, r *caseRun) {
		checkForgedWasteButtons(t, r)
		for _, s := range r.steps {
			if s.in.Kind == KindCallback && strings.HasPrefix(s.in.CallbackData, cbWasteView+":") {
				for _, m := range s.msgs {
					if m.Action == ActionSend {
						t.Errorf("%s sent a new message instead of editing the calendar", s.in.CallbackData)
					}
				}
			}
		}
	}
	caseChecks["waste_change_forget"] = func(t *testing.T, r *caseRun) {
		doc := myDataOf(t, r, 1001)
		if doc.Place == nil || doc.Place.Zone != "Borgo" || doc.Place.ConsentGiven != "2025-03-01T09:00:00Z" || doc.Place.Latitude != nil {
			t.Errorf("/imieidati shows the place %+v, want Borgo with the time of consent and no point", doc.Place)
		}
		// Maria was citizen #1: /dimenticami took her place with her.
		if _, err := r.st.CitizenPlaceOf(context.Background(), 1); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("the place survived /dimenticami: %v", err)
		}
	}
	caseChecks["waste_item"] = func(t *testing.T, r *caseRun) {
		checkForgedWasteButtons(t, r)
		for _, s := range r.steps {
			for _, m := range s.msgs {
				n := 0
				for _, row := range m.Buttons {
					for _, b := range row {
						if strings.HasPrefix(b.Data, cbWasteSuggest+":") {
							n++
						}
					}
				}
				if n > maxSuggestions {
					t.Errorf("%d suggestions offered, at most %d fit a phone", n, maxSuggestions)
				}
			}
			if s.in.Kind == KindText && s.in.Text == "bottiglia di vetor" && !sentText(s.msgs, "Vetro") {
				t.Errorf("a typo of a known item was not forgiven: %+v", s.msgs)
			}
			if s.in.Kind == KindText && s.in.Text == "buongiorno" && !sentText(s.msgs, "Non ho capito") {
				t.Errorf("free text that is no question was taken for an item: %+v", s.msgs)
			}
		}
	}
	caseChecks["waste_dst"] = func(t *testing.T, r *caseRun) {
		for i, want := range map[int]string{1: "<b>Oggi</b>, domenica 30 marzo", 2: "<b>Oggi</b>, domenica 30 marzo", 3: "<b>Oggi</b>, domenica 26 ottobre"} {
			if !sentText(r.steps[i].msgs, want) {
				t.Errorf("step %d: today is not Rome's: want %q in %+v", i+1, want, r.steps[i].msgs)
			}
		}
	}
}

// checkForgedWasteButtons: a waste button the bot never issued, or whose
// moment passed, is answered and changes nothing in the chat.
func checkForgedWasteButtons(t *testing.T, r *caseRun) {
	t.Helper()
	forged := map[string]bool{"wz:999": true, "wz:abc": true, "wv:x": true, "wv": true, "we:1": true, "ws:x": true, "ws:-1": true, "ws:9": true}
	for _, s := range r.steps {
		if s.in.Kind != KindCallback || !forged[s.in.CallbackData] {
			continue
		}
		for _, m := range s.msgs {
			if m.Action != ActionAnswerCallback {
				t.Errorf("forged %q changed the chat: %+v", s.in.CallbackData, m)
			}
		}
	}
}

func sentText(msgs []Message, part string) bool {
	for _, m := range msgs {
		if strings.Contains(m.Text, part) {
			return true
		}
	}
	return false
}

func placeOf(t *testing.T, r *caseRun, user int64) store.CitizenPlace {
	t.Helper()
	p, err := r.st.CitizenPlaceOf(context.Background(), citizen(t, r, user).ID)
	if err != nil {
		t.Fatalf("place of %d: %v", user, err)
	}
	return p
}
