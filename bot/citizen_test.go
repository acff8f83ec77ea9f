package bot

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/campanile/campanile/bot/emulator"
)

// plain is what a citizen reads for a locale key: the HTML parsed the way
// Telegram parses it.
func (h *harness) plain(lang, key string, data map[string]any) string {
	h.t.Helper()
	text, _, err := emulator.ParseHTML(h.cat.T(lang, key, data))
	if err != nil {
		h.t.Fatalf("locale %s/%s is not valid Telegram HTML: %v", lang, key, err)
	}
	return text
}

func TestStartWelcomesInTheCitizensLanguageAndSubscribesNothing(t *testing.T) {
	cases := []struct {
		label, code, want string
	}{
		{"italian", "it", "it"},
		{"english", "en-GB", "en"},
		{"german", "de", "de"},
		{"french falls back to italian", "fr", "it"},
		{"no language falls back to italian", "", "it"},
	}
	h := newHarness(t)
	h.start()
	for i, c := range cases {
		t.Run(c.label, func(t *testing.T) {
			u := h.emu.User(int64(1000+i), "Anna", c.code)
			u.Send("/start")
			welcome := expect(t, u, 1)[0]
			want := h.plain(c.want, "start.welcome", map[string]any{"Name": "Anna", "Comune": "Comune di Prova"})
			if welcome.Text != want {
				t.Errorf("welcome in %s:\n got %q\nwant %q", c.want, welcome.Text, want)
			}
			var labels []string
			for _, row := range welcome.ReplyKeyboard {
				for _, b := range row {
					labels = append(labels, b.Text)
				}
			}
			for _, key := range []string{"menu.report", "menu.waste", "menu.news", "menu.topics", "menu.help"} {
				if !strings.Contains(strings.Join(labels, "|"), h.cat.T(c.want, key, nil)) {
					t.Errorf("main menu %v lacks %s", labels, key)
				}
			}
			if subs := h.subscriptions(u); len(subs) != 0 {
				t.Errorf("a new citizen is subscribed to %v; privacy by default wants nothing", subs)
			}
		})
	}
}

func TestMenuButtonsOfFeaturesNotBuiltSayItKindly(t *testing.T) {
	h := newHarness(t)
	h.start()
	u := h.emu.User(2001, "Bruno", "it")
	u.Send("/start")
	expect(t, u, 1)
	for i, c := range []struct{ button, answer string }{
		{"menu.waste", "wastechat.no_zones"}, // the test comune has no zones yet
		{"menu.news", "news.empty"},          // nothing published yet
		{"menu.help", "help.text"},
	} {
		u.Send(h.cat.T("it", c.button, nil))
		got := expect(t, u, i+2)[i+1]
		if want := h.plain("it", c.answer, map[string]any{"Comune": h.flows.Comune}); got.Text != want {
			t.Errorf("%s answered %q, want %q", c.button, got.Text, want)
		}
	}
}

func TestTopicsToggleEditsTheSameMessageAndStoresConsent(t *testing.T) {
	h := newHarness(t)
	h.start()
	u := h.emu.User(2002, "Carla", "it")
	u.Send("/argomenti")
	picker := expect(t, u, 1)[0]
	if !strings.Contains(picker.Text, "Argomenti") {
		t.Fatalf("picker text %q", picker.Text)
	}

	// A topic without subtopics toggles directly, with its mark changing.
	u.PressData(picker, button(t, picker, "Eventi").CallbackData)
	h.eventually("Eventi marked on", func() bool {
		return strings.HasPrefix(button(t, current(t, u, picker.ID), "Eventi").Text, "✅")
	})
	// A topic with subtopics opens its level in the same message.
	u.PressData(picker, button(t, current(t, u, picker.ID), "Rifiuti").CallbackData)
	h.eventually("Rifiuti level shown", func() bool {
		return strings.Contains(current(t, u, picker.ID).Text, "Rifiuti") && hasButton(current(t, u, picker.ID), "Vetro")
	})
	u.PressData(picker, button(t, current(t, u, picker.ID), "Vetro").CallbackData)
	h.eventually("Vetro marked on", func() bool {
		return strings.HasPrefix(button(t, current(t, u, picker.ID), "Vetro").Text, "✅")
	})
	// "Tutto" turns on every subtopic.
	u.PressData(picker, button(t, current(t, u, picker.ID), "Tutto").CallbackData)
	h.eventually("all of Rifiuti on", func() bool {
		m := current(t, u, picker.ID)
		return strings.HasPrefix(button(t, m, "Carta").Text, "✅") && strings.HasPrefix(button(t, m, "Umido").Text, "✅")
	})
	u.PressData(picker, button(t, current(t, u, picker.ID), "Indietro").CallbackData)
	h.eventually("back at the top level showing 5/5", func() bool {
		m := current(t, u, picker.ID)
		return hasButton(m, "Rifiuti (5/5)")
	})
	if n := len(u.BotMessages()); n != 1 {
		t.Errorf("the picker should be edited in place; the chat has %d bot messages:%s", n, texts(u.BotMessages()))
	}
	// Rifiuti itself counts once all its subtopics are on: "all of it"
	// also covers news about waste in general.
	if subs := h.subscriptions(u); len(subs) != 7 {
		t.Errorf("want Eventi, Rifiuti and its 5 subtopics, got %d topics: %v", len(subs), subs)
	}
	// Every press was answered, so the citizen's button stops spinning.
	if answers := u.CallbackAnswers(); len(answers) != 5 {
		t.Errorf("want 5 callback answers, got %d", len(answers))
	}
}

