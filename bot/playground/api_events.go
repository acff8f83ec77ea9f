package playground

import (
	"net/http"
	"strconv"
	"time"

	"github.com/campanile/campanile/bot/emulator"
)

// maxEventWait is how long a long poll waits for news: under the ~30s
// idle timeouts common in proxies, so the wait ends with an empty answer
// rather than a cut connection.
const maxEventWait = 25 * time.Second

type eventView struct {
	Seq     int          `json:"seq"`
	ChatID  int64        `json:"chat_id"`
	Kind    string       `json:"kind"`
	Message *messageView `json:"message,omitempty"`
	Answer  *answerView  `json:"answer,omitempty"`
}

type answerView struct {
	Text      string `json:"text,omitempty"`
	ShowAlert bool   `json:"show_alert,omitempty"`
	URL       string `json:"url,omitempty"`
}

// apiEvents answers at once when something happened after ?since=N, else
// waits up to ?timeout= seconds (default and at most 25) for it. Reset
// tells the page it missed events (the log was trimmed, or the server
// restarted and counts from zero again) and must reload its chats.
func (p *Playground) apiEvents(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	since, err := strconv.Atoi(q.Get("since"))
	if err != nil || since < 0 {
		writeError(w, badRequest("bad_since", "since must be a whole number of at least 0"))
		return
	}
	wait := maxEventWait
	if t := q.Get("timeout"); t != "" {
		secs, err := strconv.Atoi(t)
		if err != nil || secs < 0 || secs > int(maxEventWait/time.Second) {
			writeError(w, badRequest("bad_timeout", "timeout must be between 0 and %d seconds", int(maxEventWait/time.Second)))
			return
		}
		wait = time.Duration(secs) * time.Second
	}
	timer := time.NewTimer(wait)
	defer timer.Stop()
	for {
		// Changed is taken before Events, so that a change between the
		// two still wakes this loop.
		changed := p.emu.Changed()
		events, next := p.emu.Events(since)
		reset := next < since || len(events) > 0 && events[0].Seq > since+1
		views := p.eventViews(events)
		if reset || len(views) > 0 {
			writeJSON(w, http.StatusOK, map[string]any{"events": views, "next": next, "reset": reset})
			return
		}
		since = next // events of other chats are skipped for good
		select {
		case <-changed:
		case <-timer.C:
			writeJSON(w, http.StatusOK, map[string]any{"events": []eventView{}, "next": next, "reset": false})
			return
		case <-r.Context().Done():
			return
		case <-p.done:
			writeJSON(w, http.StatusOK, map[string]any{"events": []eventView{}, "next": next, "reset": false})
			return
		}
	}
}

// eventViews keeps the events of the playground's chats.
func (p *Playground) eventViews(events []emulator.Event) []eventView {
	out := []eventView{}
	for _, ev := range events {
		if _, ok := p.chats[ev.ChatID]; !ok {
			continue
		}
		v := eventView{Seq: ev.Seq, ChatID: ev.ChatID, Kind: ev.Kind}
		if ev.Message.ID != 0 {
			m := p.view(ev.Message)
			v.Message = &m
		}
		if a := ev.Answer; a != nil {
			v.Answer = &answerView{Text: a.Text, ShowAlert: a.ShowAlert, URL: a.URL}
			if !safeLink(a.URL) {
				v.Answer.URL = ""
			}
		}
		out = append(out, v)
	}
	return out
}
