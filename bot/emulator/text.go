package emulator

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Telegram's limits, counted in UTF-16 code units after entity parsing.
const (
	maxTextLen     = 4096
	maxCaptionLen  = 1024
	maxCallbackLen = 200
)

// formatted is a text or caption after parse_mode.
type formatted struct {
	plain    string
	entities []Entity
	raw      string
	mode     string
}

// parseFormatted applies parse_mode (or explicit entities) to a text.
// Only HTML is parsed; the bot sends nothing else.
func parseFormatted(c *call, textParam, modeParam, entitiesParam string) (formatted, *apiError) {
	f := formatted{raw: c.str(textParam), mode: c.str(modeParam)}
	if !utf8.ValidString(f.raw) {
		return f, badRequest("strings must be encoded in UTF-8")
	}
	switch strings.ToLower(f.mode) {
	case "":
		f.plain = f.raw
		var ents []Entity
		if _, e := c.json(entitiesParam, &ents, "can't parse entities JSON object"); e != nil {
			return f, e
		}
		f.entities = validEntities(ents, UTF16Len(f.plain))
	case "html":
		plain, ents, err := ParseHTML(f.raw)
		if err != nil {
			return f, badRequest("%s", err.Error())
		}
		f.plain, f.entities = plain, ents
	case "markdown", "markdownv2":
		return f, badRequest(errUnsupportedParse)
	default:
		return f, badRequest("unsupported parse_mode")
	}
	return f, nil
}

// validEntities drops entities outside the text, as Telegram silently does.
func validEntities(ents []Entity, textLen int) []Entity {
	var out []Entity
	for _, e := range ents {
		// Compared as "length fits in what is left" so that a huge offset
		// plus length cannot wrap around and pass.
		if e.Type != "" && e.Offset >= 0 && e.Offset <= textLen && e.Length > 0 && e.Length <= textLen-e.Offset {
			out = append(out, e)
		}
	}
	return out
}

// checkText applies the 1-4096 limit of a message text.
func checkText(f formatted) *apiError {
	n := UTF16Len(f.plain)
	switch {
	case strings.TrimFunc(f.plain, unicode.IsSpace) == "":
		return badRequest(errTextEmpty)
	case n > maxTextLen:
		return badRequest(errTextTooLong)
	}
	return nil
}

// checkCaption applies the 0-1024 limit of a caption.
func checkCaption(f formatted) *apiError {
	if UTF16Len(f.plain) > maxCaptionLen {
		return badRequest(errCaptionTooLong)
	}
	return nil
}

// commandEntity marks a leading /command (with an optional @botname) the
// way Telegram does in messages that people send.
func commandEntity(text string) []Entity {
	if !strings.HasPrefix(text, "/") {
		return nil
	}
	end := strings.IndexFunc(text, unicode.IsSpace)
	if end < 0 {
		end = len(text)
	}
	word := text[:end]
	name, _, _ := strings.Cut(word[1:], "@")
	if name == "" || len(name) > 32 {
		return nil
	}
	for _, r := range name {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return nil
		}
	}
	return []Entity{{Type: "bot_command", Offset: 0, Length: UTF16Len(word)}}
}