func hasButton(m emulator.Message, part string) bool {
	for _, row := range m.InlineKeyboard {
		for _, b := range row {
			if strings.Contains(b.Text, part) {
				return true
			}
		}
	}
	return false
}

func TestLanguageCommandSwitchesEveryLaterAnswer(t *testing.T) {
	h := newHarness(t)
	h.start()
	u := h.emu.User(2003, "Dieter", "it")
	u.Send("/lingua")
	chooser := expect(t, u, 1)[0]
	u.PressData(chooser, button(t, chooser, "Deutsch").CallbackData)
	h.eventually("language stored", func() bool { return h.citizen(u).Language == "de" })
	confirmed := expect(t, u, 2)[1]
	if want := h.plain("de", "language.set", nil); confirmed.Text != want {
		t.Errorf("language confirmation %q, want %q", confirmed.Text, want)
	}
	u.Send("/hilfe")
	msgs := expect(t, u, 3)
	last := msgs[len(msgs)-1]
	if want := h.plain("de", "help.text", nil); last.Text != want {
		t.Errorf("help after switching to German: %q", last.Text)
	}
}

func TestPrivacyAndHelpAnswerInFull(t *testing.T) {
	h := newHarness(t)
	h.start()
	u := h.emu.User(2004, "Elena", "en")
	u.Send("/privacy")
	u.Send("/help")
	msgs := expect(t, u, 2)
	if want := h.plain("en", "privacy.text", map[string]any{"Comune": "Comune di Prova", "Contact": "privacy@prova.it"}); msgs[0].Text != want {
		t.Errorf("privacy: %q", msgs[0].Text)
	}
	if want := h.plain("en", "help.text", nil); msgs[1].Text != want {
		t.Errorf("help: %q", msgs[1].Text)
	}
}

func TestMyDataSendsEverythingKeptAsJSONDocument(t *testing.T) {
	h := newHarness(t)
	h.start()
	u := h.emu.User(2005, "Franco", "it")
	u.Send("/argomenti")
	picker := expect(t, u, 1)[0]
	u.PressData(picker, button(t, picker, "Eventi").CallbackData)
	h.eventually("subscribed", func() bool { return len(h.subscriptions(u)) == 1 })
	u.Send("/imieidati")
	doc := expect(t, u, 2)[1]
	if doc.Document == nil {
		t.Fatalf("want a document, got %+v", doc)
	}
	data, ok := h.emu.File(doc.Document.FileID)
	if !ok {
		t.Fatal("document bytes not stored by the emulator")
	}
	var got map[string]any
	if err := json.Unmarshal(data, &got); err != nil {
		t.Fatalf("document is not JSON: %v\n%s", err, data)
	}
	raw := string(data)
	for _, want := range []string{"Franco", "2005", "Eventi"} {
		if !strings.Contains(raw, want) {
			t.Errorf("my data lacks %q:\n%s", want, raw)
		}
	}
}

func TestForgetAfterConfirmationErasesTheCitizen(t *testing.T) {
	h := newHarness(t)
	h.start()
	u := h.emu.User(2006, "Gina", "it")
	u.Send("/argomenti")
	picker := expect(t, u, 1)[0]
	u.PressData(picker, button(t, picker, "Eventi").CallbackData)
	h.eventually("subscribed", func() bool { return len(h.subscriptions(u)) == 1 })

	u.Send("/dimenticami")
	confirm := expect(t, u, 2)[1]
	u.PressData(confirm, button(t, confirm, h.cat.T("it", "forget.no", nil)).CallbackData)
	h.eventually("kept", func() bool {
		return len(u.BotMessages()) >= 3 || strings.Contains(current(t, u, confirm.ID).Text, "non ho cancellato")
	})
	if len(h.subscriptions(u)) != 1 {
		t.Fatal("saying no must keep the data")
	}

	u.Send("/dimenticami")
	msgs := expect(t, u, 3)
	confirm = msgs[len(msgs)-1]
	u.PressData(confirm, button(t, confirm, h.cat.T("it", "forget.yes", nil)).CallbackData)
	h.eventually("citizen erased", func() bool {
		_, err := h.st.CitizenByTelegramID(context.Background(), u.ID())
		return err != nil
	})
	counts, err := h.st.TopicSubscriberCounts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for topic, n := range counts {
		if n != 0 {
			t.Errorf("topic %d still counts %d subscribers after /forget", topic, n)
		}
	}
}

func TestStopUnsubscribesFromEverything(t *testing.T) {
	h := newHarness(t)
	h.start()
	u := h.emu.User(2007, "Ivo", "it")
	u.Send("/argomenti")
	picker := expect(t, u, 1)[0]
	u.PressData(picker, button(t, picker, "Eventi").CallbackData)
	u.PressData(picker, button(t, picker, "Protezione").CallbackData)
	h.eventually("subscribed", func() bool { return len(h.subscriptions(u)) == 2 })
	u.Send("/stop")
	msgs := expect(t, u, 2)
	if want := h.plain("it", "stop.done", nil); msgs[len(msgs)-1].Text != want {
		t.Errorf("stop answered %q", msgs[len(msgs)-1].Text)
	}
	if subs := h.subscriptions(u); len(subs) != 0 {
		t.Errorf("still subscribed to %v", subs)
	}
}

func TestCommandsRegisteredInEveryLanguage(t *testing.T) {
	h := newHarness(t)
	h.start()
	h.eventually("setMyCommands for it, en, de and default", func() bool {
		langs := map[string]bool{}
		for _, r := range h.emu.Requests() {
			if strings.EqualFold(r.Method, "setMyCommands") && r.Status == 200 {
				langs[r.Params["language_code"]] = true
			}
		}
		return langs[""] && langs["it"] && langs["en"] && langs["de"]
	})
}
