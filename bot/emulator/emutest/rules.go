package emutest

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// Rules the Bot API states in prose rather than in api.json's field lists,
// kept to the ones a bot like ours can break and Telegram rejects.

// buttonLooks are InlineKeyboardButton's optional fields that change how a
// button looks; every other optional field is an action, and Telegram
// rejects a button without one ("Text buttons are unallowed in the inline
// keyboard"). go-telegram/bot always sends "copy_text":{"text":""}, so an
// empty action does not count as one.
var buttonLooks = []string{"text", "icon_custom_emoji_id", "style"}

func checkRules(t, path string, obj map[string]any) []problem {
	if t != "InlineKeyboardButton" {
		return nil
	}
	var out []problem
	actions := 0
	for k, v := range obj {
		if !slices.Contains(buttonLooks, k) && !isEmpty(v) {
			actions++
		}
	}
	if actions == 0 {
		out = append(out, problem{path, "inline button has no action (url, callback_data, ...)"})
	}
	if data, ok := obj["callback_data"].(string); ok && (len(data) < 1 || len(data) > 64) {
		out = append(out, problem{path + ".callback_data", fmt.Sprintf("is %d bytes, Telegram allows 1-64", len(data))})
	}
	return out
}

// isEmpty reports JSON zero values: what an omitempty-less encoder emits
// for a field nobody set.
func isEmpty(v any) bool {
	switch v := v.(type) {
	case nil:
		return true
	case string:
		return v == ""
	case bool:
		return !v
	case json.Number:
		return strings.Trim(string(v), "0.-") == ""
	case []any:
		return len(v) == 0
	case map[string]any:
		for _, e := range v {
			if !isEmpty(e) {
				return false
			}
		}
		return true
	}
	return false
}
