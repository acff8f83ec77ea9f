package emulator

import (
	"encoding/json"
	"strconv"
	"strings"
)

// Typed readers over the raw string parameters. Telegram is lenient about
// representation ("true", "1", "True" are all true) and strict about
// values; these follow suit.

func (c *call) str(name string) string { return c.p.get(name) }

func (c *call) int64(name string) (int64, bool, *apiError) {
	raw := strings.TrimSpace(c.p.get(name))
	if raw == "" {
		return 0, false, nil
	}
	v, err := strconv.ParseInt(raw, 10, 64)
	if err != nil {
		f, ferr := strconv.ParseFloat(raw, 64)
		if ferr != nil || f != float64(int64(f)) {
			return 0, false, badRequest("invalid %s specified", name)
		}
		v = int64(f)
	}
	return v, true, nil
}

func (c *call) int(name string) (int, bool, *apiError) {
	v, ok, e := c.int64(name)
	if v > 1<<31-1 || v < -(1<<31) {
		return 0, false, badRequest("invalid %s specified", name)
	}
	return int(v), ok, e
}

func (c *call) float(name string) (float64, *apiError) {
	raw := strings.TrimSpace(c.p.get(name))
	v, err := strconv.ParseFloat(raw, 64)
	if err != nil {
		return 0, badRequest("invalid %s specified", name)
	}
	return v, nil
}

func (c *call) bool(name string) bool {
	switch strings.ToLower(strings.TrimSpace(c.p.get(name))) {
	case "true", "1", "yes":
		return true
	}
	return false
}

// json decodes a JSON-valued parameter (reply_markup, entities, media...)
// into v. It reports false when the parameter is absent.
func (c *call) json(name string, v any, errText string) (bool, *apiError) {
	raw := strings.TrimSpace(c.p.get(name))
	if raw == "" {
		return false, nil
	}
	if err := json.Unmarshal([]byte(raw), v); err != nil {
		return true, badRequest("%s", errText)
	}
	return true, nil
}

// chatRef is a chat_id as the bot wrote it: a number or "@username".
func (c *call) chatRef(name string) (id int64, username string, e *apiError) {
	raw := strings.TrimSpace(c.p.get(name))
	if raw == "" {
		return 0, "", badRequest("%s is empty", name)
	}
	if strings.HasPrefix(raw, "@") {
		return 0, raw[1:], nil
	}
	v, ok, e := c.int64(name)
	if e != nil || !ok || v == 0 {
		return 0, "", badRequest(errChatNotFound)
	}
	return v, "", nil
}
