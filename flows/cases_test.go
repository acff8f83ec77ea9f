package flows

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/campanile/campanile/store"
)

// caseChecks state in Go what a conversation case must show, so that a
// careless -update cannot bless a regression in what matters most.
var caseChecks = map[string]func(t *testing.T, r *caseRun){
	"start_it": func(t *testing.T, r *caseRun) { checkNewCitizens(t, r, "it", 1001, 1002, 1003, 1004, 1005) },
	"start_en": func(t *testing.T, r *caseRun) { checkNewCitizens(t, r, "en", 2001, 2002) },
	"start_de": func(t *testing.T, r *caseRun) { checkNewCitizens(t, r, "de", 3001, 3002) },
	"topics_toggle": func(t *testing.T, r *caseRun) {
		picker := r.steps[0].ids[0]
		for _, s := range r.steps[1:] {
			for i, m := range s.msgs {
				if m.Action == ActionSend || m.Action == ActionSendDocument {
					t.Errorf("the picker sent a new message: %+v", m)
				}
				if m.Action != ActionAnswerCallback && s.ids[i] != picker {
					t.Errorf("%s of message %d, want the picker %d", m.Action, s.ids[i], picker)
				}
			}
		}
	},
	"mydata": func(t *testing.T, r *caseRun) {
		maria := myDataOf(t, r, 1001)
		if maria.Citizen.TelegramUserID != 1001 || maria.Citizen.FirstName != "Maria" || maria.Controller != testConfig.Comune {
			t.Errorf("Maria's export: %+v", maria)
		}
		if len(maria.Subscriptions) != 1 || maria.Subscriptions[0].Topic != "Vetro" || maria.Subscriptions[0].Since != "2025-03-01T09:00:00Z" {
			t.Errorf("Maria's export lists subscriptions %+v, want Vetro since the fixed clock", maria.Subscriptions)
		}
		if john := myDataOf(t, r, 2001); john.Subscriptions == nil || len(john.Subscriptions) != 0 || john.Citizen.Language != "en" {
			t.Errorf("John's export: %+v", john)
		}
	},
	"forget_confirm": func(t *testing.T, r *caseRun) {
		// The last input (an old button) created a fresh citizen: nothing of
		// the old one may have survived into it.
		c := citizen(t, r, 1001)
		if subs, _ := r.st.Subscriptions(context.Background(), c.ID); len(subs) != 0 {
			t.Errorf("subscriptions survived /dimenticami: %+v", subs)
		}
	},
	"forget_cancel": func(t *testing.T, r *caseRun) {
		c := citizen(t, r, 1001)
		if subs, _ := r.st.Subscriptions(context.Background(), c.ID); len(subs) != 1 {
			t.Errorf("cancelling lost subscriptions: %+v", subs)
		}
		if _, err := r.st.ConversationOf(context.Background(), c.ID); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("a cancelled question is still open: %v", err)
		}
	},
	"stop": func(t *testing.T, r *caseRun) {
		c := citizen(t, r, 1001)
		if subs, _ := r.st.Subscriptions(context.Background(), c.ID); len(subs) != 0 || !c.Active {
			t.Errorf("after /stop and writing again: subscriptions %+v, active %v", subs, c.Active)
		}
	},
	"language_switch": func(t *testing.T, r *caseRun) {
		if c := citizen(t, r, 1001); c.Language != "en" || !c.LanguageChosen {
			t.Errorf("language %q chosen=%v, want en chosen", c.Language, c.LanguageChosen)
		}
	},
	"bad_input": func(t *testing.T, r *caseRun) {
		for _, s := range r.steps[1:] { // after the welcome
			for _, m := range s.msgs {
				if n := utf8.RuneCountInString(m.Text); n > 300 {
					t.Errorf("a %d-character answer to %s input", n, s.in.Kind)
				}
				if len(s.in.Text) > 100 && strings.Contains(m.Text, s.in.Text[:100]) {
					t.Errorf("the answer echoes the citizen's text")
				}
				if s.in.Kind == KindCallback && m.Action != ActionAnswerCallback {
					t.Errorf("a forged callback %q changed the chat: %+v", s.in.CallbackData, m)
				}
			}
			if !s.in.Private() && len(s.msgs) > 0 {
				t.Errorf("answered in a %s: %+v", s.in.ChatType, s.msgs)
			}
		}
		c := citizen(t, r, 1001)
		if subs, _ := r.st.Subscriptions(context.Background(), c.ID); len(subs) != 0 {
			t.Errorf("forged callbacks subscribed the citizen: %+v", subs)
		}
	},
}

func citizen(t *testing.T, r *caseRun, userID int64) store.Citizen {
	t.Helper()
	c, err := r.st.CitizenByTelegramID(context.Background(), userID)
	if err != nil {
		t.Fatalf("citizen %d: %v", userID, err)
	}
	return c
}

// checkNewCitizens: each user got one welcome with the menu and is
// subscribed to nothing.
func checkNewCitizens(t *testing.T, r *caseRun, lang string, users ...int64) {
	t.Helper()
	for _, u := range users {
		c := citizen(t, r, u)
		if c.Language != lang || c.LanguageChosen {
			t.Errorf("user %d: language %q chosen=%v, want %q from Telegram", u, c.Language, c.LanguageChosen, lang)
		}
		if subs, _ := r.st.Subscriptions(context.Background(), c.ID); len(subs) != 0 {
			t.Errorf("user %d is subscribed to %+v without choosing", u, subs)
		}
	}
	for _, s := range r.steps {
		if s.in.Command != "start" {
			continue
		}
		if len(s.msgs) != 1 || s.msgs[0].Keyboard == nil || !strings.Contains(s.msgs[0].Text, testConfig.Comune) {
			t.Errorf("/start from %d: want one welcome naming the comune, with the menu; got %+v", s.in.UserID, s.msgs)
		}
	}
}

// myDataOf finds the last export sent to a user and decodes it.
func myDataOf(t *testing.T, r *caseRun, userID int64) myData {
	t.Helper()
	var doc *File
	for _, s := range r.steps {
		for _, m := range s.msgs {
			if m.Action == ActionSendDocument && m.ChatID == userID {
				doc = m.File
			}
		}
	}
	if doc == nil {
		t.Fatalf("no export sent to %d", userID)
	}
	if doc.MIME != "application/json" || !strings.HasSuffix(doc.Name, ".json") {
		t.Errorf("export %s is %s", doc.Name, doc.MIME)
	}
	var got myData
	if err := json.Unmarshal(doc.Data, &got); err != nil {
		t.Fatalf("the export is not JSON: %v\n%s", err, doc.Data)
	}
	var generic map[string]any
	json.Unmarshal(doc.Data, &generic)
	for _, key := range []string{"exported_at", "controller", "citizen", "subscriptions"} {
		if _, ok := generic[key]; !ok {
			t.Errorf("the export lacks %q", key)
		}
	}
	return got
}
