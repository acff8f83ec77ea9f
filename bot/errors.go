package bot

import (
	"errors"
	"strings"

	tgbot "github.com/go-telegram/bot"
)

// errUndeliverable marks a message that no retry can fix (a payload this
// version cannot render).
var errUndeliverable = errors.New("bot: undeliverable message")

// verdict is what a failed (or succeeded) Bot API call means for the
// message and for the sender.
type verdict int

const (
	verdictSent        verdict = iota
	verdictRateLimited         // pause everything for retryAfter, then retry
	verdictBlocked             // the citizen is unreachable: stop writing to them
	verdictPermanent           // the request itself is wrong: retrying won't help
	verdictTransient           // Telegram or the network failed: retry with backoff
	verdictMigrated            // the group became a supergroup: resend to its new id
)

// classify reads an error from go-telegram/bot. It uses errors.As and
// errors.Is because our own wrapping would defeat the library's type
// assertions.
func classify(err error) (v verdict, retryAfter int) {
	if err == nil {
		return verdictSent, 0
	}
	if _, ok := migratedTo(err); ok {
		return verdictMigrated, 0
	}
	var tooMany *tgbot.TooManyRequestsError
	if errors.As(err, &tooMany) {
		retry := tooMany.RetryAfter
		if retry < 1 {
			retry = 1
		}
		return verdictRateLimited, retry
	}
	msg := err.Error()
	switch {
	case errors.Is(err, errUndeliverable):
		return verdictPermanent, 0
	case errors.Is(err, tgbot.ErrorForbidden):
		return verdictBlocked, 0
	case errors.Is(err, tgbot.ErrorBadRequest):
		switch {
		case strings.Contains(msg, "chat not found"), strings.Contains(msg, "user is deactivated"):
			return verdictBlocked, 0
		case strings.Contains(msg, "message is not modified"):
			// The chat already shows what we wanted: a double tap, or a
			// retry of an edit that went through before a crash.
			return verdictSent, 0
		}
		return verdictPermanent, 0
	case errors.Is(err, tgbot.ErrorNotFound):
		// 404 means a method this Bot API server does not know.
		return verdictPermanent, 0
	}
	return verdictTransient, 0
}

// migratedTo reads the new id of a group Telegram upgraded to a supergroup.
func migratedTo(err error) (int64, bool) {
	var m *tgbot.MigrateError
	if errors.As(err, &m) && m.MigrateToChatID != 0 {
		return int64(m.MigrateToChatID), true
	}
	return 0, false
}
