package flows

import (
	"html"
	"strings"
	"time"
	_ "time/tzdata" // Europe/Rome even on a host without a zoneinfo database

	"github.com/campanile/campanile/flows/richtext"
	"github.com/campanile/campanile/store"
)

// Telegram's limits on visible text, in UTF-16 code units after entity
// parsing: a message's text and a photo's or document's caption.
const (
	postTextLimit    = 4096
	postCaptionLimit = 1024
)

// ackVerb is the "Ricevuto" button of an alert: ack:<post id>.
const ackVerb = "ack"

// comuneClock is the comune's wall clock: event times, quiet hours.
var comuneClock = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Rome")
	if err != nil {
		// time/tzdata is embedded, so this cannot happen; UTC is a
		// visible, harmless fallback rather than a panic at start-up.
		return time.UTC
	}
	return loc
}()

// RenderPost is what a citizen receives for a post, in lang: the photo
// or document first (captioned with the heading), then the text (the
// heading, when there was no media, and the body) in as many messages as
// Telegram's limit needs, cut by richtext.Split. The last message is the
// recipient's copy: it carries the link button and, for an alert, the
// "Ricevuto" button. Delivery details (chat, silence, pin, post id) are
// the caller's.
func (e *Engine) RenderPost(p store.Post, lang string) []Message {
	heading := e.postHeading(p, lang)
	var out []Message
	text := heading
	if p.MediaPath != "" {
		caption := firstPiece(heading, postCaptionLimit)
		m := Message{Action: ActionSendPhoto, Text: caption, MediaPath: p.MediaPath}
		if p.MediaKind == "document" {
			m.Action = ActionSendDocument
			m.File = &File{Name: p.MediaName, MIME: "application/pdf"}
		}
		out = append(out, m)
		text = ""
	}
	// Bodies are sanitized when saved; once more here is cheap (once per
	// language) and keeps one bad row from failing a whole broadcast.
	body := strings.TrimSpace(richtext.Sanitize(p.BodyHTML))
	switch {
	case text == "":
		text = body
	case body != "":
		text += "\n\n" + body
	}
	if text != "" {
		for _, piece := range richtext.Split(text, postTextLimit) {
			out = append(out, Message{Action: ActionSend, Text: piece})
		}
	}
	if len(out) == 0 {
		// A post with neither media nor visible text: the heading always
		// has the title, so only a damaged row gets here.
		return nil
	}
	last := &out[len(out)-1]
	last.Buttons = e.postButtons(p, lang, false)
	return out
}

// postHeading is the kind, the title in bold and, for an event, when and
// where.
func (e *Engine) postHeading(p store.Post, lang string) string {
	lines := []string{e.t(lang, "posts.kind."+p.Kind, nil), "<b>" + html.EscapeString(p.Title) + "</b>"}
	if p.Kind == store.PostEvent && p.EventAt > 0 {
		at := unixIn(p.EventAt)
		lines = append(lines, e.t(lang, "posts.event_when", map[string]any{"Date": at.Format("02/01/2006"), "Time": at.Format("15:04")}))
	}
	if p.Kind == store.PostEvent && p.EventPlace != "" {
		lines = append(lines, e.t(lang, "posts.event_place", map[string]any{"Place": p.EventPlace}))
	}
	return strings.Join(lines, "\n")
}

// postButtons are the copy's buttons: the link, and an alert's
// "Ricevuto", drawn as pressed once the citizen acknowledged.
func (e *Engine) postButtons(p store.Post, lang string, acked bool) [][]Button {
	var rows [][]Button
	if p.Link != "" {
		rows = append(rows, []Button{{Text: e.cat.T(lang, "posts.link_button", nil), URL: p.Link}})
	}
	if p.Kind == store.PostAlert {
		key := "posts.ack_button"
		if acked {
			key = "posts.ack_done_button"
		}
		rows = append(rows, []Button{{Text: e.cat.T(lang, key, nil), Data: cbData(ackVerb, p.ID)}})
	}
	return rows
}

// firstPiece is text cut to fit limit, valid HTML whatever the cut.
func firstPiece(text string, limit int) string {
	pieces := richtext.Split(text, limit)
	if len(pieces) == 0 {
		return ""
	}
	return pieces[0]
}

// unixIn is a stored unix time on the comune's clock.
func unixIn(at int64) time.Time { return time.Unix(at, 0).In(comuneClock) }

// visibleLen is what Telegram counts of an HTML text.
func visibleLen(text string) int { return richtext.VisibleLength(text) }
