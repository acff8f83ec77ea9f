package flows

import (
	"fmt"
	"strings"

	"github.com/campanile/campanile/locales"
)

// menuAction is what a main-menu button does.
type menuAction string

const (
	menuReport menuAction = "report"
	menuWaste  menuAction = "waste"
	menuNews   menuAction = "news"
	menuTopics menuAction = "topics"
	menuHelp   menuAction = "help"
)

var menuLayout = [][]menuAction{
	{menuReport, menuWaste},
	{menuNews, menuTopics},
	{menuHelp},
}

// menuLabels recognises a pressed menu button in any shipped language: a
// citizen who switches language may still press an old keyboard.
type menuLabels map[string]menuAction

func newMenuLabels(cat *locales.Catalog) menuLabels {
	labels := menuLabels{}
	for _, lang := range locales.Supported {
		for _, row := range menuLayout {
			for _, action := range row {
				labels[normalizeLabel(cat.T(lang, "menu."+string(action), nil))] = action
			}
		}
	}
	return labels
}

func (m menuLabels) match(text string) (menuAction, bool) {
	if len(text) > 64 {
		return "", false
	}
	action, ok := m[normalizeLabel(text)]
	return action, ok
}

// normalizeLabel drops emoji and case so "📍 Segnala", "segnala" and
// "Segnala" all match.
func normalizeLabel(s string) string {
	s = strings.Map(func(r rune) rune {
		if r > 0x2000 && (r < 0x3000 || r > 0x1F000) || r == 0xFE0F {
			return -1
		}
		return r
	}, s)
	return strings.ToLower(strings.TrimSpace(s))
}

func (e *Engine) mainMenu(lang string) Keyboard {
	kb := Keyboard{Placeholder: e.cat.T(lang, "menu.placeholder", nil)}
	for _, row := range menuLayout {
		var keys []KeyButton
		for _, action := range row {
			keys = append(keys, KeyButton{Text: e.cat.T(lang, "menu."+string(action), nil)})
		}
		kb.Rows = append(kb.Rows, keys)
	}
	return kb
}

func (s *session) handleMenu(action menuAction) error {
	switch action {
	case menuTopics:
		return s.showTopics()
	case menuReport:
		if err := s.st.EndConversation(s.ctx, s.citizen.ID); err != nil {
			return err
		}
		return s.startReport()
	case menuHelp:
		s.sendWithMenu(s.t("help.text", nil))
		return nil
	case menuWaste:
		return s.showWaste()
	case menuNews:
		return s.showPostList(false, 1, false)
	}
	return fmt.Errorf("flows: menu action %q has no handler", action)
}
