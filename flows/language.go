package flows

import (
	"github.com/campanile/campanile/locales"
)

var languageNames = map[string]string{"it": "🇮🇹 Italiano", "en": "🇬🇧 English", "de": "🇩🇪 Deutsch"}

func (s *session) showLanguages() {
	var row []Button
	for _, lang := range locales.Supported {
		label := languageNames[lang]
		if lang == s.lang {
			label = markOn + " " + label
		}
		row = append(row, Button{Text: label, Data: cbLanguage + ":" + lang})
	}
	s.send(s.t("language.choose", nil), [][]Button{row})
}

func (s *session) chooseLanguage(code string) error {
	if _, ok := languageNames[code]; !ok {
		return s.refuseCallback()
	}
	if err := s.st.SetCitizenLanguage(s.ctx, s.citizen.ID, code); err != nil {
		return err
	}
	s.lang = code
	s.answer("", false)
	s.editText(s.t("language.choose", nil)+" "+languageNames[code], nil)
	// A new message, not an edit, because only a new message can bring the
	// main menu keyboard in the new language.
	s.sendWithMenu(s.t("language.set", nil))
	return nil
}
