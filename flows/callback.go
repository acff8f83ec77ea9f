package flows

import (
	"strconv"
	"strings"
)

// Callback data is what an inline button carries back, at most 64 bytes.
// Every button the bot issues is "<verb>" or "<verb>:<arg>"; anything else
// (an old client, a forged request) is refused without side effects.
const (
	cbTopicOpen   = "to" // to:<topic id>: show a topic's subtopics
	cbTopicToggle = "tt" // tt:<topic id>: subscribe or unsubscribe
	cbTopicAll    = "ta" // ta:<topic id>: all of a topic's subtopics on or off
	cbTopicBack   = "tb" // back to the top level
	cbTopicDone   = "td" // close the topic picker
	cbLanguage    = "lg" // lg:<code>
	cbForgetYes   = "fy"
	cbForgetNo    = "fn"
)

type callback struct {
	verb   string
	arg    string
	hasArg bool
}

func parseCallback(data string) (callback, bool) {
	if data == "" || len(data) > 64 {
		return callback{}, false
	}
	verb, arg, hasArg := strings.Cut(data, ":")
	return callback{verb: verb, arg: arg, hasArg: hasArg}, true
}

// id returns the numeric argument, refusing anything that is not a plain
// positive integer.
func (c callback) id() (int64, bool) {
	n, err := strconv.ParseInt(c.arg, 10, 64)
	return n, err == nil && n > 0 && strconv.FormatInt(n, 10) == c.arg
}

func cbData(verb string, id int64) string { return verb + ":" + strconv.FormatInt(id, 10) }

func (s *session) handleCallback() error {
	cb, ok := parseCallback(s.in.CallbackData)
	if !ok {
		return s.refuseCallback()
	}
	switch cb.verb {
	case cbTopicBack, cbTopicDone, cbForgetYes, cbForgetNo:
		// These verbs take no argument: data with one is not ours.
		if cb.hasArg {
			return s.refuseCallback()
		}
	}
	switch cb.verb {
	case cbTopicOpen, cbTopicToggle, cbTopicAll, cbTopicBack, cbTopicDone:
		return s.handleTopicCallback(cb)
	case cbLanguage:
		return s.chooseLanguage(cb.arg)
	case cbForgetYes, cbForgetNo:
		return s.answerForget(cb.verb == cbForgetYes)
	case ackVerb:
		return s.handleAckCallback(cb)
	}
	if isReportVerb(cb.verb) {
		return s.handleReportCallback(cb)
	}
	if isMineVerb(cb.verb) {
		return s.handleMineCallback(cb)
	}
	if isWasteVerb(cb.verb) {
		return s.handleWasteCallback(cb)
	}
	if isNewsVerb(cb.verb) {
		return s.handleNewsCallback(cb)
	}
	if isPlaceVerb(cb.verb) {
		return s.handlePlaceCallback(cb)
	}
	return s.refuseCallback()
}

// refuseCallback answers a button the bot cannot honour: one it never
// issued, or one whose moment has passed.
func (s *session) refuseCallback() error {
	s.answer(s.t("callback.invalid", nil), true)
	return nil
}
