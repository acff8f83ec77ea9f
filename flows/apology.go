package flows

import "github.com/campanile/campanile/locales"

// Apology is what a citizen hears when their message could not be handled
// at all: better an apology than silence.
func (e *Engine) Apology(in Input) []Message {
	if !in.Private() || in.ChatID == 0 {
		return nil
	}
	lang := locales.Normalize(in.LanguageCode)
	return []Message{{Action: ActionSend, ChatID: in.ChatID, Text: e.t(lang, "error.generic", nil)}}
}
