package flows

import (
	"log/slog"
	"regexp"
	"strings"
	"testing"

	"github.com/campanile/campanile/locales"
)

var telegramCommand = regexp.MustCompile(`^[a-z0-9_]{1,32}$`)

// TestCommandMenus: the menu each language registers with setMyCommands
// names commands the engine understands, as Telegram requires them.
func TestCommandMenus(t *testing.T) {
	cat := locales.MustLoad()
	e := NewEngine(testConfig, cat, slog.New(slog.DiscardHandler))
	for _, lang := range locales.Supported {
		cmds := e.Commands(lang)
		if len(cmds) == 0 {
			t.Errorf("%s: no commands", lang)
		}
		seen := map[string]bool{}
		for _, c := range cmds {
			if !telegramCommand.MatchString(c.Command) {
				t.Errorf("%s: /%s is not a valid Telegram command", lang, c.Command)
			}
			if _, ok := commandAliases[c.Command]; !ok {
				t.Errorf("%s: /%s is offered but not understood", lang, c.Command)
			}
			if n := len([]rune(c.Description)); n < 1 || n > 256 {
				t.Errorf("%s: /%s has a %d-character description", lang, c.Command, n)
			}
			canonical := commandAliases[c.Command]
			if seen[canonical] {
				t.Errorf("%s: %s offered twice", lang, canonical)
			}
			seen[canonical] = true
		}
	}
	if missing := cat.Missing(); len(missing) > 0 {
		t.Errorf("command descriptions missing: %v", missing)
	}
}

func TestApology(t *testing.T) {
	cat := locales.MustLoad()
	e := NewEngine(testConfig, cat, slog.New(slog.DiscardHandler))
	tests := []struct {
		label string
		in    Input
		want  string
	}{
		{"italian", Input{ChatID: 1, ChatType: ChatPrivate, LanguageCode: "it"}, "Scusa"},
		{"german", Input{ChatID: 1, ChatType: ChatPrivate, LanguageCode: "de-AT"}, "Entschuldigung"},
		{"unknown language", Input{ChatID: 1, ChatType: ChatPrivate, LanguageCode: "ja"}, "Scusa"},
		{"group", Input{ChatID: -100, ChatType: ChatGroup}, ""},
		{"no chat", Input{ChatType: ChatPrivate}, ""},
	}
	for _, tt := range tests {
		msgs := e.Apology(tt.in)
		switch {
		case tt.want == "" && len(msgs) != 0:
			t.Errorf("%s: apologised in %+v", tt.label, msgs)
		case tt.want != "" && (len(msgs) != 1 || !strings.Contains(msgs[0].Text, tt.want)):
			t.Errorf("%s: Apology = %+v, want one message with %q", tt.label, msgs, tt.want)
		}
		for _, m := range msgs {
			checkMessage(t, m)
		}
	}
	if missing := cat.Missing(); len(missing) > 0 {
		t.Errorf("missing: %v", missing)
	}
}
